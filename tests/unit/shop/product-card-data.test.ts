import { afterEach, describe, expect, it, vi } from "vitest";
import { createTranslator } from "next-intl";
import en from "@/lib/i18n/messages/shop.en.json";
import nl from "@/lib/i18n/messages/shop.nl.json";
import { priceLabels, toProductCardData, type CatalogTranslator } from "@/components/shop/product-card-data";
import type { ProductView } from "@/lib/catalog/priced-product";
import { money } from "@/lib/format";

const translator = (messages: typeof nl) => createTranslator({ locale: "nl", messages, namespace: "catalog" }) as unknown as CatalogTranslator;
const tNl = translator(nl);
const tEn = translator(en);

function product(overrides: Partial<ProductView> = {}): ProductView {
  return {
    id: 7,
    sku: "KP-000007",
    name: "Kopieerpapier A4",
    description: "",
    brand: "Papyra",
    manufacturer: "Papyra",
    manufacturerPartNumber: "P-7",
    gtin: null,
    unspsc: null,
    unit: "PK",
    packSize: 1,
    contentUnit: null,
    minOrderQuantity: 1,
    orderMultiple: 1,
    leadTimeDays: 3,
    stock: 59,
    vatRateBasisPoints: 2100,
    currency: "EUR",
    attributes: {},
    categoryId: 1,
    imageKey: null,
    inAssortment: true,
    price: { unitPriceMinor: 1899, listPriceMinor: 1899, source: { kind: "list" }, tiers: [] },
    ...overrides,
  };
}

const contract = { kind: "contract", priceListId: 1, priceListCode: "C", priceListName: "C", entryId: 1, entryKind: "fixed", validFrom: null, validTo: null } as const;

