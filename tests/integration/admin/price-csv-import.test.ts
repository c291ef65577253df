import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { cartLines, carts, companyPriceLists, priceAuditLog, priceListEntries, punchoutSessions } from "@/db/schema";
import { formatPriceListCsv } from "@/lib/admin/price-csv/format-price-list";
import { importPriceListCsv, type ImportEvent, type ImportOptions } from "@/lib/admin/price-csv/import-price-list";
import { listEntriesForExport } from "@/lib/data/price-lists";
import type { StaffUser } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { createStaff, createProducts } from "../../support/admin-fixtures";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: StaffUser;
let categoryId: number;
const now = new Date("2026-11-28T10:00:00Z");
const apply: ImportOptions = { replaceAll: false, applyValidOnly: false, dryRun: false };
const encode = (text: string) => new TextEncoder().encode(text);

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  admin = await createStaff(handle, "admin");
  categoryId = (await createCategory(handle)).id;
}, 60_000);
afterAll(() => fresh?.dispose());

async function newList(companyId?: number) {
  const company = companyId ?? (await createCompanyWithBuyer(handle)).company.id;
  return createPriceList(handle, company, []);
}
const entriesOf = (priceListId: number) => handle.db.select().from(priceListEntries).where(eq(priceListEntries.priceListId, priceListId));
const auditOf = (priceListId: number) => handle.db.select().from(priceAuditLog).where(eq(priceAuditLog.priceListId, priceListId));

