import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ApiKeyForm } from "@/components/admin/api-key-form";
import type { FormAction } from "@/components/admin/action-form";
import { scopesForRole } from "@/lib/admin/api-scopes";
import en from "@/lib/i18n/messages/admin.en.json";
import nl from "@/lib/i18n/messages/admin.nl.json";

/** "New key" as the browser first gets it: a name and what the key may use, nothing ticked beforehand. */
const action: FormAction = async (state) => state;
const render = (locale: "nl" | "en", role: "admin" | "account_manager") =>
  renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: locale === "nl" ? nl : en,
      timeZone: "Europe/Amsterdam",
      children: createElement(ApiKeyForm, { action, scopes: scopesForRole(role) }),
    }),
  );

describe("ApiKeyForm", () => {
  it.each([
    ["en", "May use", "Stock levels (change)", "Orders: fetch new orders"],
    ["nl", "Mag gebruiken", "Voorraadstanden (wijzigen)", "Orders: nieuwe orders"],
  ] as const)("%s: every permission an admin can give, as an unticked box with its words", (locale, legend, stock, orders) => {
    const html = render(locale, "admin");
    expect(html).toContain(`<legend class="text-sm font-medium">${legend}</legend>`);
    expect(html).toContain(stock);
    expect(html).toContain(orders);
    const boxes = [...html.matchAll(/<input type="checkbox"[^>]*>/g)].map((m) => m[0]);
    expect(boxes.map((box) => /value="(\w+)"/.exec(box)?.[1])).toEqual(["catalog", "stock", "prices", "orders", "credit", "returns", "customers", "invoices"]);
    expect(boxes.every((box) => box.includes('name="scopes"') && !box.includes("checked"))).toBe(true);
  });

  it("an account manager is offered only what a manager's key can use", () => {
    const html = render("en", "account_manager");
    expect([...html.matchAll(/name="scopes" value="(\w+)"/g)].map((m) => m[1])).toEqual(["prices", "orders", "credit", "returns", "customers", "invoices"]);
  });
});
