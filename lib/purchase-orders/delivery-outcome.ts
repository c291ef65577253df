/** Outbound cXML delivery policy (PROTOCOLS.md §2.3): what a buyer's answer means for our queue. */

export type DeliveryOutcome = "sent" | "retry" | "failed";

/**
 * 2xx HTTP with cXML Status 2xx → sent; network errors, HTTP 5xx, Status 5xx (500, 55x, 560) → retry
 * with the same payloadID; any 4xx (HTTP or Status) → permanent failure. An HTTP 200 without a
 * readable Status counts as sent.
 */
export function classifyDelivery(result: { networkError: true } | { httpStatus: number; cxmlCode: number | null }): DeliveryOutcome {
  if ("networkError" in result) return "retry";
  const { httpStatus, cxmlCode } = result;
  if (httpStatus >= 500 || httpStatus === 408 || httpStatus === 429) return "retry";
  if (httpStatus >= 400) return "failed";
  if (cxmlCode === null || (cxmlCode >= 200 && cxmlCode < 300)) return httpStatus < 300 ? "sent" : "failed";
  if (cxmlCode >= 500) return "retry";
  return "failed";
}

/** Exponential backoff: 30 s, 1 min, 2 min … capped at 1 h. */
export function backoffMs(attempts: number, baseMs = 30_000): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

/** The Status@code of a cXML Response body, or null. */
export function readStatusCode(body: string): number | null {
  const match = /<Status\b[^>]*\bcode\s*=\s*["'](\d{3})["']/.exec(body);
  return match ? Number(match[1]) : null;
}

export const MAX_DELIVERY_ATTEMPTS = 12;
