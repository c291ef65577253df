import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companyPriceLists, priceAuditLog, priceListEntries, priceLists } from "@/db/schema";
import { importPriceListCsv } from "@/lib/admin/price-csv/import-price-list";
import { putEntriesViaApi } from "@/lib/admin/price-api";
import { assignListToCustomer, removeEntryFromEditor, saveEntryFromEditor, unassignListFromCustomer, updatePriceListHeader } from "@/lib/admin/pricing";
import type { StaffUser } from "@/lib/auth/guards";
import { listPriceAudit } from "@/lib/data/price-audit";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let manager: StaffUser;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let categoryId: number;
const now = new Date("2026-11-28T10:00:00Z");
const fields = (value: string, extra: Partial<{ kind: string; tiers: string; validFrom: string; validTo: string }> = {}) => ({
  kind: "fixed",
  value,
  tiers: "",
  validFrom: "",
  validTo: "",
  ...extra,
});

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  customer = await createCompanyWithBuyer(handle);
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
  categoryId = (await createCategory(handle)).id;
  // Makes every audit insert for lists coded FAIL-… fail: the change it describes must roll back with it.
  await handle.query(`
    create or replace function fail_audit() returns trigger language plpgsql as $$
    begin
      if new.price_list_code like 'FAIL-%' then raise exception 'audit write failed (test)'; end if;
      return new;
    end $$`);
  await handle.query("create trigger fail_audit before insert on price_audit_log for each row execute function fail_audit()");
}, 60_000);
afterAll(() => fresh?.dispose());

async function xminOf(table: "price_list_entries" | "price_audit_log" | "company_price_lists", where: string, params: unknown[]) {
  const [row] = await handle.query<{ xmin: string }>(`select xmin::text as xmin from ${table} where ${where}`, params);
  return row?.xmin;
}

