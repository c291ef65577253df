import { env } from "@/lib/env";

/**
 * The client's address for throttling keys, from X-Forwarded-For. Each proxy APPENDS the address it
 * received the request from, so only the entries written by the deployment's own proxies can be
 * trusted; anything to their left is whatever the client chose to send (MDN, "X-Forwarded-For:
 * Selecting an IP address"). With `proxyHops` trusted proxies in front of the app, the client is the
 * `proxyHops`-th entry from the right. Without a proxy header, `next start` writes the socket's
 * address into the header itself (it keeps one the client sent, hence the proxy requirement). Used
 * only as a throttling key, never for access decisions. Null without the header.
 */
export function clientAddressFrom(headers: Pick<Headers, "get">, proxyHops: number): string | null {
  const entries = headers.get("x-forwarded-for")?.split(",").map((entry) => entry.trim()) ?? [];
  const address = entries[Math.max(0, entries.length - Math.max(1, proxyHops))];
  return address ? address.slice(0, 64) : null;
}

/** The client's address behind the deployment's `TRUSTED_PROXY_HOPS` proxies (see clientAddressFrom). */
export function clientAddress(headers: Pick<Headers, "get">): string | null {
  return clientAddressFrom(headers, env.TRUSTED_PROXY_HOPS);
}
