// The customer's own article numbers: maintained by company admins (all or nothing), shown beside our
// SKU, accepted by quick order, snapshot on order lines and carried into punchout carts.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { customerArticleNumbers, orderLines, orders } from "@/db/schema";
import { articleNumbersCsv, importArticleNumbers, listCompanyArticleNumbers, saveArticleNumber } from "@/lib/account/article-numbers";
import { customerArticleNumbersCsv, importCustomerArticleNumbers, listCustomerArticleNumbers } from "@/lib/admin/customer-article-numbers";
import { addToCart, getPricedCart } from "@/lib/cart/cart-service";
import { toProductViews } from "@/lib/catalog/priced-product";
import { placeOrder } from "@/lib/checkout/place-order";
import { listProductsByIds } from "@/lib/data/catalog";
import { getActiveUserById } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { addProductToList, getFavoriteListView } from "@/lib/favorites/favorites";
import { toPunchoutCart } from "@/lib/punchout/to-punchout-cart";
import { quickOrderFromText } from "@/lib/quick-order/quick-order";
import { suggestQuickOrderProducts } from "@/lib/quick-order/suggest";
import { addCompanyUser, inPunchout, openPunchoutSession } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const now = new Date("2026-11-28T10:00:00Z");
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let admin: Awaited<ReturnType<typeof addCompanyUser>>;
let otherAdmin: Awaited<ReturnType<typeof addCompanyUser>>;
let paper: { id: number; sku: string; gtin: string | null };
let gloves: { id: number; sku: string };
let tape: { id: number; sku: string };

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 599, gtin: "8712345678913" });
  gloves = await createProduct(handle, category.id, { listPriceMinor: 250 });
  tape = await createProduct(handle, category.id, { listPriceMinor: 120 });
  customer = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle);
  admin = await addCompanyUser(handle, customer, "company_admin");
  otherAdmin = await addCompanyUser(handle, other, "company_admin");
});
afterAll(() => db.dispose());

async function numbersOf(companyId: number) {
  const rows = await handle.db.select().from(customerArticleNumbers).where(eq(customerArticleNumbers.companyId, companyId));
  return Object.fromEntries(rows.map((r) => [r.productId, r.articleNumber]));
}

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("maintaining own article numbers", () => {
  it("imports a list all or nothing: one bad line saves nothing, and every line is reported", async () => {
    const bad = await importArticleNumbers(admin, [`${paper.sku};100-2045`, "NOPE-1;100-9999", `${gloves.sku.toLowerCase()};100-2046`, `${paper.sku};100-7`, `${tape.sku};100-2046`].join("\n"));
    expect(bad.saved).toBe(false);
    expect(bad.lines.map((l) => l.outcome.status)).toEqual(["set", "unknown_sku", "set", "duplicate_sku", "duplicate_number"]);
    expect(bad.lines[3]!.outcome).toEqual({ status: "duplicate_sku", firstLine: 1 });
    expect(await numbersOf(customer.company.id)).toEqual({});

    const good = await importArticleNumbers(admin, `sku;article_number\n${paper.sku};100-2045\n${gloves.sku};100-2046\n`);
    expect(good).toMatchObject({ saved: true, set: 2, removed: 0, problems: 0 });
    expect(await numbersOf(customer.company.id)).toEqual({ [paper.id]: "100-2045", [gloves.id]: "100-2046" });
  });

  it("moves a number to the product named and says from where; an empty number removes; GTINs name products too", async () => {
    const moved = await saveArticleNumber(admin, tape.sku, "100-2046");
    expect(moved.lines[0]!.outcome).toEqual({ status: "set", articleNumber: "100-2046", sku: tape.sku, movedFromSku: gloves.sku });
    expect(await numbersOf(customer.company.id)).toEqual({ [paper.id]: "100-2045", [tape.id]: "100-2046" });
    // Numbers match case-insensitively, so "a" and "A" cannot name two products.
    const swapped = await importArticleNumbers(admin, `${paper.gtin};X-1\n${tape.sku};x-1`);
    expect(swapped.lines.map((l) => l.outcome.status)).toEqual(["set", "duplicate_number"]);
    // The form's number is checked like a list line, never altered: a semicolon is refused, nothing saved.
    const refused = await saveArticleNumber(admin, tape.sku, "100;2046");
    expect(refused).toMatchObject({ saved: false, lines: [{ outcome: { status: "invalid_characters" } }] });
    const removed = await saveArticleNumber(admin, tape.sku, "");
    expect(removed).toMatchObject({ saved: true, removed: 1 });
    await saveArticleNumber(admin, tape.sku, "100-2047");
    expect(await numbersOf(customer.company.id)).toEqual({ [paper.id]: "100-2045", [tape.id]: "100-2047" });
  });

  it("only company admins maintain them, never staff viewing as the customer; every user of the company sees them, nobody else", async () => {
    expect((await appError(importArticleNumbers(customer.buyer, `${paper.sku};Z`))).message).toBe("company_admin_only");
    expect((await appError(saveArticleNumber({ ...admin, impersonatedBy: { id: 1, name: "AM", sessionId: 1, expiresAt: now } }, paper.sku, "Z"))).message).toBe("company_admin_only");
    const seen = await listCompanyArticleNumbers(customer.buyer, { page: 1 });
    expect(seen.items.map((r) => [r.sku, r.articleNumber])).toEqual([
      [paper.sku, "100-2045"],
      [tape.sku, "100-2047"],
    ]);
    expect((await listCompanyArticleNumbers(customer.buyer, { query: "2047", page: 1 })).total).toBe(1);
    // Another company keeps its own numbers, even the same ones, and sees none of these.
    await importArticleNumbers(otherAdmin, `${gloves.sku};100-2045`);
    expect((await listCompanyArticleNumbers(other.buyer, { page: 1 })).items.map((r) => r.sku)).toEqual([gloves.sku]);
    expect(await numbersOf(customer.company.id)).toEqual({ [paper.id]: "100-2045", [tape.id]: "100-2047" });
    expect(await articleNumbersCsv(customer.buyer)).toBe(`sku;article_number\r\n${[[paper.sku, "100-2045"], [tape.sku, "100-2047"]].sort().map(([s, n]) => `${s};${n}`).join("\r\n")}\r\n`);
  });
});

