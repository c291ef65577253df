import "server-only";
import type { StaffUser } from "@/lib/auth/guards";
import { listCustomerAddresses } from "@/lib/data/customers";
import { AppError } from "@/lib/errors";
import { addressValuesFromShipTo, matchesShipTo, type ShipToAddressValues } from "@/lib/purchase-orders/ship-to-match";
import type { AddressDetails } from "@/lib/data/customers";
import { saveAddress } from "./customers";
import { purchaseOrderHeader } from "./order-view";
import { getOrderForStaff, type OrderForStaff } from "./purchase-orders";

/**
 * A purchase order held for "unknown_ship_to" (its ShipTo matched none of the customer's ship-to
 * addresses) is fixed by adding that address to the customer: the order page links to the
 * customer's address form filled in from the order's ShipTo, which returns to the order once saved.
 * There is no re-check of the review reasons: the order page says the address is known now, and
 * the account manager decides as usual.
 */
export type UnknownShipTo = { added: false } | { added: true; label: string };

/** Null when the order was not held for its ship-to address (or can no longer be decided). */
export async function unknownShipToState(detail: OrderForStaff): Promise<UnknownShipTo | null> {
  const { reasons } = purchaseOrderHeader(detail.purchaseOrder?.header);
  if (!detail.canConfirm || !reasons.some((reason) => reason.code === "unknown_ship_to")) return null;
  const shipTo = detail.order.shipTo;
  const addresses = await listCustomerAddresses(detail.company.id);
  const known = addresses.find(
    (address) => address.kind === "ship_to" && matchesShipTo(address, { addressId: shipTo.externalId ?? null, postalCode: shipTo.postalCode, countryCode: shipTo.countryCode }),
  );
  return known ? { added: true, label: known.label } : { added: false };
}

/** The order (the staff member's own customers' only) whose ShipTo fills in a new address of customer `companyId`. */
export async function orderShipToForAddress(
  staff: StaffUser,
  companyId: number,
  orderId: number,
): Promise<{ orderId: number; orderNumber: string; values: ShipToAddressValues }> {
  const detail = await getOrderForStaff(staff, orderId);
  // Another customer's order: as if it did not exist, so no address crosses customers.
  if (detail.company.id !== companyId) throw new AppError("not_found", "order_not_found");
  return { orderId: detail.order.id, orderNumber: detail.order.orderNumber, values: addressValuesFromShipTo(detail.order.shipTo) };
}

/** Adds the address as the form posts it, after checking the order it came from is this customer's. */
export async function addAddressFromOrder(staff: StaffUser, companyId: number, orderId: number, details: AddressDetails): Promise<void> {
  await orderShipToForAddress(staff, companyId, orderId);
  await saveAddress(staff, companyId, null, details);
}
