import "server-only";
import { z } from "zod";
import type { QuoteStatus } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { listProductsByIds } from "@/lib/data/catalog";
import { listContractCandidates } from "@/lib/data/prices";
import { answerQuote, getQuoteById, purchaseCosts, rejectQuote, searchQuotes, type QuoteView } from "@/lib/data/quotes";
import { getRecipient } from "@/lib/data/account";
import { isTechnical } from "@/lib/account/company-users";
import { AppError } from "@/lib/errors";
import { money } from "@/lib/format";
import { mailBaseUrl } from "@/lib/mail/base-url";
import { quoteAnsweredMail } from "@/lib/mail/quote-mails";
import { sendMail } from "@/lib/mail/send-mail";
import { addCalendarDays, calendarDate } from "@/lib/pricing/calendar-date";
import { resolvePrice } from "@/lib/pricing/resolve-price";
import { DEFAULT_VALIDITY_DAYS, mayQuote, mayReject } from "@/lib/quotes/quote-rules";
import { canSeeCustomer, managerScope } from "./access";
import { parseDateInput, parseMoneyInput } from "./price-input";

/**
 * Quotes in the account-manager workspace: the inbox of requests of the customers a staff member
 * manages (admins: all), the answer (a price per line, the last valid day, a note) and the
 * rejection. A quote of another manager's customer is "not found".
 */

export function listQuotesForStaff(staff: StaffUser, options: { statuses?: QuoteStatus[]; limit: number; offset: number }) {
  return searchQuotes({ ...options, managerId: managerScope(staff) });
}

/**
 * A request made in a punchout session as a connection's technical user: an account shared by
 * everybody the procurement system sends, whose mailbox nobody reads. Its answer waits in the
 * customer's procurement catalog (My account → Quotes in the connection's next punchout session),
 * no mail is sent, and who to contact is in the requester's note. `connectionName` is null for a
 * technical user whose connection is gone.
 */
export function punchoutRequest(quote: Pick<QuoteView, "requestedBy">): { connectionName: string | null } | null {
  const { technicalUserOf } = quote.requestedBy;
  return technicalUserOf !== null || isTechnical(quote.requestedBy) ? { connectionName: technicalUserOf } : null;
}

export interface StaffQuoteLine {
  /** The customer's price today for the quoted quantity (their contract price, else the list price). */
  currentUnitPriceMinor: number;
  listPriceMinor: number;
  costMinor: number | null;
}

export interface StaffQuoteView {
  quote: QuoteView;
  /** Per quote line id. */
  reference: Map<number, StaffQuoteLine>;
  /** What the form proposes as the last valid day when the request has none yet. */
  defaultValidUntil: string;
}

export async function getQuoteForStaff(staff: StaffUser, quoteId: number, now: Date): Promise<StaffQuoteView> {
  const quote = await getQuoteById(quoteId);
  if (!quote || !(await canSeeCustomer(staff, quote.companyId))) throw new AppError("not_found", "quote_not_found");
  const productIds = quote.lines.map((line) => line.productId);
  const [products, candidates, costs] = await Promise.all([listProductsByIds(productIds), listContractCandidates(quote.companyId, productIds), purchaseCosts(productIds)]);
  const byId = new Map(products.map((p) => [p.id, p]));
  const reference = new Map<number, StaffQuoteLine>();
  for (const line of quote.lines) {
    const product = byId.get(line.productId);
    if (!product) continue;
    const price = resolvePrice({ product, candidates: candidates.get(product.id) ?? [], quantity: line.quantity, now });
    reference.set(line.id, { currentUnitPriceMinor: price.unitPriceMinor, listPriceMinor: price.listPriceMinor, costMinor: costs.get(product.id) ?? null });
  }
  return { quote, reference, defaultValidUntil: addCalendarDays(calendarDate(now), DEFAULT_VALIDITY_DAYS) };
}

async function quoteOrThrow(staff: StaffUser, quoteId: number): Promise<QuoteView> {
  const quote = await getQuoteById(quoteId);
  if (!quote || !(await canSeeCustomer(staff, quote.companyId))) throw new AppError("not_found", "quote_not_found");
  return quote;
}

/** The answer form: `price_<line id>` per line as typed (decimal comma or point), the last valid day, a note. */
export const answerQuoteSchema = z
  .object({
    quoteId: z.coerce.number().int().positive(),
    validUntil: z.string().trim().max(20),
    comment: z.string().trim().max(2000).optional().transform((v) => v || null),
  })
  .catchall(z.string().max(40));

