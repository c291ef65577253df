import type { DocumentKind, VatCategory } from "@/lib/einvoice/types";
import type { Locale } from "@/lib/i18n/locales";

/**
 * The words on a printed invoice, in Dutch and English. The PDF (rendered by the delivery worker,
 * outside any request) and the HTML view share them, so they live here instead of in the next-intl
 * message files, which need a request locale. The document's own locale (invoices.locale) picks
 * the set: an invoice reads the same wherever it is shown.
 */
export interface InvoiceLabels {
  title: Record<DocumentKind, string>;
  number: Record<DocumentKind, string>;
  issueDate: Record<DocumentKind, string>;
  dueDate: string;
  deliveryDate: string;
  billTo: string;
  /** Before the customer's contact point (BT-56) in the address block: "t.a.v. Crediteurenadministratie". */
  attention: string;
  deliverTo: string;
  buyerReference: string;
  /** BT-13: the buyer's purchase order number. */
  orderReference: string;
  /** BT-14: our order number. */
  salesOrderReference: string;
  creditedInvoice: string;
  accountingCost: string;
  legalId: Record<string, string>;
  vatId: string;
  iban: string;
  bic: string;
  email: string;
  phone: string;
  columns: { description: string; sku: string; quantity: string; unit: string; unitPrice: string; vat: string; net: string };
  /** Prefix of the customer's own article number (BT-156) under our SKU, e.g. "Uw art.nr. 4711". */
  buyersItemId: string;
  /** Unit price quoted for more than one unit (BT-149), e.g. "per 100". */
  perBaseQuantity: (quantity: string) => string;
  allowance: string;
  charge: string;
  allowancesCharges: string;
  vatBreakdown: string;
  vatColumns: { rate: string; taxable: string; tax: string };
  /** Text of a VAT breakdown row; `rate` is the formatted percentage. */
  vatCategory: (category: VatCategory, rate: string) => string;
  totals: {
    lines: string;
    allowances: string;
    charges: string;
    taxExclusive: string;
    tax: string;
    taxInclusive: string;
    payable: Record<DocumentKind, string>;
  };
  payment: string;
  paymentTerms: string;
  /** Credit transfer (UNCL 4461 codes 30/58): amount, due date (may be absent), IBAN, payee, reference. */
  transferInstruction: (p: { amount: string; dueDate: string | null; iban: string; bic: string | null; payee: string; reference: string }) => string;
  directDebitInstruction: (p: { amount: string; mandateId: string; iban: string | null }) => string;
  creditInstruction: (p: { amount: string; invoiceNumber: string | null }) => string;
  note: string;
  page: (page: number, total: number) => string;
  continued: string;
  mail: {
    subject: (p: { kind: DocumentKind; number: string; supplier: string }) => string;
    body: (p: {
      kind: DocumentKind;
      name: string;
      number: string;
      amount: string;
      dueDate: string | null;
      issueDate: string;
      payment: string | null;
      supplier: string;
      supplierEmail: string | null;
    }) => string;
    filename: (p: { kind: DocumentKind; number: string }) => string;
  };
}

