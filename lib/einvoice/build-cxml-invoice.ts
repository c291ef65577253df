/**
 * cXML InvoiceDetailRequest (InvoiceDetail.dtd) for buyers on SAP Business Network / Coupa
 * (PROTOCOLS.md §2.11). Lines reference the buyer's OrderRequest by orderID + payloadID.
 * VAT is stated once per (category, rate) in the summary, as in the UBL document, so line and
 * header amounts reconcile exactly.
 */
import { toDecimalString } from "@/lib/pricing/money";
import {
  assertValidInvoiceInput,
  calculateInvoiceTotals,
  InvoiceValidationError,
  percentToString,
  quantityToString,
} from "./calculate";
import type { Address, InvoiceDocument, Party, VatBreakdown } from "./types";
import { leaf, node, toXmlDocument } from "./xml";

/** InvoiceDetail.dtd exists locally (and at most hubs) for 1.2.037; cXML/@version must match. */
export const CXML_INVOICE_VERSION = "1.2.037";

export interface CxmlCredential {
  domain: string;
  identity: string;
}

export interface CxmlInvoiceEnvelope {
  /** Unique per document and unchanged on retries. */
  payloadId: string;
  /** Sending time; written as UTC with an explicit offset. */
  now: Date;
  from: CxmlCredential;
  to: CxmlCredential;
  sender: CxmlCredential & { sharedSecret?: string };
  userAgent: string;
  /** The OrderRequest this invoice bills; orderID comes from `doc.orderReference`. */
  order: { payloadId: string; orderDate?: string };
  deploymentMode?: "production" | "test";
  /** xml:lang of names and descriptions. */
  language?: string;
}

const UINT = /^\d+$/;

function utcTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+00:00`;
}

function dateTime(isoDate: string): string {
  return `${isoDate}T00:00:00+00:00`;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Problems specific to the cXML mapping, on top of `validateInvoiceInput`. */
export function validateCxmlInvoiceInput(doc: InvoiceDocument): string[] {
  const problems: string[] = [];
  if (!doc.orderReference) problems.push("cXML invoices need the buyer's orderID (orderReference)");
  doc.lines.forEach((line) => {
    if (line.orderLineReference === undefined || !UINT.test(line.orderLineReference)) {
      problems.push(`line ${line.id}: cXML needs the numeric PO line number (orderLineReference)`);
    }
  });
  return problems;
}

export function buildCxmlInvoiceDetailRequest(doc: InvoiceDocument, envelope: CxmlInvoiceEnvelope): string {
  assertValidInvoiceInput(doc);
  const cxmlProblems = validateCxmlInvoiceInput(doc);
  if (cxmlProblems.length > 0) throw new InvoiceValidationError(cxmlProblems);

  const totals = calculateInvoiceTotals(doc);
  const lang = envelope.language ?? "nl-NL";
  const isCreditNote = doc.kind === "credit_note";
  // Line-level credit memos carry negative quantities and amounts (cXML Invoice guide).
  const sign = isCreditNote ? -1 : 1;
  const moneyLeaf = (minor: number) =>
    leaf("Money", toDecimalString(minor, doc.currency), { currency: doc.currency });
  const money = (name: string, minor: number) => node(name, [moneyLeaf(sign * minor)]);
  const text = (name: string, value: string | undefined) => leaf(name, value, { "xml:lang": lang });

  const credential = (c: CxmlCredential, secret?: string) =>
    node("Credential", [leaf("Identity", c.identity), leaf("SharedSecret", secret)], { domain: c.domain });

  const postalAddress = (a: Address) =>
    node("PostalAddress", [
      leaf("Street", a.street),
      leaf("Street", a.additionalStreet),
      leaf("City", a.city),
      leaf("PostalCode", a.postalCode),
      leaf("Country", a.countryCode, { isoCountryCode: a.countryCode }),
    ]);

  const partner = (role: string, party: Party, ids: Array<[domain: string, id: string | undefined]>) =>
    node("InvoicePartner", [
      node("Contact", [text("Name", party.name), postalAddress(party.address), leaf("Email", party.contact?.email)], {
        role,
      }),
      ...ids.map(
        ([domain, identifier]) => identifier !== undefined && node("IdReference", [], { domain, identifier }, true),
      ),
    ]);

  const payment = doc.paymentMeans;
  const remitIds: Array<[string, string | undefined]> =
    payment && "iban" in payment ? [["ibanID", payment.iban], ["swiftID", payment.bic]] : [];
  const originalDate = doc.billingReference?.issueDate && dateTime(doc.billingReference.issueDate);
  const payInDays = !isCreditNote && doc.dueDate ? daysBetween(doc.issueDate, doc.dueDate) : undefined;

  const taxDetail = (b: VatBreakdown) =>
    node(
      "TaxDetail",
      [
        money("TaxableAmount", b.taxableMinor),
        money("TaxAmount", b.taxMinor),
        text("Description", b.exemptionReason ?? `BTW ${percentToString(b.rateBp)}%`),
        b.exemptionReasonCode !== undefined &&
          node(
            "TaxExemption",
            [text("ExemptReason", b.exemptionReason)],
            { exemptCode: b.exemptionReasonCode },
            true,
          ),
      ],
      {
        category: "vat",
        percentageRate: percentToString(b.rateBp),
        exemptDetail: b.category === "Z" ? "zeroRated" : b.category === "S" ? undefined : "exempt",
      },
    );

  const items = doc.lines.map((line, index) =>
    node(
      "InvoiceDetailItem",
      [
        leaf("UnitOfMeasure", line.unitCode),
        node("UnitPrice", [moneyLeaf(line.unitPriceMinor)]),
        line.priceBaseQuantity !== undefined &&
          node("PriceBasisQuantity", [leaf("UnitOfMeasure", line.unitCode)], {
            quantity: quantityToString(line.priceBaseQuantity),
            conversionFactor: "1",
          }),
        node(
          "InvoiceDetailItemReference",
          [
            // ItemID (SupplierPartID, SupplierPartAuxiliaryID?, BuyerPartID?, IdReference*) in InvoiceDetail.dtd.
            node("ItemID", [leaf("SupplierPartID", line.sku ?? line.id), leaf("BuyerPartID", line.buyersItemId)]),
            text("Description", line.name),
          ],
          { lineNumber: line.orderLineReference },
        ),
        money("SubtotalAmount", totals.lines[index]?.netMinor ?? 0),
      ],
      { invoiceLineNumber: String(index + 1), quantity: quantityToString(sign * line.quantity) },
    ),
  );

  const modifications = (doc.allowancesCharges ?? []).map((ac) =>
    node("Modification", [
      ac.isCharge
        ? node("AdditionalCost", [moneyLeaf(sign * ac.amountMinor)])
        : node("AdditionalDeduction", [money("DeductionAmount", ac.amountMinor)]),
      node("ModificationDetail", [text("Description", ac.reason)], {
        name: ac.isCharge ? "Charge" : "Allowance",
        code: ac.reasonCode,
      }),
    ]),
  );

  const request = node("InvoiceDetailRequest", [
    node(
      "InvoiceDetailRequestHeader",
      [
        node("InvoiceDetailHeaderIndicator", [], {}, true),
        node("InvoiceDetailLineIndicator", [], {}, true),
        partner("from", doc.supplier, [["vatID", doc.supplier.vatId]]),
        partner("remitTo", doc.supplier, remitIds),
        partner("billTo", doc.customer, [["vatID", doc.customer.vatId]]),
        doc.billingReference &&
          node("InvoiceIDInfo", [], { invoiceID: doc.billingReference.invoiceNumber, invoiceDate: originalDate }, true),
        payInDays !== undefined &&
          node("InvoiceDetailPaymentTerm", [], { payInNumberOfDays: String(payInDays), percentageRate: "0" }, true),
        text("Comments", [doc.note, doc.paymentTerms].filter(Boolean).join("\n") || undefined),
      ],
      {
        invoiceID: doc.number,
        purpose: isCreditNote ? "lineLevelCreditMemo" : "standard",
        operation: "new",
        invoiceDate: dateTime(doc.issueDate),
      },
    ),
    node("InvoiceDetailOrder", [
      node("InvoiceDetailOrderInfo", [
        node("OrderReference", [node("DocumentReference", [], { payloadID: envelope.order.payloadId }, true)], {
          orderID: doc.orderReference,
          orderDate: envelope.order.orderDate,
        }),
      ]),
      ...items,
    ]),
    node("InvoiceDetailSummary", [
      money("SubtotalAmount", totals.lineExtensionMinor),
      node("Tax", [
        moneyLeaf(sign * totals.taxMinor),
        text("Description", "BTW"),
        ...totals.vatBreakdown.map(taxDetail),
      ]),
      modifications.length > 0 && node("InvoiceHeaderModifications", modifications),
      totals.chargeTotalMinor !== 0 && money("TotalCharges", totals.chargeTotalMinor),
      totals.allowanceTotalMinor !== 0 && money("TotalAllowances", totals.allowanceTotalMinor),
      money("TotalAmountWithoutTax", totals.taxExclusiveMinor),
      money("NetAmount", totals.taxInclusiveMinor),
      money("DueAmount", totals.payableMinor),
    ]),
  ]);

  const root = node(
    "cXML",
    [
      node("Header", [
        node("From", [credential(envelope.from)]),
        node("To", [credential(envelope.to)]),
        node("Sender", [
          credential(envelope.sender, envelope.sender.sharedSecret),
          leaf("UserAgent", envelope.userAgent),
        ]),
      ]),
      node("Request", [request], { deploymentMode: envelope.deploymentMode ?? "production" }),
    ],
    {
      payloadID: envelope.payloadId,
      timestamp: utcTimestamp(envelope.now),
      version: CXML_INVOICE_VERSION,
      "xml:lang": lang,
    },
  );
  const dtd = `http://xml.cxml.org/schemas/cXML/${CXML_INVOICE_VERSION}/InvoiceDetail.dtd`;
  return toXmlDocument(root, `<!DOCTYPE cXML SYSTEM "${dtd}">`);
}
