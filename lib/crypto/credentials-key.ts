import "server-only";
import { env } from "@/lib/env";
import { deriveSecretKey } from "./secret-box";

let cached: Buffer | null = null;

/** The AES key for stored outbound credentials: CREDENTIALS_KEY, else derived from AUTH_SECRET. */
export function credentialsKey(): Buffer {
  const material = env.CREDENTIALS_KEY ?? env.AUTH_SECRET;
  if (!material) throw new Error("CREDENTIALS_KEY or AUTH_SECRET must be set to store outbound credentials");
  cached ??= deriveSecretKey(material);
  return cached;
}
