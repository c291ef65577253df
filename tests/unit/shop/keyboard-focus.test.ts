import { readFileSync } from "node:fs";
import path from "node:path";
import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { pendingSubmit } from "@/components/pending-submit";
import { AddToCartForm } from "@/components/shop/add-to-cart-form";
import { CheckoutForm } from "@/components/shop/checkout-form";
import type { ActionState } from "@/lib/actions/safe-action";
import nl from "@/lib/i18n/messages/shop.nl.json";

describe("pendingSubmit: a submit button keeps the focus while its action runs", () => {
  it("while pending: aria-disabled, and the press that would send the form again is cancelled", () => {
    const props = pendingSubmit(true);
    expect(props["aria-disabled"]).toBe(true);
    const event = { preventDefault: vi.fn() };
    props.onClick?.(event as never);
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it("otherwise: an ordinary button", () => {
    expect(pendingSubmit(false)).toEqual({ "aria-disabled": undefined, onClick: undefined });
  });
});

/*
 * A button that turns `disabled` while it has the focus drops it to <body> (Chrome): after "In
 * winkelwagen" the keyboard user was nowhere and Enter did nothing. These forms are the buyer's
 * journey (sign in, add to cart, checkout, account actions, favorites, reorder, quick order).
 */
describe("the buyer's forms never disable the pressed button while their action runs", () => {
  it.each([
    "components/shop/add-to-cart-form.tsx",
    "components/shop/checkout-form.tsx",
    "components/account/action-form.tsx",
    "components/account/save-to-list.tsx",
    "components/account/favorite-list-table.tsx",
    "components/account/order-actions.tsx",
    "components/account/quick-order-form.tsx",
    "app/login/login-form.tsx",
  ])("%s", (file) => {
    const text = readFileSync(path.join(process.cwd(), file), "utf8");
    expect(text).not.toMatch(/disabled=\{[^}]*\bpending\b/);
    expect(text).toContain("pendingSubmit(pending)");
  });
});

const inShop = (element: React.ReactElement) =>
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: "nl", messages: nl, timeZone: "Europe/Amsterdam", children: element }));
const action = async (state: ActionState) => state;

describe("AddToCartForm as the browser first gets it", () => {
  it("a labelled field described by its ordering rule, an enabled button and a polite live region for the answer", () => {
    const html = inShop(createElement(AddToCartForm, { sku: "KP-1", minOrderQuantity: 2, orderMultiple: 2, action }));
    expect(html).toContain('<label class="sr-only" for="qty-KP-1">Aantal</label>');
    const field = /<input[^>]*name="quantity"[^>]*>/.exec(html)?.[0] ?? "";
    expect(field).toContain('aria-describedby="qty-help-KP-1"');
    expect(field).not.toContain("aria-invalid");
    const button = /<button[^>]*>/.exec(html)?.[0] ?? "";
    expect(button).toContain('type="submit"');
    expect(button).not.toMatch(/\sdisabled(=|\s|>)/);
    expect(html).toMatch(/<p aria-live="polite"[^>]*><\/p>/);
  });

  it("on a card, the product's name describes the field and the button (not 24 times a bare 'In winkelwagen')", () => {
    const html = inShop(createElement(AddToCartForm, { sku: "KP-1", minOrderQuantity: 1, orderMultiple: 1, action, compact: true, describedBy: "card-name-7" }));
    expect(/<input[^>]*name="quantity"[^>]*>/.exec(html)?.[0]).toContain('aria-describedby="card-name-7"');
    expect(/<button[^>]*>/.exec(html)?.[0]).toContain('aria-describedby="card-name-7"');
  });
});

describe("CheckoutForm as the browser first gets it", () => {
  it("labelled fields, none marked invalid or described by an error yet, and an enabled button", () => {
    const html = inShop(
      createElement(CheckoutForm, { addresses: [{ id: 1, label: "School", text: "Keizer Karelweg 301" }], defaultAddressId: 1, costCenters: { mode: "free" }, minDate: "2026-12-02", action }),
    );
    for (const name of ["poNumber", "costCenter", "requestedDeliveryDate"]) {
      const field = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? "";
      expect(field, name).not.toContain("aria-invalid");
      expect(field, name).not.toContain("aria-describedby");
    }
    expect(html).toMatch(/<label[^>]*>Inkoopordernummer<input[^>]*name="poNumber"/);
    expect(/<button[^>]*data-testid="place-order"[^>]*>/.exec(html)?.[0]).not.toMatch(/\sdisabled(=|\s|>)/);
  });
});
