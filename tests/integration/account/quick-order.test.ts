import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { addToCart, getPricedCart } from "@/lib/cart/cart-service";
import { listCartLines } from "@/lib/data/carts";
import { AppError } from "@/lib/errors";
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

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 599, gtin: "8712345678906", nameNl: "Kopieerpapier A4 wit", nameEn: "Copy paper A4 white" });
  gloves = await createProduct(handle, category.id, { minOrderQuantity: 10, orderMultiple: 5 });
  soldOut = await createProduct(handle, category.id, { stock: 0, leadTimeDays: 7 });
  low = await createProduct(handle, category.id, { stock: 3, leadTimeDays: 2 });
  retired = await createProduct(handle, category.id, { active: false });
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
    const report = await quickOrderFromRows(user, [{ code: paper.sku, quantity: 2 }, { code: "", quantity: 1 }, { code: "X-0", quantity: 1 }], "en");
    expect(report.lines.map((l) => [l.lineNumber, l.outcome.status, l.name])).toEqual([
      [1, "added", "Copy paper A4 white"],
      [3, "unknown_sku", null],
    ]);
  });

  it("fills the punchout cart inside a punchout session", async () => {
    const user = await addCompanyUser(handle, customer, "buyer");
    const session = await openPunchoutSession(handle, user);
    await quickOrderFromText(inPunchout(user, session), `${paper.sku};3`, "nl");
    expect((await listCartLines(session.cartId)).map((l) => l.quantity)).toEqual([3]);
    expect((await getPricedCart(user, "nl", now)).lines).toHaveLength(0);
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
