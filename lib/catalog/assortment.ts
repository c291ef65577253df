import { calendarDate } from "@/lib/pricing/calendar-date";
import { candidateEligibility, type ContractPriceCandidate } from "@/lib/pricing/resolve-price";

/**
 * A customer's assortment (companies.assortment): `all` — the whole active catalogue; `contract` —
 * only the products one of its price lists prices on the day, by the same checks the pricing module
 * uses (resolve-price.ts candidateEligibility: list and entry window, currency). Procurement
 * departments that allow contract items only expect exactly this of a supplier's punchout catalogue
 * (Magento's shared catalogs, Oro's customer visibility and Shopify's company catalogs do it by a
 * product selection of its own; here the contract is the selection, so there is nothing to keep in
 * step). The SQL twin, for listings and search, is contractAssortmentSql in lib/data/prices.ts.
 */
export const ASSORTMENTS = ["all", "contract"] as const;
export type Assortment = (typeof ASSORTMENTS)[number];

export function isAssortment(value: unknown): value is Assortment {
  return typeof value === "string" && (ASSORTMENTS as readonly string[]).includes(value);
}

/**
 * True when the product belongs to the customer's assortment on `now`'s calendar day (Europe/Amsterdam).
 * `candidates`: the customer's contract-price candidates for the product (lib/data/prices.ts). An
 * unknown assortment (a user put together elsewhere) counts as the whole catalogue.
 */
export function inAssortment(
  assortment: Assortment | undefined,
  candidates: readonly ContractPriceCandidate[],
  now: Date,
  currency?: string,
): boolean {
  if (assortment !== "contract") return true;
  const day = calendarDate(now);
  return candidates.some((candidate) => candidateEligibility(candidate, day, currency) === "eligible");
}

/**
 * The listing and search filter (lib/data/catalog.ts ProductFilters.contract) for a customer with this
 * assortment: undefined — no filter, the statements everybody else runs — unless it is `contract`.
 */
export function contractAssortmentFilter(assortment: Assortment | undefined, companyId: number, now: Date): { companyId: number; day: string } | undefined {
  return assortment === "contract" ? { companyId, day: calendarDate(now) } : undefined;
}

/**
 * The assortment a punchout connection's sessions and orders apply: the customer's, unless the
 * connection's settings say `assortment: "contract"` (lib/punchout/{oci,cxml}/connection-settings.ts) —
 * a connection may narrow the customer's assortment to its contract, never widen it. `connection` is
 * the raw setting (stored JSON, unchecked here: anything but "contract" leaves the customer's).
 */
export function effectiveAssortment(customer: Assortment | undefined, connection: unknown): Assortment | undefined {
  return connection === "contract" ? "contract" : customer;
}
