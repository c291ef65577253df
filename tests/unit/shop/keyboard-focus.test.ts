import { readFileSync } from "node:fs";
import path from "node:path";
import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { FavoriteListTable } from "@/components/account/favorite-list-table";
import { SubmitButton } from "@/components/admin/action-form";
import { pendingSubmit } from "@/components/pending-submit";
import { AddToCartForm } from "@/components/shop/add-to-cart-form";
import { CartAnnouncer } from "@/components/shop/cart-announcer";
import { CartLineControls } from "@/components/shop/cart-line-controls";
import { CheckoutForm } from "@/components/shop/checkout-form";
import type { ActionState } from "@/lib/actions/safe-action";
import { checkoutMessage, firstRefusedField, refusalAt } from "@/lib/checkout/refusal";
import account from "@/lib/i18n/messages/account.nl.json";
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
 * journey (sign in, add to cart, checkout, account actions, favorites, reorder, quick order), the
 * cart's lines, the company admin's and the profile's forms, and the staff's (SubmitButton and the
 * forms that pass it their own action state).
 */
describe("forms never disable the pressed button while their action runs", () => {
  /** What a form's running action is called: useActionState's third (`starting`, `exiting`, …), or `pending`. */
  const pendingNames = (text: string) => ["pending", ...Array.from(text.matchAll(/\[\s*\w+\s*,\s*\w+\s*,\s*(\w+)\s*\]\s*=\s*useActionState/g), (match) => match[1]!)];

  it.each([
    "components/shop/add-to-cart-form.tsx",
    "components/shop/checkout-form.tsx",
    "components/shop/cart-line-controls.tsx",
    "components/shop/checkout-quote-fix.tsx",
    "components/account/action-form.tsx",
    "components/account/save-to-list.tsx",
    "components/account/favorite-list-table.tsx",
    "components/account/order-actions.tsx",
    "components/account/quick-order-form.tsx",
    "components/account/line-report.tsx",
    "components/account/return-request-form.tsx",
    "components/account/cost-center-forms.tsx",
    "components/account/article-number-forms.tsx",
    "components/account/invite-list-form.tsx",
    "components/account/two-step-section.tsx",
    "components/account/two-step-requirement-form.tsx",
    "components/account/two-step-reset-form.tsx",
    "app/login/login-form.tsx",
    "components/admin/action-form.tsx",
    "components/admin/quote-answer-form.tsx",
    "components/admin/view-as-banner.tsx",
    "components/admin/product-form.tsx",
    "components/admin/product-relations-form.tsx",
    "components/admin/product-photo-url-form.tsx",
    "components/admin/category-form.tsx",
    "components/admin/attribute-form.tsx",
    "components/admin/idle-bulk-deactivate.tsx",
    "app/admin/orders/order-action-form.tsx",
  ])("%s", (file) => {
    const text = readFileSync(path.join(process.cwd(), file), "utf8");
    const names = pendingNames(text);
    expect(names.length).toBeGreaterThan(file.endsWith("action-form.tsx") || file.includes("two-step-section") ? 1 : 0);
    // `disabled` itself, not aria-disabled (which is what keeps the focus).
    for (const [expression] of text.matchAll(/(?<![-\w])disabled=\{[^}]*\}/g)) {
      for (const name of names) expect(expression, `${name} in ${expression}`).not.toMatch(new RegExp(`\\b${name}\\b`));
    }
    // Each running action still tells its button: pendingSubmit, or SubmitButton's `pending`.
    const told = names.filter((name) => text.includes(`pendingSubmit(${name})`) || text.includes(`pending={${name}}`));
    expect(told.length, names.join(", ")).toBeGreaterThan(0);
  });

  it("the test itself finds a pending flag in `disabled`, on one line or several", () => {
    const disabledBy = (text: string, name: string) => Array.from(text.matchAll(/(?<![-\w])disabled=\{[^}]*\}/g)).some(([expression]) => new RegExp(`\\b${name}\\b`).test(expression));
    expect(disabledBy("<button disabled={!hydrated || pending}>", "pending")).toBe(true);
    expect(disabledBy("<button\n  disabled={pending ||\n locked}\n>", "pending")).toBe(true);
    expect(disabledBy("<button disabled={!hydrated} pending={pending}>", "pending")).toBe(false);
    expect(disabledBy("<button disabled={exiting}>", "exiting")).toBe(true);
    expect(disabledBy('<button type="button" aria-disabled={pending || undefined}>', "pending")).toBe(false);
  });
});