/** The parsed answer: a `price_<quote line id>` field per line as typed. */
export type QuoteAnswerInput = { quoteId: number; validUntil: string; comment: string | null } & { [field: `price_${number}`]: string };

export async function sendQuote(staff: StaffUser, input: QuoteAnswerInput, now: Date): Promise<void> {
  const quote = await quoteOrThrow(staff, input.quoteId);
  if (!mayQuote(quote)) throw new AppError("conflict", "quote_not_answerable");
  const fieldErrors: Record<string, string[]> = {};
  const validUntil = parseDateInput(input.validUntil);
  if (!validUntil.ok || validUntil.value === null) fieldErrors.validUntil = ["not_a_date"];
  else if (validUntil.value < calendarDate(now)) fieldErrors.validUntil = ["in_the_past"];
  const prices = new Map<number, number>();
  for (const line of quote.lines) {
    const raw = input[`price_${line.id}`] ?? "";
    const parsed = parseMoneyInput(raw);
    if (!raw.trim()) fieldErrors[`price_${line.id}`] = ["required"];
    else if (!parsed.ok) fieldErrors[`price_${line.id}`] = [parsed.problem];
    else prices.set(line.id, parsed.value);
  }
  if (Object.keys(fieldErrors).length > 0) throw new AppError("invalid_input", "quote_answer_invalid", { fieldErrors });
  const lastDay = (validUntil as { ok: true; value: string }).value;
  if (!(await answerQuote({ quoteId: quote.id, staffUserId: staff.id, prices, validUntil: lastDay, comment: input.comment, now }))) {
    throw new AppError("conflict", "quote_not_answerable");
  }
  const totalMinor = quote.lines.reduce((sum, line) => sum + (prices.get(line.id) ?? 0) * line.quantity, 0);
  await tellRequester(quote, { outcome: "quoted", totalMinor, validUntil: lastDay, comment: input.comment }, now);
}

export const rejectQuoteSchema = z.object({
  quoteId: z.coerce.number().int().positive(),
  reason: z.string().trim().min(1).max(1000),
});

export async function rejectQuoteRequest(staff: StaffUser, input: z.infer<typeof rejectQuoteSchema>, now: Date): Promise<void> {
  const quote = await quoteOrThrow(staff, input.quoteId);
  if (!mayReject(quote)) throw new AppError("conflict", "quote_not_answerable");
  if (!(await rejectQuote({ quoteId: quote.id, staffUserId: staff.id, reason: input.reason, now }))) throw new AppError("conflict", "quote_not_answerable");
  await tellRequester(quote, { outcome: "rejected", totalMinor: 0, validUntil: null, comment: input.reason }, now);
}

async function tellRequester(
  quote: QuoteView,
  answer: { outcome: "quoted" | "rejected"; totalMinor: number; validUntil: string | null; comment: string | null },
  now: Date,
): Promise<void> {
  // Nobody reads a technical punchout user's mailbox, and a link there leads outside any punchout
  // session: the answer waits under My account → Quotes for the connection's next session instead.
  if (punchoutRequest(quote)) return;
  const requester = await getRecipient(quote.requestedBy.id);
  if (!requester) return;
  const link = `${await mailBaseUrl()}/account/quotes/${encodeURIComponent(quote.quoteNumber)}`;
  // The answer stands even if the mail cannot be queued; the buyer also sees it under My account.
  await sendMail(
    quoteAnsweredMail(requester, {
      quoteNumber: quote.quoteNumber,
      companyName: quote.companyName,
      link,
      outcome: answer.outcome,
      total: (locale) => money(answer.totalMinor, locale, quote.currency),
      validUntil: answer.validUntil,
      comment: answer.comment,
    }),
    now,
  ).catch((error: unknown) => console.error(`[koppel] quote answer mail for ${quote.quoteNumber} failed`, error));
}

// Every status (db/schema/quotes.ts), in the order a quote goes through them; only lib/data imports db values.
const FILTERABLE_STATUSES: readonly QuoteStatus[] = ["requested", "quoted", "accepted", "ordered", "declined", "rejected"];

/** Status filter of the inbox, from the query string ("open" = requests waiting for an answer). */
export function parseQuoteStatusFilter(value: string | undefined): QuoteStatus[] | undefined {
  if (value === "open") return ["requested"];
  return FILTERABLE_STATUSES.find((status) => status === value) ? [value as QuoteStatus] : undefined;
}
