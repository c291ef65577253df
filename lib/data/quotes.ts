import "server-only";
import { and, asc, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import {
  cartLines,
  carts,
  companies,
  orders,
  productPurchasePrices,
  products,
  punchoutConnections,
  quoteLines,
  quotes,
  users,
  type QuoteStatus,
} from "@/db/schema";
import { alias } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import type { QuoteStatus as RuleStatus } from "@/lib/quotes/quote-rules";
import { managedBy } from "./customers";
import { database } from "./database";

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

// The pure rules name the statuses themselves (they import nothing from db/); the two lists must agree.
const statusesAgree: [QuoteStatus] extends [RuleStatus] ? ([RuleStatus] extends [QuoteStatus] ? true : never) : never = true;
void statusesAgree;

/**
 * Quotes (RFQ) in the database. Every write that depends on a quote's status checks that status in
 * its own UPDATE (`where status in …`), so two people acting at once cannot both win; the callers
 * in lib/quotes and lib/admin/quotes decide who may act.
 */

export interface QuoteLineView {
  id: number;
  lineNumber: number;
  productId: number;
  sku: string;
  nameNl: string;
  nameEn: string;
  unit: string;
  active: boolean;
  vatRateBasisPoints: number;
  quantity: number;
  requestedUnitPriceMinor: number;
  quotedUnitPriceMinor: number | null;
}

export interface QuoteView {
  id: number;
  quoteNumber: string;
  companyId: number;
  companyName: string;
  /**
   * `technicalUserOf`: the punchout connection whose technical user asked (an account shared by
   * everybody the procurement system sends, whose mailbox nobody reads), else null.
   */
  requestedBy: { id: number; name: string; email: string; technicalUserOf: string | null };
  status: QuoteStatus;
  currency: string;
  buyerComment: string | null;
  staffComment: string | null;
  validUntil: string | null;
  quotedByName: string | null;
  quotedAt: Date | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  declineReason: string | null;
  /** The order that used the quote (its id for staff links, its number for buyers). */
  orderId: number | null;
  orderNumber: string | null;
  createdAt: Date;
  lines: QuoteLineView[];
}

export interface NewQuoteRequest {
  companyId: number;
  userId: number;
  buyerComment: string | null;
  lines: { productId: number; quantity: number; requestedUnitPriceMinor: number }[];
  /**
   * A request made from the cart: its lines move into the quote (deleted from the cart in the same
   * transaction). Absent for a request from a product page, which leaves the cart alone.
   */
  fromCart?: { cartId: number; cartLineIds: number[] };
}

/** Stores a request with its lines (and takes them out of the cart, at once; a cart changed meanwhile writes nothing). */
export async function createQuoteRequest(input: NewQuoteRequest): Promise<{ id: number; quoteNumber: string }> {
  const db = await database();
  return db.transaction(async (tx) => {
    if (input.fromCart) {
      const { cartId, cartLineIds } = input.fromCart;
      const consumed = await tx
        .delete(cartLines)
        .where(and(eq(cartLines.cartId, cartId), inArray(cartLines.id, cartLineIds)))
        .returning({ id: cartLines.id });
      if (consumed.length !== cartLineIds.length) throw new AppError("conflict", "cart_changed");
    }
    const [created] = await tx
      .insert(quotes)
      .values({ companyId: input.companyId, requestedBy: input.userId, buyerComment: input.buyerComment })
      .returning({ id: quotes.id, quoteNumber: quotes.quoteNumber });
    if (!created) throw new Error("quote insert returned nothing");
    await tx.insert(quoteLines).values(
      input.lines.map((line, index) => ({
        quoteId: created.id,
        lineNumber: index + 1,
        productId: line.productId,
        quantity: line.quantity,
        requestedUnitPriceMinor: line.requestedUnitPriceMinor,
      })),
    );
    return created;
  });
}

export interface QuoteSummary {
  id: number;
  quoteNumber: string;
  companyId: number;
  companyName: string;
  requesterName: string;
  status: QuoteStatus;
  currency: string;
  validUntil: string | null;
  createdAt: Date;
  quotedAt: Date | null;
  lineCount: number;
  /** Σ quoted price × quantity once quoted, else Σ the prices the buyer had when asking. */
  totalMinor: number;
}

export interface QuoteSearch {
  /** A customer's quotes (buyer side); absent for staff, who pass `managerId` or nothing (admins). */
  companyId?: number;
  requestedBy?: number;
  /** Only the customers assigned to this account manager. */
  managerId?: number | null;
  statuses?: QuoteStatus[];
  limit: number;
  offset: number;
}

export async function searchQuotes(search: QuoteSearch): Promise<{ items: QuoteSummary[]; total: number }> {
  const db = await database();
  const conditions: SQL[] = [];
  if (search.companyId !== undefined) conditions.push(eq(quotes.companyId, search.companyId));
  if (search.requestedBy !== undefined) conditions.push(eq(quotes.requestedBy, search.requestedBy));
  if (search.managerId !== undefined && search.managerId !== null) {
    conditions.push(managedBy(quotes.companyId, search.managerId));
  }
  if (search.statuses && search.statuses.length > 0) conditions.push(inArray(quotes.status, search.statuses));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [items, [totalRow]] = await Promise.all([
    db
      .select({
        id: quotes.id,
        quoteNumber: quotes.quoteNumber,
        companyId: quotes.companyId,
        companyName: companies.name,
        requesterName: users.name,
        status: quotes.status,
        currency: quotes.currency,
        validUntil: quotes.validUntil,
        createdAt: quotes.createdAt,
        quotedAt: quotes.quotedAt,
        lineCount: sql<number>`(select count(*)::int from ${quoteLines} where ${quoteLines.quoteId} = ${quotes.id})`,
        totalMinor: sql<number>`(select coalesce(sum(coalesce(${quoteLines.quotedUnitPriceMinor}, ${quoteLines.requestedUnitPriceMinor})::bigint * ${quoteLines.quantity}), 0)::bigint from ${quoteLines} where ${quoteLines.quoteId} = ${quotes.id})`.mapWith(Number),
      })
      .from(quotes)
      .innerJoin(companies, eq(companies.id, quotes.companyId))
      .innerJoin(users, eq(users.id, quotes.requestedBy))
      .where(where)
      .orderBy(desc(quotes.createdAt), desc(quotes.id))
      .limit(search.limit)
      .offset(search.offset),
    db.select({ total: count() }).from(quotes).where(where),
  ]);
  return { items, total: totalRow?.total ?? 0 };
}

/** Open requests waiting for an answer, for the admin navigation's badge. */
export async function countOpenQuoteRequests(managerId: number | null): Promise<number> {
  const { total } = await searchQuotes({ managerId, statuses: ["requested"], limit: 0, offset: 0 });
  return total;
}

const quotedBy = alias(users, "quoted_by_user");
const decidedBy = alias(users, "decided_by_user");

async function readQuote(where: SQL): Promise<QuoteView | null> {
  const db = await database();
  const [row] = await db
    .select({
      id: quotes.id,
      quoteNumber: quotes.quoteNumber,
      companyId: quotes.companyId,
      companyName: companies.name,
      requesterId: users.id,
      requesterName: users.name,
      requesterEmail: users.email,
      requesterTechnicalUserOf: sql<string | null>`(select ${punchoutConnections.name} from ${punchoutConnections} where ${punchoutConnections.technicalUserId} = ${users.id} order by ${punchoutConnections.id} limit 1)`,
      status: quotes.status,
      currency: quotes.currency,
      buyerComment: quotes.buyerComment,
      staffComment: quotes.staffComment,
      validUntil: quotes.validUntil,
      quotedByName: quotedBy.name,
      quotedAt: quotes.quotedAt,
      decidedByName: decidedBy.name,
      decidedAt: quotes.decidedAt,
      declineReason: quotes.declineReason,
      orderId: quotes.orderId,
      orderNumber: orders.orderNumber,
      createdAt: quotes.createdAt,
    })
    .from(quotes)
    .innerJoin(companies, eq(companies.id, quotes.companyId))
    .innerJoin(users, eq(users.id, quotes.requestedBy))
    .leftJoin(quotedBy, eq(quotedBy.id, quotes.quotedBy))
    .leftJoin(decidedBy, eq(decidedBy.id, quotes.decidedBy))
    .leftJoin(orders, eq(orders.id, quotes.orderId))
    .where(where);
  if (!row) return null;
  const lines = await db
    .select({
      id: quoteLines.id,
      lineNumber: quoteLines.lineNumber,
      productId: quoteLines.productId,
      sku: products.sku,
      nameNl: products.nameNl,
      nameEn: products.nameEn,
      unit: products.unit,
      active: products.active,
      vatRateBasisPoints: products.vatRateBasisPoints,
      quantity: quoteLines.quantity,
      requestedUnitPriceMinor: quoteLines.requestedUnitPriceMinor,
      quotedUnitPriceMinor: quoteLines.quotedUnitPriceMinor,
    })
    .from(quoteLines)
    .innerJoin(products, eq(products.id, quoteLines.productId))
    .where(eq(quoteLines.quoteId, row.id))
    .orderBy(asc(quoteLines.lineNumber));
  const { requesterId, requesterName, requesterEmail, requesterTechnicalUserOf, ...quote } = row;
  return { ...quote, requestedBy: { id: requesterId, name: requesterName, email: requesterEmail, technicalUserOf: requesterTechnicalUserOf }, lines };
}

/** A quote by number, only within the given company (another company's quote is "not found"). */
export function getCompanyQuote(companyId: number, quoteNumber: string): Promise<QuoteView | null> {
  return readQuote(and(eq(quotes.companyId, companyId), eq(quotes.quoteNumber, quoteNumber))!);
}

/** A quote by id, for staff (the caller checks they may see its customer). */
export function getQuoteById(quoteId: number): Promise<QuoteView | null> {
  return readQuote(eq(quotes.id, quoteId));
}

/**
 * The account manager's answer: a price for every line, the last valid day and a comment. Only a
 * request, or an answer nobody accepted yet, can be (re)answered; anything else writes nothing.
 */
export async function answerQuote(input: {
  quoteId: number;
  staffUserId: number;
  prices: Map<number, number>;
  validUntil: string;
  comment: string | null;
  now: Date;
}): Promise<boolean> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(quotes)
      .set({ status: "quoted", validUntil: input.validUntil, staffComment: input.comment, quotedBy: input.staffUserId, quotedAt: input.now })
      .where(and(eq(quotes.id, input.quoteId), inArray(quotes.status, ["requested", "quoted"])))
      .returning({ id: quotes.id });
    if (!updated) return false;
    for (const [lineId, priceMinor] of input.prices) {
      await tx
        .update(quoteLines)
        .set({ quotedUnitPriceMinor: priceMinor })
        .where(and(eq(quoteLines.id, lineId), eq(quoteLines.quoteId, input.quoteId)));
    }
    return true;
  });
}

