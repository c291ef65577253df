import { describe, expect, it } from "vitest";
import { quoteAnsweredMail } from "@/lib/mail/quote-mails";

const person = (locale: "nl" | "en") => ({ id: 5, email: "sanne@klant.test", name: "Sanne", locale });
const quote = {
  quoteNumber: "Q2002",
  companyName: "Demo Facilities B.V.",
  link: "https://shop.example/account/quotes/Q2002",
  total: (locale: "nl" | "en") => (locale === "nl" ? "€ 790,00" : "€790.00"),
  comment: null,
};

describe("quoteAnsweredMail", () => {
  it.each([
    ["nl", "2026-12-20", "Uw offerte Q2002 staat klaar", "€ 790,00 excl. btw, geldig t/m 20 dec 2026."],
    ["en", "2026-12-20", "Your quote Q2002 is ready", "€790.00 excl. VAT, valid until 20 Dec 2026."],
    ["nl", "2026-12-31", "Uw offerte Q2002 staat klaar", "geldig t/m 31 dec 2026."],
    ["en", "2027-01-01", "Your quote Q2002 is ready", "valid until 1 Jan 2027."],
  ] as const)("quoted (%s, %s): the date as the app writes it, never ISO", (locale, validUntil, subject, sentence) => {
    const mail = quoteAnsweredMail(person(locale), { ...quote, outcome: "quoted", validUntil });
    expect(mail).toMatchObject({ toEmail: "sanne@klant.test", userId: 5, kind: "quote_answered", subject });
    expect(mail.bodyText).toContain(sentence);
    expect(mail.bodyText).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(mail.bodyText).toContain(quote.link);
  });

  it.each([
    ["nl", "Offerteaanvraag Q2002: geen offerte", "Op uw aanvraag Q2002 volgt geen offerte."],
    ["en", "Quote request Q2002: no quote", "Your request Q2002 will not be quoted."],
  ] as const)("rejected (%s): no date, the reason", (locale, subject, sentence) => {
    const mail = quoteAnsweredMail(person(locale), { ...quote, outcome: "rejected", validUntil: null, comment: "Niet leverbaar" });
    expect(mail).toMatchObject({ kind: "quote_rejected", subject });
    expect(mail.bodyText).toContain(sentence);
    expect(mail.bodyText).toContain("Niet leverbaar");
  });
});