describe("product card data", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("carries the texts the card showed as server components", () => {
    expect(toProductCardData(product(), "nl", tNl)).toEqual({
      id: 7,
      sku: "KP-000007",
      name: "Kopieerpapier A4",
      brand: "Papyra",
      imagePath: "/product-images/KP-000007",
      stock: "59 op voorraad",
      inStock: true,
      minOrder: null,
      price: { amount: money(1899, "nl"), perUnit: "per pak", contract: false, listAmount: null },
      ownNumber: null,
      defaultQuantity: 1,
      minOrderQuantity: 1,
      orderMultiple: 1,
    });
    expect(toProductCardData(product({ imageKey: "abcdef0123456789abcdef01" }), "nl", tNl).imagePath).toBe("/product-images/KP-000007/abcdef0123456789abcdef01-thumb.webp");
    expect(priceLabels(tNl)).toEqual({ signInForPrices: "Log in voor uw prijzen", exclVat: "excl. btw", contractPrice: "Contractprijs", listPrice: "Catalogusprijs" });
  });

  it("out of stock, order rules, contract prices under and at the list price, anonymous", () => {
    const card = toProductCardData(product({ stock: 0, leadTimeDays: 1, minOrderQuantity: 10, orderMultiple: 5 }), "nl", tNl);
    expect(card).toMatchObject({ stock: "Niet op voorraad – geleverd binnen 1 dag", inStock: false, minOrder: "Minimaal 10, per 5", defaultQuantity: 10 });
    // Only the rule that says something: a minimum of one multiple is the multiple; a multiple of one, the minimum.
    expect(toProductCardData(product({ minOrderQuantity: 2, orderMultiple: 2 }), "nl", tNl).minOrder).toBe("Per 2");
    expect(toProductCardData(product({ minOrderQuantity: 2, orderMultiple: 1 }), "nl", tNl).minOrder).toBe("Minimaal 2");
    const below = { unitPriceMinor: 1598, listPriceMinor: 1949, source: contract, tiers: [] };
    expect(toProductCardData(product({ price: below }), "nl", tNl).price).toEqual({ amount: money(1598, "nl"), perUnit: "per pak", contract: true, listAmount: money(1949, "nl") });
    const same = { unitPriceMinor: 1949, listPriceMinor: 1949, source: { ...contract, kind: "contract_tier" as const }, tiers: [] };
    expect(toProductCardData(product({ price: same }), "nl", tNl).price).toMatchObject({ contract: true, listAmount: null });
    const list = { unitPriceMinor: 1598, listPriceMinor: 1949, source: { kind: "list_tier" as const, tierMinQuantity: 10 }, tiers: [] };
    expect(toProductCardData(product({ price: list }), "nl", tNl).price).toMatchObject({ contract: false, listAmount: null });
    expect(toProductCardData(product({ price: null }), "nl", tNl).price).toBeNull();
    expect(toProductCardData(product({ customerArticleNumber: "100-2045" }), "nl", tNl).ownNumber).toBe("Uw nr. 100-2045");
    expect(toProductCardData(product({ minOrderQuantity: 3, orderMultiple: 2 }), "nl", tNl).defaultQuantity).toBe(4);
  });

  it.each([
    { min: 12, mult: 6, nl: "Minimaal 12, per 6", en: "Minimum 12, in multiples of 6", defaultQuantity: 12 },
    // The minimum the card names is one the shop accepts: 10 is no multiple of 6.
    { min: 10, mult: 6, nl: "Minimaal 12, per 6", en: "Minimum 12, in multiples of 6", defaultQuantity: 12 },
    { min: 3, mult: 2, nl: "Minimaal 4, per 2", en: "Minimum 4, in multiples of 2", defaultQuantity: 4 },
    { min: 1, mult: 2, nl: "Per 2", en: "In multiples of 2", defaultQuantity: 2 },
  ])("minimum $min in multiples of $mult: $nl", ({ min, mult, nl, en, defaultQuantity }) => {
    const rules = { minOrderQuantity: min, orderMultiple: mult };
    expect(toProductCardData(product(rules), "nl", tNl)).toMatchObject({ minOrder: nl, defaultQuantity });
    expect(toProductCardData(product(rules), "en", tEn).minOrder).toBe(en);
  });

  it.each([
    { label: "a ream of sheets", pack: { unit: "PK", packSize: 250, contentUnit: "XST" }, nl: "per pak à 250 vel", en: "per pack of 250 sheets" },
    { label: "pieces in a box", pack: { unit: "BX", packSize: 1000, contentUnit: "C62" }, nl: "per doos à 1.000 stuks", en: "per box of 1,000 pieces" },
    { label: "no content unit: the unit alone, as before", pack: { unit: "PK", packSize: 250, contentUnit: null }, nl: "per pak", en: "per pack" },
  ])("says what the pack holds after the price: $label", ({ pack, nl, en }) => {
    expect(toProductCardData(product(pack), "nl", tNl).price?.perUnit).toBe(nl);
    expect(toProductCardData(product(pack), "en", tEn).price?.perUnit).toBe(en);
  });

  it("remembers the pack text by unit, pack size and content unit in production", () => {
    vi.stubEnv("NODE_ENV", "production");
    expect(toProductCardData(product({ unit: "PK", packSize: 250, contentUnit: "XST" }), "nl", tNl).price?.perUnit).toBe("per pak à 250 vel");
    expect(toProductCardData(product({ unit: "PK", packSize: 500, contentUnit: "XST" }), "nl", tNl).price?.perUnit).toBe("per pak à 500 vel");
    expect(toProductCardData(product({ unit: "PK", packSize: 500, contentUnit: "C62" }), "nl", tNl).price?.perUnit).toBe("per pak à 500 stuks");
    expect(toProductCardData(product({ unit: "PK", packSize: 500, contentUnit: null }), "nl", tNl).price?.perUnit).toBe("per pak");
  });

  it("remembers texts per locale in production, never mixing languages or values", () => {
    vi.stubEnv("NODE_ENV", "production");
    const nlCard = toProductCardData(product({ stock: 12345, unit: "DS" }), "nl", tNl);
    const enCard = toProductCardData(product({ stock: 12345, unit: "DS" }), "en", tEn);
    expect(nlCard.stock).toBe("12.345 op voorraad");
    // The unit in words; an unknown code as it is.
    expect([nlCard.price?.perUnit, enCard.price?.perUnit]).toEqual(["per DS", "per DS"]);
    expect(toProductCardData(product({ unit: "BX" }), "en", tEn).price?.perUnit).toBe("per box");
    expect(enCard.stock).not.toBe(nlCard.stock);
    expect(toProductCardData(product({ stock: 12346, unit: "DS" }), "nl", tNl).stock).toBe("12.346 op voorraad");
    const translate = vi.fn(tNl);
    const again = toProductCardData(product({ stock: 12345, unit: "DS" }), "nl", translate as unknown as CatalogTranslator);
    expect(again).toEqual(nlCard);
    expect(translate).not.toHaveBeenCalled();
  });
});
