import type { InvoiceDocument, InvoiceLine, Party } from "@/lib/einvoice/types";

export const SUPPLIER: Party = {
  name: "Koppel B.V.",
  endpoint: { scheme: "0106", id: "12345678" },
  legalId: { scheme: "0106", id: "12345678" },
  vatId: "NL123456789B01",
  address: { street: "Hoofdstraat 1", city: "Amsterdam", postalCode: "1011 AA", countryCode: "NL" },
  contact: { name: "Debiteurenadministratie", email: "facturen@koppel.example" },
};

export const CUSTOMER_NL: Party = {
  name: "Bouwbedrijf De Vries B.V.",
  endpoint: { scheme: "0106", id: "87654321" },
  legalId: { scheme: "0106", id: "87654321" },
  vatId: "NL987654321B01",
  address: { street: "Industrieweg 12", city: "Utrecht", postalCode: "3542 AD", countryCode: "NL" },
};

export const CUSTOMER_NL_GOV: Party = {
  name: "Gemeente Voorbeeld",
  endpoint: { scheme: "0190", id: "00000001234567890000" },
  legalId: { scheme: "0190", id: "00000001234567890000" },
  address: { street: "Stationsplein 10", city: "Utrecht", postalCode: "3511 ED", countryCode: "NL" },
};

export const CUSTOMER_BE: Party = {
  name: "Constructions Lefèvre SA",
  endpoint: { scheme: "0208", id: "0123456749" },
  legalId: { scheme: "0208", id: "0123456749" },
  vatId: "BE0123456749",
  address: { street: "Rue de la Loi 16", city: "Bruxelles", postalCode: "1000", countryCode: "BE" },
};

export const CUSTOMER_DE: Party = {
  name: "Müller & Söhne GmbH",
  endpoint: { scheme: "9930", id: "DE123456789" },
  vatId: "DE123456789",
  address: { street: "Königstraße 5", city: "Düsseldorf", postalCode: "40212", countryCode: "DE" },
};

export const CUSTOMER_CH: Party = {
  name: "Zürcher Werkzeug AG",
  endpoint: { scheme: "0088", id: "7612345000008" },
  address: { street: "Bahnhofstrasse 1", city: "Zürich", postalCode: "8001", countryCode: "CH" },
};

export function line(id: number, overrides: Partial<InvoiceLine> = {}): InvoiceLine {
  return {
    id: String(id),
    name: `Artikel ${id}`,
    quantity: 1,
    unitCode: "C62",
    unitPriceMinor: 1000,
    vat: { category: "S", rateBp: 2100 },
    ...overrides,
  };
}

export function invoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return {
    kind: "invoice",
    number: "INV-2025-0001",
    issueDate: "2025-11-28",
    dueDate: "2025-12-28",
    currency: "EUR",
    buyerReference: "PO-2025-0001",
    orderReference: "PO-2025-0001",
    supplier: SUPPLIER,
    customer: CUSTOMER_NL,
    paymentMeans: { code: "58", iban: "NL91ABNA0417164300", paymentId: "INV-2025-0001" },
    paymentTerms: "Betaling binnen 30 dagen",
    lines: [line(1)],
    ...overrides,
  };
}

export function creditNote(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  return invoice({
    kind: "credit_note",
    number: "CN-2025-0001",
    dueDate: undefined,
    paymentMeans: undefined,
    paymentTerms: undefined,
    billingReference: { invoiceNumber: "INV-2025-0001", issueDate: "2025-11-28" },
    ...overrides,
  });
}
