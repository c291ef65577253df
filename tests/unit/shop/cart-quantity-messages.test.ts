import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import en from "@/lib/i18n/messages/shop.en.json";
import nl from "@/lib/i18n/messages/shop.nl.json";
import { checkQuantity, quantityRuleHint } from "@/lib/cart/quantity-rules";

const cart = { nl: createTranslator({ locale: "nl", messages: nl, namespace: "cart" }), en: createTranslator({ locale: "en", messages: en, namespace: "cart" }) };

describe("the quantity rule under a cart line and the product page's quantity field", () => {
  it.each([
    { min: 1, mult: 2, nl: "Per 2", en: "In multiples of 2" },
    { min: 12, mult: 1, nl: "Minimaal 12", en: "Minimum 12" },
    { min: 12, mult: 6, nl: "Minimaal 12, per 6", en: "Minimum 12, in multiples of 6" },
    { min: 10, mult: 6, nl: "Minimaal 12, per 6", en: "Minimum 12, in multiples of 6" },
  ])("minimum $min in multiples of $mult: $nl", ({ min, mult, ...texts }) => {
    const hint = quantityRuleHint({ minOrderQuantity: min, orderMultiple: mult });
    expect(hint).not.toBeNull();
    expect(cart.nl("quantityHelp", hint!)).toBe(texts.nl);
    expect(cart.en("quantityHelp", hint!)).toBe(texts.en);
  });
});

describe("a cart line's quantity refused: the quantity to set, not to add", () => {
  it.each([
    { qty: 3, min: 1, mult: 2, nl: "Dit artikel wordt per 2 verkocht. Dichtstbijzijnde geldige aantal: 4.", en: "This product is sold in multiples of 2. Nearest valid quantity: 4." },
    { qty: 5, min: 12, mult: 6, nl: "De minimale afname is 12; dichtstbijzijnde geldige aantal: 12.", en: "The minimum order quantity is 12; nearest valid quantity: 12." },
    { qty: 1500, min: 1, mult: 1000, nl: "Dit artikel wordt per 1.000 verkocht. Dichtstbijzijnde geldige aantal: 2.000.", en: "This product is sold in multiples of 1,000. Nearest valid quantity: 2,000." },
  ])("$qty of minimum $min in multiples of $mult", ({ qty, min, mult, ...texts }) => {
    const check = checkQuantity(qty, { minOrderQuantity: min, orderMultiple: mult });
    if (check.ok) throw new Error(`${qty} was accepted`);
    const values = { minimum: min, multiple: mult, suggested: check.suggestedQuantity };
    expect(cart.nl(`lineErrors.${check.reason}`, values)).toBe(texts.nl);
    expect(cart.en(`lineErrors.${check.reason}`, values)).toBe(texts.en);
  });

  it("has a text for every reason the check gives, in both languages", () => {
    for (const reason of ["not_positive", "below_minimum", "not_multiple"] as const) {
      expect(cart.nl.has(`lineErrors.${reason}`)).toBe(true);
      expect(cart.en.has(`lineErrors.${reason}`)).toBe(true);
    }
  });
});