describe("CSV import: good files", () => {
  it("applies a Dutch Excel file (BOM, `;`, decimal comma, Dutch headers and dates, quotes, CRLF) with audit rows", async () => {
    const [a, b, c] = await createProducts(handle, categoryId, 3, { prefix: "NL-" });
    const list = await newList();
    const file = [
      "\uFEFFArtikelnummer;Naam;Soort;Waarde;Staffel1 aantal;Staffel1 waarde;Staffel2 aantal;Staffel2 waarde;Geldig vanaf;Geldig tot",
      `${a!.sku};"Pen; blauw";vast;4,50;10;4,20;50;3,95;;31-12-2026`,
      `${b!.sku};Papier;korting;12,5;100;15;;;2026-01-01;`,
      `${c!.sku};"Map ""A4""";vast;"1.234,56";;;;;;`,
      "",
    ].join("\r\n");
    const report = await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: encode(file), options: apply, now });
    expect(report).toMatchObject({ status: "applied", delimiter: ";", totalRows: 3, validRows: 3, invalidRows: 0, errors: [] });
    expect(report.counts).toEqual({ created: 3, updated: 0, unchanged: 0, deleted: 0 });

    const entries = await entriesOf(list.id);
    const bySku = new Map(entries.map((e) => [e.productId, e]));
    expect(bySku.get(a!.id)).toMatchObject({
      kind: "fixed",
      priceMinor: 450,
      tiers: [
        { minQuantity: 10, priceMinor: 420 },
        { minQuantity: 50, priceMinor: 395 },
      ],
      validFrom: null,
      validTo: "2026-12-31",
    });
    expect(bySku.get(b!.id)).toMatchObject({ kind: "discount", discountBasisPoints: 1250, tiers: [{ minQuantity: 100, discountBasisPoints: 1500 }], validFrom: "2026-01-01" });
    expect(bySku.get(c!.id)).toMatchObject({ kind: "fixed", priceMinor: 123456 });

    const audit = await auditOf(list.id);
    expect(audit).toHaveLength(3);
    expect(new Set(audit.map((row) => row.batchId)).size).toBe(1);
    expect(audit.every((row) => row.source === "csv" && row.action === "entry_created" && row.actorUserId === admin.id && row.oldValue === null)).toBe(true);
    expect(audit.find((row) => row.productId === a!.id)?.newValue).toMatchObject({ kind: "fixed", priceMinor: 450 });
  });

  it("reads `,`-separated files with decimal points, infers discounts from `%`, and changes only what differs", async () => {
    const [a, b] = await createProducts(handle, categoryId, 2, { prefix: "INTL-" });
    const list = await newList();
    const first = `sku,value,valid_to\n${a!.sku},4.50,\n${b!.sku},10%,2027-06-30\n`;
    expect(await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: encode(first), options: apply, now })).toMatchObject({
      status: "applied",
      delimiter: ",",
      counts: { created: 2, updated: 0, unchanged: 0, deleted: 0 },
    });
    const second = `sku,type,value,valid_to\n${a!.sku},fixed,4.5,\n${b!.sku},discount,12.5,2027-06-30\n`;
    const report = await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: encode(second), options: apply, now });
    expect(report.counts).toEqual({ created: 0, updated: 1, unchanged: 1, deleted: 0 });
    const audit = await auditOf(list.id);
    const update = audit.find((row) => row.action === "entry_updated")!;
    expect(update).toMatchObject({ sku: b!.sku, oldValue: { discountBasisPoints: 1000 }, newValue: { discountBasisPoints: 1250 } });
  });

  it("round-trips: an exported list imports back without a single change (both formats)", async () => {
    const products = await createProducts(handle, categoryId, 40, { prefix: "RT-" });
    const list = await newList();
    const rows = products.map((p, i) =>
      i % 2 === 0
        ? `${p.sku};fixed;${(7 + i / 100).toFixed(2).replace(".", ",")};${i % 4 === 0 ? "10;6,5" : ";"};${i % 3 === 0 ? "2027-03-31" : ""}`
        : `${p.sku};discount;${i % 7}${i % 5 === 0 ? ",25" : ""};${i % 4 === 1 ? "24;20" : ";"};`,
    );
    const file = ["sku;type;value;tier1_qty;tier1_value;valid_to", ...rows].join("\n");
    expect((await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: encode(file), options: apply, now })).counts.created).toBe(40);

    const exported = (await listEntriesForExport(list.id)).map((row) => ({ ...row, name: row.nameNl }));
    for (const format of ["nl", "intl"] as const) {
      const csv = [...formatPriceListCsv(exported, format)].join("");
      const report = await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: encode(csv), options: { ...apply, replaceAll: true }, now });
      expect(report).toMatchObject({ status: "applied", delimiter: format === "nl" ? ";" : ",", invalidRows: 0 });
      expect(report.counts).toEqual({ created: 0, updated: 0, unchanged: 40, deleted: 0 });
    }
    expect(await auditOf(list.id)).toHaveLength(40);
  });

  it("replace mode deletes entries that are not in the file, audited as deletions", async () => {
    const [a, b, c] = await createProducts(handle, categoryId, 3, { prefix: "REPL-" });
    const list = await newList();
    await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: encode(`sku;value\n${a!.sku};1\n${b!.sku};2\n${c!.sku};3\n`), options: apply, now });
    const dry = await importPriceListCsv({
      staff: admin,
      priceListId: list.id,
      bytes: encode(`sku;value\n${a!.sku};1\n`),
      options: { ...apply, replaceAll: true, dryRun: true },
      now,
    });
    expect(dry).toMatchObject({ status: "validated", counts: { created: 0, updated: 0, unchanged: 1, deleted: 2 } });
    expect(await entriesOf(list.id)).toHaveLength(3);
    const report = await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: encode(`sku;value\n${a!.sku};1\n`), options: { ...apply, replaceAll: true }, now });
    expect(report.counts).toEqual({ created: 0, updated: 0, unchanged: 1, deleted: 2 });
    expect((await entriesOf(list.id)).map((e) => e.productId)).toEqual([a!.id]);
    expect((await auditOf(list.id)).filter((row) => row.action === "entry_deleted").map((row) => row.sku).sort()).toEqual([b!.sku, c!.sku].sort());
  });
});

