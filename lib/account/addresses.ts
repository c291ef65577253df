import "server-only";
import type { Address } from "@/db/schema";
import type { BuyerUser } from "@/lib/auth/guards";
import { listCompanyAddresses } from "@/lib/data/companies";
import { listCustomerAddresses, saveCustomerAddress } from "@/lib/data/customers";
import { AppError } from "@/lib/errors";

/**
 * The company's addresses in "My account": everybody sees them; company admins add and edit
 * ship-to addresses (the bill-to address is part of the contract and maintained by the supplier).
 */

type AddressUser = Pick<BuyerUser, "companyId" | "role" | "impersonatedBy">;

export interface ShipToInput {
  label: string;
  name: string;
  attention: string | null;
  street: string;
  postalCode: string;
  city: string;
  countryCode: string;
  isDefault: boolean;
}

export async function listAccountAddresses(user: AddressUser): Promise<{ shipTo: Address[]; billTo: Address[] }> {
  const [shipTo, billTo] = await Promise.all([listCompanyAddresses(user.companyId, "ship_to"), listCompanyAddresses(user.companyId, "bill_to")]);
  return { shipTo, billTo };
}

export const canManageAddresses = (user: Pick<AddressUser, "role" | "impersonatedBy">) => user.role === "company_admin" && !user.impersonatedBy;

/** Adds (addressId null) or edits a ship-to address of the user's own company. */
export async function saveShipToAddress(user: AddressUser, addressId: number | null, input: ShipToInput): Promise<void> {
  if (!canManageAddresses(user)) throw new AppError("forbidden", "company_admin_only");
  if (addressId !== null) {
    const existing = (await listCustomerAddresses(user.companyId)).find((a) => a.id === addressId);
    if (!existing || existing.kind !== "ship_to") throw new AppError("not_found", "address_not_found");
    // The buyer-side id (cXML addressID) is part of the punchout mapping: keep it.
    await saveCustomerAddress(user.companyId, addressId, { ...input, kind: "ship_to", externalId: existing.externalId });
    return;
  }
  await saveCustomerAddress(user.companyId, null, { ...input, kind: "ship_to", externalId: null });
}