/** Staff will not quote (or withdraw an answer nobody accepted): the reason is shown to the buyer. */
export async function rejectQuote(input: { quoteId: number; staffUserId: number; reason: string; now: Date }): Promise<boolean> {
  const db = await database();
  const updated = await db
    .update(quotes)
    .set({ status: "rejected", declineReason: input.reason, decidedBy: input.staffUserId, decidedAt: input.now })
    .where(and(eq(quotes.id, input.quoteId), inArray(quotes.status, ["requested", "quoted"])))
    .returning({ id: quotes.id });
  return updated.length > 0;
}

/** The buyer declines an answer they have not ordered. */
export async function declineQuote(input: { quoteId: number; companyId: number; userId: number; reason: string | null; now: Date }): Promise<boolean> {
  const db = await database();
  const updated = await db
    .update(quotes)
    .set({ status: "declined", declineReason: input.reason, decidedBy: input.userId, decidedAt: input.now })
    .where(and(eq(quotes.id, input.quoteId), eq(quotes.companyId, input.companyId), inArray(quotes.status, ["quoted", "accepted"])))
    .returning({ id: quotes.id });
  return updated.length > 0;
}

/**
 * Accepts a quote into a cart: marks it accepted (first time: who and when) and writes each quoted
 * line into the cart with its quantity and a link to the quote line, replacing a line of the same
 * product. One transaction; a quote that no longer holds on `day` writes nothing.
 * Returns, per product, the quantity that was in the cart before (0 when none).
 */
