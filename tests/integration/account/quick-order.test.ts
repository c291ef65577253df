import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { addToCart, getPricedCart } from "@/lib/cart/cart-service";
import { listCartLines } from "@/lib/data/carts";
import { AppError } from "@/lib/errors";
import { refusedLinesText } from "@/lib/quick-order/paste-box";
import { quickOrderFromRows, quickOrderFromText } from "@/lib/quick-order/quick-order";
import { suggestQuickOrderProducts } from "@/lib/quick-order/suggest";
import { addCompanyUser, inPunchout, openPunchoutSession } from "../../support/account-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const now = new Date("2026-11-28T10:00:00Z");
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let paper: { sku: string; id: number; gtin: string | null };
let gloves: { sku: string; id: number };
let soldOut: { sku: string; id: number };
let low: { sku: string; id: number };
let retired: { sku: string; id: number };
let hyphenated: { sku: string; id: number };

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 599, gtin: "8712345678906", nameNl: "Kopieerpapier A4 wit", nameEn: "Copy paper A4 white" });
  gloves = await createProduct(handle, category.id, { minOrderQuantity: 10, orderMultiple: 5 });
  soldOut = await createProduct(handle, category.id, { stock: 0, leadTimeDays: 7 });
  low = await createProduct(handle, category.id, { stock: 3, leadTimeDays: 2 });
  retired = await createProduct(handle, category.id, { active: false });
  // SKUs as buyers type them without punctuation: one product per key, two products for "QO7788",
  // and a retired product next to an active one for "QO5511".
  hyphenated = await createProduct(handle, category.id, { sku: "QO-001150", nameNl: "Kabelbinder zwart", nameEn: "Cable tie black" });
  await createProduct(handle, category.id, { sku: "QO-7788" });
  await createProduct(handle, category.id, { sku: "QO7788" });
  await createProduct(handle, category.id, { sku: "QO-5511" });
  await createProduct(handle, category.id, { sku: "QO5511", active: false });
  customer = await createCompanyWithBuyer(handle);
});
afterAll(() => db.dispose());

