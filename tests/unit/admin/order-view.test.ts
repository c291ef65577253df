import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import {
  buyerQuantityText,
  confirmationColumn,
  confirmedLine,
  documentDateText,
  historyEntries,
  isUnderReview,
  linesToShip,
  purchaseOrderHeader,
  reasonText,
  responseFormLines,
  type Discontinued,
  type HistoryEvent,
  type OrderWords,
} from "@/lib/admin/order-view";
import { money } from "@/lib/format";
import en from "@/lib/i18n/messages/orders.en.json";
import nl from "@/lib/i18n/messages/orders.nl.json";

// The page's own messages, so these read as the page does.
const words: OrderWords = { text: createTranslator({ locale: "en", messages: en, namespace: "purchaseOrders" }), amount: (minor) => money(minor, "en", "EUR"), locale: "en" };
const wordsNl: OrderWords = { text: createTranslator({ locale: "nl", messages: nl, namespace: "purchaseOrders" }), amount: (minor) => money(minor, "nl", "EUR"), locale: "nl" };

const ordered = (quantity: number, unitPriceMinor: number, confirmedDeliveryDate: string | null = null) => ({ lineNumber: 1, quantity, unitPriceMinor, confirmedDeliveryDate });
const buyer = (quantity: string, buyerUnitPriceMinor: number | null, ourUnitPriceMinor: number | null = 100, lineNumber = 1) => ({ lineNumber, quantity, buyerUnitPriceMinor, ourUnitPriceMinor });

describe("confirmedLine: what the confirmation made of a buyer's line", () => {
  it.each([
    ["unchanged", buyer("5", 120), ordered(5, 120), true, { quantityChanged: false, priceChanged: false }],
    ["quantity lowered", buyer("5", 120), ordered(3, 120), true, { quantityChanged: true, priceChanged: false }],
    ["price changed", buyer("5", 120), ordered(5, 110), true, { quantityChanged: false, priceChanged: true }],
    ["quantity and price changed", buyer("5", 120), ordered(2, 110), true, { quantityChanged: true, priceChanged: true }],
    ["the buyer's quantity as sent with decimals, the same number", buyer("5.000", 120), ordered(5, 120), true, { quantityChanged: false, priceChanged: false }],
    ["no buyer price: compared with ours, unchanged", buyer("5", null, 110), ordered(5, 110), true, { quantityChanged: false, priceChanged: false }],
    ["no buyer price: compared with ours, changed", buyer("5", null, 110), ordered(5, 100), true, { quantityChanged: false, priceChanged: true }],
    ["not decided yet: the order line as it stands", buyer("5", 120), ordered(5, 120), false, { quantityChanged: false, priceChanged: false }],
  ])("%s", (_label, line, orderLine, decided, changes) => {
    expect(confirmedLine(line, orderLine, decided)).toEqual({ rejected: false, ordered: orderLine, ...changes });
  });

  it("a line confirmed at 0 (no order line) of a decided order is rejected", () => {
    expect(confirmedLine(buyer("5", 120), undefined, true)).toEqual({ rejected: true });
  });

  it("a line without an order line says nothing before the decision", () => {
    expect(confirmedLine(buyer("5", 120), undefined, false)).toBeNull();
  });
});

