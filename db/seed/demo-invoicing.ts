import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { companies, supplierProfile, type NewCompany, type NewSupplierProfile } from "../schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Our own company as supplier on every demo invoice. The identifiers are made up but pass the
 * validators of lib/einvoice/identifiers.ts: KvK 8 digits, NL VAT id with a valid 11-test, Peppol
 * 0106:<KvK>, and an ING IBAN with valid MOD 97 check digits.
 */
export const DEMO_SUPPLIER_PROFILE = {
  legalName: "Koppel Supplies B.V.",
  tradingName: "Koppel",
  kvkNumber: "81734562",
  vatId: "NL864152036B01",
  peppolScheme: "0106",
  peppolId: "81734562",
  street: "Vliegend Hertlaan 40",
  postalCode: "3526 KT",
  city: "Utrecht",
  countryCode: "NL",
  iban: "NL67INGB0006543210",
  bic: "INGBNL2A",
  email: "facturen@koppel.test",
  phone: "+31 30 799 40 00",
  paymentTermsDays: 30,
  // A common Dutch B2B arrangement: € 9.95 per web order, free from € 250 of items (excl. VAT).
  deliveryChargeMinor: 995,
  freeDeliveryFromMinor: 25_000,
} as const satisfies Omit<NewSupplierProfile, "id" | "updatedAt">;

type InvoiceSettings = Pick<NewCompany, "iban" | "invoiceEmail" | "invoiceChannels" | "invoiceOnShipment" | "vatTreatment" | "vatExemptionReason" | "documentLocale">;

/**
 * Invoice settings per demo customer (by company name). Demo Facilities gets Peppol + e-mail and is
 * invoiced by hand, in Dutch whatever language its buyers shop in; the Belgian customer is set to
 * intra-community supply, the German one gets the same through "auto" (EU customer with a VAT id)
 * and its invoices in English; the others show the remaining channels.
 */
export const DEMO_INVOICE_SETTINGS: Record<string, InvoiceSettings> = {
  "Demo Facilities B.V.": {
    iban: "NL81RABO0312345678",
    invoiceEmail: "crediteuren@demo.test",
    invoiceChannels: ["peppol", "email"],
    invoiceOnShipment: false,
    vatTreatment: "auto",
    documentLocale: "nl",
  },
  "Stichting Zorggroep Rijnstreek": { invoiceChannels: ["peppol"], invoiceOnShipment: true, vatTreatment: "auto" },
  "Stichting Openbaar Onderwijs Amstelland": {
    invoiceEmail: "facturen@soo-amstelland.test",
    invoiceChannels: ["nlcius", "email"],
    invoiceOnShipment: false,
    vatTreatment: "auto",
  },
  "Bouwbedrijf Van der Meer & Zonen B.V.": {
    iban: "NL38ABNA0517164300",
    invoiceEmail: "administratie@vandermeer-bouw.test",
    invoiceChannels: ["email"],
    invoiceOnShipment: true,
    vatTreatment: "domestic",
  },
  "Noordlab Analyses B.V.": { invoiceEmail: "crediteuren@noordlab.test", invoiceChannels: ["peppol", "email"], invoiceOnShipment: false, vatTreatment: "auto" },
  "Facilitas Antwerpen NV": {
    invoiceEmail: "boekhouding@facilitas.test",
    invoiceChannels: ["peppol"],
    invoiceOnShipment: false,
    vatTreatment: "intra_community",
  },
  // Dutch public bodies receive e-invoices in NLCIUS (Peppol, or Digipoort for the central government).
  "Gemeente Waterland": { invoiceChannels: ["nlcius"], invoiceOnShipment: true, vatTreatment: "auto" },
  "Niederrhein Labordienste GmbH": {
    iban: "DE50300500000001234567",
    invoiceEmail: "rechnungen@niederrhein-labor.test",
    invoiceChannels: ["email"],
    invoiceOnShipment: false,
    vatTreatment: "auto",
    documentLocale: "en",
  },
};

/** Inserts the supplier profile and sets the invoice settings of the seeded customers. */
export async function insertDemoInvoicing(tx: Tx, companyIds: Map<string, number>, now: Date): Promise<void> {
  await tx.insert(supplierProfile).values({ ...DEMO_SUPPLIER_PROFILE, id: 1, updatedAt: now });
  for (const [name, settings] of Object.entries(DEMO_INVOICE_SETTINGS)) {
    const id = companyIds.get(name);
    if (id === undefined) throw new Error(`demo invoicing: no seeded company "${name}"`);
    await tx.update(companies).set(settings).where(eq(companies.id, id));
  }
}