const nl: InvoiceLabels = {
  title: { invoice: "Factuur", credit_note: "Creditnota" },
  number: { invoice: "Factuurnummer", credit_note: "Creditnotanummer" },
  issueDate: { invoice: "Factuurdatum", credit_note: "Datum creditnota" },
  dueDate: "Vervaldatum",
  deliveryDate: "Leverdatum",
  billTo: "Factuuradres",
  attention: "t.a.v.",
  deliverTo: "Afleveradres",
  buyerReference: "Uw referentie",
  orderReference: "Inkoopordernummer",
  salesOrderReference: "Ordernummer",
  creditedInvoice: "Betreft factuur",
  accountingCost: "Kostenplaats",
  legalId: { "0106": "KvK", "0190": "OIN", "0088": "GLN", other: "Registratienr." },
  vatId: "BTW-nr.",
  iban: "IBAN",
  bic: "BIC",
  email: "E-mail",
  phone: "Telefoon",
  columns: { description: "Omschrijving", sku: "Artikelnr.", quantity: "Aantal", unit: "Eenheid", unitPrice: "Prijs", vat: "BTW", net: "Bedrag" },
  buyersItemId: "Uw art.nr.",
  perBaseQuantity: (quantity) => `per ${quantity}`,
  allowance: "Korting",
  charge: "Toeslag",
  allowancesCharges: "Kortingen en toeslagen",
  vatBreakdown: "BTW-specificatie",
  vatColumns: { rate: "Tarief", taxable: "Grondslag", tax: "BTW" },
  vatCategory: (category, rate) =>
    ({
      S: `BTW ${rate}`,
      Z: "BTW 0% (nultarief)",
      E: "Vrijgesteld van BTW",
      AE: "BTW verlegd",
      K: "Intracommunautaire levering, BTW 0%",
      G: "Export buiten de EU, BTW 0%",
    })[category],
  totals: {
    lines: "Subtotaal",
    allowances: "Kortingen",
    charges: "Toeslagen",
    taxExclusive: "Totaal excl. BTW",
    tax: "BTW",
    taxInclusive: "Totaal incl. BTW",
    payable: { invoice: "Te betalen", credit_note: "Te verrekenen" },
  },
  payment: "Betaling",
  paymentTerms: "Betalingsvoorwaarden",
  transferInstruction: ({ amount, dueDate, iban, bic, payee, reference }) =>
    `Gelieve ${amount} ${dueDate ? `uiterlijk ${dueDate} ` : ""}over te maken op ${iban}${bic ? ` (BIC ${bic})` : ""} ten name van ${payee}, onder vermelding van ${reference}.`,
  directDebitInstruction: ({ amount, mandateId, iban }) =>
    `Het bedrag van ${amount} wordt automatisch geïncasseerd${iban ? ` van ${iban}` : ""} (machtigingskenmerk ${mandateId}).`,
  creditInstruction: ({ amount, invoiceNumber }) =>
    `Het bedrag van ${amount} wordt verrekend met ${invoiceNumber ? `factuur ${invoiceNumber} of ` : ""}openstaande facturen, of aan u terugbetaald.`,
  note: "Opmerking",
  page: (page, total) => `Pagina ${page}/${total}`,
  continued: "vervolg",
  mail: {
    subject: ({ kind, number, supplier }) => `${kind === "invoice" ? "Factuur" : "Creditnota"} ${number} van ${supplier}`,
    body: ({ kind, name, number, amount, dueDate, issueDate, payment, supplier, supplierEmail }) =>
      [
        `Beste ${name},`,
        "",
        kind === "invoice"
          ? `In de bijlage vindt u factuur ${number} van ${issueDate}. Het totaalbedrag is ${amount}${dueDate ? `, te betalen uiterlijk ${dueDate}` : ""}.`
          : `In de bijlage vindt u creditnota ${number} van ${issueDate} voor een bedrag van ${amount}.`,
        ...(payment ? ["", payment] : []),
        "",
        `Vragen over deze ${kind === "invoice" ? "factuur" : "creditnota"}? ${supplierEmail ? `Mail naar ${supplierEmail} of beantwoord` : "Beantwoord"} dit bericht en vermeld het nummer ${number}.`,
        "",
        "Met vriendelijke groet,",
        supplier,
      ].join("\n"),
    filename: ({ kind, number }) => `${kind === "invoice" ? "Factuur" : "Creditnota"}-${number}.pdf`,
  },
};

