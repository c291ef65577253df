import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { inTreeOrder } from "@/lib/catalog/category-admin";
import { categoryRowSchema, type CategoryRow, type CategoryRowProblem } from "@/lib/catalog/category-import";
import {
  deleteCategoryByCode,
  listCategoriesWithCounts,
  moveCategoryPosition,
  moveCategoryProducts,
  saveCategoryRow,
  type CategoryWithCounts,
} from "@/lib/data/categories";
import { AppError } from "@/lib/errors";
import { forgetContractCategories } from "@/lib/shop-context";
import { isAdmin } from "./access";

/**
 * Admins keep the category tree by hand (admin → Categories) and through the API (GET/PUT
 * /admin/api/categories, DELETE …/:code): the catalogue is the whole shop's, so account managers,
 * their API keys and buyers get "not found". Creating and editing go through the PUT API's rules
 * (lib/catalog/category-import.ts); every change forgets this process's navigation cache.
 */

function requireAdmin(staff: StaffUser): void {
  if (!isAdmin(staff)) throw new AppError("not_found", "not_found");
}

export interface CategoryAdminNode extends CategoryWithCounts {
  parentCode: string | null;
  children: number;
  /** First or last among its siblings (no "up" / "down"). */
  first: boolean;
  last: boolean;
}

/** The whole tree in the shop's order (top level, each followed by its children), with product counts. */
export async function listCategoryTreeAsAdmin(staff: StaffUser): Promise<CategoryAdminNode[]> {
  requireAdmin(staff);
  const rows = inTreeOrder(await listCategoriesWithCounts());
  const codeOf = new Map(rows.map((row) => [row.id, row.code]));
  return rows.map((row) => {
    const siblings = rows.filter((other) => other.parentId === row.parentId);
    return {
      ...row,
      parentCode: row.parentId === null ? null : (codeOf.get(row.parentId) ?? null),
      children: rows.filter((other) => other.parentId === row.id).length,
      first: siblings[0]?.id === row.id,
      last: siblings.at(-1)?.id === row.id,
    };
  });
}

export const categoryFormSchema = z.object({
  mode: z.enum(["create", "edit"]),
  code: z.string().trim().min(1).max(40),
  nameNl: z.string().trim().min(1).max(100),
  /** Empty: the Dutch name. */
  nameEn: z.string().trim().max(100).default(""),
  /** A top-level category's code; empty: top level. */
  parent: z.string().trim().max(40).default(""),
  /** Empty: from the Dutch name (new), or kept (edit). */
  slug: z.string().trim().max(80).default(""),
});
export type CategoryFormInput = z.infer<typeof categoryFormSchema>;

/** The form as one PUT row, so both are checked by the same rules. */
export function categoryRowOfForm(input: CategoryFormInput): CategoryRow | null {
  const parsed = categoryRowSchema.safeParse({
    code: input.code,
    parent: input.parent || null,
    nameNl: input.nameNl,
    nameEn: input.nameEn || input.nameNl,
    ...(input.slug ? { slug: input.slug } : {}),
  });
  return parsed.success ? parsed.data : null;
}

export type CategoryProblem = CategoryRowProblem | "code_format";

export type CategorySaveResult = { status: "saved"; code: string; slug: string } | { status: "rejected"; problems: { field: string; problem: CategoryProblem }[] };

export async function saveCategoryAsAdmin(staff: StaffUser, input: CategoryFormInput): Promise<CategorySaveResult> {
  requireAdmin(staff);
  const row = categoryRowOfForm(input);
  if (!row) return { status: "rejected", problems: [{ field: "code", problem: "code_format" }] };
  const plan = await saveCategoryRow(row, input.mode === "create" ? "create" : "update");
  if (plan.outcome === "invalid") {
    if (plan.problems!.some((problem) => problem.problem === "unknown_code")) throw new AppError("not_found", "category_not_found");
    return { status: "rejected", problems: plan.problems! };
  }
  forgetContractCategories();
  return { status: "saved", code: plan.code, slug: plan.values!.slug };
}

export async function moveCategoryAsAdmin(staff: StaffUser, code: string, direction: "up" | "down"): Promise<boolean> {
  requireAdmin(staff);
  const moved = await moveCategoryPosition(code, direction);
  if (moved) forgetContractCategories();
  return moved;
}

/** All products of `code` (active and inactive) into `target`, in one transaction. */
export async function moveCategoryProductsAsAdmin(staff: StaffUser, code: string, target: string, now: Date): Promise<{ moved: number }> {
  requireAdmin(staff);
  const result = await moveCategoryProducts(code, target, now);
  // A contract customer's navigation shows the categories holding its products: those just changed.
  forgetContractCategories();
  return result;
}

/** Deletes an empty category; AppError conflict "category_not_empty" with { products, children } otherwise. */
export async function deleteCategoryAsAdmin(staff: StaffUser, code: string): Promise<void> {
  requireAdmin(staff);
  await deleteCategoryByCode(code);
  forgetContractCategories();
}

/**
 * `GET /admin/api/categories`: the whole tree exactly as PUT takes it (parent by code, null at the
 * top level; slug and position as stored), parents before their children, so sending it back is
 * all `unchanged`.
 */
export async function getCategoriesViaApi(staff: StaffUser): Promise<{ items: (Required<Omit<CategoryRow, "parent">> & { parent: string | null })[] }> {
  const tree = await listCategoryTreeAsAdmin(staff);
  return {
    items: tree.map((category) => ({ code: category.code, parent: category.parentCode, nameNl: category.nameNl, nameEn: category.nameEn, slug: category.slug, position: category.position })),
  };
}
