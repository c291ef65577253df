/**
 * What an import leaves of the contract assortment of the list's customers that see only their
 * contract (companies.assortment = "contract"): the products one of their price lists prices today
 * (lib/catalog/assortment.ts). Pure: the customers, this list's entries and which products are
 * active are read by the caller (lib/data/price-list-contract-reach.ts).
 */

export interface DateWindow {
  /** ISO dates, inclusive; null: open. */
  validFrom: string | null;
  validTo: string | null;
}

export interface ContractReachInput {
  /** ISO calendar date (Europe/Amsterdam) the buyers shop on. */
  day: string;
  list: DateWindow;
  /** The list's entries now; `eligible`: an active product in the list's currency. */
  existing: (DateWindow & { productId: number; eligible: boolean })[];
  /** The import's valid rows (their currency is checked by readPriceRows). */
  incoming: { productId: number; entry: DateWindow }[];
  /** Of the incoming products, the active ones. */
  activeProductIds: ReadonlySet<number>;
  /** Replace mode: the list's entries not in the file go. */
  replaceAll: boolean;
  /** The list's contract-only customers; `hasOtherContractProducts`: another of their lists prices an active product today. */
  customers: { companyId: number; name: string; hasOtherContractProducts: boolean }[];
}

export interface ContractReachWarning {
  /** The list would hold no entry at all. */
  listEmpty: boolean;
  /** The contract-only customers left without a single contract product today, by name. */
  customers: { companyId: number; name: string }[];
}

export function coversDay(window: DateWindow, day: string): boolean {
  // ISO dates compare as strings.
  return (window.validFrom === null || window.validFrom <= day) && (window.validTo === null || day <= window.validTo);
}

/** The customers this import would leave with an empty shop today, or null when it leaves none. */
export function contractCustomersLeftEmpty(input: ContractReachInput): ContractReachWarning | null {
  const after = new Map<number, DateWindow & { eligible: boolean }>();
  if (!input.replaceAll) for (const entry of input.existing) after.set(entry.productId, entry);
  for (const row of input.incoming) after.set(row.productId, { ...row.entry, eligible: input.activeProductIds.has(row.productId) });
  const listPricesToday = coversDay(input.list, input.day) && [...after.values()].some((entry) => entry.eligible && coversDay(entry, input.day));
  const customers = listPricesToday
    ? []
    : input.customers.filter((customer) => !customer.hasOtherContractProducts).map(({ companyId, name }) => ({ companyId, name }));
  return customers.length ? { listEmpty: after.size === 0, customers } : null;
}
