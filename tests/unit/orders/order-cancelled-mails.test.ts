import { describe, expect, it } from "vitest";
import { orderCancelledByCustomerMail, orderCancelledMail } from "@/lib/mail/order-cancelled-mails";

// The mails about a cancelled web order, in the recipient's profile language: to the orderer when
// somebody else (we, or a colleague) cancelled it; to the account managers when the customer did.

const person = (locale: "nl" | "en") => ({ id: 7, email: "sanne@klant.test", name: "Sanne de Vries", locale });
const LINK = "https://shop.test/account/orders/K100123";

describe("orderCancelledMail (to the orderer)", () => {
  const mail = (locale: "nl" | "en", by: "supplier" | "colleague", poNumber: string | null, comment: string | null) =>
    orderCancelledMail(person(locale), { orderNumber: "K100123", poNumber, by, cancelledByName: "Piet Inkoop", comment, orderLink: LINK });

  it.each([
    ["nl", "supplier", "We hebben uw bestelling K100123 (uw referentie PO-77) geannuleerd: ze wordt niet geleverd en niet gefactureerd."],
    ["nl", "colleague", "Piet Inkoop heeft uw bestelling K100123 (uw referentie PO-77) geannuleerd: ze wordt niet geleverd en niet gefactureerd."],
    ["en", "supplier", "We have canceled your order K100123 (your reference PO-77): it will not be delivered or invoiced."],
    ["en", "colleague", "Piet Inkoop has canceled your order K100123 (your reference PO-77): it will not be delivered or invoiced."],
  ] as const)("%s, cancelled by the %s: who did it, with the PO reference", (locale, by, lead) => {
    const message = mail(locale, by, "PO-77", "Dubbel besteld");
    expect(message).toMatchObject({
      toEmail: "sanne@klant.test",
      toName: "Sanne de Vries",
      userId: 7,
      kind: "order_cancelled",
      subject: locale === "nl" ? "Bestelling K100123 is geannuleerd" : "Order K100123 has been canceled",
    });
    expect(message.bodyText.split("\n")).toEqual([
      locale === "nl" ? "Beste Sanne de Vries," : "Dear Sanne de Vries,",
      "",
      lead,
      "",
      locale === "nl" ? "Toelichting: Dubbel besteld" : "Comment: Dubbel besteld",
      "",
      locale === "nl" ? `Uw bestelling: ${LINK}` : `Your order: ${LINK}`,
    ]);
  });

  it("the supplier's wording never names the staff member; the colleague's does", () => {
    expect(mail("nl", "supplier", null, null).bodyText).not.toContain("Piet Inkoop");
    expect(mail("en", "supplier", null, null).bodyText).not.toContain("Piet Inkoop");
    expect(mail("nl", "colleague", null, null).bodyText).toContain("Piet Inkoop heeft");
  });

  it.each(["nl", "en"] as const)("%s without a PO reference: no empty reference, no parentheses", (locale) => {
    const body = mail(locale, "colleague", null, null).bodyText;
    expect(body).not.toMatch(/referentie|reference|\(/);
    expect(body).toContain(locale === "nl" ? "bestelling K100123 geannuleerd:" : "order K100123: it will not");
  });

  it.each(["nl", "en"] as const)("%s without a comment: no comment line, the link follows the lead after one blank line", (locale) => {
    const lines = mail(locale, "supplier", "PO-77", null).bodyText.split("\n");
    expect(lines).toHaveLength(5);
    expect(lines.join("\n")).not.toMatch(/Toelichting|Comment/);
    expect(lines[3]).toBe("");
    expect(lines[4]).toBe(locale === "nl" ? `Uw bestelling: ${LINK}` : `Your order: ${LINK}`);
  });

  it("the recipient's language decides, not the canceller's", () => {
    expect(mail("en", "colleague", null, null).subject).toBe("Order K100123 has been canceled");
    expect(mail("nl", "colleague", null, null).subject).toBe("Bestelling K100123 is geannuleerd");
  });
});

describe("orderCancelledByCustomerMail (to the account managers)", () => {
  const mail = (locale: "nl" | "en", comment: string | null) =>
    orderCancelledByCustomerMail(person(locale), {
      orderNumber: "K100123",
      companyName: "Klant B.V.",
      cancelledByName: "Piet Inkoop",
      comment,
      link: "https://shop.test/admin/orders/42",
    });

  it.each([
    [
      "nl",
      "Bestelling K100123 geannuleerd door Klant B.V.",
      ["Beste Sanne de Vries,", "", "Piet Inkoop (Klant B.V.) heeft bestelling K100123 geannuleerd. Niet verzenden.", "", "Toelichting: Verkeerd adres", "", "Bestelling: https://shop.test/admin/orders/42"],
    ],
    [
      "en",
      "Order K100123 canceled by Klant B.V.",
      ["Dear Sanne de Vries,", "", "Piet Inkoop (Klant B.V.) has canceled order K100123. Do not ship it.", "", "Comment: Verkeerd adres", "", "Order: https://shop.test/admin/orders/42"],
    ],
  ] as const)("%s: who of which customer, do not ship, the comment and the admin link", (locale, subject, body) => {
    const message = mail(locale, "Verkeerd adres");
    expect(message).toMatchObject({ toEmail: "sanne@klant.test", toName: "Sanne de Vries", userId: 7, kind: "order_cancelled_by_customer", subject });
    expect(message.bodyText.split("\n")).toEqual(body);
  });

  it.each(["nl", "en"] as const)("%s without a comment: no comment line", (locale) => {
    const lines = mail(locale, null).bodyText.split("\n");
    expect(lines).toHaveLength(5);
    expect(lines.join("\n")).not.toMatch(/Toelichting|Comment/);
    expect(lines[4]).toMatch(/^(Bestelling|Order): https:\/\/shop\.test\/admin\/orders\/42$/);
  });
});
