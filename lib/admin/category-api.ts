import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { categoryRowSchema, MAX_CATEGORY_ROWS, type CategoryPlan } from "@/lib/catalog/category-import";
import { importCategoryRows } from "@/lib/data/category-import";
import { AppError } from "@/lib/errors";
import { forgetContractCategories } from "@/lib/shop-context";
import { isAdmin } from "./access";

/**
 * `PUT /admin/api/categories` with an admin's API key: the category tree from the ERP or PIM,
 * upsert by code (lib/catalog/category-import.ts), with the other APIs' conventions: per-row
 * outcome, all or nothing (422) unless `applyValidOnly`, `dryRun`. Deleting is
 * `DELETE /admin/api/categories/:code`, of an empty category only (lib/admin/categories.ts).
 */
export const categoryPutSchema = z.object({
  items: z.array(categoryRowSchema).min(1).max(MAX_CATEGORY_ROWS),
  applyValidOnly: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});

export interface CategoryPutResult {
  status: "applied" | "rejected" | "dry_run";
  counts: Record<CategoryPlan["outcome"], number>;
  rows: { code: string; outcome: CategoryPlan["outcome"]; slug?: string; problems?: CategoryPlan["problems"] }[];
}

export async function putCategoriesViaApi(staff: StaffUser, input: z.infer<typeof categoryPutSchema>): Promise<CategoryPutResult> {
  if (!isAdmin(staff)) throw new AppError("not_found", "not_found");
  const seen = new Set<string>();
  for (const item of input.items) {
    if (seen.has(item.code)) throw new AppError("invalid_input", "duplicate_code", { code: item.code });
    seen.add(item.code);
  }
  const { written, plans } = await importCategoryRows(input.items, { dryRun: input.dryRun, applyValidOnly: input.applyValidOnly });
  if (written) forgetContractCategories();
  const counts = { created: 0, updated: 0, unchanged: 0, invalid: 0 };
  for (const plan of plans) counts[plan.outcome]++;
  return {
    status: input.dryRun ? "dry_run" : written ? "applied" : "rejected",
    counts,
    rows: plans.map((plan) => (plan.outcome === "invalid" ? { code: plan.code, outcome: plan.outcome, problems: plan.problems } : { code: plan.code, outcome: plan.outcome, slug: plan.values!.slug })),
  };
}
