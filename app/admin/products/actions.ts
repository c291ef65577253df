"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { staffAction } from "@/lib/actions/safe-action";
import { z } from "zod";
import { productFormSchema, saveProductAsAdmin } from "@/lib/admin/product-edit";
import { deleteProductDocumentAsAdmin, productDocumentFieldsSchema, sendSafetyDataSheetAsAdmin, updateProductDocumentAsAdmin } from "@/lib/admin/product-documents";
import { deleteProductImageAsAdmin, moveProductImageAsAdmin } from "@/lib/admin/product-images";
import { saveProductRelationsAsAdmin } from "@/lib/admin/product-relations";
import { relationSkusFromText, type RelationField, type RelationProblem } from "@/lib/catalog/product-relations";

/** Admins create or edit a product's master data (lib/admin/product-edit.ts refuses anybody else). */
export const saveProductAction = staffAction(productFormSchema, async (input, staff) => {
  const { sku } = await saveProductAsAdmin(staff, input, new Date());
  revalidatePath(`/admin/products/${encodeURIComponent(sku)}`);
  if (input.mode === "create") redirect(`/admin/products/${encodeURIComponent(sku)}`);
});

const photoSchema = z.object({ sku: z.string().min(1), key: z.string().regex(/^[0-9a-f]{24}$/) });

/** Moves a photo one place (or to the front: the main photo). */
export const moveProductPhotoAction = staffAction(photoSchema.extend({ position: z.coerce.number().int().min(0) }), async (input, staff) => {
  await moveProductImageAsAdmin(staff, input.sku, input.key, input.position, new Date());
  revalidatePath(`/admin/products/${encodeURIComponent(input.sku)}`);
});

export const deleteProductPhotoAction = staffAction(photoSchema, async (input, staff) => {
  await deleteProductImageAsAdmin(staff, input.sku, input.key, new Date());
  revalidatePath(`/admin/products/${encodeURIComponent(input.sku)}`);
});

const documentSchema = z.object({ sku: z.string().min(1), key: z.string().regex(/^[0-9a-f]{24}$/) });

/** What a document is: kind, language, title. */
export const updateProductDocumentAction = staffAction(documentSchema.extend(productDocumentFieldsSchema.shape), async (input, staff) => {
  await updateProductDocumentAsAdmin(staff, input.sku, input.key, input);
  revalidatePath(`/admin/products/${encodeURIComponent(input.sku)}`);
});

export const deleteProductDocumentAction = staffAction(documentSchema, async (input, staff) => {
  await deleteProductDocumentAsAdmin(staff, input.sku, input.key);
  revalidatePath(`/admin/products/${encodeURIComponent(input.sku)}`);
});

const relationsSchema = z.object({
  sku: z.string().min(1),
  accessories: z.string().max(20_000).default(""),
  alternatives: z.string().max(20_000).default(""),
  successor: z.string().max(200).default(""),
});

/** Replaces the product's accessories, alternatives and successor; a refusal is told at each field. */
export const saveProductRelationsAction = staffAction(relationsSchema, async (input, staff) => {
  const result = await saveProductRelationsAsAdmin(staff, input.sku, relationSkusFromText(input));
  if (result.status === "rejected") {
    const t = await getTranslations("admin.productRelations.problems");
    const fieldErrors: Partial<Record<RelationField, string[]>> = {};
    for (const problem of result.problems) (fieldErrors[problem.field] ??= []).push(relationProblemText(problem, t));
    return { status: "error", code: "invalid_input", message: "relations_invalid", fieldErrors };
  }
  revalidatePath(`/admin/products/${encodeURIComponent(input.sku)}`);
});

function relationProblemText(problem: RelationProblem, t: Awaited<ReturnType<typeof getTranslations<"admin.productRelations.problems">>>): string {
  switch (problem.problem) {
    case "too_many":
      return t("too_many", { max: problem.max });
    case "successor_cycle":
      return t("successor_cycle", { path: problem.path.join(" → ") });
    default:
      return t(problem.problem, { skus: problem.skus.join(", ") });
  }
}

/** Mails a safety data sheet to the product's buyers of the last twelve months (REACH art. 31(9)). */
export const sendSafetyDataSheetAction = staffAction(documentSchema, async (input, staff) => {
  // The page's line says when, to how many, and whom nobody could be found at.
  await sendSafetyDataSheetAsAdmin(staff, input.sku, input.key, new Date());
  revalidatePath(`/admin/products/${encodeURIComponent(input.sku)}`);
});
