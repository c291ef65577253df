/**
 * A deterministic catalogue of valid invoices and credit notes for the schematron batch run:
 * hand-picked edge cases plus seeded random documents.
 */
import type { UblProfile } from "@/lib/einvoice/build-ubl";
import type { AllowanceCharge, InvoiceDocument, InvoiceLine, Party, VatTreatment } from "@/lib/einvoice/types";
import {
  CUSTOMER_BE,
  CUSTOMER_CH,
  CUSTOMER_DE,
  CUSTOMER_NL,
  CUSTOMER_NL_GOV,
  SUPPLIER,
  creditNote,
  invoice,
  line,
} from "./fixtures";

export interface Scenario {
  label: string;
  doc: InvoiceDocument;
  profile?: UblProfile;
}

const S21: VatTreatment = { category: "S", rateBp: 2100 };
const S9: VatTreatment = { category: "S", rateBp: 900 };
const Z: VatTreatment = { category: "Z", rateBp: 0 };
const E: VatTreatment = {
  category: "E",
  rateBp: 0,
  exemptionReason: "Vrijgesteld van btw (art. 11 Wet OB)",
  exemptionReasonCode: "VATEX-EU-132",
};
const AE: VatTreatment = { category: "AE", rateBp: 0, exemptionReason: "Btw verlegd" };
const K: VatTreatment = { category: "K", rateBp: 0 };
const G: VatTreatment = { category: "G", rateBp: 0 };

const NASTY_NAMES = [
  `Schroeven & bouten <M8> "verzinkt" 'DIN 933'`,
  "Müller-Lüdenscheidt Überwurfmutter ÄÖÜ ß",
  "Café-koffie 250 g — crème brûlée smaak",
  `Kabel 3×2,5 mm² <grijs> & "flexibel"`,
  "Veiligheidshandschoen maat 9 ".repeat(8).trim(),
  "Çelik vida / Śruba / Šroub — €-prijs per 100 stuks",
];

const VAT_ID_ENDPOINT_NL: Party = { ...CUSTOMER_NL, endpoint: { scheme: "9944", id: "NL987654321B01" } };
const GLN_ENDPOINT_DE: Party = {
  ...CUSTOMER_DE,
  name: "Großhandel Köln GmbH & Co. KG",
  endpoint: { scheme: "0088", id: "4006381333931" },
};
const VAT_ENDPOINT_BE: Party = { ...CUSTOMER_BE, endpoint: { scheme: "9925", id: "BE0123456749" } };
const SUPPLIER_9944: Party = { ...SUPPLIER, endpoint: { scheme: "9944", id: "NL123456789B01" } };

function lines(count: number, vat: VatTreatment[], seed = 1): InvoiceLine[] {
  return Array.from({ length: count }, (_, i) =>
    line(i + 1, {
      name: NASTY_NAMES[(i + seed) % NASTY_NAMES.length] as string,
      sku: `ART-${1000 + i}`,
      quantity: ((i * 7 + seed) % 9) + 1,
      unitPriceMinor: 37 + ((i * 7919 + seed * 104729) % 250_000),
      vat: vat[i % vat.length] as VatTreatment,
    }),
  );
}