describe("confirmationColumn: the 'As confirmed' column and what is struck", () => {
  const lines = [ordered(5, 120), { ...ordered(2, 300), lineNumber: 2 }];
  const asSent = [buyer("5", 120), buyer("2", 300, 300, 2)];

  it.each([
    ["accepted, not decided", "accepted" as const],
    ["under review", "needs_review" as const],
    ["cancelled", "cancelled" as const],
  ])("no column while %s, even where lines differ", (_label, status) => {
    expect(confirmationColumn(status, [ordered(3, 100)], asSent)).toBeNull();
  });

  it("no column for an order confirmed as sent (nor shipped as sent)", () => {
    expect(confirmationColumn("confirmed", lines, asSent)).toBeNull();
    expect(confirmationColumn("shipped", lines, asSent)).toBeNull();
  });

  it("a line confirmed at 0: rejected, all of it struck; the other line unchanged, nothing struck", () => {
    const column = confirmationColumn("confirmed", [lines[1]!], asSent);
    expect(column?.get(1)).toEqual({ confirmation: { rejected: true }, struck: { line: true, quantity: true, price: true } });
    expect(column?.get(2)).toEqual({ confirmation: { rejected: false, ordered: lines[1], quantityChanged: false, priceChanged: false }, struck: { line: false, quantity: false, price: false } });
  });

  it("a rejected line without a buyer price: its 'none' is not struck", () => {
    expect(confirmationColumn("shipped", [lines[1]!], [buyer("5", null), asSent[1]!])?.get(1)?.struck).toEqual({ line: true, quantity: true, price: false });
  });

  it.each([
    ["changed quantity", [ordered(3, 120), lines[1]!], { line: false, quantity: true, price: false }],
    ["changed price", [ordered(5, 99), lines[1]!], { line: false, quantity: false, price: true }],
    ["only a confirmed delivery date: shown, nothing struck", [ordered(5, 120, "2026-12-10"), lines[1]!], { line: false, quantity: false, price: false }],
  ])("%s", (_label, confirmedLines, struck) => {
    const column = confirmationColumn("confirmed", confirmedLines, asSent);
    expect(column?.get(1)?.struck).toEqual(struck);
    expect(column?.get(2)?.struck).toEqual({ line: false, quantity: false, price: false });
  });

  it("a changed price without a buyer price (ours was sent on) is shown in the column, not struck", () => {
    const column = confirmationColumn("confirmed", [ordered(5, 90)], [buyer("5", null, 100)]);
    expect(column?.get(1)).toMatchObject({ confirmation: { priceChanged: true }, struck: { price: false } });
  });
});

describe("isUnderReview: nothing preselected in the confirmation form", () => {
  const reason = { code: "price_higher", detail: "337 > 270" };
  it.each([
    ["needs review", "needs_review" as const, [], [], true],
    ["accepted with a header reason", "accepted" as const, [reason], [], true],
    ["accepted with a line reason", "accepted" as const, [], [{ reasons: [] }, { reasons: [reason] }], true],
    ["accepted, nothing to review", "accepted" as const, [], [{ reasons: [] }], false],
  ])("%s", (_label, status, headerReasons, purchaseLines, expected) => {
    expect(isUnderReview(status, headerReasons, purchaseLines)).toBe(expected);
  });
});

describe("purchaseOrderHeader", () => {
  it.each([
    ["a web order", null, { reasons: [], buyerContact: null }],
    ["a header without either", {}, { reasons: [], buyerContact: null }],
    [
      "the end user first, the header's reasons",
      { reasons: [{ code: "unknown_ship_to" }], contacts: [{ role: "buyer", name: "Inkoop", email: "inkoop@example.nl" }, { role: "endUser", name: "Jan", email: null }] },
      { reasons: [{ code: "unknown_ship_to" }], buyerContact: { role: "endUser", name: "Jan", email: null } },
    ],
    [
      "an end user with neither name nor e-mail: the next contact that has one",
      { contacts: [{ role: "endUser", name: null, email: null }, { role: null, name: null, email: "po@example.nl" }] },
      { reasons: [], buyerContact: { role: null, name: null, email: "po@example.nl" } },
    ],
    ["only empty contacts", { contacts: [{ role: "endUser", name: null, email: null }] }, { reasons: [], buyerContact: null }],
  ])("%s", (_label, header, expected) => {
    expect(purchaseOrderHeader(header)).toEqual(expected);
  });
});

describe("documentDateText: the buyer's cXML date", () => {
  it.each([
    ["a cXML date-time: its calendar date", "2026-11-28T23:59:00-05:00", "28 Nov 2026"],
    ["a plain date", "2026-12-10", "10 Dec 2026"],
    ["no date in it: as sent", "next week", "next week"],
    ["a month that does not exist: as sent", "2026-13-01", "2026-13-01"],
    ["none", null, null],
  ])("%s", (_label, value, expected) => {
    expect(documentDateText(value, "en")).toBe(expected);
  });
});

describe("buyerQuantityText", () => {
  it.each([
    ["a known code in words", "2", "EA", "en", "2 pieces"],
    ["in Dutch", "1", "EA", "nl", "1 stuk"],
    ["no unit: as sent", "2.50", null, "en", "2.50"],
    ["not a number: as sent with the code", "two", "EA", "en", "two EA"],
  ] as const)("%s", (_label, quantity, unit, locale, expected) => {
    expect(buyerQuantityText(quantity, unit, locale)).toBe(expected);
  });
});

