/**
 * Whether one of the customer's ship-to addresses is the address a purchase order names: the same
 * external id (the buyer system's addressID), or the same postal code in the same country. The one
 * rule for the cXML intake (lib/punchout/cxml-order.ts: no match means "unknown_ship_to") and for
 * the order page, which says when the address has since been added. Pure.
 */
export interface ShipToCandidate {
  externalId: string | null;
  postalCode: string;
  countryCode: string;
}

const normalise = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, "").toUpperCase();

export function matchesShipTo(address: ShipToCandidate, shipTo: { addressId: string | null; postalCode: string | null; countryCode: string | null }): boolean {
  if (shipTo.addressId && address.externalId === shipTo.addressId) return true;
  return normalise(address.postalCode) === normalise(shipTo.postalCode) && normalise(address.countryCode) === normalise(shipTo.countryCode ?? "NL");
}

/** A new ship-to address as the order's ShipTo gave it (its snapshot on the order), for the customer's address form. */
export interface ShipToAddressValues {
  id: null;
  kind: "ship_to";
  label: string;
  name: string;
  attention: string | null;
  street: string;
  postalCode: string;
  city: string;
  countryCode: string;
  isDefault: false;
  externalId: string | null;
}

export function addressValuesFromShipTo(shipTo: { name: string; attention: string | null; street: string; postalCode: string; city: string; countryCode: string; externalId?: string | null }): ShipToAddressValues {
  const externalId = shipTo.externalId?.trim() || null;
  return {
    id: null,
    kind: "ship_to",
    // The buyer system's id is what the customer calls the address ("ZS-STADHUIS"); the city otherwise.
    label: (externalId || shipTo.city.trim() || shipTo.name.trim()).slice(0, 100),
    name: shipTo.name.slice(0, 200),
    attention: shipTo.attention?.slice(0, 200) || null,
    street: shipTo.street.slice(0, 200),
    postalCode: shipTo.postalCode.slice(0, 20),
    city: shipTo.city.slice(0, 100),
    countryCode: shipTo.countryCode.toUpperCase().slice(0, 2),
    isDefault: false,
    externalId: externalId?.slice(0, 100) ?? null,
  };
}