describe("CSV import: the open carts a change reaches, before it is applied", () => {
  it("counts the list's customers' open carts holding a changed product: shop carts and live punchout carts only", async () => {
    const [inCart, notInCart, punchedOut] = await createProducts(handle, categoryId, 3, { prefix: "CART-" });
    const customer = await createCompanyWithBuyer(handle);
    const colleague = await createCompanyWithBuyer(handle);
    const outsider = await createCompanyWithBuyer(handle);
    const list = await createPriceList(handle, customer.company.id, [{ productId: inCart!.id, kind: "fixed", priceMinor: 100 }]);
    await handle.db.insert(companyPriceLists).values({ companyId: colleague.company.id, priceListId: list.id, priority: 10 });
    const connections = new Map<number, number>();
    const connectionOf = async (companyId: number) => {
      if (!connections.has(companyId)) {
        const key = `${companyId}-${Date.now().toString(36)}`;
        const connection = await createCxmlConnection(handle, companyId, { from: [{ domain: "NetworkID", identity: `AN-${key}` }], sender: [{ domain: "NetworkID", identity: `AN-${key}` }], secret: "s3cret", origins: [], withTechnicalUser: false });
        connections.set(companyId, connection.id);
      }
      return connections.get(companyId)!;
    };
    const cartOf = async (companyId: number, userId: number, productId: number, session: { status: "active" | "transferred"; expiresAt: Date } | null) => {
      const [punchout] = session
        ? await handle.db
            .insert(punchoutSessions)
            .values({ connectionId: await connectionOf(companyId), companyId, userId, protocol: "cxml", status: session.status, returnUrl: "https://procurement.example/hook", expiresAt: session.expiresAt })
            .returning()
        : [null];
      const [cart] = await handle.db.insert(carts).values({ userId, companyId, punchoutSessionId: punchout?.id ?? null }).returning();
      await handle.db.insert(cartLines).values({ cartId: cart!.id, productId, quantity: 2 });
    };
    await cartOf(customer.company.id, customer.user.id, inCart!.id, null);
    await cartOf(colleague.company.id, colleague.user.id, inCart!.id, null);
    // Not this list's customer: its cart is not reached by the list.
    await cartOf(outsider.company.id, outsider.user.id, inCart!.id, null);
    // A live punchout session's cart counts; a transferred or expired one keeps the price it was sent at.
    await cartOf(customer.company.id, customer.user.id, punchedOut!.id, { status: "active", expiresAt: new Date(now.getTime() + 3600_000) });
    await cartOf(colleague.company.id, colleague.user.id, punchedOut!.id, { status: "transferred", expiresAt: new Date(now.getTime() + 3600_000) });
    await cartOf(colleague.company.id, colleague.user.id, punchedOut!.id, { status: "active", expiresAt: new Date(now.getTime() - 60_000) });
    const dryRun = (csv: string, options: Partial<ImportOptions> = {}) => importPriceListCsv({ staff: admin, priceListId: list.id, bytes: encode(csv), options: { ...apply, dryRun: true, ...options }, now });

    expect(await dryRun(`sku;value\n${inCart!.sku};1,10\n`)).toMatchObject({ status: "validated", openCarts: { carts: 2, customers: 2 } });
    // Unchanged entries and products nobody has in a cart reach nobody.
    expect((await dryRun(`sku;value\n${inCart!.sku};1,00\n${notInCart!.sku};5\n`)).openCarts).toEqual({ carts: 0, customers: 0 });
    expect((await dryRun(`sku;value\n${punchedOut!.sku};7\n`)).openCarts).toEqual({ carts: 1, customers: 1 });
    // Replacing the list deletes the entry of the product in two carts.
    expect((await dryRun(`sku;value\n${notInCart!.sku};5\n`, { replaceAll: true })).openCarts).toEqual({ carts: 2, customers: 2 });
    // Applied, the report says what was done instead.
    expect((await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: encode(`sku;value\n${inCart!.sku};1,10\n`), options: apply, now })).openCarts).toBeNull();
  });
});

