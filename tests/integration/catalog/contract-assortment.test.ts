// A customer whose assortment is its contract (companies.assortment = 'contract', lib/catalog/assortment.ts):
// what its users find (listings, search, quick-order suggestions, navigation) and what they can order
// (cart, quick order, lists, checkout, standing orders, punchout transfer) — and a customer who sees
// everything, unchanged.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, orders, priceLists, products, standingOrderRuns } from "@/db/schema";
import { startConnectionTest } from "@/lib/admin/connection-test";
import type { BuyerUser } from "@/lib/auth/guards";
import { addToCart, getPricedCart } from "@/lib/cart/cart-service";
import { inAssortment, type Assortment } from "@/lib/catalog/assortment";
import { categoriesWithProducts } from "@/lib/catalog/category-tree";
import { placeOrder } from "@/lib/checkout/place-order";
import { listCategories, listProductsInCategory, searchProducts } from "@/lib/data/catalog";
import { listContractCategoryIds } from "@/lib/data/customer-assortment";
import { getActivePunchoutSession } from "@/lib/data/punchout-sessions";
import { contractAssortmentSql, listContractCandidates } from "@/lib/data/prices";
import { getActiveUserById } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { addProductToList, createList, getFavoriteListView } from "@/lib/favorites/favorites";
import { hashToken } from "@/lib/punchout/browser-session";
import { transferPunchoutCart } from "@/lib/punchout/transfer";
import { quickOrderFromText } from "@/lib/quick-order/quick-order";
import { sendQuote } from "@/lib/admin/quotes";
import { acceptQuote, getQuoteForViewer, requestProductQuote } from "@/lib/quotes/buyer-quotes";
import { suggestQuickOrderProducts } from "@/lib/quick-order/suggest";
import { runStandingOrder, saveStandingOrder, standingOrderSchema } from "@/lib/standing-orders/standing-orders";
import { createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
// Monday 30 November 2026, 11:00 in Amsterdam: the day the windows below are set around.
const NOW = new Date("2026-11-30T10:00:00Z");
const DAY = "2026-11-30";

let contract: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let everything: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let contractBuyer: BuyerUser;
let everythingBuyer: BuyerUser;
const cat: Record<"office" | "paper" | "pens" | "cleaning", number> = {} as never;
type Key = "paper" | "discounted" | "lastDay" | "notListed" | "future" | "expiredList" | "dollars" | "retired" | "spray";
const p: Record<Key, { id: number; sku: string }> = {} as never;
/** Which products the contract customer's assortment holds on DAY. */
const IN_CONTRACT: Key[] = ["paper", "discounted", "lastDay", "spray"];

async function buyerOf(user: { id: number }): Promise<BuyerUser> {
  const { passwordHash: _hash, ...record } = (await getActiveUserById(user.id))!;
  return { ...record, companyId: record.companyId!, companyName: record.companyName!, punchout: null, impersonatedBy: null };
}

const setAssortment = (companyId: number, assortment: Assortment) => handle.db.update(companies).set({ assortment }).where(eq(companies.id, companyId));

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  cat.office = (await createCategory(handle, { code: "KAN" })).id;
  cat.paper = (await createCategory(handle, { code: "KAN-PAP", parentId: cat.office })).id;
  cat.pens = (await createCategory(handle, { code: "KAN-PEN", parentId: cat.office })).id;
  cat.cleaning = (await createCategory(handle, { code: "SCH" })).id;
  const make = (key: Key, categoryId: number, nameNl: string, overrides: Parameters<typeof createProduct>[2] = {}) =>
    createProduct(handle, categoryId, { sku: `KP-AS-${key.toUpperCase()}`, nameNl, nameEn: nameNl, brand: "Papyra", listPriceMinor: 1000, ...overrides }).then((row) => (p[key] = row));
  await make("paper", cat.paper, "Kopieerpapier wit");
  await make("discounted", cat.paper, "Kopieerpapier gerecycled");
  await make("lastDay", cat.paper, "Kopieerpapier geel");
  await make("notListed", cat.paper, "Kopieerpapier roze");
  await make("future", cat.pens, "Kopieerpapier blauw");
  await make("expiredList", cat.pens, "Kopieerpapier groen");
  await make("dollars", cat.pens, "Kopieerpapier oranje");
  await make("retired", cat.paper, "Kopieerpapier grijs", { active: false });
  await make("spray", cat.cleaning, "Allesreiniger spray");

  contract = await createCompanyWithBuyer(handle);
  everything = await createCompanyWithBuyer(handle);
  await createPriceList(handle, contract.company.id, [
    { productId: p.paper.id, kind: "fixed", priceMinor: 800 },
    { productId: p.discounted.id, kind: "discount", discountBasisPoints: 1000 },
    // Inclusive window: its last day is DAY.
    { productId: p.lastDay.id, kind: "fixed", priceMinor: 900, validTo: DAY },
    { productId: p.future.id, kind: "fixed", priceMinor: 900, validFrom: "2026-12-01" },
    { productId: p.retired.id, kind: "fixed", priceMinor: 900 },
    { productId: p.spray.id, kind: "fixed", priceMinor: 450 },
  ]);
  await createPriceList(handle, contract.company.id, [{ productId: p.expiredList.id, kind: "fixed", priceMinor: 900 }], { validTo: "2026-11-29" });
  const dollars = await createPriceList(handle, contract.company.id, [{ productId: p.dollars.id, kind: "fixed", priceMinor: 900 }]);
  await handle.db.update(priceLists).set({ currency: "USD" }).where(eq(priceLists.id, dollars.id));
  // The other customer has a contract too, but sees everything.
  await createPriceList(handle, everything.company.id, [{ productId: p.paper.id, kind: "fixed", priceMinor: 700 }]);
  await setAssortment(contract.company.id, "contract");
  contractBuyer = await buyerOf(contract.user);
  everythingBuyer = await buyerOf(everything.user);
}, 120_000);
afterAll(() => fresh.dispose());

