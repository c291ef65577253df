import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/** Base URL for links in e-mails: APP_URL, else the host of the current request, else localhost. */
export async function mailBaseUrl(): Promise<string> {
  if (env.APP_URL) return env.APP_URL.replace(/\/+$/, "");
  try {
    const h = await headers();
    const host = h.get("x-forwarded-host") ?? h.get("host");
    if (host) {
      const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
      return `${proto}://${host}`;
    }
  } catch {
    // Outside a request (scripts, tests): no host to go by.
  }
  return "http://localhost:3000";
}

/** An order's page in the buyer's My account, for links in mails. */
export const accountOrderLink = (baseUrl: string, orderNumber: string): string => `${baseUrl}/account/orders/${encodeURIComponent(orderNumber)}`;

/** Technical users (punchout, procurement systems) have addresses at `.invalid` domains: nobody reads their mail. */
export const readsMail = (email: string): boolean => !email.endsWith(".invalid");
