// The quote warning in the checkout summary, settled there (app/(shop)/checkout/actions.ts
// fixQuoteLineAction): a line whose quantity another add changed goes back to the quoted quantity
// and price, with the cart's rules (lib/cart/cart-service.ts restoreQuotedQuantity); a line whose
// quote lapsed can be removed. Only the signed-in buyer's own cart lines, and never a quantity at the
// normal price when the buyer asked for the quoted one.
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

// Who is signed in is real (getCurrentUser reads the user from the database), as is everything after.
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
const cache = vi.hoisted(() => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("next/cache", () => cache);
vi.mock("next-intl/server", () => ({ getLocale: async () => "nl" }));

const { fixQuoteLineAction } = await import("@/app/(shop)/checkout/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let paper: { id: number; sku: string };
let tape: { id: number; sku: string };
const NOW = new Date("2026-11-28T10:00:00Z");
/** After the quotes' last valid day (2026-12-15). */
const LATER = new Date("2026-12-20T10:00:00Z");

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  paper = await createProduct(handle, category.id, { listPriceMinor: 1000 });
  tape = await createProduct(handle, category.id, { listPriceMinor: 120 });
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

/** The customer's buyer takes a quote for `quantity` of `product` at 8,10 into the cart. */
async function quotedLineInCart(product: { sku: string }, quantity: number) {
  await addToCart(buyer(), product.sku, quantity);
  const { quoteNumber } = await requestQuote(buyer(), { comment: null }, "nl", NOW);
  const quote = (await getQuoteForViewer(buyer(), quoteNumber))!;
  const price = { [`price_${quote.lines[0]!.id}`]: "8,10" } as Record<`price_${number}`, string>;
  await sendQuote(manager, { quoteId: quote.id, validUntil: "2026-12-15", comment: null, ...price }, NOW);
  await acceptQuote(buyer(), quoteNumber, NOW);
  return (await getPricedCart(buyer(), "nl", NOW)).lines.find((line) => line.product.sku === product.sku)!;
}

/** The action as the checkout's form sends it, signed in as `who`, at `at` (the quote's validity is by calendar day). */
async function fix(who: { id: number } | null, fields: Record<string, string>, at: Date): Promise<ActionState> {
  request.userId = who?.id ?? null;
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(at);
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  try {
    return await fixQuoteLineAction({ status: "idle" }, data);
  } finally {
    vi.useRealTimers();
  }
}

const lineOf = async (lineId: number, at = NOW) => (await getPricedCart(buyer(), "nl", at)).lines.find((line) => line.lineId === lineId);

describe("checkout: a quote line's warning fixed in place", () => {
  it("sets a line changed by another add back to the quoted quantity, at the quoted price again", async () => {
    const line = await quotedLineInCart(paper, 40);
    await addToCart(buyer(), paper.sku, 10);
    expect(await lineOf(line.lineId)).toMatchObject({ quantity: 50, unitPriceMinor: 1000, quote: { verdict: { applies: false, reason: "quantity_changed" }, lockedQuantity: 40 } });

    expect(await fix(buyer(), { lineId: String(line.lineId), fix: "restore" }, NOW)).toEqual({ status: "ok" });
    expect(await lineOf(line.lineId)).toMatchObject({ quantity: 40, unitPriceMinor: 810, quote: { verdict: { applies: true } } });
    // The checkout (and the cart badge) render again with it.
    expect(cache.revalidatePath).toHaveBeenCalledWith("/", "layout");
  });

  it("refuses to restore once the quote lapsed, and leaves the line as it is (not the quoted quantity at the normal price)", async () => {
    const line = await quotedLineInCart(paper, 40);
    await addToCart(buyer(), paper.sku, 10);
    const state = await fix(buyer(), { lineId: String(line.lineId), fix: "restore" }, LATER);
    expect(state).toMatchObject({ status: "error", code: "conflict", message: "quote_no_longer_applies" });
    expect(await lineOf(line.lineId, LATER)).toMatchObject({ quantity: 50, unitPriceMinor: 1000, quote: { verdict: { applies: false, reason: "expired" }, lockedQuantity: null } });
    // Rendered again all the same: the page now shows the lapsed line (with its Remove).
    expect(cache.revalidatePath).toHaveBeenCalledWith("/", "layout");
  });

  it("refuses to restore a line that holds no quote", async () => {
    await addToCart(buyer(), tape.sku, 5);
    const line = (await getPricedCart(buyer(), "nl", NOW)).lines[0]!;
    expect(await fix(buyer(), { lineId: String(line.lineId), fix: "restore" }, NOW)).toMatchObject({ status: "error", message: "quote_no_longer_applies" });
    expect(await lineOf(line.lineId)).toMatchObject({ quantity: 5 });
  });

  it("removes a line whose quote lapsed", async () => {
    const line = await quotedLineInCart(paper, 40);
    await addToCart(buyer(), tape.sku, 5);
    expect(await fix(buyer(), { lineId: String(line.lineId), fix: "remove" }, LATER)).toEqual({ status: "ok" });
    expect((await getPricedCart(buyer(), "nl", LATER)).lines.map((l) => l.product.sku)).toEqual([tape.sku]);
  });

  it("touches only the signed-in buyer's own cart", async () => {
    const line = await quotedLineInCart(paper, 40);
    await addToCart(buyer(), paper.sku, 10);
    const stranger = other.user;
    for (const action of ["restore", "remove"]) {
      expect(await fix(stranger, { lineId: String(line.lineId), fix: action }, NOW)).toMatchObject({ status: "error", code: "not_found", message: "cart_line_not_found" });
    }
    expect(await lineOf(line.lineId)).toMatchObject({ quantity: 50 });
    // Nobody signed in: refused before anything is read.
    expect(await fix(null, { lineId: String(line.lineId), fix: "remove" }, NOW)).toMatchObject({ status: "error", code: "unauthenticated" });
    expect(await lineOf(line.lineId)).toMatchObject({ quantity: 50 });
  });

  it.each([
    ["an unknown fix", { lineId: "1", fix: "set" }],
    ["no line", { fix: "restore" }],
    ["a line id that is no number", { lineId: "abc", fix: "remove" }],
  ])("refuses %s as invalid input", async (_label, fields) => {
    expect(await fix(buyer(), fields, NOW)).toMatchObject({ status: "error", code: "invalid_input" });
  });
});
