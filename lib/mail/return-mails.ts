import type { ReturnReasonCode } from "@/lib/returns/return-rules";
import type { MailMessage } from "./send-mail";

/** Plain-text e-mails about returns (RMA), in the recipient's profile language. Pure. */

interface Person {
  id: number;
  email: string;
  name: string;
  locale: "nl" | "en";
}

interface ReturnFacts {
  returnNumber: string;
  orderNumber: string;
  companyName: string;
  link: string;
}

const REASONS: Record<"nl" | "en", Record<ReturnReasonCode, string>> = {
  nl: { damaged: "beschadigd", defective: "defect", wrong_item: "verkeerd artikel", wrong_quantity: "verkeerd aantal", not_needed: "niet nodig", other: "anders" },
  en: { damaged: "damaged", defective: "defective", wrong_item: "wrong item", wrong_quantity: "wrong quantity", not_needed: "not needed", other: "other" },
};

const greeting = (to: Person) => (to.locale === "nl" ? `Beste ${to.name},` : `Dear ${to.name},`);

/** To the customer's account managers: a buyer reports goods to send back. */
export function returnRequestedMail(
  to: Person,
  facts: ReturnFacts & { requesterName: string; lines: { sku: string; quantity: number; reason: ReturnReasonCode }[]; comment: string | null },
): MailMessage {
  const nl = to.locale === "nl";
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: "return_requested",
    subject: nl ? `Retourmelding ${facts.returnNumber} van ${facts.companyName}` : `Return request ${facts.returnNumber} from ${facts.companyName}`,
    bodyText: [
      greeting(to),
      "",
      nl
        ? `${facts.requesterName} (${facts.companyName}) meldt een retour van order ${facts.orderNumber}:`
        : `${facts.requesterName} (${facts.companyName}) reports a return of order ${facts.orderNumber}:`,
      ...facts.lines.map((line) => `- ${line.quantity} × ${line.sku} (${REASONS[to.locale][line.reason]})`),
      ...(facts.comment ? ["", nl ? "Toelichting van de klant:" : "The customer's note:", facts.comment] : []),
      "",
      nl ? `Beoordelen: ${facts.link}` : `Decide on it: ${facts.link}`,
    ].join("\n"),
  };
}

/** To the requester: the return is approved (with where to send it) or rejected (with why). */
export function returnDecidedMail(
  to: Person,
  facts: ReturnFacts & { outcome: "approved" | "rejected"; comment: string | null; returnAddress: string | null },
): MailMessage {
  const nl = to.locale === "nl";
  const approved = facts.outcome === "approved";
  const comment = facts.comment ? ["", facts.comment] : [];
  const body = approved
    ? [
        nl
          ? `Uw retour ${facts.returnNumber} (order ${facts.orderNumber}) is goedgekeurd. Vermeld ${facts.returnNumber} op het pakket.`
          : `Your return ${facts.returnNumber} (order ${facts.orderNumber}) is approved. Put ${facts.returnNumber} on the package.`,
        ...(facts.returnAddress ? ["", nl ? "Retouradres:" : "Return address:", facts.returnAddress] : []),
        ...comment,
        "",
        nl ? "Zodra de goederen binnen zijn, ontvangt u een creditnota." : "Once the goods are in, you will receive a credit note.",
      ]
    : [nl ? `Uw retour ${facts.returnNumber} (order ${facts.orderNumber}) is afgewezen.` : `Your return ${facts.returnNumber} (order ${facts.orderNumber}) was rejected.`, ...comment];
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: approved ? "return_approved" : "return_rejected",
    subject: approved
      ? nl
        ? `Retour ${facts.returnNumber} goedgekeurd`
        : `Return ${facts.returnNumber} approved`
      : nl
        ? `Retour ${facts.returnNumber} afgewezen`
        : `Return ${facts.returnNumber} rejected`,
    bodyText: [greeting(to), "", ...body, "", nl ? `Bekijken: ${facts.link}` : `View it: ${facts.link}`].join("\n"),
  };
}

/** To the requester: the goods are in; what was credited and on which credit notes. */
export function returnCompletedMail(
  to: Person,
  facts: ReturnFacts & { lines: { sku: string; quantity: number; received: number }[]; creditNoteNumbers: string[]; note: string | null },
): MailMessage {
  const nl = to.locale === "nl";
  const credited = facts.creditNoteNumbers.length > 0;
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: "return_completed",
    subject: nl ? `Retour ${facts.returnNumber} verwerkt` : `Return ${facts.returnNumber} processed`,
    bodyText: [
      greeting(to),
      "",
      nl ? `We hebben uw retour ${facts.returnNumber} (order ${facts.orderNumber}) ontvangen:` : `We have received your return ${facts.returnNumber} (order ${facts.orderNumber}):`,
      ...facts.lines.map((line) =>
        nl ? `- ${line.sku}: ${line.received} van ${line.quantity} gecrediteerd` : `- ${line.sku}: ${line.received} of ${line.quantity} credited`,
      ),
      ...(facts.note ? ["", facts.note] : []),
      "",
      credited
        ? nl
          ? `Creditnota: ${facts.creditNoteNumbers.join(", ")}`
          : `Credit note: ${facts.creditNoteNumbers.join(", ")}`
        : nl
          ? "Er is niets gecrediteerd."
          : "Nothing was credited.",
      "",
      nl ? `Bekijken: ${facts.link}` : `View it: ${facts.link}`,
    ].join("\n"),
  };
}