export async function acceptQuoteIntoCart(input: {
  quoteId: number;
  companyId: number;
  userId: number;
  cartId: number;
  day: string;
  now: Date;
}): Promise<Map<number, number> | null> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [quote] = await tx
      .update(quotes)
      .set({
        status: "accepted",
        decidedBy: sql`case when ${quotes.status} = 'accepted' then ${quotes.decidedBy} else ${input.userId} end`,
        decidedAt: sql`case when ${quotes.status} = 'accepted' then ${quotes.decidedAt} else ${input.now.toISOString()}::timestamptz end`,
      })
      .where(
        and(
          eq(quotes.id, input.quoteId),
          eq(quotes.companyId, input.companyId),
          inArray(quotes.status, ["quoted", "accepted"]),
          sql`${quotes.validUntil} >= ${input.day}::date`,
        ),
      )
      .returning({ id: quotes.id });
    if (!quote) return null;
    const lines = await tx
      .select({ id: quoteLines.id, productId: quoteLines.productId, quantity: quoteLines.quantity })
      .from(quoteLines)
      .where(eq(quoteLines.quoteId, input.quoteId));
    const before = await tx
      .select({ productId: cartLines.productId, quantity: cartLines.quantity })
      .from(cartLines)
      .where(and(eq(cartLines.cartId, input.cartId), inArray(cartLines.productId, lines.map((l) => l.productId))));
    const previous = new Map(lines.map((l) => [l.productId, 0]));
    for (const row of before) previous.set(row.productId, row.quantity);
    await tx
      .insert(cartLines)
      .values(lines.map((l) => ({ cartId: input.cartId, productId: l.productId, quantity: l.quantity, quoteLineId: l.id })))
      .onConflictDoUpdate({
        target: [cartLines.cartId, cartLines.productId],
        set: { quantity: sql`excluded.quantity`, quoteLineId: sql`excluded.quote_line_id` },
      });
    await tx.update(carts).set({ updatedAt: sql`now()` }).where(eq(carts.id, input.cartId));
    return previous;
  });
}

