/**
 * UBL 2.1 Invoice / CreditNote for Peppol BIS Billing 3.0 and NLCIUS (SI-UBL 2.0).
 * Children are emitted in UBL XSD sequence order; see ../shared/docs/EINVOICE.md §2–3.
 */
import { toDecimalString } from "@/lib/pricing/money";
import { assertValidInvoiceInput, calculateInvoiceTotals, percentToString, quantityToString } from "./calculate";
import type {
  Address,
  AllowanceCharge,
  DocumentKind,
  InvoiceDocument,
  Party,
  VatBreakdown,
  VatTreatment,
} from "./types";
import { leaf, node, toXmlDocument, type XmlChild, type XmlElement } from "./xml";

export type UblProfile = "peppol" | "nlcius";

const CUSTOMIZATION_ID: Record<UblProfile, string> = {
  peppol: "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0", // PEPPOL-EN16931-R004
  nlcius: "urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0",
};
const PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"; // PEPPOL-EN16931-R007
const NS = {
  cac: "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
  cbc: "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
};

const vatScheme = () => node("cac:TaxScheme", [leaf("cbc:ID", "VAT")]);

export function ublAddress(name: string, a: Partial<Address>): XmlElement | undefined {
  return node(name, [
    leaf("cbc:StreetName", a.street),
    leaf("cbc:AdditionalStreetName", a.additionalStreet),
    leaf("cbc:CityName", a.city),
    leaf("cbc:PostalZone", a.postalCode),
    node("cac:Country", [leaf("cbc:IdentificationCode", a.countryCode)]),
  ]);
}

function party(p: Party): XmlElement | undefined {
  return node("cac:Party", [
    leaf("cbc:EndpointID", p.endpoint.id, { schemeID: p.endpoint.scheme }),
    node("cac:PartyName", [leaf("cbc:Name", p.tradingName)]),
    ublAddress("cac:PostalAddress", p.address),
    p.vatId !== undefined && node("cac:PartyTaxScheme", [leaf("cbc:CompanyID", p.vatId), vatScheme()]),
    node("cac:PartyLegalEntity", [
      leaf("cbc:RegistrationName", p.name),
      p.legalId && leaf("cbc:CompanyID", p.legalId.id, { schemeID: p.legalId.scheme }),
    ]),
    p.contact &&
      node("cac:Contact", [
        leaf("cbc:Name", p.contact.name),
        leaf("cbc:Telephone", p.contact.phone),
        leaf("cbc:ElectronicMail", p.contact.email),
      ]),
  ]);
}

