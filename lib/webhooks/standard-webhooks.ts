import { createHmac } from "node:crypto";

/**
 * Standard Webhooks v1 (ERP-SIDE.md §5; standard-webhooks spec): what a receiver's off-the-shelf
 * library verifies. Pure: the caller brings the random bytes and the clock.
 *
 * - secret: `whsec_` + base64 of 24–64 random bytes; the bytes (not the text) are the HMAC key;
 * - signed content: `{webhook-id}.{webhook-timestamp}.{body}`, HMAC-SHA256, sent as `v1,<base64>`;
 * - `webhook-id` is the same on every retry (the receiver's idempotency key), the timestamp and the
 *   signature are those of the attempt.
 */

const PREFIX = "whsec_";

export function webhookSecretFrom(randomBytes: Uint8Array): string {
  if (randomBytes.length < 24 || randomBytes.length > 64) throw new Error("a webhook secret has 24 to 64 random bytes");
  return `${PREFIX}${Buffer.from(randomBytes).toString("base64")}`;
}

/** The key bytes of a secret (with or without the `whsec_` prefix, as the reference libraries accept). */
function keyOf(secret: string): Buffer {
  return Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
}

export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac("sha256", keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`, "utf8").digest("base64");
  return `v1,${mac}`;
}

export function webhookHeaders(secret: string, id: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook(secret, id, timestamp, body),
  };
}

export type WebhookOutcome = "delivered" | "retry" | "gone";

/**
 * What the receiver's answer means: 2xx delivered; 410 Gone switches the endpoint off (spec);
 * anything else — 3xx (never followed), 4xx, 5xx, a network error, a timeout — is tried again.
 */
export function classifyWebhookResponse(result: { httpStatus: number } | { networkError: true }): WebhookOutcome {
  if ("networkError" in result) return "retry";
  if (result.httpStatus >= 200 && result.httpStatus < 300) return "delivered";
  if (result.httpStatus === 410) return "gone";
  return "retry";
}

/**
 * When the next attempt is due after `attempts` failed ones: the spec's example schedule (5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h — about three days). Null: give up (the delivery fails
 * and stays in the log for a manual resend).
 */
const SCHEDULE_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 5 * 3_600_000, 10 * 3_600_000, 14 * 3_600_000, 20 * 3_600_000, 24 * 3_600_000];

export function nextWebhookAttemptDelayMs(attempts: number): number | null {
  return attempts >= 1 && attempts <= SCHEDULE_MS.length ? SCHEDULE_MS[attempts - 1]! : null;
}

export const MAX_WEBHOOK_ATTEMPTS = SCHEDULE_MS.length + 1;
