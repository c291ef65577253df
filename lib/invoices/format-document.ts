import { quantityText, unitName } from "@/lib/catalog/unit-names";
import { calculateInvoiceTotals } from "@/lib/einvoice/calculate";
import type { DocumentKind, InvoiceDocument, Party, VatCategory } from "@/lib/einvoice/types";
import { dateText, money, percent } from "@/lib/format";
import { countryName } from "@/lib/format-address";
import type { Locale } from "@/lib/i18n/locales";
import { invoiceLabels, type InvoiceLabels } from "./labels";

/**
 * Turns an issued document into display rows: the PDF and the HTML view both render this model,
 * so they print the same texts and the same amounts, and every amount comes from
 * `calculateInvoiceTotals`, the function the UBL / cXML builders use. Pure: no I/O, no clock.
 */

export interface PrintableInvoice {
  number: string;
  kind: DocumentKind;
  document: InvoiceDocument;
  locale: Locale;
}

export interface LabelledValue {
  label: string;
  value: string;
}

export interface PartyDisplay {
  name: string;
  /** Trading name when it differs from the legal name. */
  tradingName: string | null;
  addressLines: string[];
  /** KvK / OIN, VAT ID, and for the supplier contact details and bank account. */
  identifiers: LabelledValue[];
}

export interface LineRow {
  /** 1-based position on the document. */
  position: number;
  name: string;
  description: string | null;
  sku: string;
  /** The customer's own article number (BT-156), printed beside our SKU with `labels.buyersItemId`; null if none. */
  buyersItemId: string | null;
  quantity: string;
  unit: string;
  unitPrice: string;
  /** "per 100" when the price is quoted for more than one unit (BT-149), else null. */
  priceBase: string | null;
  vat: string;
  net: string;
}

export interface AllowanceChargeRow {
  /** "Korting: …" / "Toeslag: …". */
  label: string;
  vat: string;
  /** Allowances are shown negative: they are subtracted from the total. */
  amount: string;
}

export interface VatRow {
  category: VatCategory;
  label: string;
  /** The exemption reason text when the document states its own (E, or a non-default AE/K/G text). */
  reason: string | null;
  taxable: string;
  tax: string;
}

export interface TotalRow extends LabelledValue {
  /** The amount to pay / credited: printed bold. */
  emphasis: boolean;
}

export interface InvoiceDisplay {
  locale: Locale;
  labels: InvoiceLabels;
  kind: DocumentKind;
  title: string;
  number: string;
  /** Number, issue date, due date, delivery date. */
  meta: LabelledValue[];
  issueDate: string;
  dueDate: string | null;
  /** Buyer reference, purchase order, our order number, credited invoice, cost centre (only those present). */
  references: LabelledValue[];
  supplier: PartyDisplay;
  customer: PartyDisplay;
  lines: LineRow[];
  allowancesCharges: AllowanceChargeRow[];
  vatRows: VatRow[];
  totals: TotalRow[];
  payable: string;
  /** The payment instruction sentence, or null when the document has no payment means. */
  paymentInstruction: string | null;
  paymentTerms: string | null;
  note: string | null;
}

/** Default English exemption texts `calculateInvoiceTotals` fills in; replaced by the localized label. */
const DEFAULT_REASONS: Partial<Record<VatCategory, string>> = {
  AE: "Reverse charge",
  K: "Intra-community supply",
  G: "Export outside the EU",
};

function party(p: Party, locale: Locale, labels: InvoiceLabels, homeCountry: string): PartyDisplay {
  const a = p.address;
  const addressLines = [a.street, a.additionalStreet, `${a.postalCode} ${a.city}`.trim(), a.countryCode !== homeCountry ? countryName(a.countryCode, locale) : undefined].filter(
    (line): line is string => Boolean(line && line.trim()),
  );
  const identifiers: LabelledValue[] = [];
  if (p.legalId) identifiers.push({ label: labels.legalId[p.legalId.scheme] ?? labels.legalId.other!, value: p.legalId.id });
  if (p.vatId) identifiers.push({ label: labels.vatId, value: p.vatId });
  return { name: p.name, tradingName: p.tradingName && p.tradingName !== p.name ? p.tradingName : null, addressLines, identifiers };
}

/** The customer's address block names its contact point (BT-56) under the name, as a letter's "t.a.v." line. */
function customerParty(p: Party, locale: Locale, labels: InvoiceLabels, homeCountry: string): PartyDisplay {
  const display = party(p, locale, labels, homeCountry);
  const contact = p.contact?.name?.trim();
  return contact ? { ...display, addressLines: [`${labels.attention} ${contact}`, ...display.addressLines] } : display;
}

