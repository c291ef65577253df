import "server-only";
import { z } from "zod";
import type { QuoteStatus } from "@/db/schema";
import type { BuyerUser } from "@/lib/auth/guards";
import { getPricedCart, resolveCartId, type CartOwner } from "@/lib/cart/cart-service";
import { checkQuantity } from "@/lib/cart/quantity-rules";
import { customerProductInputs } from "@/lib/catalog/priced-product";
import { getProductBySku } from "@/lib/data/catalog";
import { listCustomerManagers } from "@/lib/data/customers";
import {
  acceptQuoteIntoCart,
  createQuoteRequest,
  declineQuote as declineStoredQuote,
  getCompanyQuote,
  searchQuotes,
  type QuoteView,
} from "@/lib/data/quotes";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { mailBaseUrl } from "@/lib/mail/base-url";
import { quoteRequestedMail } from "@/lib/mail/quote-mails";
import { sendMail } from "@/lib/mail/send-mail";
import { seesWholeCompany } from "@/lib/orders/order-access";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { resolvePrice } from "@/lib/pricing/resolve-price";
import { mayAccept, mayDecline } from "./quote-rules";

/**
 * Quotes on the buyer's side: ask for a quote on the cart, see the answers, take a quote into the
 * cart (shop or punchout) and order it at the quoted prices, or decline it. Who sees which quote
 * follows the orders: the requester their own, approvers and company admins the whole company's.
 * Another company's quote does not exist for anybody.
 */

export type QuoteViewer = Pick<BuyerUser, "id" | "companyId" | "role">;

export const quoteRequestSchema = z.object({
  comment: z.string().trim().max(2000).optional().transform((v) => v || null),
});

/** Who asks for a quote: a cart owner (in a punchout session, maybe as the connection's technical user). */
type QuoteRequester = CartOwner & Pick<BuyerUser, "name" | "companyName"> & { punchout: (CartOwner["punchout"] & { technicalUser?: boolean }) | null };

/**
 * A connection's technical user is shared by everybody the procurement system sends and its mailbox
 * is read by nobody: the note is the account manager's only way to know whom to tell that the
 * quote is ready (the cart asks for a name and an e-mail address or phone number).
 */
function assertContactNamed(user: QuoteRequester, comment: string | null): void {
  if (user.punchout?.technicalUser && !comment) {
    throw new AppError("invalid_input", "quote_contact_required", { fieldErrors: { comment: ["quote_contact_required"] } });
  }
}

/** Turns the cart into a quote request: its lines move into the request, and the customer's account managers are told. */
export async function requestQuote(
  user: QuoteRequester,
  input: z.infer<typeof quoteRequestSchema>,
  locale: Locale,
  now: Date,
): Promise<{ quoteNumber: string }> {
  if (user.punchout?.operation === "inspect") throw new AppError("forbidden", "punchout_cart_read_only");
  const cart = await getPricedCart(user, locale, now);
  if (cart.lines.length === 0) throw new AppError("cart_empty", "cart_empty");
  assertContactNamed(user, input.comment);
  const created = await createQuoteRequest({
    companyId: user.companyId,
    userId: user.id,
    buyerComment: input.comment,
    fromCart: { cartId: cart.cartId, cartLineIds: cart.lines.map((line) => line.lineId) },
    lines: cart.lines.map((line) => ({ productId: line.product.id, quantity: line.quantity, requestedUnitPriceMinor: line.unitPriceMinor })),
  });
  // The request stands even if the mail cannot be queued; managers also see it in /admin/quotes.
  await notifyManagers(user, { quoteNumber: created.quoteNumber, id: created.id, lineCount: cart.lines.length, comment: input.comment }, now).catch((error: unknown) =>
    console.error(`[koppel] quote request mail for ${created.quoteNumber} failed`, error),
  );
  return { quoteNumber: created.quoteNumber };
}

export const productQuoteSchema = z.object({
  sku: z.string().trim().min(1).max(64),
  quantity: z.coerce.number().int().min(1).max(100_000),
  comment: z.string().trim().max(2000).optional().transform((v) => v || null),
});

/**
 * "Request a quote" on a product page: one product in a quantity the buyer names (typically a large
 * one), without touching the cart. The quantity must be orderable, since the quote will be ordered
 * as quoted; the price at request is the buyer's own for that quantity.
 */
