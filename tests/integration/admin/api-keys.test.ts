import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { staffApiKeys, users } from "@/db/schema";
import { authenticateApiKey, createStaffApiKey, revokeStaffApiKey } from "@/lib/admin/api-keys";
import { apiPutSchema, listEntriesViaApi, putEntriesViaApi } from "@/lib/admin/price-api";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const now = new Date("2026-11-28T10:00:00Z");

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
}, 60_000);
afterAll(() => fresh?.dispose());

describe("staff API keys and the price-list API", () => {
  it("authenticates a bearer key as its owner, stores only a hash, and stops on revocation or deactivation", async () => {
    const customer = await createCompanyWithBuyer(handle);
    const manager = await createStaff(handle, "account_manager", [customer.company.id]);
    const { id, key } = await createStaffApiKey(manager, "ERP", now);
    expect(key).toMatch(/^kop_[A-Za-z0-9_-]{43}$/);
    const [stored] = await handle.db.select().from(staffApiKeys).where(eq(staffApiKeys.id, id));
    expect(stored!.tokenHash).not.toContain(key.slice(4));
    expect(stored!.prefix).toBe(key.slice(0, 10));

    expect(await authenticateApiKey(`Bearer ${key}`, now)).toMatchObject({ id: manager.id, role: "account_manager", impersonatedBy: null });
    expect(await authenticateApiKey(`Bearer ${key}x`, now)).toBeNull();
    expect(await authenticateApiKey(key, now)).toBeNull();
    expect(await authenticateApiKey(null, now)).toBeNull();

    await handle.db.update(users).set({ active: false }).where(eq(users.id, manager.id));
    expect(await authenticateApiKey(`Bearer ${key}`, now)).toBeNull();
    await handle.db.update(users).set({ active: true }).where(eq(users.id, manager.id));
    await revokeStaffApiKey(manager, id, now);
    expect(await authenticateApiKey(`Bearer ${key}`, now)).toBeNull();
  });

  it("applies entries with the CSV rules, all-or-nothing, within the owner's customers", async () => {
    const customer = await createCompanyWithBuyer(handle);
    const manager = await createStaff(handle, "account_manager", [customer.company.id]);
    const product = await createProduct(handle, (await createCategory(handle)).id, { listPriceMinor: 2000 });
    const list = await createPriceList(handle, customer.company.id, []);
    // As the route does: the JSON body goes through the schema first (numbers become decimal strings).
    const body = apiPutSchema.parse({
      entries: [
        { sku: product.sku, type: "fixed", value: "17.50", tiers: [{ minQuantity: 10, value: 16 }], validTo: "2027-12-31" },
        { sku: "NOPE", type: "discount", value: 5 },
      ],
    });
    const rejected = await putEntriesViaApi(manager, list.code, body, now);
    expect(rejected).toMatchObject({ status: "rejected", errors: [{ index: 1, sku: "NOPE", problem: "unknown_sku" }] });
    expect((await listEntriesViaApi(manager, list.code)).entries).toEqual([]);

    const applied = await putEntriesViaApi(manager, list.code, { ...body, applyValidOnly: true }, now);
    expect(applied).toMatchObject({ status: "applied", counts: { created: 1 }, errors: [{ index: 1 }] });
    expect(await listEntriesViaApi(manager, list.code)).toMatchObject({
      priceList: { code: list.code, currency: "EUR" },
      entries: [{ sku: product.sku, type: "fixed", value: "17.50", tiers: [{ minQuantity: 10, value: "16.00" }], validFrom: null, validTo: "2027-12-31" }],
    });

    const outsider = await createStaff(handle, "account_manager", []);
    await expect(listEntriesViaApi(outsider, list.code)).rejects.toMatchObject({ code: "not_found" });
  });
});