const contractFilter = () => ({ companyId: contract.company.id, day: DAY });
const skus = (rows: { sku: string }[]) => rows.map((row) => row.sku).sort();
const expected = (keys: Key[]) => keys.map((key) => p[key].sku).sort();

describe("what a contract-assortment customer finds", () => {
  it("the user read carries the company's assortment, so pages need no query of their own", () => {
    expect(contractBuyer.companyAssortment).toBe("contract");
    expect(everythingBuyer.companyAssortment).toBe("all");
  });

  it("the SQL filter and the pricing module's rule agree on every product, window edge and currency included", async () => {
    const all = await handle.db.select({ id: products.id, sku: products.sku, currency: products.currency }).from(products);
    const candidates = await listContractCandidates(contract.company.id, all.map((row) => row.id));
    const byRule = all.filter((row) => inAssortment("contract", candidates.get(row.id) ?? [], NOW, row.currency));
    const bySql = await handle.db
      .select({ sku: products.sku })
      .from(products)
      .where(contractAssortmentSql(products, contract.company.id, DAY));
    expect(skus(byRule)).toEqual(skus(bySql));
    // Not filtered by `active` (the listings add that): the retired product is priced, so it is in both.
    expect(skus(bySql)).toEqual(expected([...IN_CONTRACT, "retired"]));
    // The day after, the entry that ended on DAY is out and the one starting then is in.
    const tomorrow = await handle.db.select({ sku: products.sku }).from(products).where(contractAssortmentSql(products, contract.company.id, "2026-12-01"));
    expect(skus(tomorrow)).toEqual(expected(["paper", "discounted", "future", "retired", "spray"]));
  });

  it("a category listing shows only its contract's products, with totals and brand counts to match", async () => {
    const ids = [cat.office, cat.paper, cat.pens];
    const narrowed = await listProductsInCategory(ids, { contract: contractFilter() }, { offset: 0, limit: 24 });
    expect(skus(narrowed.items)).toEqual(expected(["paper", "discounted", "lastDay"]));
    expect(narrowed.total).toBe(3);
    expect(narrowed.brands).toEqual([{ brand: "Papyra", count: 3 }]);
    const single = await listProductsInCategory([cat.pens], { contract: contractFilter() }, { offset: 0, limit: 24 });
    expect(single).toMatchObject({ items: [], total: 0 });
    // Without the filter (every other customer): the whole active category, as before.
    const whole = await listProductsInCategory(ids, {}, { offset: 0, limit: 24 });
    expect(skus(whole.items)).toEqual(expected(["paper", "discounted", "lastDay", "notListed", "future", "expiredList", "dollars"]));
  });

  it("search finds only its contract's products, by word and by SKU", async () => {
    const page = { offset: 0, limit: 24 };
    expect(skus((await searchProducts("kopieerpapier", { contract: contractFilter() }, page)).items)).toEqual(expected(["paper", "discounted", "lastDay"]));
    expect((await searchProducts(p.notListed.sku, { contract: contractFilter() }, page)).items).toEqual([]);
    expect(skus((await searchProducts(p.notListed.sku, {}, page)).items)).toEqual([p.notListed.sku]);
  });

  it("quick-order suggestions offer only what it may order", async () => {
    expect((await suggestQuickOrderProducts("KP-AS-NOT", "nl", contractBuyer, NOW)).map((s) => s.sku)).toEqual([]);
    expect((await suggestQuickOrderProducts("KP-AS-PAP", "nl", contractBuyer, NOW)).map((s) => s.sku)).toEqual([p.paper.sku]);
    expect((await suggestQuickOrderProducts("roze", "nl", contractBuyer, NOW)).map((s) => s.sku)).toEqual([]);
    expect((await suggestQuickOrderProducts("KP-AS-NOT", "nl", everythingBuyer, NOW)).map((s) => s.sku)).toEqual([p.notListed.sku]);
  });

  it("navigation keeps the categories holding one of its products, and their parents", async () => {
    const ids = await listContractCategoryIds(contractFilter());
    expect([...ids].sort()).toEqual([cat.paper, cat.cleaning].sort());
    const shown = categoriesWithProducts(await listCategories(), ids).map((category) => category.id);
    expect(shown.filter((id) => Object.values(cat).includes(id)).sort()).toEqual([cat.office, cat.paper, cat.cleaning].sort());
  });
});

