"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { connectionFormSchema, createConnection, newConnectionSchema, rotateConnectionSecret, updateConnection } from "@/lib/admin/punchout-connections";

export const createConnectionAction = staffAction(newConnectionSchema, async (input, staff) => {
  const { id, secret } = await createConnection(staff, input);
  revalidatePath("/admin/connections");
  // The secret leaves the server exactly once, to the manager who created it.
  return { status: "ok", data: { id, secret } };
});

export const updateConnectionAction = staffAction(
  connectionFormSchema.extend({ id: z.coerce.number().int().positive() }),
  async ({ id, ...form }, staff) => {
    await updateConnection(staff, id, form);
    revalidatePath(`/admin/connections/${id}`);
  },
);

export const rotateSecretAction = staffAction(z.object({ id: z.coerce.number().int().positive() }), async ({ id }, staff) => {
  const secret = await rotateConnectionSecret(staff, id);
  return { status: "ok", data: { id, secret } };
});
