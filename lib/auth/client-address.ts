/**
 * The client's address as the reverse proxy in front of the app reports it: the first entry of
 * X-Forwarded-For. Used only as a throttling key (a spoofed header moves a client to another key;
 * the per-account key still counts), never for access decisions. Null without a proxy header:
 * Next.js does not expose the socket's address to route handlers and actions.
 */
export function clientAddress(headers: Pick<Headers, "get">): string | null {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim().slice(0, 64) || null;
}
