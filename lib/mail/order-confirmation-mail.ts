import { unitQuantity } from "@/lib/catalog/unit-names";
import { dateText, money, percent } from "@/lib/format";
import { addressText } from "@/lib/format-address";
import type { SkippedStandingOrderLine } from "@/lib/standing-orders/schedule";
import type { MailMessage } from "./send-mail";
import { skippedLinesText } from "./standing-order-mails";

/**
 * The order confirmation ("Orderbevestiging"): to whoever placed a web order, once, when it becomes
 * an order we process — placed at checkout or by a standing order, approved by the company's
 * approver, or released by us after a credit review. Office buyers file it: everything the order
 * says (numbers, address, lines, VAT per rate, total) in plain text, in their language. An order
 * awaiting approval or held for credit review is not confirmed yet (its own mails say so); punchout
 * orders are confirmed to the procurement system in cXML. The totals read as on the order page and
 * the invoice: the items, then delivery ("free" when the customer's terms waived it), then the
 * subtotal, VAT per rate and the total. Pure.
 */

type MailAddress = { name: string; attention: string | null; street: string; postalCode: string; city: string; countryCode: string };

export interface OrderConfirmationFacts {
  orderNumber: string;
  placedAt: Date;
  poNumber: string | null;
  /** The code the order carries, with the cost centre's name when it still has one. */
  costCenter: { code: string; name: string | null } | null;
  /** YYYY-MM-DD */
  requestedDeliveryDate: string | null;
  note: string | null;
  shipTo: MailAddress;
  /** The invoice address the order stores (null: none given; the invoice goes to the company's). */
  billTo: MailAddress | null;
  lines: { sku: string; name: string; quantity: number; unit: string; unitPriceMinor: number; lineTotalMinor: number; customerArticleNumber: string | null }[];
  currency: string;
  /** Inside the subtotal and the VAT breakdown, as on the order. */
  deliveryChargeMinor: number;
  /**
   * Whether the customer's terms charge for delivery (lib/pricing/delivery-charge.ts): then a waived
   * charge says "free", as the cart and checkout did; without terms delivery is not mentioned.
   */
  deliveryCharged: boolean;
  subtotalMinor: number;
  vatBreakdown: { vatRateBasisPoints: number; taxableMinor: number; vatMinor: number }[];
  totalMinor: number;
  orderLink: string;
  /** Who signs the mail (the supplier profile's trading or legal name); null before there is a profile. */
  supplierName: string | null;
}

/** How the order came to be confirmed: it opens the mail (one mail, not a second one beside the news). */
export type ConfirmationOccasion =
  | { kind: "checkout" }
  /** Placed but held for our review (beyond the credit limit): a receipt now, the confirmation when released. */
  | { kind: "held" }
  | { kind: "approved"; approverName: string; comment: string | null }
  | { kind: "released"; comment: string | null }
  | { kind: "standing_order"; listName: string; runOn: string; skipped: SkippedStandingOrderLine[]; nextRunOn: string | null; listLink: string };