describe("responseFormLines", () => {
  it("takes the buyer's requested date per line, else the order's", () => {
    const lines = [1, 2, 3].map((lineNumber) => ({ lineNumber, sku: `KP-${lineNumber}`, quantity: lineNumber, unitPriceMinor: 100 * lineNumber, name: "not passed on" }));
    const purchaseLines = [
      { lineNumber: 1, requestedDeliveryDate: "2026-12-10T00:00:00+01:00" },
      { lineNumber: 2, requestedDeliveryDate: "" },
    ];
    expect(responseFormLines(lines, purchaseLines, "2026-12-01")).toEqual([
      { lineNumber: 1, sku: "KP-1", quantity: 1, unitPriceMinor: 100, requestedDeliveryDate: "2026-12-10T00:00:00+01:00" },
      { lineNumber: 2, sku: "KP-2", quantity: 2, unitPriceMinor: 200, requestedDeliveryDate: "2026-12-01" },
      { lineNumber: 3, sku: "KP-3", quantity: 3, unitPriceMinor: 300, requestedDeliveryDate: "2026-12-01" },
    ]);
  });
});

describe("linesToShip", () => {
  it("offers the lines with something open, with their SKU and name", () => {
    const progress = [
      { lineNumber: 1, openToShip: 0 },
      { lineNumber: 2, openToShip: 3 },
    ];
    expect(linesToShip(progress, [{ lineNumber: 1, sku: "KP-1", name: "Een" }, { lineNumber: 2, sku: "KP-2", name: "Twee" }])).toEqual([{ lineNumber: 2, openToShip: 3, sku: "KP-2", name: "Twee" }]);
  });
});

describe("reasonText: why a line waits, in the viewer's words", () => {
  const discontinued: Discontinued = new Map([
    ["KP-OLD", { successor: { sku: "KP-NEW", nameNl: "Nieuwe doos", nameEn: "New box" } }],
    ["KP-GONE", { successor: null }],
  ]);
  it.each([
    ["no reason", [], "—"],
    ["a higher price in the page's money format", [{ code: "price_higher", detail: "337 > 270" }], "Price higher than ours (€3.37 > €2.70)"],
    ["a lower price", [{ code: "price_lower", detail: "250 < 270" }], "Price lower than ours (€2.50 < €2.70)"],
    ["an unknown product", [{ code: "unknown_product", detail: "KP-404" }], "Unknown product (KP-404)"],
    ["a product we took out, with its successor", [{ code: "unknown_product", detail: "KP-OLD" }], "No longer in our range (KP-OLD) – replaced by KP-NEW New box"],
    ["a product we took out, no successor", [{ code: "unknown_product", detail: "KP-GONE" }], "No longer in our range (KP-GONE)"],
    ["a quantity against the rules", [{ code: "invalid_quantity", detail: "15 (below_minimum, e.g. 20)" }], "Invalid quantity (minimum/multiple) (15 ordered, below the minimum; e.g. 20)"],
    ["a lapsed quote", [{ code: "quote_lapsed", detail: "Q2001: expired" }], "Transferred at a quote that no longer holds (quote Q2001 has expired)"],
    ["the credit limit, said with its amounts only", [{ code: "credit_limit", detail: "54.20 + 342.82 > 150.00" }], "Beyond the credit limit of €150.00: owed €54.20 + this order €342.82 (incl. VAT)"],
    ["two reasons", [{ code: "price_missing" }, { code: "not_in_transfer", detail: null }], "No price in the order; Line is not from a transferred cart"],
    ["amounts in another currency, in words", [{ code: "currency", detail: "USD ≠ EUR" }], "Amounts in USD; we invoice in EUR"],
    ["the buyer's Total against its lines, in the page's money format", [{ code: "total_mismatch", detail: "57500 ≠ 54300" }], "The buyer's total is €575.00, the sum of the lines €543.00"],
  ])("%s", (_label, reasons, expected) => {
    expect(reasonText(reasons, words, discontinued)).toBe(expected);
  });

  it("says the amount reasons in Dutch too, with the Dutch money format", () => {
    expect(reasonText([{ code: "currency", detail: "USD ≠ EUR" }], wordsNl, discontinued)).toBe("Bedragen in USD; wij factureren in EUR");
    expect(reasonText([{ code: "total_mismatch", detail: "57500 ≠ 54300" }], wordsNl, discontinued)).toBe(`Het totaal van de klant is ${money(57500, "nl", "EUR")}, de som van de regels ${money(54300, "nl", "EUR")}`);
  });

  it("names the successor in the viewer's language", () => {
    expect(reasonText([{ code: "unknown_product", detail: "KP-OLD" }], wordsNl, discontinued)).toContain("KP-NEW Nieuwe doos");
  });
});

