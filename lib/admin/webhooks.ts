import "server-only";
import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { credentialsKey } from "@/lib/crypto/credentials-key";
import { encryptSecret } from "@/lib/crypto/secret-box";
import {
  acknowledgePullDeliveries,
  createWebhookEndpoint as insertEndpoint,
  disableWebhookEndpoint,
  fetchPullDeliveries,
  freezeWebhookBody,
  enqueueTestDelivery,
  getWebhookEndpoint,
  listWebhookDeliveries,
  listWebhookEndpoints,
  resendWebhookDelivery,
  updateWebhookEndpoint,
  type PullAcknowledgement,
} from "@/lib/data/webhooks";
import { AppError } from "@/lib/errors";
import { buildWebhookBody } from "@/lib/webhooks/deliver-webhooks";
import { webhookSecretFrom } from "@/lib/webhooks/standard-webhooks";
import { isAdmin } from "./access";

/**
 * Webhook endpoints of the supplier's own systems (ERP, middleware): admins only, like the other
 * supplier settings — account managers get "not found". A push endpoint receives signed calls; its
 * signing secret is shown once, when it is made (create, rotate), and stored encrypted because every
 * delivery is signed with it. A pull endpoint has no URL: the supplier's system fetches the queued
 * events with an admin's API key and acknowledges them (ERP-SIDE.md §3 "REST pull + ack": no open
 * port needed, exactly-once by event id). The mode is fixed when the endpoint is made.
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

const name = z.string().trim().min(1).max(100);

export const webhookEndpointSchema = z.discriminatedUnion("delivery", [
  z.object({ delivery: z.literal("push"), name, url }),
  z.object({ delivery: z.literal("pull"), name }),
]);
export type WebhookEndpointInput = z.infer<typeof webhookEndpointSchema>;

/** Editing keeps the mode: a name, and for push endpoints the URL. */
export const webhookEndpointUpdateSchema = z.object({
  name,
  url: z.preprocess((value) => (value === "" ? undefined : value), url.optional()),
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

/**
 * Creates an endpoint; for push, returns its secret, which is never shown again. (A pull endpoint
 * gets one too — the column's rule — but nothing is signed with it and nobody sees it.)
 */
export async function createEndpoint(staff: StaffUser, input: WebhookEndpointInput): Promise<{ id: number; secret: string | null }> {
  adminOnly(staff);
  const secret = newSecret();
  const endpoint = await insertEndpoint({
    name: input.name,
    delivery: input.delivery,
    url: input.delivery === "push" ? input.url : null,
    secretEncrypted: encryptSecret(secret, credentialsKey()),
    createdBy: staff.id,
  });
  return { id: endpoint.id, secret: input.delivery === "push" ? secret : null };
}

export async function updateEndpoint(staff: StaffUser, endpointId: number, input: z.infer<typeof webhookEndpointUpdateSchema>, now: Date): Promise<void> {
  const endpoint = await getEndpointForAdmin(staff, endpointId);
  if (endpoint.delivery === "push" && !input.url) throw new AppError("invalid_input", "invalid_input", { fieldErrors: { url: ["required"] } });
  await updateWebhookEndpoint(endpointId, { name: input.name, ...(endpoint.delivery === "push" ? { url: input.url } : {}) }, now);
}

/** A new secret at once (the old one stops working): returns it, shown once. Push endpoints only. */
export async function rotateEndpointSecret(staff: StaffUser, endpointId: number, now: Date): Promise<{ secret: string }> {
  const endpoint = await getEndpointForAdmin(staff, endpointId);
  if (endpoint.delivery !== "push") throw new AppError("conflict", "webhook_pull_unsigned");
  const secret = newSecret();
  await updateWebhookEndpoint(endpointId, { secretEncrypted: encryptSecret(secret, credentialsKey()) }, now);
  return { secret };
}

export async function setEndpointEnabled(staff: StaffUser, endpointId: number, enabled: boolean, now: Date): Promise<void> {
  await getEndpointForAdmin(staff, endpointId);
  if (enabled) await updateWebhookEndpoint(endpointId, { enabled: true, disabledReason: null, disabledBy: null }, now);
  else await disableWebhookEndpoint(endpointId, { code: "switched_off", by: staff.id }, now);
}

/** Queues a `webhook.test` event: the receiver sees a signed call without an order. */
export async function sendTestEvent(staff: StaffUser, endpointId: number): Promise<void> {
  const endpoint = await getEndpointForAdmin(staff, endpointId);
  if (!endpoint.enabled) throw new AppError("conflict", "webhook_disabled");
  await enqueueTestDelivery(endpointId, `evt_${randomUUID().replace(/-/g, "")}`, new Date());
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

export const PULL_BATCH_DEFAULT = 50;
export const PULL_BATCH_MAX = 200;

export const pullFetchSchema = z.object({ limit: z.coerce.number().int().min(1).max(PULL_BATCH_MAX).default(PULL_BATCH_DEFAULT) });
export const pullAckSchema = z.object({ ids: z.array(z.string().trim().min(1).max(100)).min(1).max(1000) });

async function pullEndpointOrThrow(staff: StaffUser, endpointId: number) {
  const endpoint = await getEndpointForAdmin(staff, endpointId);
  if (endpoint.delivery !== "pull") throw new AppError("not_found", "webhook_not_found");
  if (!endpoint.enabled) throw new AppError("conflict", "webhook_disabled");
  return endpoint;
}

export interface PulledEvents {
  /** Each event is the body a push endpoint would receive, with its `id` (the webhook-id) added. */
  events: ({ id: string } & Record<string, unknown>)[];
  hasMore: boolean;
}

/**
 * The oldest events a pull endpoint has not acknowledged, oldest first. Each body is fixed the first
 * time it is fetched (the order as it was then), so a consumer that fetches again before it
 * acknowledges gets the same bytes — like a push retry. Events stay queued until acknowledged.
 */
export async function fetchPullEvents(staff: StaffUser, endpointId: number, limit: number, now: Date): Promise<PulledEvents> {
  const endpoint = await pullEndpointOrThrow(staff, endpointId);
  const { deliveries, hasMore } = await fetchPullDeliveries(endpointId, limit);
  const events: PulledEvents["events"] = [];
  for (const delivery of deliveries) {
    let body = delivery.body;
    if (body === null) {
      body = await buildWebhookBody(delivery, endpoint.name, now);
      if (body === null) continue; // the order was deleted: nothing to deliver (cascade removes the row too)
      await freezeWebhookBody(delivery.id, body);
    }
    events.push({ id: delivery.eventId, ...(JSON.parse(body) as Record<string, unknown>) });
  }
  return { events, hasMore };
}

/** Acknowledges received events by id; every id is answered (see acknowledgePullDeliveries). */
export async function acknowledgePullEvents(
  staff: StaffUser,
  endpointId: number,
  eventIds: string[],
  now: Date,
): Promise<{ results: { id: string; outcome: PullAcknowledgement }[]; counts: Record<PullAcknowledgement, number> }> {
  await pullEndpointOrThrow(staff, endpointId);
  const unique = [...new Set(eventIds)];
  const outcomes = await acknowledgePullDeliveries(endpointId, unique, now);
  const counts: Record<PullAcknowledgement, number> = { acknowledged: 0, already_acknowledged: 0, not_queued: 0, unknown: 0 };
  const results = unique.map((id) => {
    const outcome = outcomes.get(id) ?? "unknown";
    counts[outcome]++;
    return { id, outcome };
  });
  return { results, counts };
}
