import "server-only";
import { eq } from "drizzle-orm";
import { invoices, orders, quotes } from "@/db/schema";
import { database } from "./database";

/**
 * The few facts a browser-tab title needs (lib/i18n/page-titles.ts): one indexed row each, not the
 * detail the page itself reads (a title must not double a page's reads). Each carries what the access
 * rule of its page checks (the company, the buyer), the rule itself is applied by the caller.
 */

export interface OrderTitleFacts {
  orderNumber: string;
  companyId: number;
  userId: number | null;
}

const orderFacts = { orderNumber: orders.orderNumber, companyId: orders.companyId, userId: orders.userId };

export async function orderTitleFactsByNumber(orderNumber: string): Promise<OrderTitleFacts | null> {
  const [row] = await (await database()).select(orderFacts).from(orders).where(eq(orders.orderNumber, orderNumber)).limit(1);
  return row ?? null;
}

export async function orderTitleFactsById(orderId: number): Promise<OrderTitleFacts | null> {
  const [row] = await (await database()).select(orderFacts).from(orders).where(eq(orders.id, orderId)).limit(1);
  return row ?? null;
}

export interface QuoteTitleFacts {
  quoteNumber: string;
  companyId: number;
  requestedBy: number;
}

const quoteFacts = { quoteNumber: quotes.quoteNumber, companyId: quotes.companyId, requestedBy: quotes.requestedBy };

export async function quoteTitleFactsByNumber(quoteNumber: string): Promise<QuoteTitleFacts | null> {
  const [row] = await (await database()).select(quoteFacts).from(quotes).where(eq(quotes.quoteNumber, quoteNumber)).limit(1);
  return row ?? null;
}

export async function quoteTitleFactsById(quoteId: number): Promise<QuoteTitleFacts | null> {
  const [row] = await (await database()).select(quoteFacts).from(quotes).where(eq(quotes.id, quoteId)).limit(1);
  return row ?? null;
}

export interface InvoiceTitleFacts {
  number: string;
  kind: "invoice" | "credit_note";
  companyId: number;
}

const invoiceFacts = { number: invoices.number, kind: invoices.kind, companyId: invoices.companyId };

export async function invoiceTitleFactsByNumber(number: string): Promise<InvoiceTitleFacts | null> {
  const [row] = await (await database()).select(invoiceFacts).from(invoices).where(eq(invoices.number, number)).limit(1);
  return row ?? null;
}

export async function invoiceTitleFactsById(invoiceId: number): Promise<InvoiceTitleFacts | null> {
  const [row] = await (await database()).select(invoiceFacts).from(invoices).where(eq(invoices.id, invoiceId)).limit(1);
  return row ?? null;
}