describe("quick order", () => {
  it("reports every pasted line – added, unknown, quantity rules with the nearest valid quantity, stock warnings", async () => {
    const user = await addCompanyUser(handle, customer, "buyer");
    const text = [
      "sku;quantity",
      `${paper.sku};5`,
      `${paper.sku.toLowerCase()},2`,
      "NOPE-1;3",
      `${gloves.sku}\t12`,
      `${gloves.sku};3`,
      `${soldOut.sku};2`,
      `${low.sku};5`,
      `${retired.sku};1`,
      `${paper.sku};abc`,
      ";4",
      `"${paper.gtin}";"1"`,
      `${paper.sku}`,
      "",
      "   ",
    ].join("\r\n");
    const report = await quickOrderFromText(user, text, "nl");
    expect(report.lines.map((l) => [l.lineNumber, l.outcome.status])).toEqual([
      [1, "header"],
      [2, "added"],
      [3, "added"],
      [4, "unknown_sku"],
      [5, "quantity_rule"],
      [6, "quantity_rule"],
      [7, "added"],
      [8, "added"],
      [9, "unavailable"],
      [10, "invalid_quantity"],
      [11, "missing_sku"],
      [12, "added"],
      [13, "added"],
    ]);
    expect(report.lines[4]!.outcome).toMatchObject({ reason: "not_multiple", suggested: 10 });
    expect(report.lines[5]!.outcome).toMatchObject({ reason: "below_minimum", suggested: 10 });
    expect(report.lines[6]!.outcome).toMatchObject({ stockWarning: "out_of_stock", leadTimeDays: 7 });
    expect(report.lines[7]!.outcome).toMatchObject({ stockWarning: "partly_in_stock", stock: 3 });
    expect(report.lines[12]).toMatchObject({ quantityAssumed: true, requested: 1 });
    // What the buyer typed, so the bad quantity shows next to its reason.
    expect(report.lines[9]).toMatchObject({ input: `${paper.sku};abc`, outcome: { status: "invalid_quantity", reason: "not_a_number" } });
    expect(report.lines[11]).toMatchObject({ input: `"${paper.gtin}";"1"` });
    expect(report).toMatchObject({ added: 6, problems: 6, warnings: 2 });
    const cart = await getPricedCart(user, "nl", now);
    expect(Object.fromEntries(cart.lines.map((l) => [l.product.sku, l.quantity]))).toEqual({ [paper.sku]: 9, [soldOut.sku]: 2, [low.sku]: 5 });
  });

  it("checks quantity rules against what the cart already holds, like addToCart", async () => {
    const user = await addCompanyUser(handle, customer, "buyer");
    await addToCart(user, gloves.sku, 10);
    const report = await quickOrderFromText(user, `${gloves.sku};3`, "nl");
    expect(report.lines[0]!.outcome).toMatchObject({ status: "quantity_rule", reason: "not_multiple", inCart: 10, suggested: 5 });
    const ok = await quickOrderFromText(user, `${gloves.sku};5`, "nl");
    expect(ok.lines[0]!.outcome).toMatchObject({ status: "added", lineQuantity: 15 });
  });

  it("takes up to 1,000 lines and refuses more without adding anything", async () => {
    const user = await addCompanyUser(handle, customer, "buyer");
    const thousand = Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? `${paper.sku};1` : `UNKNOWN-${i};1`)).join("\n");
    const started = Date.now();
    const report = await quickOrderFromText(user, thousand, "nl");
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(report.lines).toHaveLength(1000);
    expect(report).toMatchObject({ added: 500, problems: 500 });
    expect((await listCartLines((await getPricedCart(user, "nl", now)).cartId))[0]?.quantity).toBe(500);

    const other = await addCompanyUser(handle, customer, "buyer");
    const error = await quickOrderFromText(other, `${thousand}\n${paper.sku};1`, "nl").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ message: "too_many_lines", details: { count: 1001, max: 1000 } });
    expect((await getPricedCart(other, "nl", now)).lines).toHaveLength(0);
  });

  it("adds form rows and ignores empty rows", async () => {
    const user = await addCompanyUser(handle, customer, "buyer");
    const report = await quickOrderFromRows(user, [{ code: paper.sku, quantity: "2" }, { code: "", quantity: "1" }, { code: "X-0", quantity: "1" }], "en");
    expect(report.lines.map((l) => [l.lineNumber, l.outcome.status, l.name])).toEqual([
      [1, "added", "Copy paper A4 white"],
      [3, "unknown_sku", null],
    ]);
  });

  it("form rows read the quantity as the UI language writes it, say why one cannot be ordered, and report the row as typed", async () => {
    const user = await addCompanyUser(handle, customer, "buyer");
    const rows = [
      { code: paper.sku, quantity: "1.000" },
      { code: paper.sku, quantity: "2,5" },
      { code: paper.sku, quantity: "abc" },
      { code: paper.sku, quantity: "1,000" },
      { code: paper.sku, quantity: "0" },
      { code: paper.sku, quantity: "" },
    ];
    const nl = await quickOrderFromRows(user, rows, "nl");
    expect(nl.lines.map((l) => [l.input, l.outcome.status, l.outcome.status === "invalid_quantity" ? l.outcome.reason : l.requested])).toEqual([
      // The two fields as typed, not as a pasted line would be.
      [`${paper.sku} · 1.000`, "added", 1000],
      [`${paper.sku} · 2,5`, "invalid_quantity", "not_whole"],
      [`${paper.sku} · abc`, "invalid_quantity", "not_a_number"],
      [`${paper.sku} · 1,000`, "invalid_quantity", "ambiguous"],
      [`${paper.sku} · 0`, "invalid_quantity", "not_positive"],
      [paper.sku, "added", 1],
    ]);
    expect(nl.lines[5]).toMatchObject({ quantityAssumed: true });
    const en = await quickOrderFromRows(user, rows.slice(0, 4), "en");
    expect(en.lines.map((l) => (l.outcome.status === "invalid_quantity" ? l.outcome.reason : l.requested))).toEqual(["ambiguous", "not_whole", "not_a_number", 1000]);
    const tooMany = await quickOrderFromText(user, `${paper.sku};100.001`, "nl");
    expect(tooMany.lines[0]!.outcome).toEqual({ status: "invalid_quantity", reason: "too_large", max: 100_000 });
  });

  it("a line refused for its quantity names the product its SKU found, or why that cannot be ordered at all; nothing of it is added", async () => {
    const user = await addCompanyUser(handle, customer, "buyer");
    const text = [`${paper.sku.toLowerCase()},2,5`, `${paper.gtin};2,5`, `${gloves.sku};abc`, `${retired.sku};abc`, "NOPE-9;abc", `qo 001150;x`, `"${paper.sku}","2","5"`].join("\n");
    const report = await quickOrderFromText(user, text, "nl");
    expect(report.lines.map((l) => [l.sku, l.name, l.outcome.status, l.outcome.status === "invalid_quantity" ? l.outcome.reason : l.requested])).toEqual([
      // "2,5" cut in two by the comma separator: not added as 2.
      [paper.sku, "Kopieerpapier A4 wit", "invalid_quantity", "comma_separator"],
      [paper.sku, "Kopieerpapier A4 wit", "invalid_quantity", "not_whole"],
      [gloves.sku, expect.any(String), "invalid_quantity", "not_a_number"],
      // A product that cannot be ordered says so first: a better quantity would not help.
      [retired.sku, expect.any(String), "unavailable", null],
      [null, null, "unknown_sku", null],
      [hyphenated.sku, "Kabelbinder zwart", "invalid_quantity", "not_a_number"],
      // Quoted fields say where each ends: 2, and the 5 is an extra column.
      [paper.sku, "Kopieerpapier A4 wit", "added", 2],
    ]);
    expect(report).toMatchObject({ added: 1, problems: 6 });
    expect(Object.fromEntries((await getPricedCart(user, "nl", now)).lines.map((l) => [l.product.sku, l.quantity]))).toEqual({ [paper.sku]: 2 });
    // The paste box gets the refused lines back exactly as typed, without the added one.
    expect(refusedLinesText(report.lines)).toBe(text.split("\n").slice(0, 6).join("\n"));
  });

  it("the paste box keeps a refused line's own spacing, a header left out", async () => {
    const user = await addCompanyUser(handle, customer, "buyer");
    const report = await quickOrderFromText(user, `sku;aantal\r\n${paper.sku};1\r\n\t4\r\n  NOPE-1 ;2\r\n`, "nl");
    expect(report.lines.map((l) => l.outcome.status)).toEqual(["header", "added", "missing_sku", "unknown_sku"]);
    expect(refusedLinesText(report.lines)).toBe("\t4\n  NOPE-1 ;2");
  });

  it("finds a SKU typed without its punctuation or in another case, when it names one product; names the candidates otherwise", async () => {
    const user = await addCompanyUser(handle, customer, "buyer");
    const pasted = await quickOrderFromText(user, ["kp001150;1", "qo001150;1", "QO 001150;2", "qo-001150\t3", "qo 77-88;1", "qo 5511;1", "QO-77-88-9;1"].join("\n"), "nl");
    expect(pasted.lines.map((l) => [l.input, l.sku, l.outcome.status])).toEqual([
      ["kp001150;1", null, "unknown_sku"],
      ["qo001150;1", hyphenated.sku, "added"],
      ["QO 001150;2", hyphenated.sku, "added"],
      ["qo-001150\t3", hyphenated.sku, "added"],
      // QO-7788 and QO7788: which one?
      ["qo 77-88;1", null, "ambiguous_sku"],
      // The retired QO5511 does not compete with QO-5511.
      ["qo 5511;1", "QO-5511", "added"],
      ["QO-77-88-9;1", null, "unknown_sku"],
    ]);
    expect(pasted.lines[4]!.outcome).toEqual({ status: "ambiguous_sku", candidates: ["QO-7788", "QO7788"] });
    expect(pasted.lines[1]).toMatchObject({ name: "Kabelbinder zwart" });
    // The exact SKU (in any case) still wins over the key: "qo7788" is that product, not ambiguous.
    const exact = await quickOrderFromRows(user, [{ code: "qo7788", quantity: "1" }, { code: "kp 001150", quantity: "" }, { code: "Qo 0011-50", quantity: "4" }], "en");
    expect(exact.lines.map((l) => [l.sku, l.outcome.status])).toEqual([
      ["QO7788", "added"],
      [null, "unknown_sku"],
      [hyphenated.sku, "added"],
    ]);
    const cart = await getPricedCart(user, "nl", now);
    expect(cart.lines.find((l) => l.product.sku === hyphenated.sku)?.quantity).toBe(10);
  });

  it("fills the punchout cart inside a punchout session", async () => {
    const user = await addCompanyUser(handle, customer, "buyer");
    const session = await openPunchoutSession(handle, user);
    await quickOrderFromText(inPunchout(user, session), `${paper.sku};3`, "nl");
    expect((await listCartLines(session.cartId)).map((l) => l.quantity)).toEqual([3]);
    expect((await getPricedCart(user, "nl", now)).lines).toHaveLength(0);
  });

  it("suggests the SKUs containing a typed fragment, whatever its case and punctuation, as the search does", async () => {
    for (const fragment of ["001150", "QO-0011", "qo0011", "o-00115", "qo 0011"]) {
      expect((await suggestQuickOrderProducts(fragment, "nl", customer.buyer, new Date())).map((s) => s.sku), fragment).toEqual([hyphenated.sku]);
    }
    // Prefixes first, then the SKUs containing the fragment elsewhere.
    expect((await suggestQuickOrderProducts("QO-77", "en", customer.buyer, new Date())).map((s) => s.sku)).toEqual(["QO-7788", "QO7788"]);
    expect((await suggestQuickOrderProducts("5511", "en", customer.buyer, new Date())).map((s) => s.sku)).toEqual(["QO-5511"]);
  });

  it("suggests active products by SKU prefix, GTIN and name", async () => {
    const bySku = await suggestQuickOrderProducts(paper.sku.slice(0, -1), "nl", customer.buyer, new Date());
    expect(bySku.map((s) => s.sku)).toContain(paper.sku);
    expect((await suggestQuickOrderProducts("871234567", "nl", customer.buyer, new Date())).map((s) => s.sku)).toEqual([paper.sku]);
    expect((await suggestQuickOrderProducts("kopieerpap", "nl", customer.buyer, new Date())).map((s) => s.sku)).toContain(paper.sku);
    expect((await suggestQuickOrderProducts(retired.sku, "nl", customer.buyer, new Date())).map((s) => s.sku)).not.toContain(retired.sku);
    expect(await suggestQuickOrderProducts("k", "nl", customer.buyer, new Date())).toEqual([]);
  });
});