describe("price audit log", () => {
  it("records who, when, old → new and the source for editor changes, in the same transaction as the change", async () => {
    const product = await createProduct(handle, categoryId, { listPriceMinor: 1000 });
    const list = await createPriceList(handle, customer.company.id, []);
    await saveEntryFromEditor(manager, { priceListId: list.id, productId: product.id, expectedUpdatedAt: "", fields: fields("8,50", { tiers: "10: 8,00" }) }, now);
    const [created] = await handle.db.select().from(priceListEntries).where(eq(priceListEntries.priceListId, list.id));
    await saveEntryFromEditor(
      manager,
      { priceListId: list.id, productId: product.id, expectedUpdatedAt: created!.updatedAt.toISOString(), fields: fields("12,5", { kind: "discount", validTo: "31-12-2026" }) },
      new Date(now.getTime() + 60_000),
    );
    const [entry] = await handle.db.select().from(priceListEntries).where(eq(priceListEntries.priceListId, list.id));
    const audit = await handle.db.select().from(priceAuditLog).where(eq(priceAuditLog.priceListId, list.id)).orderBy(priceAuditLog.id);
    expect(audit.map((row) => row.action)).toEqual(["entry_created", "entry_updated"]);
    expect(audit[1]).toMatchObject({
      actorUserId: manager.id,
      actorName: manager.name,
      source: "editor",
      sku: product.sku,
      productId: product.id,
      priceListCode: list.code,
      oldValue: { kind: "fixed", priceMinor: 850, discountBasisPoints: null, tiers: [{ minQuantity: 10, priceMinor: 800 }], validFrom: null, validTo: null },
      newValue: { kind: "discount", priceMinor: null, discountBasisPoints: 1250, tiers: [], validFrom: null, validTo: "2026-12-31" },
    });
    expect(audit[1]!.createdAt).toBeInstanceOf(Date);
    // xmin is the id of the transaction that wrote a row: entry and audit row were written together.
    expect(await xminOf("price_audit_log", "id = $1", [audit[1]!.id])).toBe(await xminOf("price_list_entries", "id = $1", [entry!.id]));
  });

  it("writes nothing for a save that changes nothing", async () => {
    const product = await createProduct(handle, categoryId);
    const list = await createPriceList(handle, customer.company.id, []);
    await saveEntryFromEditor(manager, { priceListId: list.id, productId: product.id, fields: fields("5") }, now);
    const result = await saveEntryFromEditor(manager, { priceListId: list.id, productId: product.id, fields: fields("5,00") }, now);
    expect(result.changed).toBe(false);
    expect(await handle.db.select().from(priceAuditLog).where(eq(priceAuditLog.priceListId, list.id))).toHaveLength(1);
  });

  it("refuses a stale editor (someone changed the price meanwhile) and writes nothing", async () => {
    const product = await createProduct(handle, categoryId);
    const list = await createPriceList(handle, customer.company.id, [{ productId: product.id, kind: "fixed", priceMinor: 700 }]);
    await expect(
      saveEntryFromEditor(manager, { priceListId: list.id, productId: product.id, expectedUpdatedAt: "2020-01-01T00:00:00.000Z", fields: fields("6") }, now),
    ).rejects.toMatchObject({ code: "conflict", message: "entry_changed_meanwhile" });
    expect(await handle.db.select().from(priceListEntries).where(eq(priceListEntries.priceListId, list.id))).toMatchObject([{ priceMinor: 700 }]);
  });

  it("rolls the price change back when its audit row cannot be written (editor, delete, CSV, API, list header, assignment)", async () => {
    const product = await createProduct(handle, categoryId);
    const [list] = await handle.db.insert(priceLists).values({ code: "FAIL-AUDIT", name: "Audit kapot" }).returning();
    await handle.db.insert(priceListEntries).values({ priceListId: list!.id, productId: product.id, kind: "fixed", priceMinor: 999 });
    await handle.db.insert(companyPriceLists).values({ companyId: customer.company.id, priceListId: list!.id, priority: 50 });
    const entryBefore = await handle.db.select().from(priceListEntries).where(eq(priceListEntries.priceListId, list!.id));
    // Drizzle wraps driver errors ("Failed query: …") with the database's error as cause.
    const failing = async (promise: Promise<unknown>) => {
      const error = (await promise.then(() => null, (e: unknown) => e)) as { message?: string; cause?: { message?: string } } | null;
      expect(`${error?.message} ${error?.cause?.message}`).toMatch(/audit write failed/);
    };

    await failing(saveEntryFromEditor(manager, { priceListId: list!.id, productId: product.id, fields: fields("1") }, now));
    await failing(removeEntryFromEditor(manager, { priceListId: list!.id, productId: product.id }));
    const csv = new TextEncoder().encode(`sku;value\n${product.sku};2\n`);
    await failing(importPriceListCsv({ staff: manager, priceListId: list!.id, bytes: csv, options: { replaceAll: false, applyValidOnly: false, dryRun: false }, now }));
    await failing(putEntriesViaApi(manager, "FAIL-AUDIT", { entries: [{ sku: product.sku, type: "fixed", value: "3", tiers: [] }], replaceAll: false, applyValidOnly: false, dryRun: false }, now));
    await failing(updatePriceListHeader(manager, list!.id, { name: "Nieuw", currency: "EUR", validFrom: null, validTo: null }));
    await failing(assignListToCustomer(manager, customer.company.id, list!.id, 1));
    await failing(unassignListFromCustomer(manager, customer.company.id, list!.id));

    expect(await handle.db.select().from(priceListEntries).where(eq(priceListEntries.priceListId, list!.id))).toEqual(entryBefore);
    expect(await handle.db.select().from(priceLists).where(eq(priceLists.id, list!.id))).toMatchObject([{ name: "Audit kapot" }]);
    expect(await handle.db.select().from(companyPriceLists).where(eq(companyPriceLists.priceListId, list!.id))).toMatchObject([{ priority: 50 }]);
  });

  it("audits assignment and priority changes with the customer, in the change's transaction", async () => {
    const list = await createPriceList(handle, (await createCompanyWithBuyer(handle)).company.id, []);
    await handle.db.delete(companyPriceLists).where(eq(companyPriceLists.priceListId, list.id));
    await assignListToCustomer(manager, customer.company.id, list.id, 30);
    await assignListToCustomer(manager, customer.company.id, list.id, 15);
    await unassignListFromCustomer(manager, customer.company.id, list.id);
    const rows = await handle.db.select().from(priceAuditLog).where(eq(priceAuditLog.priceListId, list.id)).orderBy(priceAuditLog.id);
    expect(rows.map((r) => [r.action, r.companyId, r.oldValue, r.newValue])).toEqual([
      ["list_assigned", customer.company.id, null, { priority: 30 }],
      ["priority_changed", customer.company.id, { priority: 30 }, { priority: 15 }],
      ["list_unassigned", customer.company.id, { priority: 15 }, null],
    ]);
  });

  it("is visible per price list, per product and per customer – and scoped to the manager's customers", async () => {
    const product = await createProduct(handle, categoryId);
    const mine = await createPriceList(handle, customer.company.id, []);
    const someoneElse = await createCompanyWithBuyer(handle);
    const theirs = await createPriceList(handle, someoneElse.company.id, []);
    const admin = await createStaff(handle, "admin");
    await saveEntryFromEditor(manager, { priceListId: mine.id, productId: product.id, fields: fields("4") }, now);
    await saveEntryFromEditor(admin, { priceListId: theirs.id, productId: product.id, fields: fields("3") }, now);
    await putEntriesViaApi(admin, theirs.code, { entries: [{ sku: product.sku, type: "fixed", value: "2.95", tiers: [] }], replaceAll: false, applyValidOnly: false, dryRun: false }, now);

    const page = { offset: 0, limit: 100 };
    expect((await listPriceAudit({ priceListId: mine.id, managerId: null }, page)).items.map((r) => r.source)).toEqual(["editor"]);
    const byProduct = await listPriceAudit({ productId: product.id, managerId: null }, page);
    expect(byProduct.items.map((r) => [r.priceListCode, r.source]).sort()).toEqual([[mine.code, "editor"], [theirs.code, "api"], [theirs.code, "editor"]].sort());
    expect((await listPriceAudit({ companyId: someoneElse.company.id, managerId: null }, page)).items.every((r) => r.priceListId === theirs.id)).toBe(true);
    // The manager sees the product's history only in lists of their own customers.
    const managersView = await listPriceAudit({ productId: product.id, managerId: manager.id }, page);
    expect(managersView.items.map((r) => r.priceListCode)).toEqual([mine.code]);
  });
});
