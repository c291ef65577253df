"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { staffAction } from "@/lib/actions/safe-action";
import { z } from "zod";
import { productFormSchema, saveProductAsAdmin } from "@/lib/admin/product-edit";
import { deleteProductImageAsAdmin, moveProductImageAsAdmin } from "@/lib/admin/product-images";

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
