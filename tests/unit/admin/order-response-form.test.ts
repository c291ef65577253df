import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { FormAction } from "@/components/admin/action-form";
import { OrderResponseForm, type OrderDecision } from "@/app/admin/orders/order-response-form";
import adminEn from "@/lib/i18n/messages/admin.en.json";
import adminNl from "@/lib/i18n/messages/admin.nl.json";
import ordersEn from "@/lib/i18n/messages/orders.en.json";
import ordersNl from "@/lib/i18n/messages/orders.nl.json";

/** The decision form of a purchase order under review as the browser first gets it (submitting is the integration test's and the e2e spec's). */
const action: FormAction = async (state) => state;
const lines = [
  { lineNumber: 1, sku: "KP-1", quantity: 4, unitPriceMinor: 337 },
  { lineNumber: 2, sku: "KP-2", quantity: 10, unitPriceMinor: 270 },
];
const render = (locale: "nl" | "en", initialDecision?: OrderDecision) =>
  renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === "nl" ? { ...adminNl, ...ordersNl } : { ...adminEn, ...ordersEn },
      timeZone: "Europe/Amsterdam",
      children: createElement(OrderResponseForm, { action, orderId: 7, lines, initialDecision }),
    }),
  );
const lineInputs = (html: string) => [...html.matchAll(/<input[^>]*name="line_\d_(?:quantity|price|date)"[^>]*>/g)].map((m) => m[0]);
const checked = (html: string) => /<input type="radio" name="decision" checked="" value="(\w+)"/.exec(html)?.[1];

describe("OrderResponseForm", () => {
  it.each([
    ["accept", true],
    ["reject", true],
    ["change", false],
  ] as const)("under %s the per-line quantity, price and date are disabled: %s", (decision, disabled) => {
    const html = render("en", decision);
    expect(checked(html)).toBe(decision);
    const inputs = lineInputs(html);
    expect(inputs).toHaveLength(6);
    for (const input of inputs) expect(input.includes('disabled=""'), input).toBe(disabled);
    expect(html.includes("can only be changed with")).toBe(disabled);
  });

  it("starts at confirm all, with the lines' quantity and price in the UI's number format", () => {
    const nl = render("nl");
    expect(checked(nl)).toBe("accept");
    expect(nl).toContain('name="line_1_price" value="3,37"');
    expect(nl).toContain('name="line_2_quantity" value="10"');
    expect(nl).toContain("Alles bevestigen");
    expect(render("en")).toContain('name="line_1_price" value="3.37"');
  });

  it("waits for React before it submits: it sends through its own handler, which keeps the choice after a refusal", () => {
    expect(render("en")).toMatch(/<button type="submit" disabled=""[^>]*>Send<\/button>/);
  });
});