export function orderConfirmationMail(
  to: { id: number; email: string; name: string; locale: "nl" | "en" },
  order: OrderConfirmationFacts,
  occasion: ConfirmationOccasion,
): MailMessage {
  const locale = to.locale;
  const nl = locale === "nl";
  const amount = (minor: number) => money(minor, locale, order.currency);
  const subjectNote = {
    checkout: "",
    held: "",
    approved: nl ? ": goedgekeurd" : ": approved",
    released: nl ? ": vrijgegeven" : ": released",
    standing_order: occasion.kind === "standing_order" ? (nl ? `: vaste bestelling "${occasion.listName}"` : `: standing order "${occasion.listName}"`) : "",
  }[occasion.kind];
  const comment = (text: string | null) => (text ? ["", `${nl ? "Toelichting" : "Comment"}: ${text}`] : []);
  const lead = (() => {
    switch (occasion.kind) {
      case "checkout":
        return [nl ? "Dank u voor uw bestelling. Bewaar deze bevestiging voor uw administratie." : "Thank you for your order. Keep this confirmation for your records."];
      case "held":
        return [
          nl
            ? "Dank u voor uw bestelling; we hebben haar ontvangen. Ze gaat boven de kredietlimiet van uw bedrijf, dus we beoordelen haar voordat we haar verwerken en nemen contact op als dat nodig is. U krijgt een bevestiging zodra we haar hebben vrijgegeven."
            : "Thank you for your order; we have received it. It goes beyond your company's credit limit, so we review it before we process it and will contact you if needed. You will get a confirmation once we have released it.",
        ];
      case "approved":
        return [
          nl
            ? `${occasion.approverName} heeft uw bestelling goedgekeurd. De bestelling wordt nu verwerkt.`
            : `${occasion.approverName} approved your order. It is now being processed.`,
          ...comment(occasion.comment),
        ];
      case "released":
        return [
          nl
            ? "Uw bestelling ging boven de kredietlimiet van uw bedrijf. We hebben haar beoordeeld en vrijgegeven: ze wordt nu verwerkt."
            : "Your order went beyond your company's credit limit. We reviewed and released it: it is being processed now.",
          ...comment(occasion.comment),
        ];
      case "standing_order":
        return [
          nl
            ? `Uw vaste bestelling "${occasion.listName}" van ${dateText(occasion.runOn, locale)} is geplaatst, tegen de prijzen van vandaag.`
            : `Your standing order "${occasion.listName}" of ${dateText(occasion.runOn, locale)} has been placed, at today's prices.`,
        ];
    }
  })();
  const costCenter = order.costCenter ? (order.costCenter.name ? `${order.costCenter.code} – ${order.costCenter.name}` : order.costCenter.code) : null;
  const facts = [
    // "Bestelling", as the subject and the shop say; not the back office's "order".
    `${nl ? "Bestelnummer" : "Order number"}: ${order.orderNumber}`,
    `${nl ? "Besteldatum" : "Order date"}: ${dateText(order.placedAt, locale)}`,
    ...(order.poNumber ? [`${nl ? "Inkoopordernummer" : "PO number"}: ${order.poNumber}`] : []),
    ...(costCenter ? [`${nl ? "Kostenplaats" : "Cost center"}: ${costCenter}`] : []),
    ...(order.requestedDeliveryDate ? [`${nl ? "Gewenste leverdatum" : "Requested delivery date"}: ${dateText(order.requestedDeliveryDate, locale)}`] : []),
    ...(order.note ? [`${nl ? "Opmerking" : "Note"}: ${order.note}`] : []),
  ];
  const lines = order.lines.flatMap((line) => [
    `- ${line.sku} ${line.name}${line.customerArticleNumber ? ` (${nl ? "uw nr." : "your no."} ${line.customerArticleNumber})` : ""}`,
    `  ${unitQuantity(line.quantity, line.unit, locale)} × ${amount(line.unitPriceMinor)} = ${amount(line.lineTotalMinor)}`,
  ]);
  const showDelivery = order.deliveryChargeMinor > 0 || order.deliveryCharged;
  const totals = [
    ...(showDelivery
      ? [
          `${nl ? "Artikelen excl. btw" : "Items excl. VAT"}: ${amount(order.subtotalMinor - order.deliveryChargeMinor)}`,
          `${nl ? "Bezorgkosten" : "Delivery"}: ${order.deliveryChargeMinor > 0 ? amount(order.deliveryChargeMinor) : nl ? "gratis" : "free"}`,
        ]
      : []),
    `${nl ? "Subtotaal excl. btw" : "Subtotal excl. VAT"}: ${amount(order.subtotalMinor)}`,
    ...order.vatBreakdown.map(
      (row) => `${nl ? "Btw" : "VAT"} ${percent(row.vatRateBasisPoints, locale)} ${nl ? "over" : "on"} ${amount(row.taxableMinor)}: ${amount(row.vatMinor)}`,
    ),
    `${nl ? "Totaal incl. btw" : "Total incl. VAT"}: ${amount(order.totalMinor)}`,
  ];
  const standing =
    occasion.kind === "standing_order"
      ? [
          ...skippedLinesText(occasion.skipped, locale),
          ...(occasion.nextRunOn ? ["", nl ? `Volgende bestelling: ${dateText(occasion.nextRunOn, locale)}.` : `Next order: ${dateText(occasion.nextRunOn, locale)}.`] : []),
        ]
      : [];
  const links = [
    `${nl ? "Uw bestelling in Mijn account" : "Your order in My account"}: ${order.orderLink}`,
    ...(occasion.kind === "standing_order" ? [`${nl ? "Lijst en instellingen" : "List and settings"}: ${occasion.listLink}`] : []),
  ];
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: occasion.kind === "held" ? "order_received" : "order_confirmation",
    subject:
      occasion.kind === "held"
        ? nl
          ? `Bestelling ${order.orderNumber} ontvangen, in beoordeling`
          : `Order ${order.orderNumber} received, under review`
        : `${nl ? "Orderbevestiging" : "Order confirmation"} ${order.orderNumber}${subjectNote}`,
    bodyText: [
      nl ? `Beste ${to.name},` : `Dear ${to.name},`,
      "",
      ...lead,
      "",
      ...facts,
      "",
      `${nl ? "Afleveradres" : "Delivery address"}:`,
      addressText(order.shipTo, "\n", locale),
      "",
      ...(order.billTo ? [`${nl ? "Factuuradres" : "Invoice address"}:`, addressText(order.billTo, "\n", locale), ""] : []),
      nl ? "Artikelen (prijzen excl. btw):" : "Items (prices excl. VAT):",
      ...lines,
      "",
      ...totals,
      ...standing,
      "",
      ...links,
      ...(order.supplierName ? ["", nl ? "Met vriendelijke groet," : "Kind regards,", order.supplierName] : []),
    ].join("\n"),
  };
}
