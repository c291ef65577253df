import "server-only";
import type { Metadata } from "next";
import { getLocale } from "next-intl/server";
import { canSeeCustomer } from "@/lib/admin/access";
import { getCurrentUser, getStaffUser, isBuyer, type BuyerUser } from "@/lib/auth/guards";
import { parseListingParams } from "@/lib/catalog/listing-params";
import { getProductBySku, listCategories } from "@/lib/data/catalog";
import { getCustomer } from "@/lib/data/customers";
import { invoiceTitleFactsById, invoiceTitleFactsByNumber, orderTitleFactsById, orderTitleFactsByNumber, quoteTitleFactsById, quoteTitleFactsByNumber } from "@/lib/data/page-titles";
import { titleText } from "@/lib/i18n/page-title";
import { isInvoiceNumber } from "@/lib/invoices/invoice-access";
import { seesWholeCompany } from "@/lib/orders/order-access";
import { buyerMustSetUpTwoStep } from "@/lib/two-step/required";
import { productName } from "@/lib/catalog/product-name";
import { toLocale } from "@/lib/i18n/locales";

/**
 * Titles that name what the page shows (category, product, search, order, quote, invoice, customer),
 * in the request's language (lib/i18n/page-title.ts for the fixed ones).
 *
 * A title that names a document reads one small row and applies the same access rule as its page:
 * for anything the viewer may not see (another company's, another buyer's, an unknown number) it is
 * the generic title, so a title never confirms what the page hides.
 */

const segment = (value: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    return "";
  }
};

/** The buyer as every buyer page sees them: a customer's user who may use the shop (two-step done). */
async function shoppingBuyer(): Promise<BuyerUser | null> {
  const user = await getCurrentUser();
  return isBuyer(user) && !buyerMustSetUpTwoStep(user) ? user : null;
}

/** The order's number when this buyer may see the order (lib/orders/order-access.ts getOrderForViewer), else null. */
export async function visibleOrderNumber(buyer: Pick<BuyerUser, "id" | "companyId" | "role">, orderNumber: string): Promise<string | null> {
  if (!orderNumber) return null;
  const facts = await orderTitleFactsByNumber(orderNumber);
  if (!facts || facts.companyId !== buyer.companyId) return null;
  return seesWholeCompany(buyer) || facts.userId === buyer.id ? facts.orderNumber : null;
}

/** /catalog/[slug]: the category's name. */
export async function categoryTitle(slug: string): Promise<Metadata> {
  // The page reads all categories anyway (listCategories, once per request): no query of its own.
  const [category, locale] = await Promise.all([listCategories().then((all) => all.find((c) => c.slug === slug)), getLocale()]);
  return { title: category ? (locale === "en" ? category.nameEn : category.nameNl) : await titleText("shop.catalog") };
}

/** /products/[sku] (and the admin's product page): name and SKU. The catalogue is the shop's, not a customer's. */
export async function productTitle(rawSku: string, area: "shop" | "admin"): Promise<Metadata> {
  const sku = segment(rawSku);
  const [product, locale] = await Promise.all([sku ? getProductBySku(sku) : null, getLocale()]);
  if (!product) return { title: await titleText(`${area}.productGeneric`) };
  return { title: await titleText(`${area}.product`, { name: productName(product, toLocale(locale)), sku: product.sku }) };
}

const SEARCH_TITLE_LENGTH = 60;

/** /search: "Zoeken: <query>", as the page reads the query. */
export async function searchTitle(raw: Record<string, string | string[] | undefined>): Promise<Metadata> {
  let query = "";
  try {
    query = parseListingParams(raw).q;
  } catch {
    // The page answers a malformed query its own way; the title stays generic.
  }
  if (!query) return { title: await titleText("shop.searchEmpty") };
  const shown = query.length > SEARCH_TITLE_LENGTH ? `${query.slice(0, SEARCH_TITLE_LENGTH - 1)}…` : query;
  return { title: await titleText("shop.search", { query: shown }) };
}