export function formatInvoiceDocument(invoice: PrintableInvoice, locale: Locale = invoice.locale): InvoiceDisplay {
  const doc = invoice.document;
  const labels = invoiceLabels(locale);
  const totals = calculateInvoiceTotals(doc);
  const m = (minor: number) => money(minor, locale, doc.currency);
  const d = (iso: string) => dateText(iso, locale);
  const rate = (bp: number) => percent(bp, locale);
  const kind = invoice.kind;

  const meta: LabelledValue[] = [
    { label: labels.number[kind], value: invoice.number },
    { label: labels.issueDate[kind], value: d(doc.issueDate) },
  ];
  if (doc.dueDate) meta.push({ label: labels.dueDate, value: d(doc.dueDate) });
  if (doc.delivery?.date) meta.push({ label: labels.deliveryDate, value: d(doc.delivery.date) });

  const references: LabelledValue[] = [];
  // The buyer reference is mostly their PO number again (or our order number when they gave none):
  // printed only when it says something the two order numbers below do not.
  if (doc.buyerReference && doc.buyerReference !== doc.orderReference && doc.buyerReference !== doc.salesOrderReference) {
    references.push({ label: labels.buyerReference, value: doc.buyerReference });
  }
  if (doc.orderReference) references.push({ label: labels.orderReference, value: doc.orderReference });
  if (doc.salesOrderReference) references.push({ label: labels.salesOrderReference, value: doc.salesOrderReference });
  if (doc.billingReference) {
    const issued = doc.billingReference.issueDate ? ` (${d(doc.billingReference.issueDate)})` : "";
    references.push({ label: labels.creditedInvoice, value: `${doc.billingReference.invoiceNumber}${issued}` });
  }
  if (doc.accountingCost) references.push({ label: labels.accountingCost, value: doc.accountingCost });

  const homeCountry = doc.supplier.address.countryCode;
  const supplier = party(doc.supplier, locale, labels, homeCountry);
  const pm = doc.paymentMeans;
  if (pm && (pm.code === "30" || pm.code === "58") && kind === "invoice") {
    supplier.identifiers.push({ label: labels.iban, value: pm.iban });
    if (pm.bic) supplier.identifiers.push({ label: labels.bic, value: pm.bic });
  }
  if (doc.supplier.contact?.email) supplier.identifiers.push({ label: labels.email, value: doc.supplier.contact.email });
  if (doc.supplier.contact?.phone) supplier.identifiers.push({ label: labels.phone, value: doc.supplier.contact.phone });

  const lines: LineRow[] = doc.lines.map((line, index) => {
    const base = line.priceBaseQuantity ?? 1;
    return {
      position: index + 1,
      name: line.name,
      description: line.description?.trim() ? line.description : null,
      sku: line.sku ?? "",
      buyersItemId: line.buyersItemId?.trim() ? line.buyersItemId : null,
      quantity: quantityText(line.quantity, locale),
      // The unit column names the unit (singular: the column is "Eenheid"), in the shop's words for it.
      unit: unitName(line.unitCode, locale),
      unitPrice: m(line.unitPriceMinor),
      priceBase: base !== 1 ? labels.perBaseQuantity(quantityText(base, locale)) : null,
      // Non-standard categories are 0 %; the VAT breakdown names the category and its reason.
      vat: rate(line.vat.category === "S" ? line.vat.rateBp : 0),
      net: m(totals.lines[index]!.netMinor),
    };
  });

  const allowancesCharges: AllowanceChargeRow[] = (doc.allowancesCharges ?? []).map((ac) => ({
    label: `${ac.isCharge ? labels.charge : labels.allowance}: ${ac.reason}`,
    vat: rate(ac.vat.category === "S" ? ac.vat.rateBp : 0),
    amount: m(ac.isCharge ? ac.amountMinor : -ac.amountMinor),
  }));

  const vatRows: VatRow[] = totals.vatBreakdown.map((b) => {
    const ownReason = b.exemptionReason && b.exemptionReason !== DEFAULT_REASONS[b.category] ? b.exemptionReason : null;
    return {
      category: b.category,
      label: labels.vatCategory(b.category, rate(b.rateBp)),
      reason: ownReason,
      taxable: m(b.taxableMinor),
      tax: m(b.taxMinor),
    };
  });

  const totalRows: TotalRow[] = [];
  const hasAc = totals.allowanceTotalMinor !== 0 || totals.chargeTotalMinor !== 0;
  if (hasAc) {
    totalRows.push({ label: labels.totals.lines, value: m(totals.lineExtensionMinor), emphasis: false });
    if (totals.allowanceTotalMinor !== 0) totalRows.push({ label: labels.totals.allowances, value: m(-totals.allowanceTotalMinor), emphasis: false });
    if (totals.chargeTotalMinor !== 0) totalRows.push({ label: labels.totals.charges, value: m(totals.chargeTotalMinor), emphasis: false });
  }
  totalRows.push({ label: labels.totals.taxExclusive, value: m(totals.taxExclusiveMinor), emphasis: false });
  totalRows.push({ label: labels.totals.tax, value: m(totals.taxMinor), emphasis: false });
  totalRows.push({ label: labels.totals.payable[kind], value: m(totals.payableMinor), emphasis: true });

  const payable = m(totals.payableMinor);
  const dueDate = doc.dueDate ? d(doc.dueDate) : null;
  let paymentInstruction: string | null = null;
  if (kind === "credit_note") {
    paymentInstruction = labels.creditInstruction({ amount: payable, invoiceNumber: doc.billingReference?.invoiceNumber ?? null });
  } else if (pm && (pm.code === "30" || pm.code === "58")) {
    paymentInstruction = labels.transferInstruction({
      amount: payable,
      dueDate,
      iban: pm.iban,
      bic: pm.bic ?? null,
      payee: doc.supplier.name,
      reference: pm.paymentId ?? invoice.number,
    });
  } else if (pm && (pm.code === "49" || pm.code === "59")) {
    paymentInstruction = labels.directDebitInstruction({ amount: payable, mandateId: pm.mandateId, iban: pm.debitedIban ?? null });
  }

  return {
    locale,
    labels,
    kind,
    title: labels.title[kind],
    number: invoice.number,
    meta,
    issueDate: d(doc.issueDate),
    dueDate,
    references,
    supplier,
    customer: customerParty(doc.customer, locale, labels, homeCountry),
    lines,
    allowancesCharges,
    vatRows,
    totals: totalRows,
    payable,
    paymentInstruction,
    paymentTerms: doc.paymentTerms?.trim() ? doc.paymentTerms : null,
    note: doc.note?.trim() ? doc.note : null,
  };
}