const handPicked: Scenario[] = [
  {
    label: "nl-minimal-21-9",
    doc: invoice({
      lines: [
        line(1, { quantity: 2, unitPriceMinor: 5000, name: "Veiligheidshandschoen maat 9" }),
        // 3 × 3.8833 = 11.65 (EINVOICE.md "Rounding") with a cent price per 100 units.
        line(2, { quantity: 3, unitPriceMinor: 38833, priceBaseQuantity: 100, vat: S9, name: "Koffie 250 g" }),
      ],
    }),
  },
  { label: "nl-21-9-0-mixed", doc: invoice({ lines: lines(9, [S21, S9, Z]) }) },
  { label: "nl-gov-oin-buyer-reference-only", doc: invoice({ customer: CUSTOMER_NL_GOV, orderReference: undefined, lines: lines(3, [S21]) }) },
  // BT-13 the buyer's PO number, BT-14 our order number; without a PO number the ID is "NA" (BIS 3).
  { label: "nl-po-and-sales-order-number", doc: invoice({ orderReference: "PO-EN-1", salesOrderReference: "K100001", lines: lines(2, [S21]) }) },
  { label: "nl-sales-order-number-only", doc: invoice({ orderReference: undefined, salesOrderReference: "K100002", lines: lines(2, [S21]) }) },
  { label: "nlcius-sales-order-number-only", profile: "nlcius", doc: invoice({ orderReference: undefined, salesOrderReference: "K100003", lines: lines(2, [S9]) }) },
  {
    label: "nl-reverse-charge-ae",
    doc: invoice({ lines: lines(4, [AE]), note: "Btw verlegd naar afnemer (art. 24ba Wet OB)" }),
  },
  {
    label: "be-intra-community-k",
    doc: invoice({
      customer: CUSTOMER_BE,
      lines: lines(5, [K]),
      delivery: { date: "2025-11-27", address: { city: "Antwerpen", countryCode: "BE" } },
    }),
  },
  {
    label: "de-intra-community-k-gln",
    doc: invoice({
      customer: GLN_ENDPOINT_DE,
      lines: lines(6, [K], 3),
      delivery: { date: "2025-11-26", address: { street: "Hafenstraße 3", city: "Köln", postalCode: "50667", countryCode: "DE" } },
      allowancesCharges: [{ isCharge: true, reason: "Transportkosten", reasonCode: "FC", amountMinor: 4500, vat: K }],
    }),
  },
  { label: "ch-export-g", doc: invoice({ customer: CUSTOMER_CH, lines: lines(3, [G]) }) },
  { label: "nl-exempt-e-with-vatex", doc: invoice({ lines: lines(2, [E]) }) },
  { label: "nl-s-z-e-together", doc: invoice({ lines: lines(7, [S21, Z, E, S9]) }) },
  { label: "nl-50-lines", doc: invoice({ lines: lines(50, [S21, S9, Z], 5) }) },
  {
    label: "nl-special-characters-9944",
    doc: invoice({
      supplier: SUPPLIER_9944,
      customer: { ...VAT_ID_ENDPOINT_NL, name: `De "Vries" & Zn. <Bouw> 'Ütrecht'`, tradingName: "Vries & Zn." },
      buyerReference: `Afd. Inkoop & Logistiek <K&L>`,
      accountingCost: "KPL-4711/Überstunden",
      note: `Levering "spoed" — let op: <breekbaar> & 'rechtop'`,
      lines: lines(6, [S21, S9], 2),
    }),
  },
  {
    label: "nl-allowances-and-charges",
    doc: invoice({
      lines: [line(1, { quantity: 10, unitPriceMinor: 1000 }), line(2, { quantity: 5, unitPriceMinor: 1000, vat: S9 })],
      allowancesCharges: [
        { isCharge: false, reason: "Projectkorting 5 %", reasonCode: "95", amountMinor: 500, percentage: { baseAmountMinor: 10000, percentBp: 500 }, vat: S21 },
        { isCharge: false, reason: "Actie koffie", amountMinor: 125, vat: S9 },
        { isCharge: true, reason: "Vrachtkosten", reasonCode: "FC", amountMinor: 695, vat: S21 },
      ],
    }),
  },
  {
    label: "nl-correction-with-negative-line",
    doc: invoice({
      lines: [line(1, { quantity: 4, unitPriceMinor: 2500 }), line(2, { quantity: -1, unitPriceMinor: 2500, name: "Retour: verkeerd geleverd" })],
    }),
  },
  {
    label: "nl-negative-total-correction",
    doc: invoice({
      dueDate: undefined,
      paymentTerms: undefined,
      paymentMeans: undefined,
      billingReference: { invoiceNumber: "INV-2025-0000", issueDate: "2025-10-01" },
      lines: [line(1, { quantity: -2, unitPriceMinor: 1250, name: "Creditering prijsverschil" })],
    }),
  },
  {
    label: "nl-sepa-direct-debit",
    doc: invoice({ paymentMeans: { code: "59", mandateId: "MANDAAT-0042", debitedIban: "NL20INGB0001234567", paymentId: "INV-DD-1" }, lines: lines(2, [S21]) }),
  },
  {
    label: "nl-decimal-quantities-base-quantity",
    doc: invoice({
      lines: [
        line(1, { quantity: 2.5, unitCode: "KGM", unitPriceMinor: 1999, name: "Zand (los)" }),
        line(2, { quantity: 7, unitPriceMinor: 1999, priceBaseQuantity: 12, name: "Bouten per dozijn" }),
        line(3, { quantity: 0.125, unitCode: "MTQ", unitPriceMinor: 8999, vat: S9 }),
        line(4, { quantity: 1.5, unitCode: "HUR", unitPriceMinor: 6550, name: "Montage-uren" }),
      ],
    }),
  },
  {
    label: "nl-order-line-references-gtin",
    doc: invoice({ lines: lines(4, [S21]).map((l, i) => ({ ...l, orderLineReference: String((i + 1) * 10), gtin: "4006381333931", description: "Omschrijving & details" })) }),
  },
  {
    // BT-156 with and without our SKU / GTIN, with characters that need escaping.
    label: "nl-buyers-item-ids",
    doc: invoice({
      lines: lines(5, [S21, S9], 4).map((l, i) => {
        const buyersItemId = ["MAT-0001", "KLANT 12/B", `K&L <"3">`, undefined, "4500-ÄÖÜ-ß"][i];
        return {
          ...l,
          ...(i === 0 ? { gtin: "4006381333931", description: "Omschrijving" } : {}),
          ...(i === 1 ? { sku: undefined } : {}),
          ...(buyersItemId ? { buyersItemId } : {}),
        };
      }),
    }),
  },
  {
    label: "cn-nl-buyers-item-ids",
    doc: creditNote({ lines: lines(2, [S21]).map((l, i) => (i === 0 ? { ...l, buyersItemId: "MAT-000123" } : l)) }),
  },
  {
    label: "nlcius-buyers-item-ids",
    profile: "nlcius",
    doc: invoice({ lines: lines(3, [S21, S9]).map((l, i) => (i === 2 ? l : { ...l, buyersItemId: `EIGEN-${i + 1}` })) }),
  },
  { label: "cn-nl-basic", doc: creditNote({ lines: [line(1, { name: "Veiligheidshandschoen maat 9 (retour)", unitPriceMinor: 5000 })] }) },
  {
    label: "cn-nl-refund-with-iban",
    doc: creditNote({ dueDate: "2025-12-15", paymentMeans: { code: "30", iban: "NL20INGB0001234567", bic: "INGBNL2A" }, lines: lines(3, [S21, S9]) }),
  },
  { label: "cn-nl-reverse-charge", doc: creditNote({ lines: lines(2, [AE]) }) },
  {
    label: "cn-be-intra-community",
    doc: creditNote({ customer: VAT_ENDPOINT_BE, lines: lines(2, [K]), delivery: { date: "2025-11-20", address: { countryCode: "BE" } } }),
  },
  { label: "cn-ch-export", doc: creditNote({ customer: CUSTOMER_CH, lines: lines(2, [G]) }) },
  {
    label: "cn-with-allowance",
    doc: creditNote({ lines: lines(3, [S21]), allowancesCharges: [{ isCharge: false, reason: "Korting", amountMinor: 100, vat: S21 }] }),
  },
  { label: "nlcius-invoice", profile: "nlcius", doc: invoice({ lines: lines(5, [S21, S9, E]) }) },
  { label: "nlcius-credit-note", profile: "nlcius", doc: creditNote({ customer: CUSTOMER_NL_GOV, lines: lines(2, [S21]) }) },
  {
    label: "nlcius-allowances-bic",
    profile: "nlcius",
    doc: invoice({
      paymentMeans: { code: "58", iban: "NL91ABNA0417164300", bic: "ABNANL2A" },
      lines: lines(3, [S21]),
      allowancesCharges: [{ isCharge: true, reason: "Vracht", reasonCode: "FC", amountMinor: 995, vat: S21 }],
    }),
  },
];