describe("historyEntries", () => {
  const at = new Date("2026-11-28T10:00:00Z");
  const event = (id: number, status: HistoryEvent["status"], comment: string | null = null, extra: Partial<HistoryEvent> = {}): HistoryEvent => ({ id, status, kind: "status", comment, userName: null, createdAt: at, ...extra });
  const detail = (source: string, events: HistoryEvent[]) => ({
    order: { source },
    events,
    lines: [{ lineNumber: 1, quantity: 5 }],
    shipments: [{ shipmentNumber: "K1-S1", lines: [{ lineNumber: 1, quantity: 2 }] }, { shipmentNumber: "K1-S2", lines: [{ lineNumber: 1, quantity: 3 }] }],
  });
  const entries = (source: string, events: HistoryEvent[]) => historyEntries(detail(source, events), words).map(({ label, by, comment }) => ({ label, by, comment }));

  it("an approver's approval names them as such; the orderer who placed it just by name", () => {
    const events = [event(1, "awaiting_approval", null, { userName: "Els" }), event(2, "placed", "Akkoord", { userName: "Pieter" })];
    expect(entries("web", events)).toEqual([
      { label: "Awaiting approval", by: "Els", comment: null },
      { label: "Placed", by: "approved by Pieter", comment: "Akkoord" },
    ]);
  });

  it("the order flow's own comments in words, a typed one as typed", () => {
    const events = [
      event(1, "needs_review", "price_higher, unknown_product, price_higher"),
      event(2, "confirmed", "Confirmed with changes", { userName: "Koppel Beheer" }),
      event(3, "accepted", "Updated by the buyer (orderVersion 2, payloadID 17@ariba.example)"),
      event(4, "confirmed", "Prijzen kloppen"),
      event(5, "placed", "credit_limit: 54.20 + 342.82 > 150.00"),
    ];
    expect(entries("cxml", events)).toEqual([
      { label: "Needs review", by: null, comment: "Price higher than ours; Unknown product" },
      { label: "Confirmed with changes", by: "Koppel Beheer", comment: null },
      { label: "Accepted", by: null, comment: "Updated by the buyer (version 2, payloadID 17@ariba.example)" },
      { label: "Confirmed", by: null, comment: "Prijzen kloppen" },
      { label: "Placed", by: null, comment: "Beyond the credit limit of €150.00: owed €54.20 + this order €342.82 (incl. VAT)" },
    ]);
  });

  it("shipments: partly shipped while something is still to come; a change says Changed", () => {
    const events = [event(1, "shipped", "K1-S1: PostNL 3S1"), event(2, "shipped", "K1-S2: DHL 42"), event(3, "confirmed", "reason: fewer boxes", { kind: "changed" })];
    expect(entries("web", events)).toEqual([
      { label: "Partly shipped", by: null, comment: "K1-S1, PostNL 3S1" },
      { label: "Shipped", by: null, comment: "K1-S2, DHL 42" },
      { label: "Changed", by: null, comment: "reason: fewer boxes" },
    ]);
  });

  it("a confirmation sent later: said as such, by whom, in both languages", () => {
    const events = [event(1, "rejected", "Artikel uit assortiment", { userName: "Koppel Beheer" }), event(2, "rejected", null, { kind: "confirmation_sent", userName: "Koppel Beheer" })];
    expect(entries("cxml", events)[1]).toEqual({ label: "Confirmation sent to the customer's procurement system afterwards", by: "Koppel Beheer", comment: null });
    expect(historyEntries(detail("cxml", events), wordsNl)[1]).toMatchObject({ label: "Bevestiging alsnog verstuurd naar het inkoopsysteem van de klant", by: "Koppel Beheer" });
  });
});