describe("companies without own numbers", () => {
  it("are known as such from the user read, so their pages skip the lookup; a company's first number changes that at once", async () => {
    const fresh = await createCompanyWithBuyer(handle);
    const freshAdmin = await addCompanyUser(handle, fresh, "company_admin");
    expect((await getActiveUserById(fresh.buyer.id))?.companyKeepsArticleNumbers).toBe(false);
    expect((await getActiveUserById(admin.id))?.companyKeepsArticleNumbers).toBe(true);
    await importArticleNumbers(freshAdmin, `${paper.sku};FIRST-1`);
    const reread = (await getActiveUserById(fresh.buyer.id))!;
    expect(reread.companyKeepsArticleNumbers).toBe(true);
    const [view] = await toProductViews(await listProductsByIds([paper.id]), { companyId: fresh.company.id, locale: "nl", now, companyKeepsArticleNumbers: reread.companyKeepsArticleNumbers });
    expect(view!.customerArticleNumber).toBe("FIRST-1");
    // Told that the company keeps none, the view does not look (the flag is read with the user on every request).
    const [skipped] = await toProductViews(await listProductsByIds([paper.id]), { companyId: fresh.company.id, locale: "nl", now, companyKeepsArticleNumbers: false });
    expect(skipped!.customerArticleNumber).toBeNull();
  });
});

describe("account managers", () => {
  it("load a customer's list for them through the same import; only for customers they manage", async () => {
    const manager = await createStaff(handle, "account_manager", [other.company.id]);
    const stranger = await createStaff(handle, "account_manager", []);
    expect((await appError(importCustomerArticleNumbers(stranger, other.company.id, `${tape.sku};AM-1`))).message).toBe("customer_not_found");
    expect((await appError(listCustomerArticleNumbers(stranger, other.company.id, { page: 1 }))).message).toBe("customer_not_found");
    const bad = await importCustomerArticleNumbers(manager, other.company.id, `${tape.sku};AM-1\nNOPE;AM-2`);
    expect(bad.saved).toBe(false);
    const report = await importCustomerArticleNumbers(manager, other.company.id, `${tape.sku};AM-1`);
    expect(report).toMatchObject({ saved: true, set: 1 });
    const [row] = await handle.db.select().from(customerArticleNumbers).where(eq(customerArticleNumbers.articleNumber, "AM-1"));
    expect(row).toMatchObject({ companyId: other.company.id, productId: tape.id, updatedByUserId: manager.id });
    expect((await listCustomerArticleNumbers(manager, other.company.id, { page: 1 })).items.map((r) => r.articleNumber).sort()).toEqual(["100-2045", "AM-1"]);
    expect(await customerArticleNumbersCsv(manager, other.company.id)).toContain(`${tape.sku};AM-1`);
  });
});