describe("CSV import: bad files", () => {
  const badFile = (skus: string[]) =>
    [
      "sku;type;value;tier1_qty;tier1_value;valid_from;valid_to", // line 1
      `${skus[0]};fixed;4,50;;;;`, // 2 valid
      "DOES-NOT-EXIST;fixed;1,00;;;;", // 3 unknown sku
      `${skus[1]};fixed;4,555;;;;`, // 4 three decimals
      `${skus[2]};discount;120;;;;`, // 5 over 100 %
      `${skus[3]};fixed;2,00;10;;;`, // 6 tier without value
      `${skus[4]};fixed;2,00;;;2026-12-31;2026-01-01`, // 7 reversed window
      `${skus[5]};fixed;3,00;;;;`, // 8 duplicate (with 9)
      `${skus[5]};fixed;3,10;;;;`, // 9 duplicate (with 8)
      `${skus[6]};gratis;3,00;;;;`, // 10 unknown type
      `${skus[7]};fixed;-1;;;;`, // 11 negative
      `${skus[8]};fixed;1,00;;;31-02-2026;`, // 12 no such date
      `${skus[9]};fixed;1,00;;;;;extra`, // 13 too many fields
      `;fixed;1,00;;;;`, // 14 sku missing
      `${skus[10]};fixed;;;;;`, // 15 value missing
      `${skus[11]};fixed;abc;1;2;;`, // 16 not a number, tier quantity too small
      `${skus[12]};discount;10;24;15;;`, // 17 valid
    ].join("\n");
  const expected = [
    [3, "sku", "unknown_sku"],
    [4, "value", "too_many_decimals"],
    [5, "value", "percent_out_of_range"],
    [6, "tier1", "tier_incomplete"],
    [7, "valid_to", "window_reversed"],
    [8, "sku", "duplicate_sku"],
    [9, "sku", "duplicate_sku"],
    [10, "type", "unknown_kind"],
    [11, "value", "negative"],
    [12, "valid_from", "not_a_date"],
    [13, null, "too_many_fields"],
    [14, "sku", "required"],
    [15, "value", "required"],
    [16, "value", "not_a_number"],
    [16, "tier1_qty", "tier_quantity_too_small"],
  ];

  it("reports every bad row with its line number and reason, and applies nothing", async () => {
    const products = await createProducts(handle, categoryId, 13, { prefix: "BAD-" });
    const list = await newList();
    await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: encode(`sku;value\n${products[0]!.sku};9,99\n`), options: apply, now });
    const auditBefore = (await auditOf(list.id)).length;

    const report = await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: encode(badFile(products.map((p) => p.sku))), options: apply, now });
    expect(report.status).toBe("rejected");
    expect(report).toMatchObject({ totalRows: 16, validRows: 2, invalidRows: 14 });
    expect(report.errors.map((e) => [e.line, e.column, e.problem])).toEqual(expected);
    expect(report.errors.find((e) => e.line === 8)?.detail).toBe("9");
    // What the valid rows would do is still reported, but nothing changed.
    expect(report.counts).toEqual({ created: 1, updated: 1, unchanged: 0, deleted: 0 });
    expect(await entriesOf(list.id)).toMatchObject([{ productId: products[0]!.id, priceMinor: 999 }]);
    expect(await auditOf(list.id)).toHaveLength(auditBefore);
  });

  it("applies only the valid rows when the user explicitly asks for it", async () => {
    const products = await createProducts(handle, categoryId, 13, { prefix: "PART-" });
    const list = await newList();
    const report = await importPriceListCsv({
      staff: admin,
      priceListId: list.id,
      bytes: encode(badFile(products.map((p) => p.sku))),
      options: { ...apply, applyValidOnly: true, replaceAll: true },
      now,
    });
    expect(report).toMatchObject({ status: "applied", validRows: 2, invalidRows: 14, counts: { created: 2, updated: 0, unchanged: 0, deleted: 0 } });
    const entries = await entriesOf(list.id);
    expect(entries.map((e) => e.productId).sort((x, y) => x - y)).toEqual([products[0]!.id, products[12]!.id].sort((x, y) => x - y));
  });

  it.each([
    { label: "missing value column", file: "sku;type\nX;fixed\n", problem: "missing_column" },
    { label: "unknown column", file: "sku;value;prijs_incl_btw\nX;1;2\n", problem: "unknown_column" },
    { label: "empty file", file: "", problem: "empty_file" },
    { label: "unterminated quote", file: 'sku;value\n"X;1\n', problem: "unterminated_quote" },
  ])("rejects a file with a broken header or structure: $label", async ({ file, problem }) => {
    const list = await newList();
    const report = await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: encode(file), options: apply, now });
    expect(report.status).toBe("invalid_file");
    expect(report.fileProblems.map((p) => p.problem)).toContain(problem);
    expect(await entriesOf(list.id)).toHaveLength(0);
  });

  it("rejects a file that is not UTF-8 (e.g. saved as Latin-1)", async () => {
    const list = await newList();
    const latin1 = Uint8Array.from([...encode("sku;value;name\nX;1;"), 0xe9, 0x0a]);
    const report = await importPriceListCsv({ staff: admin, priceListId: list.id, bytes: latin1, options: apply, now });
    expect(report).toMatchObject({ status: "invalid_file", fileProblems: [{ problem: "not_utf8" }] });
  });

  it("lets an account manager import only into lists that belong to their customers alone", async () => {
    const mine = await createCompanyWithBuyer(handle);
    const theirs = await createCompanyWithBuyer(handle);
    const manager = await createStaff(handle, "account_manager", [mine.company.id]);
    const [p] = await createProducts(handle, categoryId, 1, { prefix: "ACL-" });
    const own = await newList(mine.company.id);
    const foreign = await newList(theirs.company.id);
    const shared = await newList(mine.company.id);
    await handle.db.insert((await import("@/db/schema")).companyPriceLists).values({ companyId: theirs.company.id, priceListId: shared.id, priority: 10 });
    const file = encode(`sku;value\n${p!.sku};1\n`);
    expect((await importPriceListCsv({ staff: manager, priceListId: own.id, bytes: file, options: apply, now })).status).toBe("applied");
    await expect(importPriceListCsv({ staff: manager, priceListId: foreign.id, bytes: file, options: apply, now })).rejects.toMatchObject({ code: "not_found" });
    await expect(importPriceListCsv({ staff: manager, priceListId: shared.id, bytes: file, options: apply, now })).rejects.toBeInstanceOf(AppError);
    expect(await entriesOf(shared.id)).toHaveLength(0);
  });
});

