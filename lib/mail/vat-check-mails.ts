import type { MailMessage } from "./send-mail";

/**
 * To a customer's account manager (or, without one, the admins): VIES now says a VAT id it found
 * valid before is not valid. Invoices at 0 % (intra-community supply) no longer rest on evidence
 * until the customer gives a valid number. Plain text, in the recipient's language. Pure.
 */
export function vatIdTurnedInvalidMail(
  to: { id: number; email: string; name: string; locale: "nl" | "en" },
  facts: { customerName: string; vatId: string; checkedAt: string; previousValidAt: string; zeroRated: boolean; customerLink: string },
): MailMessage {
  const nl = to.locale === "nl";
  const subject = nl ? `Btw-nummer van ${facts.customerName} is niet meer geldig (VIES)` : `VAT id of ${facts.customerName} is no longer valid (VIES)`;
  const lead = nl
    ? `Bij de controle van ${facts.checkedAt} zei VIES dat btw-nummer ${facts.vatId} van ${facts.customerName} niet geldig is. Op ${facts.previousValidAt} was het nog geldig.`
    : `At the check of ${facts.checkedAt}, VIES said that VAT id ${facts.vatId} of ${facts.customerName} is not valid. On ${facts.previousValidAt} it was still valid.`;
  const consequence = facts.zeroRated
    ? nl
      ? "Facturen aan deze klant gaan met 0 % btw als intracommunautaire levering; daarvoor is een geldig btw-nummer nodig. Vraag de klant om een geldig nummer voordat u weer tegen 0 % factureert."
      : "Invoices to this customer go out at 0 % VAT as an intra-community supply, which needs a valid VAT id. Ask the customer for a valid number before invoicing at 0 % again."
    : nl
      ? "Vraag de klant om een geldig nummer."
      : "Ask the customer for a valid number.";
  const body = [nl ? `Beste ${to.name},` : `Dear ${to.name},`, "", lead, "", consequence, "", `${nl ? "De klant" : "The customer"}: ${facts.customerLink}`];
  return { toEmail: to.email, toName: to.name, userId: to.id, kind: "vat_id_invalid", subject, bodyText: body.join("\n") };
}
