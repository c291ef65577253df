import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";

/** The public base URL for links in e-mails: APP_URL, else the host this request came in on. */
export async function publicBaseUrl(): Promise<string> {
  if (env.APP_URL) return env.APP_URL.replace(/\/+$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
