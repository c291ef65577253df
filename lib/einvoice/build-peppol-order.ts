import { toDecimalString } from "@/lib/pricing/money";
import { ublAddress } from "./build-ubl";
import { quantityToString } from "./calculate";
import type { Address, Party } from "./types";
import { leaf, node, toXmlDocument } from "./xml";

/**
 * Peppol BIS Ordering 3, Order (T01) — ERP-SIDE.md §4: the order as a UBL 2.1 Order an ERP or an
 * access point imports. Pure. Element order per the UBL Order schema; rules per PEPPOL-T01
 * (R008: the lines add up to LineExtensionAmount; R024: a line is quantity × price; R028: two
 * decimals; EAS schemes for endpoints, Rec 20/21 unit codes). Amounts excl. VAT, as ordered.
 */

export interface PeppolOrderLine {
  id: string;
  quantity: number;
  /** Rec 20 or Rec 21 with its X prefix (toPeppolUnitCode). */
  unitCode: string;
  priceMinor: number;
  lineExtensionMinor: number;
  name: string;
  sku: string;
  gtin?: string;
  /** The buyer's own item id (their material number). */
  buyerItemId?: string;
}

export interface PeppolOrderDocument {
  id: string;
  issueDate: string;
  currency: string;
  /** The buyer's PO number. */
  customerReference?: string;
  /** The buyer's cost center. */
  accountingCost?: string;
  note?: string;
  buyer: Pick<Party, "name" | "endpoint" | "legalId"> & { address?: Address };
  seller: Party;
  delivery?: { address?: Partial<Address> & { countryCode: string }; requestedDate?: string };
  /** Document-level charges excl. VAT, e.g. the delivery charge (UNCL 7161 FC). */
  charges?: { reason: string; reasonCode?: string; amountMinor: number }[];
  lines: PeppolOrderLine[];
}

export const PEPPOL_ORDER_CUSTOMIZATION = "urn:fdc:peppol.eu:poacc:trns:order:3";
export const PEPPOL_ORDERING_PROFILE = "urn:fdc:peppol.eu:poacc:bis:ordering:3";

export function buildPeppolOrderXml(doc: PeppolOrderDocument): string {
  if (doc.lines.length === 0) throw new Error("an order needs at least one line");
  for (const line of doc.lines) {
    if (line.lineExtensionMinor !== line.priceMinor * line.quantity) throw new Error(`line ${line.id}: amount is not quantity × price (PEPPOL-T01-R024)`);
  }
  const currency = doc.currency;
  const amount = (name: string, minor: number) => leaf(name, toDecimalString(minor, currency), { currencyID: currency });
  const total = doc.lines.reduce((sum, line) => sum + line.lineExtensionMinor, 0);
  const charges = (doc.charges ?? []).filter((charge) => charge.amountMinor !== 0);
  if (charges.some((charge) => charge.amountMinor < 0)) throw new Error("a charge may not be negative (PEPPOL-T01-R032)");
  const chargeTotal = charges.reduce((sum, charge) => sum + charge.amountMinor, 0);
  const party = (p: PeppolOrderDocument["buyer"] | Party) =>
    node("cac:Party", [
      leaf("cbc:EndpointID", p.endpoint.id, { schemeID: p.endpoint.scheme }),
      "tradingName" in p && p.tradingName ? node("cac:PartyName", [leaf("cbc:Name", p.tradingName)]) : undefined,
      p.address && ublAddress("cac:PostalAddress", p.address),
      node("cac:PartyLegalEntity", [leaf("cbc:RegistrationName", p.name), p.legalId && leaf("cbc:CompanyID", p.legalId.id, { schemeID: p.legalId.scheme })]),
    ]);
  const root = node(
    "Order",
    [
      leaf("cbc:CustomizationID", PEPPOL_ORDER_CUSTOMIZATION),
      leaf("cbc:ProfileID", PEPPOL_ORDERING_PROFILE),
      leaf("cbc:ID", doc.id),
      leaf("cbc:IssueDate", doc.issueDate),
      leaf("cbc:Note", doc.note),
      leaf("cbc:DocumentCurrencyCode", currency),
      leaf("cbc:CustomerReference", doc.customerReference),
      leaf("cbc:AccountingCost", doc.accountingCost),
      node("cac:BuyerCustomerParty", [party(doc.buyer)]),
      node("cac:SellerSupplierParty", [party(doc.seller)]),
      doc.delivery &&
        node("cac:Delivery", [
          doc.delivery.address && node("cac:DeliveryLocation", [ublAddress("cac:Address", doc.delivery.address)]),
          doc.delivery.requestedDate ? node("cac:RequestedDeliveryPeriod", [leaf("cbc:StartDate", doc.delivery.requestedDate), leaf("cbc:EndDate", doc.delivery.requestedDate)]) : undefined,
        ]),
      ...charges.map((charge) =>
        node("cac:AllowanceCharge", [
          leaf("cbc:ChargeIndicator", "true"),
          leaf("cbc:AllowanceChargeReasonCode", charge.reasonCode),
          leaf("cbc:AllowanceChargeReason", charge.reason),
          amount("cbc:Amount", charge.amountMinor),
        ]),
      ),
      // R010/R011: the charges add up to ChargeTotalAmount, and lines + charges to TaxExclusiveAmount.
      node(
        "cac:AnticipatedMonetaryTotal",
        chargeTotal === 0
          ? [amount("cbc:LineExtensionAmount", total), amount("cbc:PayableAmount", total)]
          : [
              amount("cbc:LineExtensionAmount", total),
              amount("cbc:TaxExclusiveAmount", total + chargeTotal),
              amount("cbc:ChargeTotalAmount", chargeTotal),
              amount("cbc:PayableAmount", total + chargeTotal),
            ],
      ),
      ...doc.lines.map((line) =>
        node("cac:OrderLine", [
          node("cac:LineItem", [
            leaf("cbc:ID", line.id),
            leaf("cbc:Quantity", quantityToString(line.quantity), { unitCode: line.unitCode }),
            amount("cbc:LineExtensionAmount", line.lineExtensionMinor),
            node("cac:Price", [amount("cbc:PriceAmount", line.priceMinor)]),
            node("cac:Item", [
              leaf("cbc:Name", line.name),
              line.buyerItemId ? node("cac:BuyersItemIdentification", [leaf("cbc:ID", line.buyerItemId)]) : undefined,
              node("cac:SellersItemIdentification", [leaf("cbc:ID", line.sku)]),
              line.gtin ? node("cac:StandardItemIdentification", [leaf("cbc:ID", line.gtin, { schemeID: "0160" })]) : undefined,
            ]),
          ]),
        ]),
      ),
    ],
    {
      xmlns: "urn:oasis:names:specification:ubl:schema:xsd:Order-2",
      "xmlns:cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "xmlns:cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    },
  );
  return toXmlDocument(root);
}
