import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createVerifiedSecretCache } from "@/lib/auth/verified-secret-cache";

/** A cache around the real scrypt check that counts how often scrypt actually ran. */
function countingCache(options: { ttlMs?: number; maxEntries?: number } = {}) {
  const calls = { scrypt: 0 };
  const cache = createVerifiedSecretCache({
    ...options,
    verifyHash: (secret, hash) => {
      calls.scrypt++;
      return verifyPassword(secret, hash);
    },
  });
  return { cache, calls };
}

const T0 = Date.UTC(2026, 10, 28, 10, 0, 0);

describe("verified secret cache", () => {
  it("answers a secret that verified from memory, without scrypt", async () => {
    const hash = await hashPassword("right-secret");
    const { cache, calls } = countingCache();
    expect(await cache.verify("right-secret", hash, T0)).toBe(true);
    expect(await cache.verify("right-secret", hash, T0 + 1_000)).toBe(true);
    expect(await cache.verify("right-secret", hash, T0 + 2_000)).toBe(true);
    expect(calls.scrypt).toBe(1);
  });

  it("never accepts a wrong secret from the cache: it goes through scrypt and fails", async () => {
    const hash = await hashPassword("right-secret");
    const { cache, calls } = countingCache();
    expect(await cache.verify("right-secret", hash, T0)).toBe(true);
    for (const wrong of ["wrong-secret", "right-secre", "right-secret ", "RIGHT-SECRET", ""]) {
      expect(await cache.verify(wrong, hash, T0 + 1_000)).toBe(false);
    }
    expect(calls.scrypt).toBe(6);
    // The right one is still remembered after the failures (failures do not evict it).
    expect(await cache.verify("right-secret", hash, T0 + 2_000)).toBe(true);
    expect(calls.scrypt).toBe(6);
  });

  it("does not cache failures: a wrong secret costs scrypt every time", async () => {
    const hash = await hashPassword("right-secret");
    const { cache, calls } = countingCache();
    expect(await cache.verify("guess", hash, T0)).toBe(false);
    expect(await cache.verify("guess", hash, T0)).toBe(false);
    expect(calls.scrypt).toBe(2);
    expect(cache.size).toBe(0);
  });

  it("a cached secret fails once the connection's secret (its stored hash) changes", async () => {
    const oldHash = await hashPassword("old-secret");
    const newHash = await hashPassword("new-secret");
    const { cache } = countingCache();
    expect(await cache.verify("old-secret", oldHash, T0)).toBe(true);
    // After the rotation the caller holds the new hash: the old secret no longer verifies.
    expect(await cache.verify("old-secret", newHash, T0 + 1_000)).toBe(false);
    expect(await cache.verify("new-secret", newHash, T0 + 2_000)).toBe(true);
    // Even the same secret re-hashed (new salt) is a new entry checked by scrypt.
    const rehashed = await hashPassword("new-secret");
    const { cache: fresh, calls } = countingCache();
    await fresh.verify("new-secret", newHash, T0);
    expect(await fresh.verify("new-secret", rehashed, T0)).toBe(true);
    expect(calls.scrypt).toBe(2);
  });

  it("expires entries after the TTL (counted from the scrypt check, not refreshed by hits)", async () => {
    const hash = await hashPassword("right-secret");
    const { cache, calls } = countingCache({ ttlMs: 60_000 });
    await cache.verify("right-secret", hash, T0);
    await cache.verify("right-secret", hash, T0 + 59_000);
    expect(calls.scrypt).toBe(1);
    await cache.verify("right-secret", hash, T0 + 60_000);
    expect(calls.scrypt).toBe(2);
  });

  it("stays bounded: the oldest entry goes out first", async () => {
    const hashes = await Promise.all(["a", "b", "c"].map((s) => hashPassword(`secret-${s}`)));
    const { cache, calls } = countingCache({ maxEntries: 2 });
    for (const [i, s] of ["a", "b", "c"].entries()) expect(await cache.verify(`secret-${s}`, hashes[i]!, T0)).toBe(true);
    expect(cache.size).toBe(2);
    // "a" was the oldest and went out: scrypt again.
    await cache.verify("secret-a", hashes[0]!, T0);
    expect(calls.scrypt).toBe(4);
  });
});
