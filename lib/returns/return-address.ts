import "server-only";
import { getSupplierProfile } from "@/lib/data/supplier-profile";
import { addressText } from "@/lib/format-address";

/**
 * Where returned goods go: the supplier's address, as on a parcel label. One text for the approval
 * mail, the manager's screen and the buyer's return page, so they never disagree.
 */
export async function supplierReturnAddress(): Promise<string | null> {
  const supplier = await getSupplierProfile();
  // A Dutch address for Dutch customers, as on a parcel label: the country only when it is not the Netherlands.
  return supplier ? addressText({ ...supplier, name: supplier.tradingName ?? supplier.legalName, countryCode: supplier.countryCode === "NL" ? "" : supplier.countryCode }, "\n") : null;
}
