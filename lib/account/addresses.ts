import "server-only";
import type { Address } from "@/db/schema";
import type { BuyerUser } from "@/lib/auth/guards";
import {
  getDefaultShipToAddressId,
  getShipToAddress,
  listCompanyAddresses,
  listShipToAddresses,
  setAddressUsers,
  setDefaultShipToAddress,
  type ShipToAddress,
} from "@/lib/data/companies";
import { deleteCustomerAddress, listCustomerAddresses, listCustomerUsers, saveCustomerAddress, type CustomerUser } from "@/lib/data/customers";
import { AppError } from "@/lib/errors";
import { mayUse } from "@/lib/orders/allowed-users";
import { isTechnical } from "./company-users";

/**
 * The company's addresses in "My account": everybody sees them; company admins add and edit
 * ship-to addresses (the bill-to address is part of the contract and maintained by the supplier),
 * may limit a ship-to address to some users (a location's own people; ANCHORS.md §1.3) and give
 * each user a default, which the checkout and a new standing order choose beforehand. Others are
 * neither offered nor accepted an address that is not theirs.
 */

type AddressUser = Pick<BuyerUser, "companyId" | "role" | "impersonatedBy">;
type Orderer = Pick<BuyerUser, "id" | "companyId" | "role">;

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

export interface AccountShipToAddress extends ShipToAddress {
  /** The names of the users it is limited to (empty: everybody). */
  usedByNames: string[];
}

/**
 * The company's addresses, each ship-to address with the names of those it is limited to, and the
 * people an admin may limit one to (the company's users, not its technical punchout users).
 */
export async function listAccountAddresses(user: AddressUser): Promise<{ shipTo: AccountShipToAddress[]; billTo: Address[]; people: CustomerUser[] }> {
  const [shipTo, billTo, users] = await Promise.all([
    listShipToAddresses(user.companyId),
    listCompanyAddresses(user.companyId, "bill_to"),
    listCustomerUsers(user.companyId),
  ]);
  const nameOf = new Map(users.map((person) => [person.id, person.name]));
  return {
    shipTo: shipTo.map((address) => ({ ...address, usedByNames: address.userIds.map((id) => nameOf.get(id) ?? "?") })),
    billTo,
    people: users.filter((person) => !isTechnical(person)),
  };
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

/**
 * Removes one of the company's ship-to addresses (a location that closed), never the last one: the
 * checkout needs one. Orders keep their copy; standing orders delivering there stop at their next
 * run and tell their owner; users who had it as their default get the company's default.
 */
export async function removeShipToAddress(admin: AddressUser, addressId: number): Promise<void> {
  if (!canManageAddresses(admin)) throw new AppError("forbidden", "company_admin_only");
  const shipTo = await listShipToAddresses(admin.companyId);
  if (!shipTo.some((address) => address.id === addressId)) throw new AppError("not_found", "address_not_found");
  if (shipTo.length === 1) throw new AppError("conflict", "last_ship_to_address");
  await deleteCustomerAddress(admin.companyId, addressId);
}

/** Limits a ship-to address to some of the company's users, or opens it to everybody (empty). */
export async function limitShipToAddress(admin: AddressUser, addressId: number, userIds: number[]): Promise<void> {
  if (!canManageAddresses(admin)) throw new AppError("forbidden", "company_admin_only");
  if (!(await setAddressUsers(admin.companyId, addressId, userIds))) throw new AppError("not_found", "address_not_found");
}

/** The ship-to address the checkout chooses for one of the company's users; one they may use (null clears it). */
export async function setUserDefaultShipTo(admin: AddressUser, userId: number, addressId: number | null): Promise<void> {
  if (!canManageAddresses(admin)) throw new AppError("forbidden", "company_admin_only");
  if (addressId !== null) {
    const address = await getShipToAddress(admin.companyId, addressId);
    if (!address) throw new AppError("not_found", "address_not_found");
    const user = (await listCustomerUsers(admin.companyId)).find((u) => u.id === userId);
    if (!user) throw new AppError("not_found", "user_not_found");
    if (!mayUse(user, address)) throw new AppError("invalid_input", "address_not_for_user", { field: "addressId" });
  }
  if (!(await setDefaultShipToAddress(admin.companyId, userId, addressId))) throw new AppError("not_found", "user_not_found");
}

export interface ShipToChoice {
  /** The ship-to addresses this user may have orders delivered to, the company's default first. */
  options: ShipToAddress[];
  /** Chosen beforehand: their own default if it is an option, else the company's default if it is, else the first. */
  defaultId: number | null;
}

/** What the checkout (and a standing order's form) offers this user to deliver to. */
export async function shipToChoice(user: Orderer): Promise<ShipToChoice> {
  const [all, ownDefault] = await Promise.all([listShipToAddresses(user.companyId), getDefaultShipToAddressId(user.id)]);
  const options = all.filter((address) => mayUse(user, address));
  const defaultId = (options.find((a) => a.id === ownDefault) ?? options.find((a) => a.isDefault) ?? options[0])?.id ?? null;
  return { options, defaultId };
}

/** The ship-to address an order goes to: the company's, and one the orderer may use. */
export async function resolveShipTo(user: Orderer, addressId: number): Promise<ShipToAddress | null> {
  const address = await getShipToAddress(user.companyId, addressId);
  return address && mayUse(user, address) ? address : null;
}
