"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { connectionHandover } from "@/lib/admin/connection-handover";
import { startConnectionTest } from "@/lib/admin/connection-test";
import { publicBaseUrl } from "@/lib/admin/request-url";
import {
  connectionFormSchema,
  createConnection,
  getConnectionForStaff,
  newConnectionSchema,
  rotateConnectionSecret,
  updateConnection,
} from "@/lib/admin/punchout-connections";
import { setPunchoutCookie } from "@/lib/punchout/browser-session";

export const createConnectionAction = staffAction(newConnectionSchema, async (input, staff) => {
  const { id, secret } = await createConnection(staff, input);
  revalidatePath("/admin/connections");
  revalidatePath(`/admin/customers/${input.companyId}`);
  // The secret leaves the server exactly once, to the manager who created it, with the URLs and
  // identities the customer needs beside it (as JSON: action data are flat).
  const handover = connectionHandover(await getConnectionForStaff(staff, id), await publicBaseUrl());
  return { status: "ok", data: { id, secret, handover: JSON.stringify(handover) } };
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

/**
 * Opens the shop in a test punchout session of the connection for this browser (lib/admin/connection-test.ts);
 * "Transfer cart" brings the cart back to the connection's test page.
 */
export const startConnectionTestAction = staffAction(z.object({ id: z.coerce.number().int().positive() }), async ({ id }, staff) => {
  const { token, expiresAt } = await startConnectionTest(staff, id, { now: new Date(), baseUrl: await publicBaseUrl() });
  await setPunchoutCookie(token, expiresAt);
  redirect("/");
});
