import { describe, expect, it } from "vitest";
import { orderConfirmationMail, type ConfirmationOccasion, type OrderConfirmationFacts } from "@/lib/mail/order-confirmation-mail";

const person = (locale: "nl" | "en") => ({ id: 9, email: "sanne@demo.test", name: "Sanne de Vries", locale });
/** Dutch amounts keep "€" and the number together with a no-break space; the expectations write a plain one. */
const plain = (text: string) => text.replace(/\u00a0/g, " ");

/** Two lines at 21 % and one at 9 %, a delivery charge (at 21 %), everything the order may carry (an invoice address abroad). */
const order: OrderConfirmationFacts = {
  orderNumber: "K100003",
  // 23:30 in Amsterdam on 28 November: the order date is the Dutch calendar day, not UTC's.
  placedAt: new Date("2026-11-28T22:30:00Z"),
  poNumber: "PO-2026-118",
  costCenter: { code: "4200", name: "ICT" },
  requestedDeliveryDate: "2026-12-03",
  note: "Graag bij de receptie afgeven",
  shipTo: { name: "Demo Facilities B.V.", attention: "Facilitaire dienst", street: "Stationsplein 12", postalCode: "3511 ED", city: "Utrecht", countryCode: "NL" },
  billTo: { name: "Demo Facilities Group NV", attention: "Crediteurenadministratie", street: "Kunstlaan 1", postalCode: "1000", city: "Brussel", countryCode: "BE" },
  lines: [
    { sku: "KP-000123", name: "Kopieerpapier A4 80 g", quantity: 10, unit: "BX", unitPriceMinor: 2_450, lineTotalMinor: 24_500, customerArticleNumber: "4711" },
    { sku: "KF-000001", name: "Koffiebonen 1 kg", quantity: 1, unit: "PK", unitPriceMinor: 1_895, lineTotalMinor: 1_895, customerArticleNumber: null },
  ],
  currency: "EUR",
  deliveryChargeMinor: 695,
  deliveryCharged: true,
  subtotalMinor: 27_090,
  vatBreakdown: [
    { vatRateBasisPoints: 2_100, taxableMinor: 25_195, vatMinor: 5_291 },
    { vatRateBasisPoints: 900, taxableMinor: 1_895, vatMinor: 171 },
  ],
  totalMinor: 32_552,
  orderLink: "https://shop.example/account/orders/K100003",
  supplierName: "Koppel Kantoorartikelen",
};

/** Only what every order has. */
const bare: OrderConfirmationFacts = {
  ...order,
  poNumber: null,
  costCenter: null,
  requestedDeliveryDate: null,
  note: null,
  shipTo: { ...order.shipTo, attention: null },
  billTo: null,
  lines: [order.lines[1]!],
  deliveryChargeMinor: 0,
  deliveryCharged: false,
  supplierName: null,
  subtotalMinor: 1_895,
  vatBreakdown: [{ vatRateBasisPoints: 900, taxableMinor: 1_895, vatMinor: 171 }],
  totalMinor: 2_066,
};