/** Builds an Invoice or CreditNote (by `doc.kind`) after validating the input. */
export function buildUblXml(doc: InvoiceDocument, profile: UblProfile = "peppol"): string {
  assertValidInvoiceInput(doc);
  const totals = calculateInvoiceTotals(doc);
  const isCreditNote = doc.kind === "credit_note";
  const nlcius = profile === "nlcius";
  const currency = doc.currency;
  // Every amount carries the document currency (PEPPOL-EN16931-R051).
  const amount = (name: string, minor: number) =>
    leaf(name, toDecimalString(minor, currency), { currencyID: currency });
  const taxCategory = (name: string, vat: Pick<VatTreatment, "category" | "rateBp">, extra: XmlChild[] = []) =>
    node(name, [
      leaf("cbc:ID", vat.category),
      leaf("cbc:Percent", percentToString(vat.rateBp)),
      ...extra,
      vatScheme(),
    ]);

  const allowanceCharge = (ac: AllowanceCharge) =>
    node("cac:AllowanceCharge", [
      leaf("cbc:ChargeIndicator", String(ac.isCharge)),
      // Reason codes are discouraged in NLCIUS (BR-NL-32/34); the text is mandatory anyway (BR-33/38).
      !nlcius && leaf("cbc:AllowanceChargeReasonCode", ac.reasonCode),
      leaf("cbc:AllowanceChargeReason", ac.reason),
      ac.percentage && leaf("cbc:MultiplierFactorNumeric", percentToString(ac.percentage.percentBp)),
      amount("cbc:Amount", ac.amountMinor),
      ac.percentage && amount("cbc:BaseAmount", ac.percentage.baseAmountMinor),
      taxCategory("cac:TaxCategory", ac.vat),
    ]);

  const taxSubtotal = (b: VatBreakdown) =>
    node("cac:TaxSubtotal", [
      amount("cbc:TaxableAmount", b.taxableMinor),
      amount("cbc:TaxAmount", b.taxMinor),
      taxCategory("cac:TaxCategory", b, [
        // NLCIUS discourages the code (BR-NL-35): send it only when there is no text.
        (!nlcius || b.exemptionReason === undefined) && leaf("cbc:TaxExemptionReasonCode", b.exemptionReasonCode),
        leaf("cbc:TaxExemptionReason", b.exemptionReason),
      ]),
    ]);

  const payment = doc.paymentMeans;
  const paymentMeans =
    payment &&
    node("cac:PaymentMeans", [
      leaf("cbc:PaymentMeansCode", payment.code),
      isCreditNote && leaf("cbc:PaymentDueDate", doc.dueDate),
      leaf("cbc:PaymentID", payment.paymentId),
      (payment.code === "30" || payment.code === "58") &&
        node("cac:PayeeFinancialAccount", [
          leaf("cbc:ID", payment.iban),
          // BIC is discouraged for SEPA payments in NLCIUS (BR-NL-31).
          !(nlcius && payment.code === "58") &&
            node("cac:FinancialInstitutionBranch", [leaf("cbc:ID", payment.bic)]),
        ]),
      (payment.code === "49" || payment.code === "59") &&
        node("cac:PaymentMandate", [
          leaf("cbc:ID", payment.mandateId), // PEPPOL-EN16931-R061
          node("cac:PayerFinancialAccount", [leaf("cbc:ID", payment.debitedIban)]),
        ]),
    ]);

  const lineTag = isCreditNote ? "cac:CreditNoteLine" : "cac:InvoiceLine";
  const lines = doc.lines.map((line, index) =>
    node(lineTag, [
      leaf("cbc:ID", line.id),
      leaf(isCreditNote ? "cbc:CreditedQuantity" : "cbc:InvoicedQuantity", quantityToString(line.quantity), {
        unitCode: line.unitCode,
      }),
      amount("cbc:LineExtensionAmount", totals.lines[index]?.netMinor ?? 0),
      node("cac:OrderLineReference", [leaf("cbc:LineID", line.orderLineReference)]),
      node("cac:Item", [
        leaf("cbc:Description", line.description),
        leaf("cbc:Name", line.name),
        // BT-156 before BT-155 (UBL 2.1 ItemType sequence); no schemeID (UBL-CR-667).
        node("cac:BuyersItemIdentification", [leaf("cbc:ID", line.buyersItemId)]),
        node("cac:SellersItemIdentification", [leaf("cbc:ID", line.sku)]),
        node("cac:StandardItemIdentification", [leaf("cbc:ID", line.gtin, { schemeID: "0160" })]),
        taxCategory("cac:ClassifiedTaxCategory", line.vat),
      ]),
      node("cac:Price", [
        amount("cbc:PriceAmount", line.unitPriceMinor),
        line.priceBaseQuantity !== undefined &&
          leaf("cbc:BaseQuantity", quantityToString(line.priceBaseQuantity), { unitCode: line.unitCode }), // R130
      ]),
    ]),
  );

  const allowancesCharges = doc.allowancesCharges ?? [];
  const billing = doc.billingReference;
  const root = node(
    isCreditNote ? "CreditNote" : "Invoice",
    [
      leaf("cbc:CustomizationID", CUSTOMIZATION_ID[profile]),
      leaf("cbc:ProfileID", PROFILE_ID),
      leaf("cbc:ID", doc.number),
      leaf("cbc:IssueDate", doc.issueDate),
      !isCreditNote && leaf("cbc:DueDate", doc.dueDate),
      isCreditNote ? leaf("cbc:CreditNoteTypeCode", "381") : leaf("cbc:InvoiceTypeCode", "380"),
      leaf("cbc:Note", doc.note),
      leaf("cbc:DocumentCurrencyCode", currency),
      leaf("cbc:AccountingCost", doc.accountingCost),
      leaf("cbc:BuyerReference", doc.buyerReference),
      // BT-13 and BT-14. OrderReference/ID is mandatory in UBL: with only our order number, Peppol
      // BIS 3 has "NA" stand for the purchase order the buyer did not give.
      node("cac:OrderReference", [
        leaf("cbc:ID", doc.orderReference ?? (doc.salesOrderReference?.trim() ? "NA" : undefined)),
        leaf("cbc:SalesOrderID", doc.salesOrderReference),
      ]),
      billing &&
        node("cac:BillingReference", [
          node("cac:InvoiceDocumentReference", [
            leaf("cbc:ID", billing.invoiceNumber),
            !nlcius && leaf("cbc:IssueDate", billing.issueDate), // discouraged in NLCIUS (BR-NL-24)
          ]),
        ]),
      node("cac:AccountingSupplierParty", [party(doc.supplier)]),
      node("cac:AccountingCustomerParty", [party(doc.customer)]),
      doc.delivery &&
        node("cac:Delivery", [
          leaf("cbc:ActualDeliveryDate", doc.delivery.date),
          // DeliveryLocation/Address, not DeliveryAddress (UBL-CR-682); country is BT-80 (BR-IC-12).
          doc.delivery.address && node("cac:DeliveryLocation", [ublAddress("cac:Address", doc.delivery.address)]),
        ]),
      paymentMeans,
      node("cac:PaymentTerms", [leaf("cbc:Note", doc.paymentTerms)]),
      ...allowancesCharges.map(allowanceCharge),
      node("cac:TaxTotal", [amount("cbc:TaxAmount", totals.taxMinor), ...totals.vatBreakdown.map(taxSubtotal)]),
      node("cac:LegalMonetaryTotal", [
        amount("cbc:LineExtensionAmount", totals.lineExtensionMinor),
        amount("cbc:TaxExclusiveAmount", totals.taxExclusiveMinor),
        amount("cbc:TaxInclusiveAmount", totals.taxInclusiveMinor),
        allowancesCharges.some((ac) => !ac.isCharge) &&
          amount("cbc:AllowanceTotalAmount", totals.allowanceTotalMinor),
        allowancesCharges.some((ac) => ac.isCharge) && amount("cbc:ChargeTotalAmount", totals.chargeTotalMinor),
        amount("cbc:PayableAmount", totals.payableMinor),
      ]),
      ...lines,
    ],
    {
      xmlns: `urn:oasis:names:specification:ubl:schema:xsd:${isCreditNote ? "CreditNote" : "Invoice"}-2`,
      "xmlns:cac": NS.cac,
      "xmlns:cbc": NS.cbc,
    },
  );
  return toXmlDocument(root);
}

function expectKind(doc: InvoiceDocument, kind: DocumentKind): InvoiceDocument {
  if (doc.kind !== kind) throw new Error(`expected a ${kind} document, got ${doc.kind} (${doc.number})`);
  return doc;
}

export function buildPeppolInvoiceXml(doc: InvoiceDocument): string {
  return buildUblXml(expectKind(doc, "invoice"), "peppol");
}

export function buildPeppolCreditNoteXml(doc: InvoiceDocument): string {
  return buildUblXml(expectKind(doc, "credit_note"), "peppol");
}

/** SI-UBL 2.0 invoice, for Dutch receivers that ask for NLCIUS instead of Peppol BIS. */
export function buildNlciusInvoiceXml(doc: InvoiceDocument): string {
  return buildUblXml(expectKind(doc, "invoice"), "nlcius");
}

export function buildNlciusCreditNoteXml(doc: InvoiceDocument): string {
  return buildUblXml(expectKind(doc, "credit_note"), "nlcius");
}
