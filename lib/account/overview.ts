import "server-only";
import type { BuyerUser } from "@/lib/auth/guards";
import { listCompanyPriceLists, type AccountPriceList } from "@/lib/data/account";
import { getCompany } from "@/lib/data/companies";
import { countAwaitingApproval, type OrderListItem } from "@/lib/data/order-history";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { searchOrdersForViewer, seesWholeCompany } from "@/lib/orders/order-access";

export interface AccountOverview {
  companyName: string;
  paymentTermsDays: number;
  deliveryTerms: string | null;
  /** The company requires a PO number on every order (lib/account/po-number.ts). */
  poNumberRequired: boolean;
  /** The language of the company's invoices and credit notes (companies.document_locale), set by its account manager. */
  documentLocale: "nl" | "en";
  priceLists: (AccountPriceList & { state: "valid" | "not_yet_valid" | "expired" })[];
  orderLimitMinor: number | null;
  awaitingApproval: number;
  recentOrders: OrderListItem[];
}

/** What the buyer's "My account" overview shows: company, role, conditions and recent orders. */
export async function getAccountOverview(user: BuyerUser, now: Date): Promise<AccountOverview> {
  const today = calendarDate(now);
  const [company, priceLists, recent, awaiting] = await Promise.all([
    getCompany(user.companyId),
    listCompanyPriceLists(user.companyId),
    searchOrdersForViewer(user, { limit: 5, offset: 0 }),
    seesWholeCompany(user) ? countAwaitingApproval(user.companyId, user.id) : Promise.resolve(0),
  ]);
  return {
    companyName: company?.name ?? user.companyName,
    paymentTermsDays: company?.paymentTermsDays ?? 30,
    deliveryTerms: company?.deliveryTerms ?? null,
    poNumberRequired: company?.poNumberRequired ?? false,
    documentLocale: company?.documentLocale ?? "nl",
    priceLists: priceLists.map((list) => ({
      ...list,
      state: list.validFrom && list.validFrom > today ? "not_yet_valid" : list.validTo && list.validTo < today ? "expired" : "valid",
    })),
    orderLimitMinor: user.orderLimitMinor,
    awaitingApproval: awaiting,
    recentOrders: recent.items,
  };
}
