import { NextIntlClientProvider } from "next-intl";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { FormAction } from "@/components/admin/action-form";
import type { ActionState } from "@/lib/actions/safe-action";
import { withoutFieldErrors } from "@/app/admin/orders/order-action-form";
import {
  firstRefusedField,
  OrderResponseFields,
  OrderResponseForm,
  requestedDay,
  responseFieldErrors,
  type OrderDecision,
} from "@/app/admin/orders/order-response-form";
import adminEn from "@/lib/i18n/messages/admin.en.json";
import adminNl from "@/lib/i18n/messages/admin.nl.json";
import ordersEn from "@/lib/i18n/messages/orders.en.json";
import ordersNl from "@/lib/i18n/messages/orders.nl.json";

/** The decision form of a purchase order as the browser first gets it, and its fields after a refusal (submitting is the integration test's and the e2e spec's). */
const action: FormAction = async (state) => state;
const lines = [
  { lineNumber: 1, sku: "KP-1", quantity: 4, unitPriceMinor: 337, requestedDeliveryDate: "2026-12-10T00:00:00+01:00" },
  { lineNumber: 2, sku: "KP-2", quantity: 10, unitPriceMinor: 270, requestedDeliveryDate: null },
];
const inIntl = (locale: "nl" | "en", children: ReactElement) =>
  renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === "nl" ? { ...adminNl, ...ordersNl } : { ...adminEn, ...ordersEn },
      timeZone: "Europe/Amsterdam",
      children,
    }),
  );
const render = (locale: "nl" | "en", initialDecision: OrderDecision | null) => inIntl(locale, createElement(OrderResponseForm, { action, orderId: 7, lines, initialDecision }));
const fields = (state: ActionState, initialDecision: OrderDecision | null = "change") =>
  inIntl("nl", createElement(OrderResponseFields, { state, orderId: 7, lines, initialDecision }));
const lineInputs = (html: string) => [...html.matchAll(/<input[^>]*name="line_\d_(?:quantity|price|date)"[^>]*>/g)].map((m) => m[0]);
const checked = (html: string) => [...html.matchAll(/<input type="radio"[^>]*name="decision"[^>]*>/g)].filter((m) => m[0].includes('checked=""')).map((m) => /value="(\w+)"/.exec(m[0])![1]);
/** The element carrying an id, as rendered. */
const elementWithId = (html: string, id: string) => new RegExp(`<(input|textarea|fieldset)[^>]*id="${id}"[^>]*>`).exec(html)?.[0];

const refused = (message: string, extra: Partial<Extract<ActionState, { status: "error" }>> = {}): ActionState => ({ status: "error", code: "invalid_input", message, ...extra });

describe("OrderResponseForm", () => {
  it.each([
    ["accept", true],
    ["reject", true],
    ["change", false],
  ] as const)("under %s the per-line quantity, price and date are disabled: %s", (decision, disabled) => {
    const html = render("en", decision);
    expect(checked(html)).toEqual([decision]);
    const inputs = lineInputs(html);
    expect(inputs).toHaveLength(6);
    for (const input of inputs) expect(input.includes('disabled=""'), input).toBe(disabled);
    expect(html.includes("can only be changed with")).toBe(disabled);
    // With changes, the form says what a 0 does.
    expect(html.includes("0 rejects the line")).toBe(!disabled);
  });

  it("on an order under review nothing is chosen: one press on Send cannot confirm it", () => {
    const html = render("nl", null);
    expect(checked(html)).toEqual([]);
    expect(html).toContain("Alles bevestigen");
    for (const input of lineInputs(html)) expect(input).toContain('disabled=""');
  });

  it("starts with the lines' quantity and price in the UI's number format and the requested delivery date", () => {
    const nl = render("nl", "accept");
    expect(nl).toContain('name="line_1_price" value="3,37"');
    expect(nl).toContain('name="line_2_quantity" value="10"');
    expect(render("en", "accept")).toContain('name="line_1_price" value="3.37"');
    // The buyer's date for the line as a calendar day; a line without one starts empty.
    expect(nl).toMatch(/<input[^>]*type="date"[^>]*name="line_1_date"[^>]*value="2026-12-10"/);
    expect(nl).toMatch(/<input[^>]*name="line_2_date"[^>]*value=""/);
  });

  it("waits for React before it submits: it sends through its own handler, which keeps the choice after a refusal", () => {
    expect(render("en", "accept")).toMatch(/<button type="submit"[^>]*\sdisabled=""[^>]*>Send<\/button>/);
  });
});

describe("requestedDay", () => {
  it.each([
    ["2026-12-10T00:00:00+01:00", "2026-12-10"],
    ["2026-12-10", "2026-12-10"],
    ["2026-02-30", ""],
    ["next week", ""],
    ["", ""],
    [null, ""],
    [undefined, ""],
  ])("%s → %s", (value, day) => expect(requestedDay(value)).toBe(day));
});

