import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { credentialsKey } from "@/lib/crypto/credentials-key";
import { encryptSecret } from "@/lib/crypto/secret-box";
import {
  createWebhookEndpoint as insertEndpoint,
  disableWebhookEndpoint,
  enqueueTestDelivery,
  getWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  resendWebhookDelivery,
  updateWebhookEndpoint,
} from "@/lib/data/webhooks";
import { AppError } from "@/lib/errors";
import { webhookSecretFrom } from "@/lib/webhooks/standard-webhooks";
import { isAdmin } from "./access";

/**
 * Webhook endpoints of the supplier's own systems (ERP, middleware): admins only, like the other
 * supplier settings — account managers get "not found". The signing secret is shown once, when it
 * is made (create, rotate); it is stored encrypted because every delivery is signed with it.
 */

function adminOnly(staff: StaffUser): void {
  if (!isAdmin(staff)) throw new AppError("not_found", "webhook_not_found");
}

// http too: a supplier's ERP or middleware often listens on its own network; only admins set it.
const url = z
  .string()
  .trim()
  .max(500)
  .url()
  .refine((value) => /^https?:\/\//i.test(value), "http_or_https")
  .refine((value) => !new URL(value).username && !new URL(value).password, "no_credentials_in_url");

export const webhookEndpointSchema = z.object({
  name: z.string().trim().min(1).max(100),
  url,
});

export function listEndpointsForAdmin(staff: StaffUser) {
  adminOnly(staff);
  return listWebhookEndpoints();
}

export async function getEndpointForAdmin(staff: StaffUser, endpointId: number) {
  adminOnly(staff);
  const endpoint = await getWebhookEndpoint(endpointId);
  if (!endpoint) throw new AppError("not_found", "webhook_not_found");
  const { secretEncrypted: _secret, ...rest } = endpoint;
  return rest;
}

const newSecret = () => webhookSecretFrom(randomBytes(32));

/** Creates an endpoint; returns its secret, which is never shown again. */
export async function createEndpoint(staff: StaffUser, input: z.infer<typeof webhookEndpointSchema>): Promise<{ id: number; secret: string }> {
  adminOnly(staff);
  const secret = newSecret();
  const endpoint = await insertEndpoint({ name: input.name, url: input.url, secretEncrypted: encryptSecret(secret, credentialsKey()), createdBy: staff.id });
  return { id: endpoint.id, secret };
}

export async function updateEndpoint(staff: StaffUser, endpointId: number, input: z.infer<typeof webhookEndpointSchema>, now: Date): Promise<void> {
  await getEndpointForAdmin(staff, endpointId);
  await updateWebhookEndpoint(endpointId, { name: input.name, url: input.url }, now);
}

/** A new secret at once (the old one stops working): returns it, shown once. */
export async function rotateEndpointSecret(staff: StaffUser, endpointId: number, now: Date): Promise<{ secret: string }> {
  await getEndpointForAdmin(staff, endpointId);
  const secret = newSecret();
  await updateWebhookEndpoint(endpointId, { secretEncrypted: encryptSecret(secret, credentialsKey()) }, now);
  return { secret };
}

export async function setEndpointEnabled(staff: StaffUser, endpointId: number, enabled: boolean, now: Date): Promise<void> {
  await getEndpointForAdmin(staff, endpointId);
  if (enabled) await updateWebhookEndpoint(endpointId, { enabled: true, disabledReason: null }, now);
  else await disableWebhookEndpoint(endpointId, `switched off by ${staff.name}`, now);
}

/** Queues a `webhook.test` event: the receiver sees a signed call without an order. */
export async function sendTestEvent(staff: StaffUser, endpointId: number): Promise<void> {
  const endpoint = await getEndpointForAdmin(staff, endpointId);
  if (!endpoint.enabled) throw new AppError("conflict", "webhook_disabled");
  await enqueueTestDelivery(endpointId, `evt_${randomUUID().replace(/-/g, "")}`);
}

export async function listDeliveriesForAdmin(staff: StaffUser, endpointId: number, page: number) {
  await getEndpointForAdmin(staff, endpointId);
  const limit = 50;
  return { ...(await listWebhookDeliveries(endpointId, { limit, offset: (page - 1) * limit })), limit };
}

export async function resendDelivery(staff: StaffUser, endpointId: number, deliveryId: number, now: Date): Promise<void> {
  const endpoint = await getEndpointForAdmin(staff, endpointId);
  if (!endpoint.enabled) throw new AppError("conflict", "webhook_disabled");
  if (!(await resendWebhookDelivery(endpointId, deliveryId, now))) throw new AppError("not_found", "webhook_delivery_not_found");
}
