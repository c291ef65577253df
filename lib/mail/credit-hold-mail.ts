import type { MailMessage } from "./send-mail";

/**
 * To whoever placed a web order that was held because it went beyond the customer's credit limit
 * (lib/orders/credit.ts) and that the supplier then cancelled, with the reason staff gave. Plain
 * text, in their language. Pure. (A released order gets the order confirmation instead,
 * lib/mail/order-confirmation-mail.ts.)
 */
export function creditHoldCancelledMail(
  to: { id: number; email: string; name: string; locale: "nl" | "en" },
  facts: { orderNumber: string; poNumber: string | null; comment: string | null; orderLink: string },
): MailMessage {
  const nl = to.locale === "nl";
  const reference = facts.poNumber ? (nl ? ` (uw referentie ${facts.poNumber})` : ` (your reference ${facts.poNumber})`) : "";
  const subject = nl ? `Bestelling ${facts.orderNumber} is geannuleerd` : `Order ${facts.orderNumber} has been canceled`;
  const lead = nl
    ? `Uw bestelling ${facts.orderNumber}${reference} ging boven de kredietlimiet van uw bedrijf. We hebben haar beoordeeld en geannuleerd: ze wordt niet geleverd.`
    : `Your order ${facts.orderNumber}${reference} went beyond your company's credit limit. We reviewed and canceled it: it will not be delivered.`;
  const body = [
    nl ? `Beste ${to.name},` : `Dear ${to.name},`,
    "",
    lead,
    ...(facts.comment ? ["", `${nl ? "Toelichting" : "Comment"}: ${facts.comment}`] : []),
    "",
    `${nl ? "Uw bestelling" : "Your order"}: ${facts.orderLink}`,
  ];
  return { toEmail: to.email, toName: to.name, userId: to.id, kind: "order_cancelled", subject, bodyText: body.join("\n") };
}
