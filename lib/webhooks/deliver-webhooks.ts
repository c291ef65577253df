import "server-only";
import { startPollingWorker } from "@/lib/polling-worker";
import { credentialsKey } from "@/lib/crypto/credentials-key";
import { decryptSecret } from "@/lib/crypto/secret-box";
import {
  claimDueWebhookDeliveries,
  disableWebhookEndpoint,
  freezeWebhookBody,
  markWebhookAttemptFailed,
  markWebhookDelivered,
  orderWebhookFacts,
} from "@/lib/data/webhooks";
import { env } from "@/lib/env";
import { orderWebhookBody, testWebhookBody, type OrderWebhookType } from "./order-payload";
import { classifyWebhookResponse, nextWebhookAttemptDelayMs, webhookHeaders } from "./standard-webhooks";

export interface WebhookDeliveryOptions {
  now?: () => Date;
  fetch?: typeof fetch;
  limit?: number;
  leaseMs?: number;
  timeoutMs?: number;
}

/**
 * One round of the webhook outbox: claim due deliveries, build each body once (the order as stored
 * at the first attempt), sign and POST it, record the outcome. Returns how many were tried.
 * Redirects are never followed (a 3xx is a failed attempt); 410 Gone switches the endpoint off.
 */
export async function deliverDueWebhooks(options: WebhookDeliveryOptions = {}): Promise<number> {
  const now = options.now ?? (() => new Date());
  const send = options.fetch ?? fetch;
  const claimed = await claimDueWebhookDeliveries(now(), options.limit ?? 20, options.leaseMs ?? 60_000);
  for (const { delivery, endpoint } of claimed) {
    let secret: string;
    try {
      secret = decryptSecret(endpoint.secretEncrypted, credentialsKey());
    } catch {
      await markWebhookAttemptFailed(delivery.id, { httpStatus: null, error: "cannot decrypt the signing secret (credentials key changed): rotate it", nextAttemptAt: null });
      continue;
    }
    let body = delivery.body;
    if (body === null) {
      body = await buildWebhookBody(delivery, endpoint.name, now());
      if (body === null) {
        await markWebhookAttemptFailed(delivery.id, { httpStatus: null, error: "the order no longer exists", nextAttemptAt: null });
        continue;
      }
      await freezeWebhookBody(delivery.id, body);
    }
    let httpStatus: number | null = null;
    let outcome: ReturnType<typeof classifyWebhookResponse>;
    let error = "";
    try {
      const response = await send(endpoint.url, {
        method: "POST",
        headers: { ...webhookHeaders(secret, delivery.eventId, now(), body), "user-agent": "Koppel-Webhooks/1" },
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      httpStatus = response.status;
      await response.body?.cancel().catch(() => undefined);
      outcome = classifyWebhookResponse({ httpStatus });
      error = `HTTP ${httpStatus}`;
    } catch (failure) {
      outcome = classifyWebhookResponse({ networkError: true });
      error = failure instanceof Error ? (failure.cause instanceof Error ? `${failure.message}: ${failure.cause.message}` : failure.message) : String(failure);
    }
    if (outcome === "delivered") {
      await markWebhookDelivered(delivery.id, httpStatus!, now());
    } else if (outcome === "gone") {
      await markWebhookAttemptFailed(delivery.id, { httpStatus, error, nextAttemptAt: null });
      await disableWebhookEndpoint(endpoint.id, { code: "gone" }, now());
    } else {
      const delay = nextWebhookAttemptDelayMs(delivery.attempts);
      await markWebhookAttemptFailed(delivery.id, { httpStatus, error, nextAttemptAt: delay === null ? null : new Date(now().getTime() + delay) });
    }
  }
  return claimed.length;
}

/** The event's body as first sent (push) or fetched (pull); null when its order no longer exists. */
export async function buildWebhookBody(delivery: { eventType: string; orderId: number | null; orderEventId: number | null }, endpointName: string, at: Date): Promise<string | null> {
  if (delivery.eventType === "webhook.test") return testWebhookBody({ at, endpointName });
  if (delivery.orderId === null || delivery.orderEventId === null) return null;
  const facts = await orderWebhookFacts(delivery.orderId, delivery.orderEventId);
  if (!facts) return null;
  const type: OrderWebhookType = delivery.eventType === "order.created" || delivery.eventType === "order.changed" ? delivery.eventType : "order.status_changed";
  return orderWebhookBody(type, facts, { at, adminUrl: env.APP_URL?.replace(/\/+$/, "") ?? null });
}

/** Starts the in-process webhook poller once per process (lib/startup.ts). */
export function startWebhookWorker(intervalMs = 3_000): void {
  startPollingWorker("webhook delivery", deliverDueWebhooks, intervalMs);
}
