import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { verifyPassword } from "./password";

/**
 * Remembers, for a few minutes, that a machine credential (punchout shared secret / OCI password)
 * matched its stored scrypt hash, so a procurement system posting many documents does not pay
 * ~30–50 ms of scrypt CPU on every request (that capped cXML setup and OrderRequest intake at ~50
 * requests/s on 2 cores).
 *
 * What is kept: per stored hash (which identifies the connection AND the current secret: a new
 * secret gets a new hash with a fresh salt) an HMAC-SHA-256 of the secret that verified, under a
 * random key that lives only in this process, and an expiry. Never the secret itself.
 * - A changed secret misses the cache: the lookup is by the stored hash in force now.
 * - A wrong secret never passes from the cache: its HMAC differs (compared in constant time), so
 *   it goes through scrypt as before and fails. Failures are never cached.
 * - Throttling and the dummy-hash check for unknown senders are the callers' and run as before.
 * - The entry expires after `SECRET_CACHE_TTL_MS` (counted from the scrypt verification, not
 *   refreshed by hits), and the cache holds at most `SECRET_CACHE_MAX_ENTRIES` hashes.
 */
export const SECRET_CACHE_TTL_MS = 5 * 60_000;
export const SECRET_CACHE_MAX_ENTRIES = 1_000;

interface Entry {
  mac: Buffer;
  expiresAt: number;
}

export interface VerifiedSecretCache {
  /** verifyPassword(secret, storedHash), answered from memory when this secret verified recently. */
  verify(secret: string, storedHash: string, nowMs?: number): Promise<boolean>;
  /** Drops every remembered verification (tests; or after a credential change elsewhere). */
  clear(): void;
  readonly size: number;
}

export function createVerifiedSecretCache(options: {
  ttlMs?: number;
  maxEntries?: number;
  /** The scrypt check; injectable so tests can count the calls. */
  verifyHash?: (secret: string, storedHash: string) => Promise<boolean>;
} = {}): VerifiedSecretCache {
  const ttlMs = options.ttlMs ?? SECRET_CACHE_TTL_MS;
  const maxEntries = options.maxEntries ?? SECRET_CACHE_MAX_ENTRIES;
  const verifyHash = options.verifyHash ?? verifyPassword;
  const key = randomBytes(32);
  const entries = new Map<string, Entry>();
  const macOf = (secret: string, storedHash: string) => createHmac("sha256", key).update(storedHash).update("\0").update(secret, "utf8").digest();

  return {
    async verify(secret, storedHash, nowMs = Date.now()) {
      const mac = macOf(secret, storedHash);
      const entry = entries.get(storedHash);
      if (entry && entry.expiresAt > nowMs && timingSafeEqual(entry.mac, mac)) return true;
      if (entry && entry.expiresAt <= nowMs) entries.delete(storedHash);
      const ok = await verifyHash(secret, storedHash);
      if (ok) {
        // Oldest first out (Map keeps insertion order): a bounded cache, whatever the number of connections.
        entries.delete(storedHash);
        while (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
        entries.set(storedHash, { mac, expiresAt: nowMs + ttlMs });
      }
      return ok;
    },
    clear() {
      entries.clear();
    },
    get size() {
      return entries.size;
    },
  };
}

/** The process-wide cache for punchout connection secrets (cXML SharedSecret, OCI password, order secret). */
export const punchoutSecretCache = createVerifiedSecretCache();
