"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { createStaffApiKey, revokeStaffApiKey } from "@/lib/admin/api-keys";
import { id } from "@/lib/admin/schemas";

/** Creates a personal API key; the key itself is returned once, to its owner only. */
export const createApiKeyAction = staffAction(z.object({ name: z.string().trim().min(2).max(100) }), async ({ name }, staff) => {
  const { key } = await createStaffApiKey(staff, name, new Date());
  revalidatePath("/admin/api-keys");
  return { status: "ok", data: { key } };
});

export const revokeApiKeyAction = staffAction(z.object({ keyId: id }), async ({ keyId }, staff) => {
  await revokeStaffApiKey(staff, keyId, new Date());
  revalidatePath("/admin/api-keys");
});
