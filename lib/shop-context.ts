import "server-only";
import { cache } from "react";
import { getLocale } from "next-intl/server";
import { getCurrentUser, isBuyer, type BuyerUser, type SessionUser } from "@/lib/auth/guards";
import { toLocale, type Locale } from "@/lib/i18n/locales";

export interface ShopContext {
  user: SessionUser | null;
  /** Set when the user buys for a company: prices and cart are theirs. */
  buyer: BuyerUser | null;
  /** False while a cXML inspect session shows a read-only cart: no add-to-cart controls. */
  canEditCart: boolean;
  locale: Locale;
  now: Date;
}

/** Who is shopping, in which language, at which moment – once per request. */
export const getShopContext = cache(async (): Promise<ShopContext> => {
  const [user, locale] = await Promise.all([getCurrentUser(), getLocale()]);
  const buyer = isBuyer(user) ? user : null;
  return { user, buyer, canEditCart: buyer !== null && buyer.punchout?.operation !== "inspect", locale: toLocale(locale), now: new Date() };
});
