import type { MailMessage } from "./send-mail";

/**
 * To whoever placed a web order, when staff changed its lines (lib/orders/order-edit.ts): what
 * changed, why, and the new total. Plain text in the recipient's profile language. Pure.
 */
export function orderChangedMail(
  to: { id: number; email: string; name: string; locale: "nl" | "en" },
  facts: { orderNumber: string; poNumber: string | null; changedByName: string; reason: string; changes: string[]; total: string; orderLink: string },
): MailMessage {
  const nl = to.locale === "nl";
  const reference = facts.poNumber ? (nl ? ` (uw referentie ${facts.poNumber})` : ` (your reference ${facts.poNumber})`) : "";
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: "order_changed",
    subject: nl ? `Bestelling ${facts.orderNumber} is gewijzigd` : `Order ${facts.orderNumber} has been changed`,
    bodyText: [
      nl ? `Beste ${to.name},` : `Dear ${to.name},`,
      "",
      nl
        ? `${facts.changedByName} heeft uw bestelling ${facts.orderNumber}${reference} gewijzigd:`
        : `${facts.changedByName} has changed your order ${facts.orderNumber}${reference}:`,
      "",
      ...facts.changes.map((change) => `- ${change}`),
      "",
      `${nl ? "Reden" : "Reason"}: ${facts.reason}`,
      `${nl ? "Nieuw totaal incl. btw" : "New total incl. VAT"}: ${facts.total}`,
      "",
      `${nl ? "Uw bestelling" : "Your order"}: ${facts.orderLink}`,
    ].join("\n"),
  };
}
