import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { attributeDefinitionSchema, duplicateKeyIndex, MAX_DEFINITIONS_PER_PUT, type AttributeDefinitionPlan, type StoredAttributeDefinition } from "@/lib/catalog/attribute-admin";
import { listStoredAttributeDefinitions, upsertAttributeDefinitions } from "@/lib/data/attribute-admin";
import { AppError } from "@/lib/errors";
import { isAdmin } from "./access";

/**
 * The attribute definitions from the PIM, with an admin's API key: `GET /admin/api/attributes` gives
 * them exactly as `PUT` takes them (a JSON array), `PUT` upserts each by key, all or nothing — one
 * invalid definition refuses the batch with its index and field (400) — and answers per key
 * `created` / `updated` / `unchanged`, so GET → PUT is all `unchanged`. Deleting is
 * `DELETE /admin/api/attributes/:key` (lib/admin/attributes.ts).
 */
export const attributePutSchema = z.array(attributeDefinitionSchema).min(1).max(MAX_DEFINITIONS_PER_PUT);

export interface AttributePutRefusal {
  error: "invalid_input";
  /** The first problem: which definition, which field, why (a zod message or code, "duplicate_key"). */
  index: number | null;
  field: string | null;
  problem: string;
  issues: { path: PropertyKey[]; message: string }[];
}

/** The body checked, or the refusal the route answers with 400. */
export function parseAttributePut(body: unknown): { items: z.infer<typeof attributePutSchema> } | AttributePutRefusal {
  const parsed = attributePutSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 50).map((issue) => ({ path: issue.path, message: issue.message }));
    const [first] = parsed.error.issues;
    const index = typeof first?.path[0] === "number" ? first.path[0] : null;
    const field = first?.path.length && first.path.length > 1 ? first.path.slice(1).map(String).join(".") : null;
    return { error: "invalid_input", index, field, problem: first?.code === "custom" ? first.message : (first?.code ?? "invalid"), issues };
  }
  const duplicate = duplicateKeyIndex(parsed.data);
  if (duplicate !== null) return { error: "invalid_input", index: duplicate, field: "key", problem: "duplicate_key", issues: [{ path: [duplicate, "key"], message: "duplicate_key" }] };
  return { items: parsed.data };
}

export interface AttributePutResult {
  counts: Record<AttributeDefinitionPlan["outcome"], number>;
  rows: { key: string; outcome: AttributeDefinitionPlan["outcome"] }[];
}

/** Checks who asks before what was sent (an account manager's key gets 404, never a validation answer), then the batch, then writes it. */
export async function putAttributesViaApi(staff: StaffUser, body: unknown, now: Date): Promise<AttributePutResult | AttributePutRefusal> {
  if (!isAdmin(staff)) throw new AppError("not_found", "not_found");
  const parsed = parseAttributePut(body);
  if ("error" in parsed) return parsed;
  const plans = await upsertAttributeDefinitions(parsed.items, now);
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const plan of plans) counts[plan.outcome]++;
  return { counts, rows: plans.map((plan) => ({ key: plan.key, outcome: plan.outcome })) };
}

/** Every definition in the shop's order, each with all of PUT's fields. */
export async function getAttributesViaApi(staff: StaffUser): Promise<StoredAttributeDefinition[]> {
  if (!isAdmin(staff)) throw new AppError("not_found", "not_found");
  return listStoredAttributeDefinitions();
}
