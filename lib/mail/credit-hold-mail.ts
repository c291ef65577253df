import type { MailMessage } from "./send-mail";

/**
 * To whoever placed a web order that was held because it went beyond the customer's credit limit
 * (lib/orders/credit.ts): the supplier released it (it is processed now) or cancelled it, with the
 * reason staff gave. Plain text, in their language. Pure.
 */
export function creditHoldDecidedMail(
  to: { id: number; email: string; name: string; locale: "nl" | "en" },
  facts: { orderNumber: string; poNumber: string | null; decision: "released" | "cancelled"; comment: string | null; orderLink: string },
): MailMessage {
  const nl = to.locale === "nl";
  const released = facts.decision === "released";
  const reference = facts.poNumber ? (nl ? ` (uw referentie ${facts.poNumber})` : ` (your reference ${facts.poNumber})`) : "";
  const subject = nl
    ? `Bestelling ${facts.orderNumber} ${released ? "wordt verwerkt" : "is geannuleerd"}`
    : `Order ${facts.orderNumber} ${released ? "is being processed" : "has been cancelled"}`;
  const lead = nl
    ? released
      ? `Uw bestelling ${facts.orderNumber}${reference} ging boven de kredietlimiet van uw bedrijf. We hebben haar beoordeeld en vrijgegeven: ze wordt nu verwerkt.`
      : `Uw bestelling ${facts.orderNumber}${reference} ging boven de kredietlimiet van uw bedrijf. We hebben haar beoordeeld en geannuleerd: ze wordt niet geleverd.`
    : released
      ? `Your order ${facts.orderNumber}${reference} went beyond your company's credit limit. We reviewed and released it: it is being processed now.`
      : `Your order ${facts.orderNumber}${reference} went beyond your company's credit limit. We reviewed and cancelled it: it will not be delivered.`;
  const body = [
    nl ? `Beste ${to.name},` : `Dear ${to.name},`,
    "",
    lead,
    ...(facts.comment ? ["", `${nl ? "Toelichting" : "Comment"}: ${facts.comment}`] : []),
    "",
    `${nl ? "Uw bestelling" : "Your order"}: ${facts.orderLink}`,
  ];
  return { toEmail: to.email, toName: to.name, userId: to.id, kind: released ? "order_released" : "order_cancelled", subject, bodyText: body.join("\n") };
}
