import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import {
  attributeAdminRows,
  attributeDefinitionSchema,
  formatValueLabels,
  MAX_VALUE_LABEL_TEXT,
  parseValueLabels,
  type AttributeUsage,
  type StoredAttributeDefinition,
  type ValueLabelProblem,
} from "@/lib/catalog/attribute-admin";
import {
  createAttributeDefinition,
  deleteAttributeDefinition,
  getAttributeDefinition,
  listAttributeUsage,
  listAttributeValues,
  listStoredAttributeDefinitions,
  moveAttributeDefinition,
  updateAttributeDefinition,
} from "@/lib/data/attribute-admin";
import { AppError } from "@/lib/errors";
import { isAdmin } from "./access";

/**
 * Admins say what the keys of products.attributes mean (admin → Attributes, GET/PUT/DELETE
 * /admin/api/attributes): names, order, which ones the shop filters on, English labels for Dutch
 * values. Like the category tree it is the whole shop's, so account managers, their API keys and
 * buyers get "not found". The form and the API share lib/catalog/attribute-admin.ts's rules.
 */

function requireAdmin(staff: StaffUser): void {
  if (!isAdmin(staff)) throw new AppError("not_found", "not_found");
}

export interface AttributeAdminRow {
  key: string;
  /** Null: products use the key, nobody defined it yet. */
  definition: StoredAttributeDefinition | null;
  usage: AttributeUsage;
  /** First or last among the definitions (no "up" / "down"). */
  first: boolean;
  last: boolean;
}

/** Every definition in the shop's order, then the keys products use without one; with product counts and common values. */
export async function listAttributesAsAdmin(staff: StaffUser): Promise<AttributeAdminRow[]> {
  requireAdmin(staff);
  const [definitions, usage] = await Promise.all([listStoredAttributeDefinitions(), listAttributeUsage()]);
  return attributeAdminRows(definitions, usage);
}

const VALUES_SHOWN = 200;

/** One key for its edit page: the definition (null: not defined yet) and the values products hold; not_found when neither exists. */
export async function getAttributeAsAdmin(
  staff: StaffUser,
  key: string,
): Promise<{ key: string; definition: StoredAttributeDefinition | null; values: { value: string; products: number }[]; moreValues: boolean }> {
  requireAdmin(staff);
  const [definition, values] = await Promise.all([getAttributeDefinition(key), listAttributeValues(key, VALUES_SHOWN + 1)]);
  if (!definition && values.length === 0) throw new AppError("not_found", "attribute_not_found");
  return { key, definition, values: values.slice(0, VALUES_SHOWN), moreValues: values.length > VALUES_SHOWN };
}

export const attributeFormSchema = z.object({
  mode: z.enum(["create", "edit"]),
  key: z.string().max(200),
  nameNl: z.string().max(200).default(""),
  /** Empty: the Dutch name. */
  nameEn: z.string().max(200).default(""),
  /** A checkbox: present when ticked. */
  filterable: z.literal("on").optional(),
  /** One `blauw = blue` a line. */
  valueLabels: z.string().max(MAX_VALUE_LABEL_TEXT).default(""),
});
export type AttributeFormInput = z.input<typeof attributeFormSchema>;

export type AttributeProblem = { field: "key" | "nameNl" | "nameEn"; problem: "key_format" | "name_missing" | "name_too_long" | "key_taken" } | { field: "valueLabels"; problem: ValueLabelProblem; line: number };

export type AttributeSaveResult = { status: "saved"; key: string } | { status: "rejected"; problems: AttributeProblem[] };

/** The form's fields as a definition, checked by the API's rules; each refusal at its field (the labels' with their line). */
export function definitionOfForm(input: z.output<typeof attributeFormSchema>): { definition: Omit<StoredAttributeDefinition, "position"> } | { problems: AttributeProblem[] } {
  const problems: AttributeProblem[] = [];
  const labels = parseValueLabels(input.valueLabels);
  if ("line" in labels) problems.push({ field: "valueLabels", problem: labels.problem, line: labels.line });
  // An empty English name is the Dutch one (left out, as the API's create takes it), so a missing name is told once, at nameNl.
  const parsed = attributeDefinitionSchema.safeParse({ key: input.key, nameNl: input.nameNl, nameEn: input.nameEn.trim() || undefined, filterable: input.filterable === "on" });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === "key") problems.push({ field: "key", problem: "key_format" });
      else if (field === "nameNl" || field === "nameEn") problems.push({ field, problem: issue.code === "too_big" ? "name_too_long" : "name_missing" });
    }
  }
  if (problems.length || !parsed.success || "line" in labels) return { problems };
  const { key, nameNl, nameEn, filterable } = parsed.data;
  return { definition: { key, nameNl, nameEn: nameEn ?? nameNl, filterable: filterable ?? false, valueLabelsEn: labels.labels } };
}

/** Creates (refused when the key is defined already) or edits (not_found when it is not) a definition. */
export async function saveAttributeAsAdmin(staff: StaffUser, input: z.output<typeof attributeFormSchema>, now: Date): Promise<AttributeSaveResult> {
  requireAdmin(staff);
  const checked = definitionOfForm(input);
  if ("problems" in checked) return { status: "rejected", problems: checked.problems };
  const { key, ...values } = checked.definition;
  if (input.mode === "edit") {
    await updateAttributeDefinition(key, values, now);
    return { status: "saved", key };
  }
  try {
    await createAttributeDefinition(checked.definition, now);
  } catch (error) {
    if (error instanceof AppError && error.message === "attribute_key_taken") return { status: "rejected", problems: [{ field: "key", problem: "key_taken" }] };
    throw error;
  }
  return { status: "saved", key };
}

export async function moveAttributeAsAdmin(staff: StaffUser, key: string, direction: "up" | "down", now: Date): Promise<boolean> {
  requireAdmin(staff);
  return moveAttributeDefinition(key, direction, now);
}

/** Deletes a definition (not_found when there is none); products keep their values. */
export async function deleteAttributeAsAdmin(staff: StaffUser, key: string): Promise<void> {
  requireAdmin(staff);
  await deleteAttributeDefinition(key);
}

/** The stored labels as the form's text. */
export const valueLabelText = (definition: StoredAttributeDefinition | null): string => (definition ? formatValueLabels(definition.valueLabelsEn) : "");