describe("what a contract-assortment customer can order", () => {
  it("adding a product outside it is refused by name; its contract's products go in", async () => {
    const error = await appError(addToCart(contractBuyer, p.notListed.sku, 1));
    expect([error.code, error.message, error.details]).toEqual(["conflict", "product_not_in_assortment", { sku: p.notListed.sku }]);
    await addToCart(contractBuyer, p.paper.sku, 1);
    // The customer who sees everything adds it as before.
    await addToCart(everythingBuyer, p.notListed.sku, 1);
    expect((await getPricedCart(contractBuyer, "nl", NOW)).lines.map((line) => line.product.sku)).toEqual([p.paper.sku]);
  });

  it("quick order reports each line outside it and adds the rest", async () => {
    const report = await quickOrderFromText(contractBuyer, `${p.notListed.sku};2\n${p.spray.sku};1\n${p.retired.sku};1`, "nl");
    expect(report.lines.map((line) => [line.code, line.outcome.status])).toEqual([
      [p.notListed.sku, "not_in_assortment"],
      [p.spray.sku, "added"],
      [p.retired.sku, "unavailable"],
    ]);
  });

  it("a list shows a product that left the contract as not in the assortment, and no product outside it can be saved", async () => {
    const list = await createList(everythingBuyer, { name: "Kantoor", shared: false }, NOW);
    await addProductToList(everythingBuyer, { listId: list.id, newListName: null, sku: p.notListed.sku, quantity: 1, note: null }, NOW);
    const own = await createList(contractBuyer, { name: "Papier", shared: false }, NOW);
    await addProductToList(contractBuyer, { listId: own.id, newListName: null, sku: p.paper.sku, quantity: 1, note: null }, NOW);
    const refused = await appError(addProductToList(contractBuyer, { listId: own.id, newListName: null, sku: p.notListed.sku, quantity: 1, note: null }, NOW));
    expect(refused.message).toBe("product_not_in_assortment");
    const view = await getFavoriteListView(contractBuyer, own.id, "nl", NOW);
    expect(view!.lines.map((line) => [line.sku, line.inAssortment])).toEqual([[p.paper.sku, true]]);
    expect((await getFavoriteListView(everythingBuyer, list.id, "nl", NOW))!.lines.map((line) => line.inAssortment)).toEqual([true]);
  });

  it("a cart line whose product left its contract is marked, and checkout refuses the cart without writing an order", async () => {
    // Put in while the customer still saw everything; then the account manager limits it.
    const colleague = await createCompanyWithBuyer(handle);
    await addToCart(await buyerOf(colleague.user), p.notListed.sku, 2);
    await setAssortment(colleague.company.id, "contract");
    const limited = await buyerOf(colleague.user);
    const cart = await getPricedCart(limited, "nl", NOW);
    expect(cart.lines.map((line) => [line.product.sku, line.available, line.unavailableReason])).toEqual([[p.notListed.sku, false, "not_in_assortment"]]);
    expect(cart.orderable).toBe(false);
    const before = await handle.db.select({ n: sql<number>`count(*)::int` }).from(orders).where(eq(orders.companyId, colleague.company.id));
    const error = await appError(placeOrder(limited, { shipToAddressId: colleague.shipTo.id, poNumber: "PO-1", costCenter: null, requestedDeliveryDate: null, note: null }, "nl", NOW));
    expect([error.code, error.message, error.details]).toEqual(["conflict", "cart_has_unavailable_products", { sku: p.notListed.sku }]);
    const after = await handle.db.select({ n: sql<number>`count(*)::int` }).from(orders).where(eq(orders.companyId, colleague.company.id));
    expect(after).toEqual(before);
  });

  it("a standing order skips a line that left the contract, says why, and orders the rest", async () => {
    const owner = await createCompanyWithBuyer(handle);
    await createPriceList(handle, owner.company.id, [{ productId: p.paper.id, kind: "fixed", priceMinor: 800 }]);
    const buyer = await buyerOf(owner.user);
    const list = await createList(buyer, { name: "Maandelijks", shared: false }, NOW);
    await addProductToList(buyer, { listId: list.id, newListName: null, sku: p.paper.sku, quantity: 2, note: null }, NOW);
    await addProductToList(buyer, { listId: list.id, newListName: null, sku: p.notListed.sku, quantity: 3, note: null }, NOW);
    const saved = await saveStandingOrder(
      buyer,
      standingOrderSchema.parse({ listId: list.id, intervalWeeks: "4", nextRunOn: DAY, shipToAddressId: String(owner.shipTo.id), poNumber: "", costCenter: "" }),
      NOW,
    );
    await setAssortment(owner.company.id, "contract");
    expect(await runStandingOrder(saved.id, NOW)).toMatchObject({ outcome: "placed" });
    const [run] = await handle.db.select().from(standingOrderRuns).where(eq(standingOrderRuns.standingOrderId, saved.id));
    expect(run!.skippedLines).toEqual([{ sku: p.notListed.sku, name: "Kopieerpapier roze", quantity: 3, reason: "not_in_assortment" }]);
    const [order] = await handle.db.select({ id: orders.id }).from(orders).where(and(eq(orders.companyId, owner.company.id)));
    expect(order).toBeDefined();
  });

  it("a product outside it can be asked for: the quote's accepted line is orderable at the quoted price", async () => {
    const customer = await createCompanyWithBuyer(handle);
    await setAssortment(customer.company.id, "contract");
    const buyer = await buyerOf(customer.user);
    const manager = await createStaff(handle, "account_manager", [customer.company.id]);
    const { quoteNumber } = await requestProductQuote(buyer, { sku: p.notListed.sku, quantity: 10, comment: "Graag toevoegen aan het contract" }, NOW);
    const requested = (await getQuoteForViewer(buyer, quoteNumber))!;
    const price = { [`price_${requested.lines[0]!.id}`]: "8,25" } as Record<`price_${number}`, string>;
    await sendQuote(manager, { quoteId: requested.id, validUntil: "2026-12-15", comment: null, ...price }, NOW);
    await acceptQuote(buyer, quoteNumber, NOW);
    const cart = await getPricedCart(buyer, "nl", NOW);
    expect(cart.lines.map((line) => [line.product.sku, line.available, line.unitPriceMinor])).toEqual([[p.notListed.sku, true, 825]]);
    const { orderNumber } = await placeOrder(buyer, { shipToAddressId: customer.shipTo.id, poNumber: "PO-Q", costCenter: null, requestedDeliveryDate: null, note: null }, "nl", NOW);
    expect(orderNumber).toMatch(/^K/);
  });

  it("a punchout cart holding a product outside it is not transferred; the session stays open", async () => {
    const customer = await createCompanyWithBuyer(handle);
    const manager = await createStaff(handle, "account_manager", [customer.company.id]);
    const connection = await createCxmlConnection(handle, customer.company.id, {
      from: [{ domain: "NetworkID", identity: "AN-ASSORTMENT" }],
      sender: [{ domain: "NetworkID", identity: "AN-ASSORTMENT" }],
      secret: "s",
      origins: ["https://procurement.example.com"],
    });
    const { token } = await startConnectionTest(manager, connection.id, { now: NOW, baseUrl: "https://shop.example.nl" });
    const session = (await getActivePunchoutSession(hashToken(token), NOW))!;
    const shopperAs = async () => {
      const user = await buyerOf({ id: session.userId });
      return { ...user, punchout: { sessionId: session.id, connectionName: session.connectionName, presetId: session.presetId, protocol: session.protocol, operation: session.operation } };
    };
    await addToCart(await shopperAs(), p.notListed.sku, 1);
    await setAssortment(customer.company.id, "contract");
    const error = await appError(transferPunchoutCart(await shopperAs(), "transfer", "nl", NOW, { baseUrl: "https://shop.example.nl" }));
    expect([error.code, error.message]).toEqual(["conflict", "cart_has_unavailable_products"]);
    expect(await getActivePunchoutSession(hashToken(token), NOW)).not.toBeNull();
  });
});
