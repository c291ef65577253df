// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createStaffApiKey } from "@/lib/admin/api-keys";
import { API_INVALID_KEY_THROTTLE, API_KEY_RATE_LIMIT } from "@/lib/admin/api-rate-limit";
import type { StaffUser } from "@/lib/auth/guards";
import { listRecentApiKeyCalls } from "@/lib/data/api-keys";
import { createStaff } from "../../support/admin-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * The admin API's per-key rate limit (lib/admin/api-route.ts, lib/admin/api-rate-limit.ts): a burst of
 * 50 calls, then 10 a second; past it 429 with Retry-After in the API's refusal shape, logged under the
 * key. The clock is frozen (only Date is faked) so the burst is exactly the burst however slow the
 * database is, and moved on by hand to let the bucket drain.
 */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));

const { GET } = await import("@/app/admin/api/customers/[id]/credit/route");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: StaffUser;
let companyId: number;
const start = new Date("2026-12-01T02:00:00Z");

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  companyId = (await createCompanyWithBuyer(handle)).company.id;
  admin = await createStaff(handle, "admin");
}, 60_000);
afterAll(() => fresh.dispose());
beforeEach(() => {
  request.userId = null;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(start);
});
afterEach(() => {
  vi.useRealTimers();
});

const call = (headers: Record<string, string>) =>
  GET(new Request(`http://localhost:3000/admin/api/customers/${companyId}/credit`, { headers }), { params: Promise.resolve({ id: String(companyId) }) });
const withKey = (key: string) => call({ authorization: `Bearer ${key}` });
const newKey = async (name: string) => createStaffApiKey(admin, name, new Date(), ["credit"]);

describe("the admin API's rate limit per key", () => {
  it("answers 429 with Retry-After after the burst, logs it under the key, and lets the key in again once drained", async () => {
    const { id, key } = await newKey("Nightly feed");
    for (let i = 0; i < API_KEY_RATE_LIMIT.burst; i++) expect((await withKey(key)).status, `call ${i + 1}`).toBe(200);

    const refused = await withKey(key);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toEqual({ error: "rate_limited", code: "rate_limited", details: { retryAfterSeconds: 1, perSecond: 10, burst: 50 } });
    // A refused call is not counted: it still answers 429 (not a longer wait) while the bucket is full.
    expect((await withKey(key)).headers.get("retry-after")).toBe("1");

    const log = (await listRecentApiKeyCalls([id], 100)).get(id)!;
    expect(log.total).toBe(API_KEY_RATE_LIMIT.burst + 2);
    expect(log.calls.slice(0, 2).map((entry) => entry.status)).toEqual([429, 429]);
    expect(log.calls.filter((entry) => entry.status === 200)).toHaveLength(API_KEY_RATE_LIMIT.burst);

    // 100 ms later one call has drained out: one more, then full again.
    vi.setSystemTime(new Date(start.getTime() + 100));
    expect((await withKey(key)).status).toBe(200);
    expect((await withKey(key)).status).toBe(429);
    // After the Retry-After and more, a steady 10 a second goes through.
    for (let i = 1; i <= 15; i++) {
      vi.setSystemTime(new Date(start.getTime() + 1000 + i * 100));
      expect((await withKey(key)).status, `steady call ${i}`).toBe(200);
    }
  });

  it("leaves another key, and the owner's session in the browser, unaffected", async () => {
    const busy = await newKey("Loop");
    const other = await newKey("Stock feed");
    for (let i = 0; i < API_KEY_RATE_LIMIT.burst; i++) await withKey(busy.key);
    expect((await withKey(busy.key)).status).toBe(429);

    expect((await withKey(other.key)).status).toBe(200);
    request.userId = admin.id;
    expect((await call({})).status).toBe(200);
    expect((await listRecentApiKeyCalls([other.id], 5)).get(other.id)!.calls.map((entry) => entry.status)).toEqual([200]);
  });

  it("counts refusals of scope too: a key looping on a 403 is limited like one on a 200", async () => {
    const { key } = await createStaffApiKey(admin, "Wrong scope", new Date(), ["stock"]);
    for (let i = 0; i < API_KEY_RATE_LIMIT.burst; i++) expect((await withKey(key)).status).toBe(403);
    expect((await withKey(key)).status).toBe(429);
  });

  it("gives a session its own, looser bucket", async () => {
    request.userId = admin.id;
    for (let i = 0; i < API_KEY_RATE_LIMIT.burst + 10; i++) expect((await call({})).status, `session call ${i + 1}`).toBe(200);
  });
});

describe("the admin API's throttle of invalid keys per client address", () => {
  const wrongKey = "kop_wrongwrongwrongwrongwrong";
  // The deployment's one trusted proxy (TRUSTED_PROXY_HOPS=1) appends the address it saw last.
  const from = (forwardedFor: string, key: string) => call({ authorization: `Bearer ${key}`, "x-forwarded-for": forwardedFor });
  const minutes = (n: number) => new Date(start.getTime() + n * 60_000);

  it("answers 429 with Retry-After to that address's keys, valid ones too, until the block ends; another address is not affected", async () => {
    const address = "203.0.113.7";
    for (let i = 0; i < API_INVALID_KEY_THROTTLE.maxFailures; i++) expect((await from(address, wrongKey)).status, `wrong key ${i + 1}`).toBe(401);

    const refused = await from(address, wrongKey);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("600");
    expect(await refused.json()).toEqual({ error: "too_many_invalid_keys", code: "rate_limited", details: { retryAfterSeconds: 600 } });
    // Refused before the key is looked up: a valid key from there waits too, and no call is logged under it.
    const { id, key } = await newKey("Behind the same address");
    expect((await from(address, key)).status).toBe(429);
    expect((await listRecentApiKeyCalls([id], 5)).get(id)!.total).toBe(0);
    // An address the client puts in front of the proxy's is no way out.
    expect((await from(`10.1.2.3, ${address}`, wrongKey)).status).toBe(429);

    // Another address keeps its own count: a wrong key is a 401 there, a valid one works.
    expect((await from("198.51.100.4", wrongKey)).status).toBe(401);
    expect((await from("198.51.100.4", key)).status).toBe(200);

    // Refused calls are not counted: the wait only runs down.
    vi.setSystemTime(minutes(5));
    expect((await from(address, wrongKey)).headers.get("retry-after")).toBe("300");

    // Once the block and the window have ended: a wrong key is a 401 again (a fresh count), a valid key works.
    vi.setSystemTime(minutes(11));
    expect((await from(address, wrongKey)).status).toBe(401);
    expect((await from(address, key)).status).toBe(200);
    expect((await listRecentApiKeyCalls([id], 5)).get(id)!.calls.map((entry) => entry.status)).toEqual([200, 200]);
  });

  it("lets a valid key from an address that is not blocked work, without clearing the address's count", async () => {
    const address = "203.0.113.8";
    const { key } = await newKey("Mixed");
    for (let i = 0; i < API_INVALID_KEY_THROTTLE.maxFailures - 1; i++) await from(address, wrongKey);
    // A valid key in between clears nothing: the next wrong key is still the one that blocks the address.
    expect((await from(address, key)).status).toBe(200);
    expect((await from(address, wrongKey)).status).toBe(401);
    expect((await from(address, key)).status).toBe(429);
  });

  it("counts nothing without a client address, as a sign-in without one", async () => {
    for (let i = 0; i <= API_INVALID_KEY_THROTTLE.maxFailures; i++) expect((await withKey(wrongKey)).status, `wrong key ${i + 1}`).toBe(401);
  });
});
