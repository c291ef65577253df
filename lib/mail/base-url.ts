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
