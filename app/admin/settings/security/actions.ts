"use server";

import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { saveSecuritySettings, securitySettingsSchema } from "@/lib/admin/security-settings";

export const saveSecuritySettingsAction = staffAction(securitySettingsSchema, async (input, staff) => {
  await saveSecuritySettings(staff, input, new Date());
  revalidatePath("/admin/settings/security");
});
