import { describe, expect, it } from "vitest";
import { accountExistsMail, accountRequestReceivedMail, accountRequestRejectedMail, autoJoinedMail, joinRequestMail, newAccountRequestMail } from "@/lib/mail/account-request-mails";

const requester = { email: "ilse@vlinder.test", contactName: "Ilse Verbeek", companyName: "De Vlinder B.V.", city: "Amersfoort", kvkNumber: "87654321" };

describe("account request mails", () => {
  it.each([
    ["nl", "Uw aanvraag voor een account bij Koppel is ontvangen", /aanvraag voor een account bij de Koppel-webshop voor De Vlinder B\.V\./],
    ["en", "We received your request for a Koppel account", /requesting an account in the Koppel web shop for De Vlinder B\.V\./],
  ] as const)("confirms the request (%s)", (locale, subject, body) => {
    const mail = accountRequestReceivedMail({ ...requester, locale });
    expect(mail).toMatchObject({ toEmail: requester.email, toName: "Ilse Verbeek", kind: "account_request_received", subject });
    expect(mail.bodyText).toMatch(body);
  });

  it.each([
    ["nl", "U heeft al een account", "Wachtwoord vergeten: https://shop.test/forgot-password"],
    ["en", "You already have an account", "Forgot your password: https://shop.test/forgot-password"],
  ] as const)("tells an existing user how to get in (%s)", (locale, subject, line) => {
    const mail = accountExistsMail({ email: "sanne@demo.test", name: "Sanne", locale }, { login: "https://shop.test/login", forgotPassword: "https://shop.test/forgot-password" });
    expect(mail).toMatchObject({ kind: "account_request_existing", subject });
    expect(mail.bodyText.split("\n")).toContain(line);
  });

  it("tells staff who asked, for which organisation, and where to review it", () => {
    const mail = newAccountRequestMail({ id: 9, email: "admin@koppel.test", name: "Beheer", locale: "en" }, { ...requester, locale: "nl" }, "https://shop.test/admin/account-requests");
    expect(mail).toMatchObject({ userId: 9, kind: "account_request_new", subject: "Account request: De Vlinder B.V." });
    expect(mail.bodyText).toContain("Ilse Verbeek <ilse@vlinder.test> for De Vlinder B.V. (Amersfoort, KvK number 87654321)");
    expect(mail.bodyText).toContain("Review: https://shop.test/admin/account-requests");
  });

  it.each([
    ["nl", "Toelichting: Alleen zorginstellingen."],
    ["en", "Reason: Alleen zorginstellingen."],
  ] as const)("gives the reason of a rejection (%s)", (locale, line) => {
    expect(accountRequestRejectedMail({ ...requester, locale }, "Alleen zorginstellingen.").bodyText.split("\n")).toContain(line);
  });

  it.each([
    ["nl", "Ilse Verbeek vraagt een account aan bij Demo Facilities B.V.", "Ilse Verbeek <ilse@vlinder.test> lijkt bij Demo Facilities B.V. te horen en heeft een account aangevraagd (voor \"De Vlinder B.V.\")."],
    ["en", "Ilse Verbeek asks for an account with Demo Facilities B.V.", "Ilse Verbeek <ilse@vlinder.test> seems to belong to Demo Facilities B.V. and requested an account (for \"De Vlinder B.V.\")."],
  ] as const)("asks a customer's company admin to decide a request to join (%s)", (locale, subject, line) => {
    const mail = joinRequestMail({ id: 4, email: "fatima@demo.test", name: "Fatima", locale, companyName: "Demo Facilities B.V." }, { ...requester, locale: "en" }, "https://shop.test/account/users#join-requests");
    expect(mail).toMatchObject({ userId: 4, toEmail: "fatima@demo.test", kind: "account_request_join", subject });
    expect(mail.bodyText.split("\n")).toEqual(expect.arrayContaining([line, "https://shop.test/account/users#join-requests"]));
  });

  it.each([
    ["nl", "Fatima, beheerder van Demo Facilities B.V., heeft uw aanvraag voor een account niet goedgekeurd."],
    ["en", "Fatima, administrator of Demo Facilities B.V., did not approve your request for an account."],
  ] as const)("names the company admin who rejected a request to join (%s)", (locale, line) => {
    const mail = accountRequestRejectedMail({ ...requester, locale }, "Onbekend.", { name: "Fatima", companyName: "Demo Facilities B.V." });
    expect(mail.bodyText.split("\n")).toContain(line);
    expect(mail.bodyText).toMatch(/Onbekend\.$/);
  });
});

describe("auto-joined mail to the company admins", () => {
  const admin = { id: 9, email: "fm@acme.test", name: "Fleur", companyName: "Acme B.V." };
  const request = { email: "sam@acme.test", contactName: "Sam", companyName: "Acme", locale: "en" as const };
  it.each([
    ["nl", "buyer", null, "Sam is lid geworden van Acme B.V.", "toegevoegd als inkoper zonder bestellimiet."],
    ["nl", "approver", 250_000, "Sam is lid geworden van Acme B.V.", "toegevoegd als fiatteur met een bestellimiet van € 2.500,00."],
    ["en", "buyer", 50_000, "Sam joined Acme B.V.", "was added as buyer with an order limit of €500.00."],
  ] as const)("%s, %s, limit %s", (locale, role, orderLimitMinor, subject, added) => {
    const mail = autoJoinedMail({ ...admin, locale }, request, { role, orderLimitMinor, domain: "acme.test", link: "https://shop.test/account/users" });
    expect(mail).toMatchObject({ toEmail: admin.email, userId: 9, kind: "account_auto_joined", subject });
    expect(mail.bodyText).toContain("Sam <sam@acme.test>");
    expect(mail.bodyText).toContain("@acme.test");
    expect(mail.bodyText.replace(/\u00a0/g, " ")).toContain(added);
    expect(mail.bodyText.split("\n").at(-1)).toMatch(/https:\/\/shop\.test\/account\/users$/);
  });
});