describe("SubmitButton (the staff forms' button)", () => {
  const buttonOf = (props: Record<string, unknown>) => /<button[^>]*>/.exec(renderToStaticMarkup(createElement(SubmitButton, props as never, "Opslaan")))?.[0] ?? "";

  it("while its form's action runs: aria-disabled and busy, never disabled (the focus stays on it)", () => {
    const button = buttonOf({ pending: true, disabled: false });
    expect(button).toContain('aria-disabled="true"');
    expect(button).toContain('aria-busy="true"');
    expect(button).not.toMatch(/\sdisabled(=|\s|>)/);
  });

  it("before hydration (a form that asks first): disabled, not busy", () => {
    const button = buttonOf({ disabled: true });
    expect(button).toMatch(/\sdisabled=""/);
    expect(button).not.toContain("aria-disabled");
    expect(button).toContain('aria-busy="false"');
  });
});

const inShop = (element: React.ReactElement) =>
  renderToStaticMarkup(createElement(NextIntlClientProvider, { locale: "nl", messages: nl, timeZone: "Europe/Amsterdam", children: element }));
const action = async (state: ActionState) => state;

describe("AddToCartForm as the browser first gets it", () => {
  it("a labelled field described by its ordering rule, an enabled button and a polite live region for the answer", () => {
    const html = inShop(createElement(AddToCartForm, { sku: "KP-1", minOrderQuantity: 2, orderMultiple: 2, action }));
    const field = /<input[^>]*name="quantity"[^>]*>/.exec(html)?.[0] ?? "";
    const fieldId = /\sid="([^"]+)"/.exec(field)?.[1];
    expect(html).toContain(`<label class="sr-only" for="${fieldId}">Aantal</label>`);
    const helpId = /aria-describedby="([^"]+)"/.exec(field)?.[1];
    expect(html).toMatch(new RegExp(`<p id="${helpId}"[^>]*>Per 2</p>`));
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

