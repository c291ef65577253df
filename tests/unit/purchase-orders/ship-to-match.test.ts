import { describe, expect, it } from "vitest";
import { addressValuesFromShipTo, matchesShipTo } from "@/lib/purchase-orders/ship-to-match";

describe("matchesShipTo", () => {
  const address = { externalId: "ZS-STADHUIS", postalCode: "1012 AB", countryCode: "NL" };

  it("matches by the buyer's addressID, or by postal code and country written any way", () => {
    expect(matchesShipTo(address, { addressId: "ZS-STADHUIS", postalCode: "9999 ZZ", countryCode: "NL" })).toBe(true);
    expect(matchesShipTo(address, { addressId: "OTHER", postalCode: "1012ab", countryCode: "nl" })).toBe(true);
    // No country in the ShipTo: the Netherlands.
    expect(matchesShipTo(address, { addressId: null, postalCode: "1012 AB", countryCode: null })).toBe(true);
  });

  it("does not match another id with another postal code or country", () => {
    expect(matchesShipTo(address, { addressId: "ZS-HAVEN", postalCode: "9999 ZZ", countryCode: "NL" })).toBe(false);
    expect(matchesShipTo(address, { addressId: null, postalCode: "1012 AB", countryCode: "BE" })).toBe(false);
    expect(matchesShipTo({ ...address, externalId: null }, { addressId: null, postalCode: "", countryCode: "NL" })).toBe(false);
  });
});

describe("addressValuesFromShipTo", () => {
  it("a new ship-to address named by the buyer's addressID, with it as external id", () => {
    expect(
      addressValuesFromShipTo({ name: "Gemeente Zeestad", attention: "Facilitair", street: "Markt 1", postalCode: "4331 LK", city: "Middelburg", countryCode: "nl", externalId: " ZS-STADHUIS " }),
    ).toEqual({
      id: null,
      kind: "ship_to",
      label: "ZS-STADHUIS",
      name: "Gemeente Zeestad",
      attention: "Facilitair",
      street: "Markt 1",
      postalCode: "4331 LK",
      city: "Middelburg",
      countryCode: "NL",
      isDefault: false,
      externalId: "ZS-STADHUIS",
    });
  });

  it("without an addressID the city names it, and nothing longer than the form takes", () => {
    const values = addressValuesFromShipTo({ name: "N".repeat(250), attention: null, street: "S", postalCode: "1", city: "Middelburg", countryCode: "NL", externalId: null });
    expect(values).toMatchObject({ label: "Middelburg", externalId: null });
    expect(values.name).toHaveLength(200);
  });
});
