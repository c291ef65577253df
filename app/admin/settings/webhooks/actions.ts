"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { id } from "@/lib/admin/schemas";
import {
  createEndpoint,
  resendDelivery,
  rotateEndpointSecret,
  sendTestEvent,
  setEndpointEnabled,
  updateEndpoint,
  webhookEndpointSchema,
  webhookEndpointUpdateSchema,
} from "@/lib/admin/webhooks";

/**
 * Webhook endpoints (admins only: lib/admin/webhooks answers "not found" to everybody else). The
 * signing secret travels back exactly once, in the action state of the form that made it; it is
 * never put in a URL, a redirect or a log.
 */

const LIST = "/admin/settings/webhooks";
const endpointPath = (endpointId: number) => `${LIST}/${endpointId}`;
const endpointRef = z.object({ endpointId: id });

export const createWebhookEndpointAction = staffAction(webhookEndpointSchema, async (input, staff) => {
  const { id: endpointId, secret } = await createEndpoint(staff, input);
  revalidatePath(LIST);
  // A pull endpoint signs nothing: no secret to show.
  const data: Record<string, string | number> = secret ? { id: endpointId, secret } : { id: endpointId };
  return { status: "ok", data };
});

export const updateWebhookEndpointAction = staffAction(webhookEndpointUpdateSchema.extend({ endpointId: id }), async ({ endpointId, ...input }, staff) => {
  await updateEndpoint(staff, endpointId, input, new Date());
  revalidatePath(LIST);
  revalidatePath(endpointPath(endpointId));
});

export const rotateWebhookSecretAction = staffAction(endpointRef, async ({ endpointId }, staff) => {
  const { secret } = await rotateEndpointSecret(staff, endpointId, new Date());
  revalidatePath(endpointPath(endpointId));
  return { status: "ok", data: { id: endpointId, secret } };
});

export const setWebhookEnabledAction = staffAction(
  endpointRef.extend({ enabled: z.enum(["true", "false"]).transform((value) => value === "true") }),
  async ({ endpointId, enabled }, staff) => {
    await setEndpointEnabled(staff, endpointId, enabled, new Date());
    revalidatePath(LIST);
    revalidatePath(endpointPath(endpointId));
  },
);

export const sendWebhookTestAction = staffAction(endpointRef, async ({ endpointId }, staff) => {
  await sendTestEvent(staff, endpointId);
  revalidatePath(LIST);
  revalidatePath(endpointPath(endpointId));
});

export const resendWebhookDeliveryAction = staffAction(endpointRef.extend({ deliveryId: id }), async ({ endpointId, deliveryId }, staff) => {
  await resendDelivery(staff, endpointId, deliveryId, new Date());
  revalidatePath(LIST);
  revalidatePath(endpointPath(endpointId));
});
