import { unitQuantity } from "@/lib/catalog/unit-names";
import type { OutgoingMail } from "@/lib/data/user-accounts";

/**
 * To whoever placed a web order: (part of) it has been shipped, with the carrier, the tracking
 * number and link, and what is in this shipment. Plain text, in their language. Pure. Procurement
 * systems get a cXML ShipNoticeRequest instead (lib/purchase-orders/order-responses.ts).
 */
export function shipmentMail(
  to: { id: number; email: string; name: string; locale: "nl" | "en" },
  facts: {
    orderNumber: string;
    poNumber: string | null;
    shipmentNumber: string;
    /** With this shipment the order is shipped in full. */
    complete: boolean;
    carrier: string;
    trackingNumber: string;
    trackingUrl: string | null;
    lines: { sku: string; name: string; quantity: number; unit: string }[];
    orderLink: string;
  },
): OutgoingMail & { userId: number } {
  const nl = to.locale === "nl";
  const reference = facts.poNumber ? (nl ? ` (uw referentie ${facts.poNumber})` : ` (your reference ${facts.poNumber})`) : "";
  const subject = nl
    ? `${facts.complete ? "Uw bestelling" : "Een deel van uw bestelling"} ${facts.orderNumber} is verzonden`
    : `${facts.complete ? "Your order" : "Part of your order"} ${facts.orderNumber} has been shipped`;
  const items = facts.lines.map((line) => `- ${unitQuantity(line.quantity, line.unit, to.locale)} ${line.sku} ${line.name}`);
  const body = nl
    ? [
        `Beste ${to.name},`,
        "",
        `${facts.complete ? "Uw bestelling" : "Een deel van uw bestelling"} ${facts.orderNumber}${reference} is verzonden (zending ${facts.shipmentNumber}).`,
        "",
        `Vervoerder: ${facts.carrier}`,
        `Track & trace: ${facts.trackingNumber}${facts.trackingUrl ? ` — ${facts.trackingUrl}` : ""}`,
        "",
        "In deze zending:",
        ...items,
        ...(facts.complete ? [] : ["", "De rest van uw bestelling volgt."]),
        "",
        `Uw bestelling: ${facts.orderLink}`,
      ]
    : [
        `Dear ${to.name},`,
        "",
        `${facts.complete ? "Your order" : "Part of your order"} ${facts.orderNumber}${reference} has been shipped (shipment ${facts.shipmentNumber}).`,
        "",
        `Carrier: ${facts.carrier}`,
        `Tracking: ${facts.trackingNumber}${facts.trackingUrl ? ` — ${facts.trackingUrl}` : ""}`,
        "",
        "In this shipment:",
        ...items,
        ...(facts.complete ? [] : ["", "The rest of your order follows."]),
        "",
        `Your order: ${facts.orderLink}`,
      ];
  return { toEmail: to.email, toName: to.name, userId: to.id, kind: "order_shipped", subject, bodyText: body.join("\n") };
}
