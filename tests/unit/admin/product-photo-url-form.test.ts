import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProductPhotoUrlForm, type ProductPhotoUrlAction } from "@/components/admin/product-photo-url-form";
import en from "@/lib/i18n/messages/admin.en.json";
import nl from "@/lib/i18n/messages/admin.nl.json";

/** "Add photo from URL" as the browser first gets it (submitting is the integration test's and the e2e spec's). */
const action: ProductPhotoUrlAction = async (state) => state;
const render = (locale: "nl" | "en") =>
  renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === "nl" ? nl : en,
      timeZone: "Europe/Amsterdam",
      children: createElement(ProductPhotoUrlForm, { sku: "KP-1", action, max: 8 }),
    }),
  );

describe("ProductPhotoUrlForm", () => {
  it.each([
    ["en", "Add photo from URL (one per line)", "Fetch and add", "up to 8 URLs"],
    ["nl", "Foto toevoegen van URL (één per regel)", "Ophalen en toevoegen", "tot 8 URL&#x27;s"],
  ] as const)("%s: a labelled box for the URLs, the product's SKU, and a button that waits for React", (locale, label, button, hint) => {
    const html = render(locale);
    expect(html).toContain(label);
    expect(html).toContain(hint);
    expect(html).toMatch(/<textarea name="urls" required=""/);
    expect(html).toContain('<input type="hidden" name="sku" value="KP-1"/>');
    expect(html).toMatch(new RegExp(`<button type="submit"[^>]*\\sdisabled=""[^>]*>${button}</button>`));
    expect(html).not.toContain("photo-url-outcome");
  });
});
