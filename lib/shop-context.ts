import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getCurrentUser, isBuyer, type BuyerUser, type SessionUser } from "@/lib/auth/guards";
import { toLocale, type Locale } from "@/lib/i18n/locales";
import { BUYER_TWO_STEP_SETUP_PATH, buyerMustSetUpTwoStep } from "@/lib/two-step/required";
import { contractAssortmentFilter } from "@/lib/catalog/assortment";
import type { ProductViewOptions } from "@/lib/catalog/priced-product";
import { categoriesWithProducts } from "@/lib/catalog/category-tree";
import { listContractCategoryIds } from "@/lib/data/customer-assortment";
import type { Category } from "@/db/schema";

export interface ShopContext {
  user: SessionUser | null;
  /** Set when the user buys for a company: prices and cart are theirs. */
  buyer: BuyerUser | null;
  /** False while a cXML inspect session shows a read-only cart: no add-to-cart controls. */
  canEditCart: boolean;
  locale: Locale;
  now: Date;
}

/**
 * Who is shopping, in which language, at which moment – once per request. For the shop's pages:
 * a buyer whose company requires two-step verification and who has none is sent to their profile
 * (also from the catalogue, which needs no sign-in and so no requireBuyer).
 */
export const getShopContext = cache(async (): Promise<ShopContext> => {
  const [user, locale] = await Promise.all([getCurrentUser(), getLocale()]);
  if (buyerMustSetUpTwoStep(user)) redirect(BUYER_TWO_STEP_SETUP_PATH);
  const buyer = isBuyer(user) ? user : null;
  return { user, buyer, canEditCart: buyer !== null && buyer.punchout?.operation !== "inspect", locale: toLocale(locale), now: new Date() };
});

/** How this request's shopper sees products (lib/catalog/priced-product.ts toProductViews). */
export function productViewOptions(context: ShopContext): ProductViewOptions {
  return {
    companyId: context.buyer?.companyId ?? null,
    locale: context.locale,
    now: context.now,
    companyKeepsArticleNumbers: context.buyer?.companyKeepsArticleNumbers,
    assortment: context.buyer?.companyAssortment,
  };
}

/** The listing and search filter of this shopper's assortment: set for contract-assortment customers only. */
export function assortmentFilter(context: ShopContext) {
  return context.buyer ? contractAssortmentFilter(context.buyer.companyAssortment, context.buyer.companyId, context.now) : undefined;
}

/**
 * The categories this shopper's navigation shows: all, or for a contract-assortment customer those
 * holding one of its products (one read of its price lists, only for such customers).
 */
export async function navigationCategories(context: ShopContext, categories: Category[]): Promise<Category[]> {
  const contract = assortmentFilter(context);
  return contract ? categoriesWithProducts(categories, await contractCategoryIds(contract, context.now.getTime())) : categories;
}

// Which categories hold a contract customer's products changes only with its price lists, and the
// read costs ~24 ms for a 25,000-entry contract (BENCHMARKS.md, twenty-sixth pass): read at most once
// a minute per customer, day and process. The listings themselves are filtered exactly on every request.
const CONTRACT_CATEGORIES_TTL_MS = 60_000;
const contractCategories = new Map<string, { until: number; ids: Promise<Set<number>> }>();

/**
 * Forgets the contract customers' navigation categories of this process: called after a category
 * change in the back office, so its shop shows the moved products' categories at once. Other
 * processes keep theirs for up to CONTRACT_CATEGORIES_TTL_MS.
 */
export function forgetContractCategories(): void {
  contractCategories.clear();
}

function contractCategoryIds(contract: { companyId: number; day: string }, nowMs: number): Promise<Set<number>> {
  const key = `${contract.companyId}:${contract.day}`;
  const cached = contractCategories.get(key);
  if (cached && cached.until > nowMs) return cached.ids;
  if (contractCategories.size >= 1000) contractCategories.clear();
  const ids = listContractCategoryIds(contract);
  contractCategories.set(key, { until: nowMs + CONTRACT_CATEGORIES_TTL_MS, ids });
  ids.catch(() => contractCategories.delete(key));
  return ids;
}
