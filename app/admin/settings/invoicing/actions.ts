"use server";

import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { deliveryChargeSettingsSchema, saveDeliveryCharges, saveSupplierProfile, supplierProfileSchema } from "@/lib/admin/invoicing-settings";

export const saveSupplierProfileAction = staffAction(supplierProfileSchema, async (input, staff) => {
  await saveSupplierProfile(staff, input, new Date());
  revalidatePath("/admin/settings/invoicing");
});

export const saveDeliveryChargesAction = staffAction(deliveryChargeSettingsSchema, async (input, staff) => {
  await saveDeliveryCharges(staff, input, new Date());
  revalidatePath("/admin/settings/invoicing");
});