/** /account/orders/[number] and its return request: the order number, only for a buyer who may see it. */
export async function accountOrderTitle(rawNumber: string, kind: "order" | "returnRequest" = "order"): Promise<Metadata> {
  const buyer = await shoppingBuyer();
  const number = buyer ? await visibleOrderNumber(buyer, segment(rawNumber)) : null;
  return { title: number ? await titleText(`account.${kind}`, { number }) : await titleText(`account.${kind}Generic`) };
}

/** /account/quotes/[number]: like lib/quotes/buyer-quotes.ts getQuoteForViewer. */
export async function accountQuoteTitle(rawNumber: string): Promise<Metadata> {
  const buyer = await shoppingBuyer();
  const number = segment(rawNumber);
  const facts = buyer && number ? await quoteTitleFactsByNumber(number) : null;
  const visible = !!buyer && !!facts && facts.companyId === buyer.companyId && (seesWholeCompany(buyer) || facts.requestedBy === buyer.id);
  return { title: visible ? await titleText("account.quote", { number: facts.quoteNumber }) : await titleText("account.quoteGeneric") };
}

/** /account/invoices/[number]: like lib/invoices/invoice-access.ts getInvoiceForBuyer (the company's documents). */
export async function accountInvoiceTitle(rawNumber: string): Promise<Metadata> {
  const buyer = await shoppingBuyer();
  const number = segment(rawNumber);
  const facts = buyer && isInvoiceNumber(number) ? await invoiceTitleFactsByNumber(number) : null;
  const visible = !!buyer && !!facts && facts.companyId === buyer.companyId;
  if (!visible) return { title: await titleText("account.invoiceGeneric") };
  return { title: await titleText(facts.kind === "credit_note" ? "account.creditNote" : "account.invoice", { number: facts.number }) };
}

/** A positive database id from a route segment (as the admin pages accept them), else null. */
function idOf(value: string): number | null {
  const id = Number(value);
  return /^\d{1,10}$/.test(value) && Number.isSafeInteger(id) && id > 0 && id <= 2_147_483_647 ? id : null;
}

/** Admin documents: the number when the staff member may see the customer (lib/admin/access.ts canSeeCustomer). */
async function staffMaySee(companyId: number | undefined): Promise<boolean> {
  if (companyId === undefined) return false;
  const staff = await getStaffUser();
  return !!staff && (await canSeeCustomer(staff, companyId));
}

export async function adminOrderTitle(rawId: string): Promise<Metadata> {
  const id = idOf(rawId);
  const facts = id === null ? null : await orderTitleFactsById(id);
  return { title: facts && (await staffMaySee(facts.companyId)) ? await titleText("admin.order", { number: facts.orderNumber }) : await titleText("admin.orderGeneric") };
}

export async function adminQuoteTitle(rawId: string): Promise<Metadata> {
  const id = idOf(rawId);
  const facts = id === null ? null : await quoteTitleFactsById(id);
  return { title: facts && (await staffMaySee(facts.companyId)) ? await titleText("admin.quote", { number: facts.quoteNumber }) : await titleText("admin.quoteGeneric") };
}

export async function adminInvoiceTitle(rawId: string): Promise<Metadata> {
  const id = idOf(rawId);
  const facts = id === null ? null : await invoiceTitleFactsById(id);
  if (!facts || !(await staffMaySee(facts.companyId))) return { title: await titleText("admin.invoiceGeneric") };
  return { title: await titleText(facts.kind === "credit_note" ? "admin.creditNote" : "admin.invoice", { number: facts.number }) };
}

/** /admin/customers/[id]: the customer's name, for staff who may see the customer. */
export async function adminCustomerTitle(rawId: string): Promise<Metadata> {
  const id = idOf(rawId);
  const company = id === null ? null : await getCustomer(id);
  return { title: company && (await staffMaySee(company.id)) ? company.name : await titleText("admin.customer") };
}