describe("refusals at their fields", () => {
  it.each([
    ["no decision", refused("decision_required", { fieldErrors: { decision: ["decision_required"] } }), { decision: ["decision_required"] }],
    ["every line at 0", refused("all_lines_rejected", { fieldErrors: { decision: ["all_lines_rejected"] } }), { decision: ["all_lines_rejected"] }],
    ["a rejection without a reason", refused("reject_comment_required", { details: { field: "comment" } }), { comment: ["reject_comment_required"] }],
    ["line fields", refused("invalid_input", { fieldErrors: { line_2_price: ["invalid_amount"], line_1_quantity: ["whole_number"] } }), { line_2_price: ["invalid_amount"], line_1_quantity: ["whole_number"] }],
    ["a refusal of no field", refused("order_status_changed"), {}],
  ] as const)("%s", (_name, state, errors) => {
    expect(responseFieldErrors(state)).toEqual(errors);
  });

  it.each([
    [{ comment: ["x"], decision: ["y"] }, "decision"],
    [{ line_1_date: ["x"], comment: ["y"] }, "comment"],
    [{ line_2_price: ["x"], line_1_date: ["y"] }, "line_1_date"],
    [{ line_2_quantity: ["x"], line_2_price: ["y"] }, "line_2_quantity"],
    [{ unknown: ["x"] }, null],
    [{}, null],
  ])("the focus goes to the first refused field in the form's order: %j → %s", (errors, field) => {
    expect(firstRefusedField(errors, [1, 2])).toBe(field);
  });

  it("a rejection without a reason is said at the comment field, which is marked invalid and described by it", () => {
    const html = fields(refused("reject_comment_required", { details: { field: "comment" } }), "reject");
    const comment = elementWithId(html, "order-7-comment");
    expect(comment).toMatch(/^<textarea/);
    expect(comment).toContain('aria-invalid="true"');
    expect(comment).toContain('aria-describedby="order-7-comment-error"');
    expect(html).toMatch(/<span id="order-7-comment-error"[^>]*>Geef een reden op bij afwijzen\.<\/span>/);
    // The choice stays a rejection.
    expect(checked(html)).toEqual(["reject"]);
  });

  it("no decision is said at the radio group, and the focus target is its first option", () => {
    const html = fields(refused("decision_required", { fieldErrors: { decision: ["decision_required"] } }), null);
    expect(html).toMatch(/<fieldset role="radiogroup" aria-required="true" aria-invalid="true" aria-describedby="order-7-decision-error"/);
    expect(html).toMatch(/<span id="order-7-decision-error"[^>]*>Kies wat u met deze order doet\.<\/span>/);
    expect(elementWithId(html, "order-7-decision")).toMatch(/type="radio"[^>]*value="accept"/);
  });

  it("every line at 0 is said at the radio group (it is a rejection), with the chosen option as focus target", () => {
    const html = fields(refused("all_lines_rejected", { fieldErrors: { decision: ["all_lines_rejected"] } }), "change");
    expect(html).toMatch(/<span id="order-7-decision-error"[^>]*>Alle regels staan op 0: dat is de hele order afwijzen\. Kies &quot;Afwijzen&quot; en geef een reden op\.<\/span>/);
    expect(elementWithId(html, "order-7-decision")).toMatch(/value="change"/);
  });

  it("line refusals are said at their inputs; the others stay unmarked", () => {
    const html = fields(refused("invalid_input", { fieldErrors: { line_1_quantity: ["whole_number"], line_2_price: ["invalid_amount"] } }));
    for (const [field, text] of [
      ["line_1_quantity", "vul een heel getal in (0 of meer)"],
      ["line_2_price", "vul een bedrag in euro&#x27;s in, bijv. 7,50"],
    ]) {
      const input = elementWithId(html, `order-7-${field}`)!;
      expect(input).toContain(`name="${field}"`);
      expect(input).toContain('aria-invalid="true"');
      expect(input).toContain(`aria-describedby="order-7-${field}-error"`);
      expect(html).toContain(`<span id="order-7-${field}-error" class="mt-0.5 block text-xs text-red-700" data-testid="field-error-${field}">${text}</span>`);
    }
    expect(elementWithId(html, "order-7-line_1_price")).not.toContain("aria-invalid");
    expect(elementWithId(html, "order-7-comment")).not.toContain("aria-invalid");
  });

  it.each([
    ["a field shown at the field leaves nothing under the button", refused("reject_comment_required", { details: { field: "comment" } }), { status: "idle" }],
    [
      "only the field errors shown elsewhere stay under the button",
      refused("invalid_input", { fieldErrors: { decision: ["decision_required"], other: ["x"] } }),
      refused("invalid_input", { fieldErrors: { other: ["x"] } }),
    ],
    ["all field errors at their fields", refused("decision_required", { fieldErrors: { decision: ["decision_required"] } }), { status: "idle" }],
    ["a refusal of no field stays under the button", refused("order_status_changed"), refused("order_status_changed")],
  ] as const)("under the button: %s", (_name, state, shown) => {
    expect(withoutFieldErrors(state, ["decision", "comment", "line_1_quantity"])).toEqual(shown);
  });
});