describe("the same product twice on a page (the search page's own-number match above the results)", () => {
  it("each form has its own ids: every label names its own field, every description is its own", () => {
    const form = () => createElement(AddToCartForm, { sku: "KP-1", minOrderQuantity: 2, orderMultiple: 2, action, compact: true });
    const html = inShop(createElement("div", null, form(), form()));
    const ids = Array.from(html.matchAll(/\sid="([^"]+)"/g), (match) => match[1]!);
    expect(ids).toHaveLength(4); // two fields, two rules
    expect(new Set(ids).size).toBe(ids.length);
    const labels = Array.from(html.matchAll(/<label[^>]*for="([^"]+)"/g), (match) => match[1]);
    const fields = Array.from(html.matchAll(/<input[^>]*name="quantity"[^>]*>/g), ([field]) => /\sid="([^"]+)"/.exec(field)?.[1]);
    expect(labels).toEqual(fields);
    expect(ids.filter((id) => id.includes("KP-1"))).toEqual([]); // the SKU names no element any more
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

  it("no browser bubble: the form is noValidate (the server refuses at the field, in the shop's words); required still says so", () => {
    const html = inShop(
      createElement(CheckoutForm, {
        addresses: [{ id: 1, label: "School", text: "Keizer Karelweg 301" }],
        defaultAddressId: null,
        costCenters: { mode: "list", required: true, options: [], defaultCode: null },
        poNumberRequired: true,
        minDate: "2026-12-02",
        action,
      }),
    );
    expect(/<form[^>]*>/.exec(html)?.[0]).toMatch(/\snovalidate=""/i); // React writes noValidate; HTML reads any case
    const po = /<input[^>]*name="poNumber"[^>]*>/.exec(html)?.[0] ?? "";
    expect(po).toContain('required=""');
    expect(po).not.toContain("pattern");
    expect(/<select[^>]*name="costCenter"[^>]*>/.exec(html)?.[0]).toContain('required=""');
    expect(html).not.toContain('role="alert"');
  });
});

describe("checkout refusals: which field, and what the message says", () => {
  const refused = (state: Partial<Extract<ActionState, { status: "error" }>>): ActionState => ({ status: "error", code: "invalid_input", message: "invalid_input", ...state });

  it("a PO number refused by lib (details.field) is the PO number field's, with lib's message", () => {
    const state = refused({ message: "po_number_required", details: { field: "poNumber" } });
    expect(refusalAt(state, "poNumber")).toBe("po_number_required");
    expect(refusalAt(state, "costCenter")).toBeUndefined();
    expect(firstRefusedField(state)).toBe("poNumber");
    expect(checkoutMessage(state)).toBe("po_number_required");
    expect(nl.checkout.errors.po_number_required).toMatch(/inkoopordernummer/i);
  });

  it("no delivery address chosen (the schema refuses it) says what that field needs, not 'check the highlighted fields'", () => {
    const state = refused({ fieldErrors: { shipToAddressId: ["Invalid input: expected number, received NaN"] } });
    expect(firstRefusedField(state)).toBe("shipToAddressId");
    expect(checkoutMessage(state)).toBe("unknown_address");
  });

  it("the first refused field in the form's order gets the keyboard; nothing refused, no message", () => {
    expect(firstRefusedField(refused({ fieldErrors: { requestedDeliveryDate: ["x"], poNumber: ["y"] } }))).toBe("poNumber");
    expect(firstRefusedField(refused({ message: "cart_empty" }))).toBeUndefined();
    expect(checkoutMessage({ status: "idle" })).toBeNull();
    expect(checkoutMessage(refused({ message: "cart_empty" }))).toBe("cart_empty");
  });

  it("every message the form can show is the shop's own, in both languages", async () => {
    const en = (await import("@/lib/i18n/messages/shop.en.json")).default;
    for (const key of ["po_number_required", "cost_center_required", "unknown_address", "delivery_date_in_past", "delivery_date_incomplete"]) {
      expect(nl.checkout.errors, key).toHaveProperty(key);
      expect(en.checkout.errors, key).toHaveProperty(key);
    }
  });
});

describe("the cart's lines: the pressed button keeps the focus, and what a change did is said politely", () => {
  const line = (props: Record<string, unknown> = {}) =>
    createElement(CartLineControls, { lineId: 7, quantity: 40, minOrderQuantity: 1, orderMultiple: 1, productName: "Kopieerpapier A4", action, ...props });

  it("Update and Remove are enabled submit buttons; the page's live region is there before anything is said", () => {
    const html = inShop(createElement(CartAnnouncer, { className: "space-y-6", children: line() }));
    for (const button of html.match(/<button[^>]*>/g) ?? []) expect(button).not.toMatch(/\sdisabled(=|\s|>)/);
    // Last in the page's box, outside the line (a removed line takes its own content with it).
    expect(html).toMatch(/<\/form><\/div><p aria-live="polite" class="sr-only" data-testid="cart-announcement"><\/p><\/div>/);
  });

  it("a quote line's Update stays disabled and hidden (Enter in its read-only field must not press Remove)", () => {
    const html = inShop(line({ quote: { number: "OF-1", lockedQuantity: 40, unit: "pak" } }));
    const update = /<button[^>]*>Bijwerken<\/button>/.exec(html)?.[0] ?? "";
    expect(update).toMatch(/\sdisabled=""/);
    expect(update).toMatch(/\shidden=""/);
  });

  it("the messages, in both languages", async () => {
    const en = (await import("@/lib/i18n/messages/shop.en.json")).default;
    expect(nl.cart.lineRemoved).toBe("Regel verwijderd: {product}");
    expect(en.cart.lineRemoved).toBe("Removed: {product}");
    expect(nl.cart.quantityChanged).toBe("Aantal aangepast naar {quantity, number}");
    expect(en.cart.quantityChanged).toBe("Quantity changed to {quantity, number}");
  });
});

describe("checkbox columns have a header a screen reader can say", () => {
  it("favorites: 'Selecteren', visually hidden", () => {
    const html = renderToStaticMarkup(
      createElement(NextIntlClientProvider, {
        locale: "nl",
        messages: { ...nl, ...account },
        timeZone: "Europe/Amsterdam",
        children: createElement(FavoriteListTable, {
          listId: 1,
          lines: [],
          canEdit: true,
          locale: "nl",
          addListToCartAction: action as never,
          updateLineAction: action,
          removeLineAction: action,
          moveLineAction: action,
          addToCartAction: action,
          canAddToCart: true,
        }),
      }),
    );
    expect(html).toMatch(/<thead[^>]*><tr><th class="w-8 p-2"><span class="sr-only">Selecteren<\/span><\/th>/);
  });

  it("the order page's lines: the same header (account.order.selectColumn)", () => {
    const page = readFileSync(path.join(process.cwd(), "app/(shop)/account/orders/[number]/page.tsx"), "utf8");
    expect(page).toContain('<span className="sr-only">{ta("selectColumn")}</span>');
    expect(account.account.order.selectColumn).toBe("Selecteren");
  });
});
