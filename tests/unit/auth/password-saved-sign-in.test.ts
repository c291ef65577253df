import { NextIntlClientProvider } from "next-intl";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PasswordSaved } from "@/app/set-password/set-password-form";
import { initialLoginState } from "@/lib/auth/login-state";
import { pickMessages, SET_PASSWORD_CLIENT_MESSAGES } from "@/lib/i18n/client-messages";
import adminEn from "@/lib/i18n/messages/admin.en.json";
import adminNl from "@/lib/i18n/messages/admin.nl.json";
import shopEn from "@/lib/i18n/messages/shop.en.json";
import shopNl from "@/lib/i18n/messages/shop.nl.json";
import twoStepEn from "@/lib/i18n/messages/two-step.en.json";
import twoStepNl from "@/lib/i18n/messages/two-step.nl.json";

/**
 * The password is chosen, the automatic sign-in was refused (two-step on, throttled): the card shows
 * the sign-in form with the address filled in, with only the texts the set-password page hands its
 * client components. The address is in no link (a URL puts it in history and logs).
 */
const EMAIL = "anna+inkoop@voorbeeld.test";
const signInAction = async () => initialLoginState;
const render = (locale: "nl" | "en") =>
  renderToStaticMarkup(
    createElement(NextIntlClientProvider, {
      locale,
      messages: pickMessages(locale === "nl" ? { ...shopNl, ...adminNl, ...twoStepNl } : { ...shopEn, ...adminEn, ...twoStepEn }, SET_PASSWORD_CLIENT_MESSAGES),
      timeZone: "Europe/Amsterdam",
      children: createElement(PasswordSaved, { email: EMAIL, signInAction }),
    }),
  );

/** Each <input>'s attributes, by name. */
const inputs = (html: string) =>
  [...html.matchAll(/<input\s([^>]*?)\/?>/g)].map((m) => Object.fromEntries([...m[1]!.matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!])));

describe("after choosing a password, when the automatic sign-in is refused", () => {
  it.each([
    ["en", "Your password has been saved. You can sign in now.", "Email address", "Sign in"],
    ["nl", "Uw wachtwoord is opgeslagen. U kunt nu inloggen.", "E-mailadres", "Inloggen"],
  ] as const)("%s: says it is saved and offers the sign-in form with the address filled in", (locale, saved, emailLabel, submit) => {
    const html = render(locale);
    expect(html).toContain(`<p role="status" data-testid="password-saved">${saved}</p>`);
    expect(html).toContain(emailLabel);
    const fields = inputs(html);
    expect(fields.map((field) => field.name)).toEqual(["callbackUrl", "email", "password"]);
    expect(fields[0]).toMatchObject({ type: "hidden", value: "/" });
    expect(fields[1]).toMatchObject({ type: "email", autoComplete: "username", value: EMAIL });
    // The keyboard waits in the password field: the address is there already.
    expect(fields[2]).toMatchObject({ type: "password", autoComplete: "current-password", autofocus: "", value: "" });
    expect(html).toMatch(new RegExp(`<button type="submit"[^>]*>${submit}</button>`));
  });

  it("puts the address in no link", () => {
    const html = render("en");
    const links = [...html.matchAll(/\s(?:href|action|formAction)="([^"]*)"/gi)].map((m) => m[1]!);
    expect(links.filter((url) => /email=|anna|voorbeeld/i.test(decodeURIComponent(url)))).toEqual([]);
    expect(html.match(/anna\+inkoop@voorbeeld\.test/g)).toHaveLength(1);
  });
});
