// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { createStaffApiKey } from "@/lib/admin/api-keys";
import type { StaffUser } from "@/lib/auth/guards";
import { createStaff } from "../../support/admin-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * The /admin API signed in by session (a staff member's browser) rather than by an API key: a change
 * posted from another origin is refused, as the upload and import routes refuse it (lib/auth/same-origin.ts),
 * so a page on a sibling host — same site, so the SameSite=Lax session cookie goes along — cannot make
 * a signed-in admin's browser change a customer's credit limit, report a return's receipt, and so on.
 * A bearer key travels in no cookie: API clients send any Origin they like.
 */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));

const { GET, PUT } = await import("@/app/admin/api/customers/[id]/credit/route");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: StaffUser;
let companyId: number;
let key: string;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  companyId = (await createCompanyWithBuyer(handle)).company.id;
  admin = await createStaff(handle, "admin");
  key = (await createStaffApiKey(admin, "ERP", new Date())).key;
}, 60_000);
afterAll(() => fresh.dispose());
beforeEach(() => {
  request.userId = null;
});

const URL_OF = () => `http://localhost:3000/admin/api/customers/${companyId}/credit`;
const params = () => ({ params: Promise.resolve({ id: String(companyId) }) });
const setLimit = (creditLimit: string, headers: Record<string, string>) =>
  PUT(new Request(URL_OF(), { method: "PUT", headers: { host: "localhost:3000", "content-type": "text/plain", ...headers }, body: JSON.stringify({ creditLimit }) }), params());
const limitNow = async () => ((await (await GET(new Request(URL_OF(), { headers: { authorization: `Bearer ${key}` } }), params())).json()) as { creditLimit: string | null }).creditLimit;

describe("the /admin API by session", () => {
  it("refuses a change from another origin (403) and changes nothing", async () => {
    request.userId = admin.id;
    const response = await setLimit("1.00", { origin: "https://evil.example.com" });
    expect(response.status).toBe(403);
    expect(await limitNow()).toBeNull();
  });

  it("takes the change from the shop's own origin, and from a tool that sends no Origin", async () => {
    request.userId = admin.id;
    expect((await setLimit("2500.00", { origin: "http://localhost:3000" })).status).toBe(200);
    expect(await limitNow()).toBe("2500.00");
    expect((await setLimit("3000.00", {})).status).toBe(200);
    expect(await limitNow()).toBe("3000.00");
  });

  it("reads from anywhere: a GET changes nothing", async () => {
    request.userId = admin.id;
    const response = await GET(new Request(URL_OF(), { headers: { host: "localhost:3000", origin: "https://evil.example.com" } }), params());
    expect(response.status).toBe(200);
  });
});

describe("the /admin API by API key", () => {
  it("takes a change whatever Origin the client sends: no cookie is involved", async () => {
    const response = await setLimit("4000.00", { authorization: `Bearer ${key}`, origin: "https://erp.example.com" });
    expect(response.status).toBe(200);
    expect(await limitNow()).toBe("4000.00");
  });
});
