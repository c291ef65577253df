"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { categoryFormSchema, deleteCategoryAsAdmin, moveCategoryAsAdmin, moveCategoryProductsAsAdmin, saveCategoryAsAdmin } from "@/lib/admin/categories";

// Categories are the shop's navigation on every page: the whole app is refreshed, not only /admin.
const refreshShop = () => revalidatePath("/", "layout");

/** Creates or edits a category (lib/admin/categories.ts refuses anybody but admins); refusals are told at their field. */
export const saveCategoryAction = staffAction(categoryFormSchema, async (input, staff) => {
  const result = await saveCategoryAsAdmin(staff, input);
  if (result.status === "rejected") {
    const t = await getTranslations("categoriesAdmin.form.problems");
    const fieldErrors: Record<string, string[]> = {};
    for (const { field, problem } of result.problems) (fieldErrors[field] ??= []).push(t(problem));
    return { status: "error", code: "invalid_input", message: "category_invalid", fieldErrors };
  }
  refreshShop();
  if (input.mode === "create") redirect(`/admin/categories?created=${encodeURIComponent(result.code)}`);
  return { status: "ok", data: { slug: result.slug } };
});

const codeSchema = z.object({ code: z.string().trim().min(1).max(40) });

/** One place up or down among its siblings: the shop's navigation follows. */
export const moveCategoryAction = staffAction(codeSchema.extend({ direction: z.enum(["up", "down"]) }), async (input, staff) => {
  await moveCategoryAsAdmin(staff, input.code, input.direction);
  refreshShop();
});

/** All products of the category into another one, in one transaction; back to its page, which now offers the delete. */
export const moveCategoryProductsAction = staffAction(codeSchema.extend({ target: z.string().trim().min(1).max(40) }), async (input, staff) => {
  const { moved } = await moveCategoryProductsAsAdmin(staff, input.code, input.target, new Date());
  refreshShop();
  redirect(`/admin/categories/${encodeURIComponent(input.code)}?moved=${moved}&to=${encodeURIComponent(input.target)}`);
});

/** Deletes an empty category (refused with the counts otherwise), then back to the tree. */
export const deleteCategoryAction = staffAction(codeSchema, async (input, staff) => {
  await deleteCategoryAsAdmin(staff, input.code);
  refreshShop();
  redirect(`/admin/categories?deleted=${encodeURIComponent(input.code)}`);
});
