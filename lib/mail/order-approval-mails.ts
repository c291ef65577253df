import type { MailMessage } from "./send-mail";
import { withFullStop } from "@/lib/format";

/** Plain-text e-mails about order approval, in the recipient's profile language. Pure. */

interface Person {
  id: number;
  email: string;
  name: string;
  locale: "nl" | "en";
}

interface OrderFacts {
  orderNumber: string;
  /** The buyer's own reference (their purchase order number), by which they know the order; null: none given. */
  poNumber: string | null;
  companyName: string;
  subtotal: (locale: "nl" | "en") => string;
  link: string;
}

type Amount = (locale: "nl" | "en") => string;

/** Why the order waits, as the approver needs it: the order limit it is above, the budget it goes beyond (or both). */
interface ApprovalGrounds {
  limit: Amount | null;
  budget: { costCenter: string; period: Amount; budget: Amount; remaining: Amount } | null;
}

/** " (uw referentie PO-123)" after the order number, as the credit-hold mail has it; nothing without one. */
const reference = (order: Pick<OrderFacts, "poNumber">, nl: boolean): string =>
  order.poNumber ? (nl ? ` (uw referentie ${order.poNumber})` : ` (your reference ${order.poNumber})`) : "";

function groundsText(order: OrderFacts & ApprovalGrounds, locale: "nl" | "en"): string[] {
  const nl = locale === "nl";
  const lines: string[] = [];
  if (order.limit) {
    lines.push(
      nl
        ? `Het bedrag van ${order.subtotal("nl")} excl. btw ligt boven de bestellimiet van ${order.limit("nl")}.`
        : `Its amount of ${order.subtotal("en")} excl. VAT is above the order limit of ${order.limit("en")}.`,
    );
  }
  if (order.budget) {
    const b = order.budget;
    lines.push(
      nl
        ? `Kostenplaats ${b.costCenter}: van het budget van ${b.budget("nl")} voor ${b.period("nl")} is nog ${b.remaining("nl")} over; deze bestelling van ${order.subtotal("nl")} excl. btw gaat erboven.`
        : `Cost center ${b.costCenter}: of its budget of ${b.budget("en")} for ${b.period("en")}, ${b.remaining("en")} is left; this order of ${order.subtotal("en")} excl. VAT goes beyond it.`,
    );
  }
  return lines;
}

export function approvalRequestedMail(to: Person, order: OrderFacts & { buyerName: string } & ApprovalGrounds): MailMessage {
  const nl = to.locale === "nl";
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: "order_approval_requested",
    subject: nl ? `Goedkeuring gevraagd: bestelling ${order.orderNumber}` : `Approval requested: order ${order.orderNumber}`,
    bodyText: (nl
      ? [
          `Beste ${to.name},`,
          "",
          `${order.buyerName} heeft bestelling ${order.orderNumber}${reference(order, true)} geplaatst voor ${withFullStop(order.companyName)} De bestelling wacht op uw goedkeuring.`,
          ...groundsText(order, "nl"),
          "",
          `Goedkeuren of afwijzen: ${order.link}`,
        ]
      : [
          `Dear ${to.name},`,
          "",
          `${order.buyerName} placed order ${order.orderNumber}${reference(order, false)} for ${withFullStop(order.companyName)} The order awaits your approval.`,
          ...groundsText(order, "en"),
          "",
          `Approve or reject: ${order.link}`,
        ]
    ).join("\n"),
  };
}

export function approvalDecidedMail(
  to: Person,
  order: OrderFacts & {
    decision: "approved" | "rejected";
    deciderName: string;
    comment: string | null;
    /** Approved, but beyond the customer's credit limit: the supplier reviews it first (lib/orders/credit.ts). */
    creditHold?: boolean;
  },
): MailMessage {
  const nl = to.locale === "nl";
  const approved = order.decision === "approved";
  const subject = nl
    ? `Bestelling ${order.orderNumber} ${approved ? "goedgekeurd" : "afgewezen"}`
    : `Order ${order.orderNumber} ${approved ? "approved" : "rejected"}`;
  const lines = nl
    ? [
        `Beste ${to.name},`,
        "",
        approved
          ? `${order.deciderName} heeft uw bestelling ${order.orderNumber}${reference(order, true)} van ${order.subtotal("nl")} excl. btw goedgekeurd. ${
              order.creditHold
                ? "De bestelling gaat boven de kredietlimiet van uw bedrijf en wordt eerst door de leverancier beoordeeld."
                : "De bestelling wordt nu verwerkt."
            }`
          : `${order.deciderName} heeft uw bestelling ${order.orderNumber}${reference(order, true)} van ${order.subtotal("nl")} excl. btw afgewezen. De bestelling wordt niet uitgevoerd.`,
        ...(order.comment ? ["", `Toelichting: ${order.comment}`] : []),
        "",
        `Bekijk de bestelling: ${order.link}`,
      ]
    : [
        `Dear ${to.name},`,
        "",
        approved
          ? `${order.deciderName} approved your order ${order.orderNumber}${reference(order, false)} of ${order.subtotal("en")} excl. VAT. ${
              order.creditHold ? "The order goes beyond your company's credit limit and is reviewed by the supplier first." : "The order is now being processed."
            }`
          : `${order.deciderName} rejected your order ${order.orderNumber}${reference(order, false)} of ${order.subtotal("en")} excl. VAT. The order will not be fulfilled.`,
        ...(order.comment ? ["", `Comment: ${order.comment}`] : []),
        "",
        `View the order: ${order.link}`,
      ];
  return { toEmail: to.email, toName: to.name, userId: to.id, kind: approved ? "order_approved" : "order_rejected", subject, bodyText: lines.join("\n") };
}