describe("using them", () => {
  it("shows them on the company's product views and cart lines, and quick order takes them, case-insensitively", async () => {
    const rows = await listProductsByIds([paper.id, gloves.id]);
    const views = await toProductViews(rows, { companyId: customer.company.id, locale: "nl", now });
    expect(Object.fromEntries(views.map((v) => [v.sku, v.customerArticleNumber]))).toEqual({ [paper.sku]: "100-2045", [gloves.sku]: null });
    const theirs = await toProductViews(rows, { companyId: other.company.id, locale: "nl", now });
    expect(theirs.find((v) => v.sku === gloves.sku)!.customerArticleNumber).toBe("100-2045");

    const buyer = await addCompanyUser(handle, customer, "buyer");
    const report = await quickOrderFromText(buyer, "100-2045;3\n100-2047;2\nunknown-own;1", "nl");
    expect(report.lines.map((l) => [l.code, l.sku, l.outcome.status])).toEqual([
      ["100-2045", paper.sku, "added"],
      ["100-2047", tape.sku, "added"],
      ["unknown-own", null, "unknown_sku"],
    ]);
    // The other company's identical number is theirs, not this company's.
    const otherReport = await quickOrderFromText(other.buyer, "100-2045;1", "nl");
    expect(otherReport.lines[0]!.sku).toBe(gloves.sku);

    const cart = await getPricedCart(buyer, "nl", now);
    expect(Object.fromEntries(cart.lines.map((l) => [l.product.sku, l.customerArticleNumber]))).toEqual({ [paper.sku]: "100-2045", [tape.sku]: "100-2047" });

    const { orderNumber } = await placeOrder(buyer, { shipToAddressId: customer.shipTo.id, poNumber: "PO-1", costCenter: null, requestedDeliveryDate: null, note: null }, "nl", now);
    const [order] = await handle.db.select().from(orders).where(eq(orders.orderNumber, orderNumber));
    const lines = await handle.db.select().from(orderLines).where(eq(orderLines.orderId, order!.id));
    // The order keeps the number it was placed with, whatever the company changes later.
    await saveArticleNumber(admin, paper.sku, "");
    expect(Object.fromEntries(lines.map((l) => [l.sku, l.customerArticleNumber]))).toEqual({ [paper.sku]: "100-2045", [tape.sku]: "100-2047" });
  });

  it("quick order's autocomplete offers the company's own numbers first, by prefix, case-insensitively", async () => {
    const suggestions = await suggestQuickOrderProducts("100-20", "nl", { companyId: customer.company.id }, new Date());
    expect(suggestions.filter((s) => s.ownNumber !== null).map((s) => [s.ownNumber, s.sku])).toEqual([[ "100-2047", tape.sku ]]);
    expect((await suggestQuickOrderProducts("100-20", "nl", { companyId: other.company.id }, new Date())).map((s) => [s.ownNumber, s.sku])).toEqual([["100-2045", gloves.sku]]);
    expect((await suggestQuickOrderProducts("100-20", "nl", { companyId: customer.company.id, companyKeepsArticleNumbers: false }, new Date())).filter((s) => s.ownNumber)).toEqual([]);
  });

  it("favorites lists show them on their lines", async () => {
    const { listId } = await addProductToList(customer.buyer, { listId: null, newListName: "Magazijn", sku: tape.sku, quantity: null, note: null }, now);
    await addProductToList(customer.buyer, { listId, newListName: null, sku: gloves.sku, quantity: null, note: null }, now);
    const view = await getFavoriteListView(customer.buyer, listId, "nl", now);
    expect(Object.fromEntries(view!.lines.map((l) => [l.sku, l.ownNumber]))).toEqual({ [tape.sku]: "100-2047", [gloves.sku]: null });
  });

  it("a punchout cart carries them as the buyer's part number", async () => {
    const buyer = await addCompanyUser(handle, customer, "buyer");
    const session = await openPunchoutSession(handle, { id: buyer.id, companyId: customer.company.id });
    const shopper = inPunchout(buyer, { sessionId: session.sessionId, operation: "create" });
    await addToCart(shopper, tape.sku, 1);
    await addToCart(shopper, gloves.sku, 1);
    const cart = toPunchoutCart(await getPricedCart(shopper, "nl", now), { language: "nl", newReference: () => "r", categoryCodes: new Map(), imageBaseUrl: null, documents: new Map() });
    expect(Object.fromEntries(cart.items.map((i) => [i.sku, i.buyerPartNumber]))).toEqual({ [tape.sku]: "100-2047", [gloves.sku]: null });
  });
});
