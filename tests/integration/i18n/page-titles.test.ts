// Browser-tab titles that name a document (order, quote, invoice, customer) follow the access rule of
// their page: the number appears only for whom the page shows it; for another company's (or another
// buyer's) document the title is the generic one. Called through the pages' own generateMetadata,
// with the session mocked (tests/support/next-request-mocks.ts) and a real database.

// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { quotes, users } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { addToCart } from "@/lib/cart/cart-service";
import { issueInvoiceForOrder } from "@/lib/invoices/issue-invoice";
import { requestQuote } from "@/lib/quotes/buyer-quotes";
import { addCompanyUser } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { TEST_PASSWORD_HASH, createCategory, createProduct } from "../../support/fixtures";
import { createInvoiceCustomer, createSupplierProfile, placeWebOrder, type InvoiceCustomer } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// The titles in Dutch, from the real messages.
vi.mock("next-intl/server", async () => {
  const [{ createTranslator }, { default: messages }] = await Promise.all([import("next-intl"), import("@/lib/i18n/messages/titles.nl.json")]);
  return { getLocale: async () => "nl", getTranslations: async (namespace: string) => createTranslator({ locale: "nl", messages, namespace: namespace as never }) };
});

const titles = await import("@/lib/page-titles");
type Props<K extends string> = { params: Promise<Record<K, string>> };
type GenerateMetadata<K extends string> = (props: Props<K>) => Promise<{ title?: unknown }>;
const pages = {
  order: (await import("@/app/(shop)/account/orders/[number]/page")).generateMetadata as GenerateMetadata<"number">,
  returnRequest: (await import("@/app/(shop)/account/orders/[number]/return/page")).generateMetadata as GenerateMetadata<"number">,
  quote: (await import("@/app/(shop)/account/quotes/[number]/page")).generateMetadata as GenerateMetadata<"number">,
  invoice: (await import("@/app/(shop)/account/invoices/[number]/page")).generateMetadata as GenerateMetadata<"number">,
  adminOrder: (await import("@/app/admin/orders/[id]/page")).generateMetadata as GenerateMetadata<"id">,
  adminQuote: (await import("@/app/admin/quotes/[id]/page")).generateMetadata as GenerateMetadata<"id">,
  adminInvoice: (await import("@/app/admin/invoices/[id]/page")).generateMetadata as GenerateMetadata<"id">,
  adminCustomer: (await import("@/app/admin/customers/[id]/page")).generateMetadata as GenerateMetadata<"id">,
};

const NOW = new Date("2026-11-28T10:00:00Z");
let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;

interface Side {
  customer: InvoiceCustomer;
  /** A colleague who placed nothing and sees only their own orders and quotes. */
  colleague: { id: number };
  approver: { id: number };
  manager: StaffUser;
  order: { id: number; orderNumber: string };
  quote: { id: number; quoteNumber: string };
  invoice: { id: number; number: string };
}
let a: Side;
let b: Side;
let admin: StaffUser;

/** Signs the user in for the next calls (a session bound to their password, as the guards require). */
async function as(userId: number | null) {
  if (userId !== null) await handle.db.update(users).set({ passwordHash: TEST_PASSWORD_HASH }).where(eq(users.id, userId));
  request.userId = userId;
}

const titleOf = async <K extends string>(page: GenerateMetadata<K>, params: Record<K, string>) => (await page({ params: Promise.resolve(params) })).title;

async function side(product: { sku: string }): Promise<Side> {
  const customer = await createInvoiceCustomer(handle, { kvkNumber: "12345678", vatId: "NL123456789B01" });
  const manager = await createStaff(handle, "account_manager", [customer.company.id]);
  const colleague = await addCompanyUser(handle, customer as never, "buyer");
  const approver = await addCompanyUser(handle, customer as never, "approver");
  const order = await placeWebOrder(customer, [{ sku: product.sku, quantity: 2 }], { now: NOW });
  const issued = await issueInvoiceForOrder({ orderId: order.id, userId: null, now: NOW });
  if (!issued.ok) throw new Error("invoice not issued");
  await addToCart(customer.buyer, product.sku, 3);
  const { quoteNumber } = await requestQuote(customer.buyer, { comment: null }, "nl", NOW);
  const [quote] = await handle.db.select({ id: quotes.id, quoteNumber: quotes.quoteNumber }).from(quotes).where(eq(quotes.quoteNumber, quoteNumber));
  return { customer, colleague, approver, manager, order, quote: quote!, invoice: { id: issued.invoice.id, number: issued.invoice.number } };
}

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  await createSupplierProfile(handle);
  const category = await createCategory(handle);
  const product = await createProduct(handle, category.id, { listPriceMinor: 10_000, stock: 1_000 });
  admin = await createStaff(handle, "admin");
  a = await side(product);
  b = await side(product);
}, 120_000);
afterAll(() => db.dispose());

