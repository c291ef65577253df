"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { attributeFormSchema, deleteAttributeAsAdmin, moveAttributeAsAdmin, saveAttributeAsAdmin } from "@/lib/admin/attributes";

// Attribute names, labels and filters show on product, category and search pages: the whole app is refreshed.
const refreshShop = () => revalidatePath("/", "layout");

/** Creates or edits a definition (lib/admin/attributes.ts refuses anybody but admins); each refusal is told at its field. */
export const saveAttributeAction = staffAction(attributeFormSchema, async (input, staff) => {
  const result = await saveAttributeAsAdmin(staff, input, new Date());
  if (result.status === "rejected") {
    const t = await getTranslations("attributesAdmin.form.problems");
    const fieldErrors: Record<string, string[]> = {};
    for (const problem of result.problems) (fieldErrors[problem.field] ??= []).push("line" in problem ? t(problem.problem, { line: problem.line }) : t(problem.problem));
    return { status: "error", code: "invalid_input", message: "attribute_invalid", fieldErrors };
  }
  refreshShop();
  if (input.mode === "create") redirect(`/admin/attributes?created=${encodeURIComponent(result.key)}`);
  return { status: "ok" };
});

const keySchema = z.object({ key: z.string().trim().min(1).max(40) });

/** One place up or down among the definitions: the product page lists them in this order. */
export const moveAttributeAction = staffAction(keySchema.extend({ direction: z.enum(["up", "down"]) }), async (input, staff) => {
  await moveAttributeAsAdmin(staff, input.key, input.direction, new Date());
  refreshShop();
});

/** Deletes a definition (products keep their values), then back to the list. */
export const deleteAttributeAction = staffAction(keySchema, async (input, staff) => {
  await deleteAttributeAsAdmin(staff, input.key);
  refreshShop();
  redirect(`/admin/attributes?deleted=${encodeURIComponent(input.key)}`);
});
