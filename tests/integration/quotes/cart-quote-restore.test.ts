// "Back to 40 (quoted price)" on the cart page (app/(shop)/cart/actions.ts changeCartLineAction with
// restore=quoted): the same rule as the checkout's fix (lib/cart/cart-service.ts restoreQuotedQuantity),
// so a quote that lapsed after the cart page was shown is refused instead of putting the quoted
// quantity in the cart at the normal price.
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { sendQuote } from "@/lib/admin/quotes";
import type { ActionState } from "@/lib/actions/safe-action";
import type { BuyerUser } from "@/lib/auth/guards";
import { addToCart, getPricedCart, removeFromCart } from "@/lib/cart/cart-service";
import { acceptQuote, getQuoteForViewer, requestQuote } from "@/lib/quotes/buyer-quotes";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
const cache = vi.hoisted(() => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("next/cache", () => cache);
vi.mock("next-intl/server", () => ({ getLocale: async () => "nl" }));

const { changeCartLineAction } = await import("@/app/(shop)/cart/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let paper: { id: number; sku: string };
const NOW = new Date("2026-11-28T10:00:00Z");
/** After the quote's last valid day (2026-12-15). */
const LATER = new Date("2026-12-20T10:00:00Z");

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 1000 });
  customer = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle);
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
}, 120_000);
afterAll(() => fresh.dispose());
afterEach(async () => {
  vi.useRealTimers();
  cache.revalidatePath.mockClear();
  for (const line of (await getPricedCart(buyer(), "nl", NOW)).lines) await removeFromCart(buyer(), line.lineId);
});

const buyer = () => customer.buyer as unknown as BuyerUser;

/** A quote line for 40 at 8,10 in the cart, then changed to 50 (normal price) by another add. */
async function changedQuoteLine() {
  await addToCart(buyer(), paper.sku, 40);
  const { quoteNumber } = await requestQuote(buyer(), { comment: null }, "nl", NOW);
  const quote = (await getQuoteForViewer(buyer(), quoteNumber))!;
  const price = { [`price_${quote.lines[0]!.id}`]: "8,10" } as Record<`price_${number}`, string>;
  await sendQuote(manager, { quoteId: quote.id, validUntil: "2026-12-15", comment: null, ...price }, NOW);
  await acceptQuote(buyer(), quoteNumber, NOW);
  await addToCart(buyer(), paper.sku, 10);
  const line = (await getPricedCart(buyer(), "nl", NOW)).lines.find((l) => l.product.sku === paper.sku)!;
  expect(line).toMatchObject({ quantity: 50, unitPriceMinor: 1000, quote: { verdict: { applies: false, reason: "quantity_changed" }, lockedQuantity: 40 } });
  return line;
}

/** The cart line's form as the button submits it: its fields (the read-only quantity too) and restore=quoted. */
async function submit(who: { id: number } | null, fields: Record<string, string>, at: Date): Promise<ActionState> {
  request.userId = who?.id ?? null;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at);
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  try {
    return await changeCartLineAction({ status: "idle" }, data);
  } finally {
    vi.useRealTimers();
  }
}

const lineOf = async (lineId: number, at = NOW) => (await getPricedCart(buyer(), "nl", at)).lines.find((line) => line.lineId === lineId);

describe("cart: Back to the quoted quantity", () => {
  it("sets the line back to the quoted quantity and price while the quote holds", async () => {
    const line = await changedQuoteLine();
    // The answer names the quantity as set (the quoted one, not the field's): the cart page says it.
    expect(await submit(buyer(), { lineId: String(line.lineId), quantity: "50", restore: "quoted" }, NOW)).toEqual({ status: "ok", data: { quantity: 40 } });
    expect(await lineOf(line.lineId)).toMatchObject({ quantity: 40, unitPriceMinor: 810, quote: { verdict: { applies: true } } });
    expect(cache.revalidatePath).toHaveBeenCalledWith("/", "layout");
  });

  it("refuses once the quote lapsed after the page was shown, and leaves the line as it is (not 40 at the normal price)", async () => {
    const line = await changedQuoteLine();
    const state = await submit(buyer(), { lineId: String(line.lineId), quantity: "50", restore: "quoted" }, LATER);
    expect(state).toMatchObject({ status: "error", code: "conflict", message: "quote_no_longer_applies" });
    expect(await lineOf(line.lineId, LATER)).toMatchObject({ quantity: 50, unitPriceMinor: 1000, quote: { verdict: { applies: false, reason: "expired" }, lockedQuantity: null } });
    // Rendered again all the same: the cart shows the lapsed line, its quantity free again.
    expect(cache.revalidatePath).toHaveBeenCalledWith("/", "layout");
  });

  it("touches only the signed-in buyer's own cart", async () => {
    const line = await changedQuoteLine();
    expect(await submit(other.user, { lineId: String(line.lineId), restore: "quoted" }, NOW)).toMatchObject({ status: "error", code: "not_found", message: "cart_line_not_found" });
    expect(await lineOf(line.lineId)).toMatchObject({ quantity: 50 });
  });
});

// The cart page says in its live region what a line's change did (components/shop/cart-line-controls.tsx):
// the answer names it, as the server did it.
describe("cart: a line's change answers with what it did", () => {
  const lineIdOf = async () => (await getPricedCart(buyer(), "nl", NOW)).lines.find((line) => line.product.sku === paper.sku)!.lineId;

  it("a new quantity: data.quantity as set", async () => {
    await addToCart(buyer(), paper.sku, 10);
    const lineId = await lineIdOf();
    expect(await submit(buyer(), { lineId: String(lineId), quantity: "25" }, NOW)).toEqual({ status: "ok", data: { quantity: 25 } });
    expect(await lineOf(lineId)).toMatchObject({ quantity: 25 });
  });

  it("Remove, whatever the field holds, and quantity 0: data.removed", async () => {
    await addToCart(buyer(), paper.sku, 10);
    const removed = await lineIdOf();
    expect(await submit(buyer(), { lineId: String(removed), quantity: "7", remove: "1" }, NOW)).toEqual({ status: "ok", data: { removed: 1 } });
    expect(await lineOf(removed)).toBeUndefined();
    await addToCart(buyer(), paper.sku, 10);
    const zeroed = await lineIdOf();
    expect(await submit(buyer(), { lineId: String(zeroed), quantity: "0" }, NOW)).toEqual({ status: "ok", data: { removed: 1 } });
    expect(await lineOf(zeroed)).toBeUndefined();
  });

  it("a refused change says nothing done: the refusal only", async () => {
    await addToCart(buyer(), paper.sku, 10);
    const state = await submit(other.user, { lineId: String(await lineIdOf()), quantity: "3" }, NOW);
    expect(state).toMatchObject({ status: "error", message: "cart_line_not_found" });
    expect(state).not.toHaveProperty("data");
  });
});
