"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { createStaffApiKey, revokeStaffApiKey } from "@/lib/admin/api-keys";
import { API_SCOPES } from "@/lib/admin/api-scopes";
import { id } from "@/lib/admin/schemas";

const createSchema = z.object({
  name: z.string().trim().min(2).max(100),
  // A checkbox group: one ticked box arrives as a string, none as nothing.
  scopes: z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(z.enum(API_SCOPES)).min(1, "scopes_required")),
});

/** Creates a personal API key with the scopes ticked; the key itself is returned once, to its owner only. */
export const createApiKeyAction = staffAction(createSchema, async ({ name, scopes }, staff) => {
  const { key } = await createStaffApiKey(staff, name, new Date(), scopes);
  revalidatePath("/admin/api-keys");
  return { status: "ok", data: { key } };
});

export const revokeApiKeyAction = staffAction(z.object({ keyId: id }), async ({ keyId }, staff) => {
  await revokeStaffApiKey(staff, keyId, new Date());
  revalidatePath("/admin/api-keys");
});
