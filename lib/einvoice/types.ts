/**
 * Protocol-neutral invoice / credit note document. Money is integer minor units (cents), VAT
 * rates are basis points (2100 = 21 %), dates are ISO `YYYY-MM-DD` strings. The builders in this
 * folder turn it into Peppol BIS 3 / NLCIUS UBL or cXML; `validateInvoiceInput` checks it first.
 */
import type { Currency } from "@/lib/pricing/money";

export type DocumentKind = "invoice" | "credit_note";

/** UNCL 5305 subset used by this shop (EINVOICE.md "VAT breakdown rules"); `O` is not supported. */
export type VatCategory = "S" | "Z" | "E" | "AE" | "K" | "G";

/** Peppol EAS codes we send to / receive from (EINVOICE.md "Endpoint IDs"). */
export type EndpointScheme =
  | "0106" // NL KvK
  | "0190" // NL OIN (government)
  | "9944" // NL VAT number
  | "0088" // GLN
  | "0208" // BE enterprise number
  | "9925" // BE VAT number
  | "9930" // DE VAT number
  | "0204" // DE Leitweg-ID
  | "0192"; // NO organisation number

/** ISO 6523 ICD schemes allowed for a legal registration id (`PartyLegalEntity/CompanyID`). */
export type LegalIdScheme = "0106" | "0190" | "0208" | "0088" | "0192";

export interface Address {
  street: string;
  additionalStreet?: string;
  city: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
}

export interface Party {
  /** Registered legal name (BT-27 / BT-44). */
  name: string;
  /** Trading name if it differs from the legal name (BT-28 / BT-45). */
  tradingName?: string;
  /** Peppol participant id as registered in the SMP. */
  endpoint: { scheme: EndpointScheme; id: string };
  /** Legal registration id, e.g. `{ scheme: "0106", id: <KvK number> }` (NL-R-003/005). */
  legalId?: { scheme: LegalIdScheme; id: string };
  /** VAT id with country prefix, e.g. `NL123456789B01` (BR-CO-09). */
  vatId?: string;
  address: Address;
  contact?: { name?: string; phone?: string; email?: string };
}

export interface VatTreatment {
  category: VatCategory;
  /** > 0 for S, exactly 0 for every other category (BR-S-05, BR-Z-05, BR-E-05 …). */
  rateBp: number;
  /**
   * BT-120. Mandatory for E; AE/K/G default to the standard texts. All lines, allowances and
   * charges of one (category, rate) must agree, since the reason lives on the VAT breakdown.
   */
  exemptionReason?: string;
  /** BT-121, CEF VATEX code such as `VATEX-EU-132`. AE/K/G get their code automatically. */
  exemptionReasonCode?: string;
}

export interface InvoiceLine {
  id: string;
  /** Buyer's PO line number (BT-132); requires `orderReference` (NL-R-009). */
  orderLineReference?: string;
  /** Our article number (BT-155). */
  sku?: string;
  /**
   * The buyer's own article number for the item (BT-156, Item buyer's identifier), e.g. the
   * customer article number the order line recorded. Optional: documents issued before it existed
   * are stored without it.
   */
  buyersItemId?: string;
  /** GTIN (BT-157, scheme 0160). */
  gtin?: string;
  name: string;
  description?: string;
  /** Positive on credit notes; may be negative on an invoice correction. At most 4 decimals. */
  quantity: number;
  /** UN/ECE Rec 20/21 unit code (C62, H87, KGM, HUR …). */
  unitCode: string;
  /** Net price for `priceBaseQuantity` units, minor units, never negative (BR-27). */
  unitPriceMinor: number;
  /** Number of units `unitPriceMinor` is for (BT-149). Default 1; at most 4 decimals. */
  priceBaseQuantity?: number;
  vat: VatTreatment;
}

export interface AllowanceCharge {
  /** true = charge (e.g. freight), false = allowance (discount). */
  isCharge: boolean;
  reason: string;
  /** UNCL 5189 (allowance) or UNCL 7161 (charge) code. */
  reasonCode?: string;
  amountMinor: number;
  /** If given, `amountMinor` must equal base × percent (PEPPOL-EN16931-R040). */
  percentage?: { baseAmountMinor: number; percentBp: number };
  vat: VatTreatment;
}

export type PaymentMeans =
  | {
      /** 30 credit transfer, 58 SEPA credit transfer. */
      code: "30" | "58";
      iban: string;
      bic?: string;
      /** Payment reference the payer quotes (BT-83). */
      paymentId?: string;
    }
  | {
      /** 49 direct debit, 59 SEPA direct debit. */
      code: "49" | "59";
      mandateId: string;
      debitedIban?: string;
      paymentId?: string;
    };

export interface InvoiceDocument {
  kind: DocumentKind;
  number: string;
  issueDate: string;
  /** Invoice: header DueDate. Credit note: PaymentMeans/PaymentDueDate (if payment means given). */
  dueDate?: string;
  currency: Currency;
  /** BT-10: the buyer's reference ("inkoopnummer", government reference). */
  buyerReference?: string;
  /** BT-13: the buyer's purchase order number, e.g. the cXML OrderRequest orderID. */
  orderReference?: string;
  /** BT-14: our (the seller's) order number, e.g. "K100001". */
  salesOrderReference?: string;
  /** BT-25/26: the invoice a credit note corrects (NL-R-001). */
  billingReference?: { invoiceNumber: string; issueDate?: string };
  supplier: Party;
  customer: Party;
  /** Needed for intra-community supply (BR-IC-11/12). */
  delivery?: { date?: string; address?: Partial<Address> & { countryCode: string } };
  paymentMeans?: PaymentMeans;
  /** BT-20, e.g. "Betaling binnen 30 dagen". */
  paymentTerms?: string;
  lines: InvoiceLine[];
  allowancesCharges?: AllowanceCharge[];
  /** BT-19: buyer's cost centre / accounting string. */
  accountingCost?: string;
  /** BT-22: at most one note (PEPPOL-EN16931-R002). */
  note?: string;
}

export interface LineTotal {
  lineId: string;
  netMinor: number;
}

export interface VatBreakdown {
  category: VatCategory;
  rateBp: number;
  taxableMinor: number;
  taxMinor: number;
  exemptionReason?: string;
  exemptionReasonCode?: string;
}

export interface InvoiceTotals {
  /** Same order as `doc.lines`. */
  lines: LineTotal[];
  /** BT-106 = Σ line net (BR-CO-10). */
  lineExtensionMinor: number;
  /** BT-107 (BR-CO-11). */
  allowanceTotalMinor: number;
  /** BT-108 (BR-CO-12). */
  chargeTotalMinor: number;
  /** BT-109 = lines − allowances + charges (BR-CO-13). */
  taxExclusiveMinor: number;
  /** BT-110 = Σ breakdown VAT (BR-CO-14). */
  taxMinor: number;
  /** BT-112 = tax exclusive + VAT (BR-CO-15). */
  taxInclusiveMinor: number;
  /** BT-115 = tax inclusive (no prepaid / rounding amounts; BR-CO-16). */
  payableMinor: number;
  /** One entry per (category, rate), in first-seen order (BR-S-08, BR-Z-01 …). */
  vatBreakdown: VatBreakdown[];
}