describe("orderConfirmationMail", () => {
  it("writes the whole order for the buyer's records (nl)", () => {
    const mail = orderConfirmationMail(person("nl"), order, { kind: "checkout" });
    expect(mail).toMatchObject({ toEmail: "sanne@demo.test", toName: "Sanne de Vries", userId: 9, kind: "order_confirmation", subject: "Orderbevestiging K100003" });
    expect(plain(mail.bodyText)).toBe(
      [
        "Beste Sanne de Vries,",
        "",
        "Dank u voor uw bestelling. Bewaar deze bevestiging voor uw administratie.",
        "",
        "Bestelnummer: K100003",
        "Besteldatum: 28 nov 2026",
        "Inkoopordernummer: PO-2026-118",
        "Kostenplaats: 4200 – ICT",
        "Gewenste leverdatum: 3 dec 2026",
        "Opmerking: Graag bij de receptie afgeven",
        "",
        "Afleveradres:",
        "Demo Facilities B.V.",
        "Facilitaire dienst",
        "Stationsplein 12",
        "3511 ED Utrecht",
        "Nederland",
        "",
        "Factuuradres:",
        "Demo Facilities Group NV",
        "Crediteurenadministratie",
        "Kunstlaan 1",
        "1000 Brussel",
        "België",
        "",
        "Artikelen (prijzen excl. btw):",
        "- KP-000123 Kopieerpapier A4 80 g (uw nr. 4711)",
        "  10 dozen × € 24,50 = € 245,00",
        "- KF-000001 Koffiebonen 1 kg",
        "  1 pak × € 18,95 = € 18,95",
        "",
        "Artikelen excl. btw: € 263,95",
        "Bezorgkosten: € 6,95",
        "Subtotaal excl. btw: € 270,90",
        "Btw 21% over € 251,95: € 52,91",
        "Btw 9% over € 18,95: € 1,71",
        "Totaal incl. btw: € 325,52",
        "",
        "Uw bestelling in Mijn account: https://shop.example/account/orders/K100003",
        "",
        "Met vriendelijke groet,",
        "Koppel Kantoorartikelen",
      ].join("\n"),
    );
  });

  it("writes the whole order for the buyer's records (en)", () => {
    const mail = orderConfirmationMail(person("en"), order, { kind: "checkout" });
    expect(mail.subject).toBe("Order confirmation K100003");
    expect(plain(mail.bodyText)).toBe(
      [
        "Dear Sanne de Vries,",
        "",
        "Thank you for your order. Keep this confirmation for your records.",
        "",
        "Order number: K100003",
        "Order date: 28 Nov 2026",
        "PO number: PO-2026-118",
        "Cost center: 4200 – ICT",
        "Requested delivery date: 3 Dec 2026",
        "Note: Graag bij de receptie afgeven",
        "",
        "Delivery address:",
        "Demo Facilities B.V.",
        "Facilitaire dienst",
        "Stationsplein 12",
        "3511 ED Utrecht",
        "Netherlands",
        "",
        "Invoice address:",
        "Demo Facilities Group NV",
        "Crediteurenadministratie",
        "Kunstlaan 1",
        "1000 Brussel",
        "Belgium",
        "",
        "Items (prices excl. VAT):",
        "- KP-000123 Kopieerpapier A4 80 g (your no. 4711)",
        "  10 boxes × €24.50 = €245.00",
        "- KF-000001 Koffiebonen 1 kg",
        "  1 pack × €18.95 = €18.95",
        "",
        "Items excl. VAT: €263.95",
        "Delivery: €6.95",
        "Subtotal excl. VAT: €270.90",
        "VAT 21% on €251.95: €52.91",
        "VAT 9% on €18.95: €1.71",
        "Total incl. VAT: €325.52",
        "",
        "Your order in My account: https://shop.example/account/orders/K100003",
        "",
        "Kind regards,",
        "Koppel Kantoorartikelen",
      ].join("\n"),
    );
  });

  it.each([
    ["nl", ["Inkoopordernummer", "Kostenplaats", "Gewenste leverdatum", "Opmerking", "Bezorgkosten", "Artikelen excl. btw", "uw nr.", "Factuuradres", "Met vriendelijke groet"]],
    ["en", ["PO number", "Cost center", "Requested delivery date", "Note:", "Delivery:", "Items excl. VAT", "your no.", "Invoice address", "Kind regards"]],
  ] as const)("leaves out what the order does not have (%s)", (locale, absent) => {
    const text = plain(orderConfirmationMail(person(locale), bare, { kind: "checkout" }).bodyText);
    for (const label of absent) expect(text).not.toContain(label);
    expect(text).toContain(locale === "nl" ? "Totaal incl. btw: € 20,66" : "Total incl. VAT: €20.66");
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  // Delivery waived under the customer's terms (goods above the free-delivery amount) says so, as the checkout did.
  it.each([
    ["nl", "Artikelen excl. btw: € 18,95\nBezorgkosten: gratis\nSubtotaal excl. btw: € 18,95\n"],
    ["en", "Items excl. VAT: €18.95\nDelivery: free\nSubtotal excl. VAT: €18.95\n"],
  ] as const)("says delivery is free when the terms would have charged it (%s)", (locale, totals) => {
    expect(plain(orderConfirmationMail(person(locale), { ...bare, deliveryCharged: true }, { kind: "checkout" }).bodyText)).toContain(totals);
  });

  it.each([
    ["nl", { code: "4200", name: null }, "Kostenplaats: 4200\n"],
    ["en", { code: "4200", name: null }, "Cost center: 4200\n"],
  ] as const)("names a cost center by its code alone when it has no name any more (%s)", (locale, costCenter, line) => {
    expect(orderConfirmationMail(person(locale), { ...order, costCenter }, { kind: "checkout" }).bodyText).toContain(line);
  });

  const standing: ConfirmationOccasion = {
    kind: "standing_order",
    listName: "Kantoor",
    runOn: "2026-11-30",
    skipped: [{ sku: "B-1", name: "Oude nietjes", quantity: 2, reason: "unavailable", successor: { sku: "B-2", name: "Nietjes 24/6" } }],
    nextRunOn: "2026-12-28",
    listLink: "https://shop.example/favorites/7",
  };

  it.each<[string, "nl" | "en", ConfirmationOccasion, string, string[]]>([
    ["approved", "nl", { kind: "approved", approverName: "Pieter Jansen", comment: "Akkoord, budget Q4" }, "Orderbevestiging K100003: goedgekeurd", [
      "Beste Sanne de Vries,\n\nPieter Jansen heeft uw bestelling goedgekeurd. De bestelling wordt nu verwerkt.\n\nToelichting: Akkoord, budget Q4\n\nBestelnummer: K100003",
    ]],
    ["approved", "en", { kind: "approved", approverName: "Pieter Jansen", comment: null }, "Order confirmation K100003: approved", [
      "Dear Sanne de Vries,\n\nPieter Jansen approved your order. It is now being processed.\n\nOrder number: K100003",
    ]],
    ["released", "nl", { kind: "released", comment: "Betaling ontvangen" }, "Orderbevestiging K100003: vrijgegeven", [
      "Uw bestelling ging boven de kredietlimiet van uw bedrijf. We hebben haar beoordeeld en vrijgegeven: ze wordt nu verwerkt.\n\nToelichting: Betaling ontvangen",
    ]],
    ["released", "en", { kind: "released", comment: null }, "Order confirmation K100003: released", [
      "Your order went beyond your company's credit limit. We reviewed and released it: it is being processed now.\n\nOrder number",
    ]],
    ["held", "nl", { kind: "held" }, "Bestelling K100003 ontvangen, in beoordeling", [
      "Dank u voor uw bestelling; we hebben haar ontvangen. Ze gaat boven de kredietlimiet van uw bedrijf, dus we beoordelen haar voordat we haar verwerken en nemen contact op als dat nodig is. U krijgt een bevestiging zodra we haar hebben vrijgegeven.\n\nBestelnummer: K100003",
    ]],
    ["held", "en", { kind: "held" }, "Order K100003 received, under review", [
      "It goes beyond your company's credit limit, so we review it before we process it and will contact you if needed. You will get a confirmation once we have released it.\n\nOrder number: K100003",
    ]],
    ["standing order", "nl", standing, 'Orderbevestiging K100003: vaste bestelling "Kantoor"', [
      'Uw vaste bestelling "Kantoor" van 30 nov 2026 is geplaatst, tegen de prijzen van vandaag.',
      "Totaal incl. btw: € 325,52\n\nNiet besteld:\n- B-1 Oude nietjes (2): niet meer leverbaar – vervangen door B-2 Nietjes 24/6\n\nVolgende bestelling: 28 dec 2026.",
      "Uw bestelling in Mijn account: https://shop.example/account/orders/K100003\nLijst en instellingen: https://shop.example/favorites/7",
    ]],
    ["standing order", "en", { ...standing, skipped: [], nextRunOn: null } as ConfirmationOccasion, 'Order confirmation K100003: standing order "Kantoor"', [
      'Your standing order "Kantoor" of 30 Nov 2026 has been placed, at today\'s prices.',
      "Total incl. VAT: €325.52\n\nYour order in My account: https://shop.example/account/orders/K100003\nList and settings: https://shop.example/favorites/7",
    ]],
  ])("%s (%s): opens with how it came to be confirmed, then the same summary", (_name, locale, occasion, subject, parts) => {
    const mail = orderConfirmationMail(person(locale), order, occasion);
    // A held order is received, not yet confirmed: its own kind.
    expect(mail.kind).toBe(occasion.kind === "held" ? "order_received" : "order_confirmation");
    expect(mail.subject).toBe(subject);
    for (const part of parts) expect(plain(mail.bodyText)).toContain(part);
    // The summary is the checkout's, word for word, after the opening.
    const summary = orderConfirmationMail(person(locale), order, { kind: "checkout" }).bodyText;
    const from = (text: string) => text.slice(text.indexOf(locale === "nl" ? "Bestelnummer:" : "Order number:"));
    expect(from(mail.bodyText).startsWith(from(summary).split(locale === "nl" ? "\n\nUw bestelling in" : "\n\nYour order in")[0]!)).toBe(true);
    expect(mail.bodyText).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
});
