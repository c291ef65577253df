import { NextIntlClientProvider, createTranslator } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CartLineControls } from "@/components/shop/cart-line-controls";
import { FiltersDisclosure } from "@/components/shop/filters-disclosure";
import { activeFilterCount, parseListingParams } from "@/lib/catalog/listing-params";
import type { ActionState } from "@/lib/actions/safe-action";
import en from "@/lib/i18n/messages/shop.en.json";
import nl from "@/lib/i18n/messages/shop.nl.json";

const catalog = { nl: createTranslator({ locale: "nl", messages: nl, namespace: "catalog" }), en: createTranslator({ locale: "en", messages: en, namespace: "catalog" }) };

describe("activeFilterCount: what the phone's Filters button counts", () => {
  it.each([
    { query: {}, count: 0 },
    { query: { q: "handschoen", page: "2" }, count: 0 },
    { query: { brand: "Tork" }, count: 1 },
    { query: { brand: "" }, count: 0 },
    { query: { stock: "1" }, count: 1 },
    { query: { stock: "yes" }, count: 0 },
    { query: { "a.kleur": "blauw", "a.maat": "XL" }, count: 2 },
    { query: { "a.kleur": "" }, count: 0 },
    { query: { brand: "Tork", stock: "1", "a.kleur": "blauw" }, count: 3 },
  ])("$query → $count", ({ query, count }) => {
    expect(activeFilterCount(parseListingParams(query))).toBe(count);
  });
});

describe("the Filters button's text", () => {
  it.each([
    { count: 0, nl: "Filters", en: "Filters" },
    { count: 1, nl: "Filters (1)", en: "Filters (1)" },
    { count: 2, nl: "Filters (2)", en: "Filters (2)" },
  ])("$count active: $en", ({ count, ...texts }) => {
    expect(catalog.nl("filtersButton", { count })).toBe(texts.nl);
    expect(catalog.en("filtersButton", { count })).toBe(texts.en);
  });
});

describe("FiltersDisclosure as the browser first gets it", () => {
  const render = (activeCount: number) =>
    renderToStaticMarkup(
      createElement(FiltersDisclosure, { label: `Filters (${activeCount})`, activeCount, panelId: "catalog-filters", children: createElement("form", { "aria-label": "Filters" }) }),
    );

  it("is closed on a phone: the button controls the panel, which shows from 640 px up", () => {
    const html = render(2);
    const button = /<button[^>]*>/.exec(html)?.[0] ?? "";
    expect(button).toContain('type="button"');
    expect(button).toContain('aria-expanded="false"');
    expect(button).toContain('aria-controls="catalog-filters"');
    expect(button).toMatch(/class="[^"]*\bsm:hidden\b/);
    expect(html).toMatch(/<button[^>]*>.*Filters \(2\)<\/button>/);
    const panel = /<div id="catalog-filters" class="([^"]*)">/.exec(html);
    expect(panel?.[1]?.split(" ")).toEqual(expect.arrayContaining(["hidden", "sm:block"]));
    expect(html).toContain('<form aria-label="Filters"></form>');
  });

  it("marks the button when filters are active", () => {
    expect(render(2)).toMatch(/<button[^>]*class="[^"]*border-brand-600/);
    expect(render(0)).not.toMatch(/<button[^>]*class="[^"]*border-brand-600/);
  });
});

describe("CartLineControls before any answer", () => {
  const action = async (state: ActionState) => state;
  it("the field holds what the cart holds, steps by the multiple, and offers nothing yet", () => {
    const html = renderToStaticMarkup(
      createElement(NextIntlClientProvider, {
        locale: "nl",
        messages: nl,
        timeZone: "Europe/Amsterdam",
        children: createElement(CartLineControls, { lineId: 7, quantity: 50, minOrderQuantity: 1, orderMultiple: 10, productName: "Doos", action }),
      }),
    );
    const field = /<input[^>]*name="quantity"[^>]*>/.exec(html)?.[0] ?? "";
    expect(field).toContain('value="50"');
    expect(field).toContain('min="10"');
    expect(field).toContain('step="10"');
    expect(html).toContain("Per 10");
    expect(html).not.toContain('role="alert"');
    expect(html).not.toContain("cart-line-offers");
  });
});

describe("CartLineControls on a quote line another add changed", () => {
  const action = async (state: ActionState) => state;
  it("'Terug naar 40 (offerteprijs)' submits the line's form asking for the quote's quantity (restore=quoted), not a quantity of its own", () => {
    const html = renderToStaticMarkup(
      createElement(NextIntlClientProvider, {
        locale: "nl",
        messages: nl,
        timeZone: "Europe/Amsterdam",
        children: createElement(CartLineControls, { lineId: 7, quantity: 50, minOrderQuantity: 1, orderMultiple: 1, productName: "Doos", quote: { number: "Q-1", lockedQuantity: 40, unit: "stuks" }, action }),
      }),
    );
    const form = /<form[^>]*>/.exec(html)?.[0] ?? "";
    const formId = /id="([^"]+)"/.exec(form)?.[1];
    expect(formId).toBeTruthy();
    const button = /<button[^>]*>Terug naar 40 \(offerteprijs\)<\/button>/.exec(html)?.[0] ?? "";
    expect(button).toContain('type="submit"');
    expect(button).toContain(`form="${formId}"`);
    expect(button).toContain('name="restore"');
    expect(button).toContain('value="quoted"');
  });
});