/** mulberry32: small deterministic PRNG so the generated set is stable between runs. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomScenario(index: number): Scenario {
  const random = prng(1000 + index);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

  const customer = pick([CUSTOMER_NL, VAT_ID_ENDPOINT_NL, CUSTOMER_NL_GOV, CUSTOMER_BE, VAT_ENDPOINT_BE, CUSTOMER_DE, GLN_ENDPOINT_DE]);
  const country = customer.address.countryCode;
  const palette =
    country === "NL"
      ? pick<VatTreatment[]>(customer.vatId ? [[S21], [S21, S9], [S21, S9, Z], [AE], [S9, E]] : [[S21], [S21, S9, Z]])
      : pick<VatTreatment[]>([[K], [S21], [S21, S9]]);
  const kind = random() < 0.3 ? "credit_note" : "invoice";
  const lineCount = int(1, 50);
  const docLines = Array.from({ length: lineCount }, (_, i) =>
    line(i + 1, {
      name: `${pick(NASTY_NAMES)} #${i + 1}`,
      sku: random() < 0.8 ? `SKU-${int(1, 99999)}` : undefined,
      // Every third line carries the buyer's item id (BT-156); derived from the indexes, so the PRNG sequence is unchanged.
      buyersItemId: i % 3 === 0 ? `KL-${index}-${i + 1}` : undefined,
      quantity: random() < 0.2 ? int(1, 4000) / 4 : int(1, 250),
      unitCode: pick(["C62", "H87", "EA", "PR", "XBX", "XPK", "KGM", "MTR"]),
      unitPriceMinor: int(1, 500_000),
      priceBaseQuantity: random() < 0.15 ? pick([10, 12, 100, 1000]) : undefined,
      vat: pick(palette),
    }),
  );
  const allowancesCharges: AllowanceCharge[] = Array.from({ length: int(0, 3) }, (_, i) => {
    const isCharge = random() < 0.5;
    return {
      isCharge,
      reason: isCharge ? pick(["Vrachtkosten", "Toeslag klein order", "Verpakking & pallets"]) : pick(["Korting", "Bonus <jaar>", "Rabatt für Großkunden"]),
      reasonCode: random() < 0.5 ? (isCharge ? pick(["FC", "ABL", "SAA"]) : pick(["95", "100", "41"])) : undefined,
      amountMinor: int(1, 2500) + i,
      vat: pick(palette),
    };
  });
  const make = kind === "credit_note" ? creditNote : invoice;
  const doc = make({
    number: `${kind === "credit_note" ? "CN" : "INV"}-2025-${String(100 + index).padStart(5, "0")}`,
    customer,
    ...(random() < 0.5
      ? { buyerReference: `REF-${int(1, 99999)}`, orderReference: random() < 0.5 ? `PO-${int(1, 999999)}` : undefined }
      : { buyerReference: undefined, orderReference: `PO-${int(1, 999999)}` }),
    lines: docLines,
    allowancesCharges,
    delivery: palette.includes(K) ? { date: "2025-11-25", address: { countryCode: country } } : undefined,
  });
  return { label: `random-${index}-${country}-${kind}`, doc, profile: random() < 0.15 ? "nlcius" : "peppol" };
}

export const SCENARIOS: Scenario[] = [...handPicked, ...Array.from({ length: 30 }, (_, i) => randomScenario(i))];
