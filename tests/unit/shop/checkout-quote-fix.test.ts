import { NextIntlClientProvider, createTranslator } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CheckoutQuoteFix } from "@/components/shop/checkout-quote-fix";
import type { ActionState } from "@/lib/actions/safe-action";
import en from "@/lib/i18n/messages/shop.en.json";
import nl from "@/lib/i18n/messages/shop.nl.json";

// The quote warning in the checkout summary as the browser first gets it: the fix that fits the line
// (back to the quoted quantity, or remove a lapsed line) as a submit button of its own form, described
// by the warning. Submitting is tests/integration/quotes/checkout-quote-fix.test.ts's.

const action = async (state: ActionState) => state;
const render = (locale: "nl" | "en", restoreTo: number | null) =>
  renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === "nl" ? nl : en,
      timeZone: "Europe/Amsterdam",
      children: createElement(CheckoutQuoteFix, { lineId: 17, warning: "Let op: …", restoreTo, action }),
    }),
  );
const buttons = (html: string) => [...html.matchAll(/<button[^>]*>([^<]*)<\/button>/g)].map((m) => ({ tag: m[0], text: m[1] }));

describe("CheckoutQuoteFix", () => {
  it.each([
    ["nl", 1000, "Terug naar 1.000 (offerteprijs)", "restore"],
    ["en", 1000, "Back to 1,000 (quoted price)", "restore"],
    ["nl", null, "Verwijder deze regel", "remove"],
    ["en", null, "Remove this line", "remove"],
  ] as const)("%s, quoted quantity %s: one button, %s", (locale, restoreTo, text, fix) => {
    const html = render(locale, restoreTo);
    expect(html).toContain('<input type="hidden" name="lineId" value="17"/>');
    const [button, ...more] = buttons(html);
    expect(more).toEqual([]);
    expect(button!.text).toBe(text);
    expect(button!.tag).toContain('name="fix"');
    expect(button!.tag).toContain(`value="${fix}"`);
    expect(button!.tag).toContain('type="submit"');
    // A screen reader hears why with the button: the warning is its description.
    const described = /aria-describedby="([^"]+)"/.exec(button!.tag)![1];
    expect(html).toContain(`<p id="${described}">Let op: …</p>`);
  });

  it("has the warnings and the refusal in both languages", () => {
    for (const messages of [nl, en]) {
      const t = createTranslator({ locale: "nl", messages, namespace: "cart" });
      expect(t("quote.expiredWarning", { number: "Q1001" })).toContain("Q1001");
      expect(t("quote.notValidWarning", { number: "Q1001" })).toContain("Q1001");
      expect(t.has("lineErrors.quote_no_longer_applies")).toBe(true);
    }
  });
});