describe("CSV import: 50,000 rows", () => {
  let products: { id: number; sku: string; listPriceMinor: number }[];
  let listId: number;

  beforeAll(async () => {
    products = await createProducts(handle, categoryId, 50_000, { prefix: "BIG-" });
    listId = (await newList()).id;
  }, 300_000);

  const bigFile = (price: (i: number) => string, extra: string[] = []) =>
    ["sku;type;value;tier1_qty;tier1_value;valid_to", ...products.map((p, i) => `${p.sku};fixed;${price(i)};${i % 10 === 0 ? "12;5,00" : ";"};${i % 7 === 0 ? "2027-12-31" : ""}`), ...extra].join("\r\n");

  it("validates and applies 50,000 rows in one transaction, with progress and one audit row per change", async () => {
    const events: ImportEvent[] = [];
    const started = performance.now();
    const report = await importPriceListCsv({
      staff: admin,
      priceListId: listId,
      bytes: encode(bigFile((i) => `${6 + (i % 90)},${String(i % 100).padStart(2, "0")}`)),
      options: apply,
      now,
      emit: (event) => {
        events.push(event);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    console.info(`[measure] 50,000-row CSV import (${fresh.handle.driver}): ${seconds.toFixed(1)} s`);
    expect(report).toMatchObject({ status: "applied", totalRows: 50_000, validRows: 50_000, invalidRows: 0 });
    expect(report.counts).toEqual({ created: 50_000, updated: 0, unchanged: 0, deleted: 0 });
    const applyProgress = events.flatMap((e) => (e.type === "progress" && e.phase === "apply" ? [e.done] : []));
    expect(applyProgress.length).toBeGreaterThan(10);
    expect(applyProgress).toEqual([...applyProgress].sort((a, b) => a - b));
    expect(applyProgress.at(-1)).toBe(50_000);
    const [{ n: entryCount }] = (await handle.query<{ n: number }>("select count(*)::int as n from price_list_entries where price_list_id = $1", [listId])) as [{ n: number }];
    const [{ n: auditCount }] = (await handle.query<{ n: number }>("select count(*)::int as n from price_audit_log where price_list_id = $1", [listId])) as [{ n: number }];
    expect(entryCount).toBe(50_000);
    expect(auditCount).toBe(50_000);
    const [sample] = await handle.db
      .select()
      .from(priceListEntries)
      .where(and(eq(priceListEntries.priceListId, listId), eq(priceListEntries.productId, products[49_990]!.id)));
    expect(sample).toMatchObject({ priceMinor: 6 * 100 + 49_990 % 90 * 100 + 90, tiers: [{ minQuantity: 12, priceMinor: 500 }] });
  }, 300_000);

  it("rejects the whole 50,000-row file for one bad row at line 40,002 and changes nothing", async () => {
    const lines = bigFile((i) => (i === 40_000 ? "12,345" : "1,00")).split("\r\n");
    const report = await importPriceListCsv({ staff: admin, priceListId: listId, bytes: encode(lines.join("\r\n")), options: apply, now });
    expect(report).toMatchObject({ status: "rejected", invalidRows: 1, validRows: 49_999 });
    expect(report.errors).toEqual([{ line: 40_002, sku: products[40_000]!.sku, column: "value", problem: "too_many_decimals" }]);
    const [{ n }] = (await handle.query<{ n: number }>("select count(*)::int as n from price_list_entries where price_list_id = $1 and price_minor = 100", [listId])) as [{ n: number }];
    expect(n).toBe(0);
  }, 300_000);

  it("re-importing with 10 % changed prices updates exactly those 5,000 entries", async () => {
    const report = await importPriceListCsv({
      staff: admin,
      priceListId: listId,
      bytes: encode(bigFile((i) => (i % 10 === 3 ? "99,99" : `${6 + (i % 90)},${String(i % 100).padStart(2, "0")}`))),
      options: apply,
      now,
    });
    expect(report.counts).toEqual({ created: 0, updated: 5_000, unchanged: 45_000, deleted: 0 });
  }, 300_000);
});
