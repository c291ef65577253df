import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, companyPriceLists, priceListEntries, products } from "@/db/schema";
import { importPriceListCsv, type ImportOptions } from "@/lib/admin/price-csv/import-price-list";
import type { StaffUser } from "@/lib/auth/guards";
import { createStaff, createProducts } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * What the CSV import's check says before anything is applied: a check stays a check (checkOnly),
 * lines that start after the list ends are flagged, and the contract-only customers the import would
 * leave with an empty shop are named.
 */
let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: StaffUser;
let categoryId: number;
// 28 November 2026 in Amsterdam: "today" for the windows below.
const now = new Date("2026-11-28T10:00:00Z");
const check: ImportOptions = { replaceAll: false, applyValidOnly: false, dryRun: true };
const encode = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  admin = await createStaff(handle, "admin");
  categoryId = (await createCategory(handle)).id;
}, 60_000);
afterAll(() => fresh?.dispose());

const entriesOf = (priceListId: number) => handle.db.select().from(priceListEntries).where(eq(priceListEntries.priceListId, priceListId));

async function contractCustomer(name: string, assortment: "all" | "contract" = "contract", active = true) {
  const { company } = await createCompanyWithBuyer(handle);
  await handle.db.update(companies).set({ name, assortment, active }).where(eq(companies.id, company.id));
  return company.id;
}

describe("CSV import: a check is reported as a check", () => {
  it("a check with invalid rows says what it found (checkOnly); an apply refused for them says nothing was applied", async () => {
    const [a] = await createProducts(handle, categoryId, 1, { prefix: "CHK-" });
    const list = await createPriceList(handle, await contractCustomer("Controle B.V.", "all"), []);
    const file = encode(`sku;value\n${a!.sku};1,00\nBESTAAT-NIET;2,00\n`);
    expect(await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: file, options: check, now })).toMatchObject({ status: "rejected", checkOnly: true, invalidRows: 1 });
    expect(await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: file, options: { ...check, dryRun: false }, now })).toMatchObject({
      status: "rejected",
      checkOnly: false,
    });
    expect(await entriesOf(list.id)).toEqual([]);
  });
});

describe("CSV import: lines outside the list's window", () => {
  it("warns per line about a line starting after the list ends (and one ending before it starts), and still applies them", async () => {
    const [a, b, c] = await createProducts(handle, categoryId, 3, { prefix: "WIN-" });
    const list = await createPriceList(handle, await contractCustomer("Venster B.V.", "all"), [], { validFrom: "2026-01-01", validTo: "2026-12-31" });
    const file = encode(`sku;value;valid_from;valid_to\n${a!.sku};1,00;01-01-2027;\n${b!.sku};2,00;;2025-12-31\n${c!.sku};3,00;2026-12-31;\n`);
    const report = await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: file, options: { ...check, dryRun: false }, now });
    expect(report).toMatchObject({ status: "applied", validRows: 3 });
    expect(report.warnings).toEqual([
      { line: 2, sku: a!.sku, code: "after_list_end" },
      { line: 3, sku: b!.sku, code: "before_list_start" },
    ]);
    expect(await entriesOf(list.id)).toHaveLength(3);
  });
});

describe("CSV import: contract-only customers left with an empty shop", () => {
  it("replacing a list's lines with lines that start next month names its contract-only customers, and no others; applying writes it anyway", async () => {
    const items = await createProducts(handle, categoryId, 6, { prefix: "CTR-" });
    const waterland = await contractCustomer("Gemeente Waterland");
    const list = await createPriceList(
      handle,
      waterland,
      items.slice(0, 4).map((p) => ({ productId: p.id, kind: "fixed" as const, priceMinor: 100 })),
    );
    // On the same list: a contract customer with another list that prices today, one with the whole catalogue, an inactive one.
    const broad = await contractCustomer("Breed Contract B.V.");
    await createPriceList(handle, broad, [{ productId: items[4]!.id, kind: "fixed", priceMinor: 100 }]);
    const everything = await contractCustomer("Alles B.V.", "all");
    const gone = await contractCustomer("Opgeheven B.V.", "contract", false);
    await handle.db.insert(companyPriceLists).values([broad, everything, gone].map((companyId) => ({ companyId, priceListId: list.id, priority: 20 })));

    const nextMonth = encode(`sku;value;valid_from\n${items[4]!.sku};5,00;2026-12-01\n`);
    const replace = { ...check, replaceAll: true };
    const preview = await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: nextMonth, options: replace, now });
    expect(preview).toMatchObject({ status: "validated", checkOnly: true, counts: { created: 1, deleted: 4 } });
    expect(preview.contractEmpty).toEqual({ listEmpty: false, customers: [{ companyId: waterland, name: "Gemeente Waterland" }] });

    // The same file added instead of replacing keeps today's four lines: nobody's shop empties.
    expect((await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: nextMonth, options: check, now })).contractEmpty).toBeNull();
    // A line for an inactive product prices nothing either.
    await handle.db.update(products).set({ active: false }).where(eq(products.id, items[5]!.id));
    const inactiveOnly = encode(`sku;value\n${items[5]!.sku};5,00\n`);
    expect((await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: inactiveOnly, options: replace, now })).contractEmpty).toMatchObject({
      customers: [{ name: "Gemeente Waterland" }],
    });
    // Replacing with a line that prices today: no warning.
    const today = encode(`sku;value\n${items[0]!.sku};1,00\n`);
    expect((await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: today, options: replace, now })).contractEmpty).toBeNull();

    // The warning is the check's; applying is the manager's call (the form asks first).
    const applied = await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: nextMonth, options: { ...replace, dryRun: false }, now });
    expect(applied).toMatchObject({ status: "applied", checkOnly: false, contractEmpty: null, counts: { created: 1, deleted: 4 } });
    expect((await entriesOf(list.id)).map((e) => e.productId)).toEqual([items[4]!.id]);
  });

  it("says so when the list would end up empty", async () => {
    const [a] = await createProducts(handle, categoryId, 1, { prefix: "LEEG-" });
    const customer = await contractCustomer("Leeg Contract B.V.");
    const list = await createPriceList(handle, customer, [{ productId: a!.id, kind: "fixed", priceMinor: 100 }]);
    // A file with an invalid row never replaces (the valid rows are at most added): today's line stays, nobody's shop empties.
    const report = await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: encode(`sku;value\n${a!.sku};1,00\n${a!.sku};2,00\n`), options: check, now });
    expect(report).toMatchObject({ status: "rejected", validRows: 0, contractEmpty: null });
    const header = await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: encode("sku;value\n"), options: { ...check, replaceAll: true }, now });
    expect(header).toMatchObject({ status: "validated", totalRows: 0, counts: { deleted: 1 } });
    expect(header.contractEmpty).toEqual({ listEmpty: true, customers: [{ companyId: customer, name: "Leeg Contract B.V." }] });
  });
});
