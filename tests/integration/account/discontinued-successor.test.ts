// A discontinued product's successor where a buyer meets the product again: quick order (paste and rows),
// a favorites list and adding it to the cart, reorder from order history, and a standing order's run and mail.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { productRelations, products, standingOrderRuns } from "@/db/schema";
import type { BuyerUser } from "@/lib/auth/guards";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { addListToCart, addProductToList, createList, getFavoriteListView } from "@/lib/favorites/favorites";
import { reorder } from "@/lib/orders/reorder";
import { quickOrderFromRows, quickOrderFromText } from "@/lib/quick-order/quick-order";
import { runStandingOrder, saveStandingOrder, standingOrderSchema } from "@/lib/standing-orders/standing-orders";
import { addCompanyUser, outboxTo } from "../../support/account-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
const p: Record<"drill" | "charger" | "next" | "retired", { id: number; sku: string }> = {} as never;

const MONDAY = new Date("2026-11-30T06:00:00Z");
const setActive = (id: number, active: boolean) => handle.db.update(products).set({ active }).where(eq(products.id, id));

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const categoryId = (await createCategory(handle, { code: "GER" })).id;
  p.drill = await createProduct(handle, categoryId, { sku: "KP-BOOR", nameNl: "Accuboor", nameEn: "Cordless drill", listPriceMinor: 12_900 });
  p.charger = await createProduct(handle, categoryId, { sku: "KP-LADER", listPriceMinor: 2_900 });
  p.next = await createProduct(handle, categoryId, { sku: "KP-BOOR-NIEUW", nameNl: "Accuboor nieuw", nameEn: "New cordless drill", listPriceMinor: 13_900, orderMultiple: 2 });
  p.retired = await createProduct(handle, categoryId, { sku: "KP-OUD", active: false });
  // What the admin stored (tests/integration/catalog/product-relations.test.ts covers how): KP-BOOR-NIEUW replaces KP-BOOR.
  await handle.db.insert(productRelations).values({ productId: p.drill.id, kind: "successor", relatedProductId: p.next.id, position: 0 });
  customer = await createCompanyWithBuyer(handle);
}, 120_000);
afterAll(() => fresh.dispose());

describe("a discontinued product where the buyer meets it again", () => {
  let buyer: BuyerUser;
  let orderNumber: string;

  beforeAll(async () => {
    buyer = (await addCompanyUser(handle, customer, "buyer")) as unknown as BuyerUser;
    await addToCart(buyer, "KP-BOOR", 3);
    orderNumber = (await placeOrder(buyer, { shipToAddressId: customer.shipTo.id, poNumber: "PO-BOOR", costCenter: null, requestedDeliveryDate: null, note: null }, "nl", MONDAY)).orderNumber;
    const list = await createList(customer.buyer, { name: "Gereedschap", shared: true }, MONDAY);
    await addProductToList(customer.buyer, { listId: list.id, newListName: null, sku: "KP-BOOR", quantity: 3, note: null }, MONDAY);
    await addProductToList(customer.buyer, { listId: list.id, newListName: null, sku: "KP-LADER", quantity: 1, note: null }, MONDAY);
    listId = list.id;
    // The drill is taken out of the shop; KP-BOOR-NIEUW (ordered per 2) replaces it.
    await setActive(p.drill.id, false);
  });
  let listId: number;

  const offer = { sku: "KP-BOOR-NIEUW", name: "Accuboor nieuw", quantity: 4 };

  it("quick order (paste and rows) says it is no longer available and offers the successor", async () => {
    const pasted = await quickOrderFromText(buyer, "KP-BOOR;3\nKP-OUD;1\nKP-LADER;1", "nl");
    expect(pasted.lines.map((line) => [line.code, line.outcome.status, line.successor])).toEqual([
      ["KP-BOOR", "unavailable", offer],
      ["KP-OUD", "unavailable", null],
      ["KP-LADER", "added", null],
    ]);
    const rows = await quickOrderFromRows(buyer, [{ code: "KP-BOOR", quantity: "2" }], "en");
    expect(rows.lines[0]).toMatchObject({ outcome: { status: "unavailable" }, successor: { sku: "KP-BOOR-NIEUW", name: "New cordless drill", quantity: 2 } });
  });

  it("a favorites list shows the line as not available with its successor, and adding the list reports it", async () => {
    const view = await getFavoriteListView(customer.buyer as unknown as BuyerUser, listId, "nl", MONDAY);
    expect(view!.lines.map((line) => [line.sku, line.active, line.successor])).toEqual([
      ["KP-BOOR", false, offer],
      ["KP-LADER", true, null],
    ]);
    const report = await addListToCart(customer.buyer as unknown as BuyerUser, listId, null, "nl");
    expect(report.lines.map((line) => [line.code, line.outcome.status, line.successor ?? null])).toEqual([
      ["KP-BOOR", "unavailable", offer],
      ["KP-LADER", "added", null],
    ]);
  });

  it("reorder from order history reports the line as discontinued with its successor", async () => {
    const report = await reorder(buyer, { orderNumber, lineNumbers: null }, "nl", MONDAY);
    expect(report.lines).toEqual([expect.objectContaining({ sku: "KP-BOOR", outcome: { status: "discontinued" }, successor: offer })]);
  });

  it("a standing order skips the line and names the successor in the run and the owner's mail", async () => {
    const owner = customer.buyer as unknown as BuyerUser;
    const list = await createList(owner, { name: "Maandelijks", shared: false }, MONDAY);
    await addProductToList(owner, { listId: list.id, newListName: null, sku: "KP-LADER", quantity: 1, note: null }, MONDAY);
    await setActive(p.drill.id, true);
    await addProductToList(owner, { listId: list.id, newListName: null, sku: "KP-BOOR", quantity: 3, note: null }, MONDAY);
    await setActive(p.drill.id, false);
    const saved = await saveStandingOrder(
      owner,
      standingOrderSchema.parse({ listId: list.id, intervalWeeks: "4", nextRunOn: "2026-11-30", shipToAddressId: String(customer.shipTo.id), poNumber: "", costCenter: "" }),
      MONDAY,
    );
    expect(await runStandingOrder(saved.id, MONDAY)).toMatchObject({ outcome: "placed" });
    const [run] = await handle.db.select().from(standingOrderRuns).where(eq(standingOrderRuns.standingOrderId, saved.id));
    expect(run!.skippedLines).toEqual([{ sku: "KP-BOOR", name: "Accuboor", quantity: 3, reason: "unavailable", successor: { sku: "KP-BOOR-NIEUW", name: "Accuboor nieuw" } }]);
    // Placed, the run's news comes in the order confirmation.
    const mail = (await outboxTo(handle, customer.user.email)).find((message) => message.kind === "order_confirmation" && message.subject.includes("Maandelijks"));
    expect(mail!.bodyText).toContain("KP-BOOR Accuboor (3): niet meer leverbaar – vervangen door KP-BOOR-NIEUW Accuboor nieuw");
  });
});