export interface QuoteLineTerms {
  quoteLineId: number;
  quoteId: number;
  quoteNumber: string;
  lineNumber: number;
  companyId: number;
  productId: number;
  quantity: number;
  quotedUnitPriceMinor: number | null;
  status: QuoteStatus;
  validUntil: string | null;
}

/** What the pricing of quoted cart lines and transferred lines needs to know about their quote lines. */
export async function quoteLineTerms(quoteLineIds: number[], tx?: Db | Tx): Promise<Map<number, QuoteLineTerms>> {
  if (quoteLineIds.length === 0) return new Map();
  const db = tx ?? (await database());
  const rows = await db
    .select({
      quoteLineId: quoteLines.id,
      quoteId: quotes.id,
      quoteNumber: quotes.quoteNumber,
      lineNumber: quoteLines.lineNumber,
      companyId: quotes.companyId,
      productId: quoteLines.productId,
      quantity: quoteLines.quantity,
      quotedUnitPriceMinor: quoteLines.quotedUnitPriceMinor,
      status: quotes.status,
      validUntil: quotes.validUntil,
    })
    .from(quoteLines)
    .innerJoin(quotes, eq(quotes.id, quoteLines.quoteId))
    .where(inArray(quoteLines.id, [...new Set(quoteLineIds)]));
  return new Map(rows.map((row) => [row.quoteLineId, row]));
}

/**
 * Marks the quotes an order used as ordered, inside the order's transaction. Each must still be
 * accepted and valid on `day`: if one was declined, withdrawn or ordered meanwhile, the whole order
 * is refused (it was priced at that quote).
 */
export async function markQuotesOrdered(tx: Tx, input: { quoteIds: number[]; companyId: number; orderId: number; day: string }): Promise<void> {
  const ids = [...new Set(input.quoteIds)];
  if (ids.length === 0) return;
  const updated = await tx
    .update(quotes)
    .set({ status: "ordered", orderId: input.orderId })
    .where(
      and(
        inArray(quotes.id, ids),
        eq(quotes.companyId, input.companyId),
        eq(quotes.status, "accepted"),
        sql`${quotes.validUntil} >= ${input.day}::date`,
      ),
    )
    .returning({ id: quotes.id });
  if (updated.length !== ids.length) throw new AppError("conflict", "quote_no_longer_valid");
}

/** Purchase prices of some products (for the margin beside a quoted price). */
export async function purchaseCosts(productIds: number[]): Promise<Map<number, number>> {
  if (productIds.length === 0) return new Map();
  const db = await database();
  const rows = await db
    .select({ productId: productPurchasePrices.productId, costMinor: productPurchasePrices.costMinor })
    .from(productPurchasePrices)
    .where(inArray(productPurchasePrices.productId, [...new Set(productIds)]));
  return new Map(rows.map((row) => [row.productId, row.costMinor]));
}