const en: InvoiceLabels = {
  title: { invoice: "Invoice", credit_note: "Credit note" },
  number: { invoice: "Invoice number", credit_note: "Credit note number" },
  issueDate: { invoice: "Invoice date", credit_note: "Credit note date" },
  dueDate: "Due date",
  deliveryDate: "Delivery date",
  billTo: "Bill to",
  attention: "Attn.",
  deliverTo: "Deliver to",
  buyerReference: "Your reference",
  orderReference: "Purchase order",
  salesOrderReference: "Order number",
  creditedInvoice: "Credited invoice",
  accountingCost: "Cost center",
  legalId: { "0106": "CoC no.", "0190": "OIN", "0088": "GLN", other: "Registration no." },
  vatId: "VAT ID",
  iban: "IBAN",
  bic: "BIC",
  email: "Email",
  phone: "Phone",
  columns: { description: "Description", sku: "Item no.", quantity: "Qty", unit: "Unit", unitPrice: "Unit price", vat: "VAT", net: "Amount" },
  buyersItemId: "Your item no.",
  perBaseQuantity: (quantity) => `per ${quantity}`,
  allowance: "Allowance",
  charge: "Charge",
  allowancesCharges: "Allowances and charges",
  vatBreakdown: "VAT breakdown",
  vatColumns: { rate: "Rate", taxable: "Taxable amount", tax: "VAT" },
  vatCategory: (category, rate) =>
    ({
      S: `VAT ${rate}`,
      Z: "VAT 0% (zero rated)",
      E: "Exempt from VAT",
      AE: "Reverse charge",
      K: "Intra-community supply, VAT 0%",
      G: "Export outside the EU, VAT 0%",
    })[category],
  totals: {
    lines: "Subtotal",
    allowances: "Allowances",
    charges: "Charges",
    taxExclusive: "Total excl. VAT",
    tax: "VAT",
    taxInclusive: "Total incl. VAT",
    payable: { invoice: "Amount due", credit_note: "Amount credited" },
  },
  payment: "Payment",
  paymentTerms: "Payment terms",
  transferInstruction: ({ amount, dueDate, iban, bic, payee, reference }) =>
    `Please transfer ${amount} ${dueDate ? `by ${dueDate} ` : ""}to ${iban}${bic ? ` (BIC ${bic})` : ""} in the name of ${payee}, quoting ${reference}.`,
  directDebitInstruction: ({ amount, mandateId, iban }) =>
    `The amount of ${amount} will be collected by direct debit${iban ? ` from ${iban}` : ""} (mandate reference ${mandateId}).`,
  creditInstruction: ({ amount, invoiceNumber }) =>
    `The amount of ${amount} will be set off against ${invoiceNumber ? `invoice ${invoiceNumber} or ` : ""}open invoices, or refunded to you.`,
  note: "Note",
  page: (page, total) => `Page ${page}/${total}`,
  continued: "continued",
  mail: {
    subject: ({ kind, number, supplier }) => `${kind === "invoice" ? "Invoice" : "Credit note"} ${number} from ${supplier}`,
    body: ({ kind, name, number, amount, dueDate, issueDate, payment, supplier, supplierEmail }) =>
      [
        `Dear ${name},`,
        "",
        kind === "invoice"
          ? `Please find attached invoice ${number} of ${issueDate}. The total amount is ${amount}${dueDate ? `, due by ${dueDate}` : ""}.`
          : `Please find attached credit note ${number} of ${issueDate} for an amount of ${amount}.`,
        ...(payment ? ["", payment] : []),
        "",
        `Questions about this ${kind === "invoice" ? "invoice" : "credit note"}? ${supplierEmail ? `Write to ${supplierEmail} or reply` : "Reply"} to this message and quote number ${number}.`,
        "",
        "Kind regards,",
        supplier,
      ].join("\n"),
    filename: ({ kind, number }) => `${kind === "invoice" ? "Invoice" : "Credit-note"}-${number}.pdf`,
  },
};

const LABELS: Record<Locale, InvoiceLabels> = { nl, en };

export function invoiceLabels(locale: Locale): InvoiceLabels {
  return LABELS[locale];
}
