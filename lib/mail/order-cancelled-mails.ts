import type { MailMessage } from "./send-mail";

/** Plain-text e-mails about a cancelled web order, in the recipient's profile language. Pure. */

interface Person {
  id: number;
  email: string;
  name: string;
  locale: "nl" | "en";
}

/**
 * To whoever placed the order, when somebody else cancelled it: the supplier (on the customer's
 * request, say) or a colleague (an approver or company admin).
 */
export function orderCancelledMail(
  to: Person,
  facts: { orderNumber: string; poNumber: string | null; by: "supplier" | "colleague"; cancelledByName: string; comment: string | null; orderLink: string },
): MailMessage {
  const nl = to.locale === "nl";
  const reference = facts.poNumber ? (nl ? ` (uw referentie ${facts.poNumber})` : ` (your reference ${facts.poNumber})`) : "";
  const lead =
    facts.by === "supplier"
      ? nl
        ? `We hebben uw bestelling ${facts.orderNumber}${reference} geannuleerd: ze wordt niet geleverd en niet gefactureerd.`
        : `We have canceled your order ${facts.orderNumber}${reference}: it will not be delivered or invoiced.`
      : nl
        ? `${facts.cancelledByName} heeft uw bestelling ${facts.orderNumber}${reference} geannuleerd: ze wordt niet geleverd en niet gefactureerd.`
        : `${facts.cancelledByName} has canceled your order ${facts.orderNumber}${reference}: it will not be delivered or invoiced.`;
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: "order_cancelled",
    subject: nl ? `Bestelling ${facts.orderNumber} is geannuleerd` : `Order ${facts.orderNumber} has been canceled`,
    bodyText: [
      nl ? `Beste ${to.name},` : `Dear ${to.name},`,
      "",
      lead,
      ...(facts.comment ? ["", `${nl ? "Toelichting" : "Comment"}: ${facts.comment}`] : []),
      "",
      `${nl ? "Uw bestelling" : "Your order"}: ${facts.orderLink}`,
    ].join("\n"),
  };
}

/** To the customer's account managers: the customer cancelled an order before we confirmed it (do not pick it). */
export function orderCancelledByCustomerMail(
  to: Person,
  facts: { orderNumber: string; companyName: string; cancelledByName: string; comment: string | null; link: string },
): MailMessage {
  const nl = to.locale === "nl";
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: "order_cancelled_by_customer",
    subject: nl ? `Bestelling ${facts.orderNumber} geannuleerd door ${facts.companyName}` : `Order ${facts.orderNumber} canceled by ${facts.companyName}`,
    bodyText: [
      nl ? `Beste ${to.name},` : `Dear ${to.name},`,
      "",
      nl
        ? `${facts.cancelledByName} (${facts.companyName}) heeft bestelling ${facts.orderNumber} geannuleerd. Niet verzenden.`
        : `${facts.cancelledByName} (${facts.companyName}) has canceled order ${facts.orderNumber}. Do not ship it.`,
      ...(facts.comment ? ["", `${nl ? "Toelichting" : "Comment"}: ${facts.comment}`] : []),
      "",
      `${nl ? "Bestelling" : "Order"}: ${facts.link}`,
    ].join("\n"),
  };
}