export async function requestProductQuote(
  user: QuoteRequester,
  input: z.infer<typeof productQuoteSchema>,
  now: Date,
): Promise<{ quoteNumber: string }> {
  assertContactNamed(user, input.comment);
  const product = await getProductBySku(input.sku);
  if (!product || !product.active) throw new AppError("not_found", "product_not_found", { sku: input.sku });
  const check = checkQuantity(input.quantity, product);
  if (!check.ok) {
    throw new AppError("quantity_rule", check.reason, { minimum: product.minOrderQuantity, multiple: product.orderMultiple, suggested: check.suggestedQuantity });
  }
  const { candidates } = await customerProductInputs(user.companyId, [product.id], false);
  const price = resolvePrice({ product, candidates: candidates.get(product.id) ?? [], quantity: input.quantity, now });
  const created = await createQuoteRequest({
    companyId: user.companyId,
    userId: user.id,
    buyerComment: input.comment,
    lines: [{ productId: product.id, quantity: input.quantity, requestedUnitPriceMinor: price.unitPriceMinor }],
  });
  await notifyManagers(user, { quoteNumber: created.quoteNumber, id: created.id, lineCount: 1, comment: input.comment }, now).catch((error: unknown) =>
    console.error(`[koppel] quote request mail for ${created.quoteNumber} failed`, error),
  );
  return { quoteNumber: created.quoteNumber };
}

async function notifyManagers(
  user: Pick<BuyerUser, "companyId" | "companyName" | "name">,
  quote: { id: number; quoteNumber: string; lineCount: number; comment: string | null },
  now: Date,
): Promise<void> {
  const managers = (await listCustomerManagers(user.companyId)).filter((manager) => manager.active);
  if (managers.length === 0) return;
  const link = `${await mailBaseUrl()}/admin/quotes/${quote.id}`;
  await sendMail(
    managers.map((manager) =>
      quoteRequestedMail(manager, {
        quoteNumber: quote.quoteNumber,
        companyName: user.companyName,
        requesterName: user.name,
        lineCount: quote.lineCount,
        comment: quote.comment,
        link,
      }),
    ),
    now,
  );
}

export async function getQuoteForViewer(viewer: QuoteViewer, quoteNumber: string): Promise<QuoteView | null> {
  const quote = await getCompanyQuote(viewer.companyId, quoteNumber);
  if (!quote) return null;
  if (!seesWholeCompany(viewer) && quote.requestedBy.id !== viewer.id) return null;
  return quote;
}

export function listQuotesForViewer(viewer: QuoteViewer, options: { statuses?: QuoteStatus[]; limit: number; offset: number }) {
  return searchQuotes({ ...options, companyId: viewer.companyId, ...(seesWholeCompany(viewer) ? {} : { requestedBy: viewer.id }) });
}

async function visibleQuoteOrThrow(viewer: QuoteViewer, quoteNumber: string): Promise<QuoteView> {
  const quote = await getQuoteForViewer(viewer, quoteNumber);
  if (!quote) throw new AppError("not_found", "quote_not_found");
  return quote;
}

/**
 * Takes a quote into the cart the user shops into right now (the shop cart, or the punchout
 * session's cart, which then carries the quote to the procurement system). Each quoted line
 * replaces a line of the same product; the report says which quantities it replaced.
 */
export async function acceptQuote(
  user: CartOwner & QuoteViewer,
  quoteNumber: string,
  now: Date,
): Promise<{ lines: number; replaced: { sku: string; previousQuantity: number; quantity: number }[] }> {
  if (user.punchout?.operation === "inspect") throw new AppError("forbidden", "punchout_cart_read_only");
  const quote = await visibleQuoteOrThrow(user, quoteNumber);
  const day = calendarDate(now);
  if (!mayAccept(quote, day)) throw new AppError("conflict", "quote_not_acceptable");
  if (quote.lines.some((line) => !line.active)) throw new AppError("conflict", "quote_product_unavailable");
  const cartId = await resolveCartId(user);
  const previous = await acceptQuoteIntoCart({ quoteId: quote.id, companyId: user.companyId, userId: user.id, cartId, day, now });
  if (!previous) throw new AppError("conflict", "quote_not_acceptable");
  const replaced = quote.lines.flatMap((line) => {
    const previousQuantity = previous.get(line.productId) ?? 0;
    return previousQuantity > 0 ? [{ sku: line.sku, previousQuantity, quantity: line.quantity }] : [];
  });
  return { lines: quote.lines.length, replaced };
}

export const declineQuoteSchema = z.object({
  quoteNumber: z.string().trim().min(1).max(40),
  reason: z.string().trim().max(1000).optional().transform((v) => v || null),
});

export async function declineQuote(
  user: QuoteViewer & Pick<BuyerUser, "impersonatedBy">,
  input: z.infer<typeof declineQuoteSchema>,
  now: Date,
): Promise<void> {
  // The customer's decision, recorded as theirs: staff viewing the shop as them withdraw it in /admin instead.
  if (user.impersonatedBy) throw new AppError("forbidden", "not_while_viewing_as");
  const quote = await visibleQuoteOrThrow(user, input.quoteNumber);
  if (!mayDecline(quote, calendarDate(now))) throw new AppError("conflict", "quote_not_declinable");
  const declined = await declineStoredQuote({ quoteId: quote.id, companyId: user.companyId, userId: user.id, reason: input.reason, now });
  if (!declined) throw new AppError("conflict", "quote_not_declinable");
}
