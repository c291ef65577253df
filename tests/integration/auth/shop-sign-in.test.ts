import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companies, loginThrottle, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { accountThrottleKeys, signInShopUser } from "@/lib/auth/shop-sign-in";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
const NOW = new Date("2026-11-29T10:00:00Z");
const PASSWORD = "juist-wachtwoord-123";
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

/** A fresh buyer with a real password hash, so every test has its own throttle keys. */
async function buyerWithPassword(): Promise<string> {
  const { user } = await createCompanyWithBuyer(db.handle);
  await db.handle.db.update(users).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(users.id, user.id));
  return user.email;
}

const throttleRows = async (keys: string[]) => (await db.handle.db.select().from(loginThrottle)).filter((row) => keys.includes(row.key));

beforeAll(async () => {
  db = await useFreshDatabase();
}, 120_000);
afterAll(() => db.dispose());

describe("shop sign-in throttling", () => {
  it("signs in with the right password and clears the failures recorded before", async () => {
    const email = await buyerWithPassword();
    expect(await signInShopUser(email, "fout", { remoteAddress: null, now: NOW })).toEqual({ ok: false, reason: "invalid" });
    expect(await throttleRows(accountThrottleKeys("shop", email, null))).toHaveLength(1);
    const lastSignIn = async () => (await db.handle.db.select({ at: users.lastSignInAt }).from(users).where(eq(users.email, email)))[0]!.at;
    expect(await lastSignIn()).toBeNull();
    const result = await signInShopUser(email.toUpperCase(), PASSWORD, { remoteAddress: null, now: at(1) });
    expect(result.ok && result.user.email).toBe(email);
    expect(await throttleRows(accountThrottleKeys("shop", email, null))).toHaveLength(0);
    // Staff see when the account was last used; a wrong password does not count as a sign-in.
    expect(await lastSignIn()).toEqual(at(1));
    await signInShopUser(email, "fout", { remoteAddress: null, now: at(2) });
    expect(await lastSignIn()).toEqual(at(1));
  });

  it("refuses even the right password after five failures for the address, for 15 minutes", async () => {
    const email = await buyerWithPassword();
    for (let i = 0; i < 5; i++) {
      expect(await signInShopUser(email, `fout-${i}`, { remoteAddress: null, now: at(i) })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signInShopUser(email, PASSWORD, { remoteAddress: null, now: at(5) })).toEqual({ ok: false, reason: "throttled" });
    // Refusals while blocked do not count (nothing was guessed) and do not extend the block.
    expect(await signInShopUser(email, PASSWORD, { remoteAddress: null, now: at(18) })).toEqual({ ok: false, reason: "throttled" });
    const result = await signInShopUser(email, PASSWORD, { remoteAddress: null, now: at(20) });
    expect(result.ok).toBe(true);
  });

  it("counts unknown addresses like known ones, so the answers tell nothing about which exist", async () => {
    const unknown = "niemand-hier@example.test";
    for (let i = 0; i < 5; i++) {
      expect(await signInShopUser(unknown, PASSWORD, { remoteAddress: null, now: at(i) })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signInShopUser(unknown, PASSWORD, { remoteAddress: null, now: at(5) })).toEqual({ ok: false, reason: "throttled" });
  });

  it("blocks a client address after 30 failures across accounts, and leaves other clients alone", async () => {
    const email = await buyerWithPassword();
    const guesser = "198.51.100.23";
    for (let i = 0; i < 30; i++) {
      await signInShopUser(`gok-${i}@example.test`, "fout", { remoteAddress: guesser, now: at(i / 10) });
    }
    expect(await signInShopUser(email, PASSWORD, { remoteAddress: guesser, now: at(4) })).toEqual({ ok: false, reason: "throttled" });
    const elsewhere = await signInShopUser(email, PASSWORD, { remoteAddress: "198.51.100.99", now: at(4) });
    expect(elsewhere.ok).toBe(true);
  });

  it("does not sign in a user whose company was deactivated", async () => {
    const email = await buyerWithPassword();
    const [user] = await db.handle.db.select().from(users).where(eq(users.email, email));
    await db.handle.db.update(companies).set({ active: false }).where(eq(companies.id, user!.companyId!));
    expect(await signInShopUser(email, PASSWORD, { remoteAddress: null, now: NOW })).toEqual({ ok: false, reason: "invalid" });
  });

  it("does not sign in a deactivated user, whatever the password", async () => {
    const email = await buyerWithPassword();
    await db.handle.db.update(users).set({ active: false }).where(eq(users.email, email));
    expect(await signInShopUser(email, PASSWORD, { remoteAddress: null, now: NOW })).toEqual({ ok: false, reason: "invalid" });
  });
});
