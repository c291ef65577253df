import type { ContractPriceCandidate } from "@/lib/pricing/resolve-price";

/** A contract-price candidate valid at any date in EUR (a fixed 4.50), with the given changes. */
export function contractCandidate(overrides: Partial<ContractPriceCandidate> = {}): ContractPriceCandidate {
  return {
    priceListId: 1,
    priceListCode: "PL-1",
    priceListName: "Contract",
    priority: 10,
    currency: "EUR",
    listValidFrom: null,
    listValidTo: null,
    entryId: 1,
    kind: "fixed",
    priceMinor: 450,
    discountBasisPoints: null,
    tiers: [],
    validFrom: null,
    validTo: null,
    ...overrides,
  };
}