describe("document titles in the shop", () => {
  it("name the buyer's own order, quote and invoice", async () => {
    await as(a.customer.user.id);
    expect(await titleOf(pages.order, { number: a.order.orderNumber })).toBe(`Bestelling ${a.order.orderNumber}`);
    expect(await titleOf(pages.returnRequest, { number: a.order.orderNumber })).toBe(`Retour aanvragen – ${a.order.orderNumber}`);
    expect(await titleOf(pages.quote, { number: a.quote.quoteNumber })).toBe(`Offerte ${a.quote.quoteNumber}`);
    expect(await titleOf(pages.invoice, { number: encodeURIComponent(a.invoice.number) })).toBe(`Factuur ${a.invoice.number}`);
  });

  it("never name another company's order, quote or invoice", async () => {
    await as(a.customer.user.id);
    expect(await titleOf(pages.order, { number: b.order.orderNumber })).toBe("Bestelling");
    expect(await titleOf(pages.returnRequest, { number: b.order.orderNumber })).toBe("Retour aanvragen");
    expect(await titleOf(pages.quote, { number: b.quote.quoteNumber })).toBe("Offerte");
    expect(await titleOf(pages.invoice, { number: b.invoice.number })).toBe("Factuur");
    // Not even for the other company's approver, who sees every order of their own company.
    await as(a.approver.id);
    expect(await titleOf(pages.order, { number: b.order.orderNumber })).toBe("Bestelling");
  });

  it("name a colleague's order only for whom sees the whole company (approver), like the page", async () => {
    await as(a.colleague.id);
    expect(await titleOf(pages.order, { number: a.order.orderNumber })).toBe("Bestelling");
    expect(await titleOf(pages.quote, { number: a.quote.quoteNumber })).toBe("Offerte");
    // Invoices are the company's: every user of it sees them.
    expect(await titleOf(pages.invoice, { number: a.invoice.number })).toBe(`Factuur ${a.invoice.number}`);
    await as(a.approver.id);
    expect(await titleOf(pages.order, { number: a.order.orderNumber })).toBe(`Bestelling ${a.order.orderNumber}`);
    expect(await titleOf(pages.quote, { number: a.quote.quoteNumber })).toBe(`Offerte ${a.quote.quoteNumber}`);
  });

  it("are generic for a visitor who is not signed in, and for unknown or malformed numbers", async () => {
    await as(null);
    expect(await titleOf(pages.order, { number: a.order.orderNumber })).toBe("Bestelling");
    expect(await titleOf(pages.invoice, { number: a.invoice.number })).toBe("Factuur");
    await as(a.customer.user.id);
    expect(await titleOf(pages.order, { number: "K999999999" })).toBe("Bestelling");
    expect(await titleOf(pages.order, { number: "%E0%A4%A" })).toBe("Bestelling");
  });
});

describe("document titles in /admin", () => {
  it("name the order, quote, invoice and customer for the customer's account manager and for admins", async () => {
    for (const staff of [a.manager, admin]) {
      await as(staff.id);
      expect(await titleOf(pages.adminOrder, { id: String(a.order.id) })).toBe(`Order ${a.order.orderNumber}`);
      expect(await titleOf(pages.adminQuote, { id: String(a.quote.id) })).toBe(`Offerte ${a.quote.quoteNumber}`);
      expect(await titleOf(pages.adminInvoice, { id: String(a.invoice.id) })).toBe(`Factuur ${a.invoice.number}`);
      expect(await titleOf(pages.adminCustomer, { id: String(a.customer.company.id) })).toBe(a.customer.company.name);
    }
  });

  it("never name another manager's customer's documents, nor anything for a buyer", async () => {
    for (const userId of [b.manager.id, a.customer.user.id]) {
      await as(userId);
      expect(await titleOf(pages.adminOrder, { id: String(a.order.id) })).toBe("Order");
      expect(await titleOf(pages.adminQuote, { id: String(a.quote.id) })).toBe("Offerte");
      expect(await titleOf(pages.adminInvoice, { id: String(a.invoice.id) })).toBe("Factuur");
      expect(await titleOf(pages.adminCustomer, { id: String(a.customer.company.id) })).toBe("Klant");
    }
    await as(admin.id);
    expect(await titleOf(pages.adminOrder, { id: "0" })).toBe("Order");
    expect(await titleOf(pages.adminOrder, { id: "abc" })).toBe("Order");
  });
});

describe("search title", () => {
  it("shows the query, shortened when long, and nothing for an empty search", async () => {
    expect((await titles.searchTitle({ q: "handschoenn" })).title).toBe("Zoeken: handschoenn");
    expect((await titles.searchTitle({})).title).toBe("Zoeken");
    const long = (await titles.searchTitle({ q: "x".repeat(200) })).title as string;
    expect(long.length).toBeLessThan(80);
    expect(long.endsWith("…")).toBe(true);
  });
});
