"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { staffAction } from "@/lib/actions/safe-action";
import { productFormSchema, saveProductAsAdmin } from "@/lib/admin/product-edit";

/** Admins create or edit a product's master data (lib/admin/product-edit.ts refuses anybody else). */
export const saveProductAction = staffAction(productFormSchema, async (input, staff) => {
  const { sku } = await saveProductAsAdmin(staff, input, new Date());
  revalidatePath(`/admin/products/${encodeURIComponent(sku)}`);
  if (input.mode === "create") redirect(`/admin/products/${encodeURIComponent(sku)}`);
});
