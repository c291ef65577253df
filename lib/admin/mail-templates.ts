import type { OutgoingMail } from "@/lib/data/user-accounts";
import { withFullStop } from "@/lib/format";

/** Plain-text e-mails to customer users, in their profile language. */

interface LinkMail {
  toEmail: string;
  toName: string;
  locale: "nl" | "en";
  link: string;
  companyName: string;
  validUntil: string;
  invitedBy?: string;
  /** Password reset: sent by staff (default), or asked for on the sign-in page by whoever knows the address. */
  requestedBy?: "staff" | "self";
}

export function invitationMail(input: LinkMail): OutgoingMail {
  const nl = input.locale === "nl";
  return {
    toEmail: input.toEmail,
    toName: input.toName,
    kind: "invite",
    subject: nl ? `Uitnodiging voor Koppel – ${input.companyName}` : `Your invitation to Koppel – ${input.companyName}`,
    bodyText: nl
      ? [
          `Beste ${input.toName},`,
          "",
          `${input.invitedBy ?? "Uw accountmanager"} heeft een account voor u aangemaakt in de Koppel-webshop van ${withFullStop(input.companyName)}`,
          "Kies via deze link uw wachtwoord:",
          input.link,
          "",
          `De link is geldig tot ${input.validUntil} en werkt één keer.`,
        ].join("\n")
      : [
          `Dear ${input.toName},`,
          "",
          `${input.invitedBy ?? "Your account manager"} created an account for you in the Koppel web shop of ${withFullStop(input.companyName)}`,
          "Choose your password with this link:",
          input.link,
          "",
          `The link is valid until ${input.validUntil} and works once.`,
        ].join("\n"),
  };
}

/**
 * A new staff member's invitation: the back office of the supplier (`companyName`), in the role
 * the admin gave them. Two-step verification may be required before anything else opens.
 */
export function staffInvitationMail(input: LinkMail & { role: "account_manager" | "admin"; backOfficeLink: string }): OutgoingMail {
  const nl = input.locale === "nl";
  const role = nl ? { account_manager: "accountmanager", admin: "beheerder" }[input.role] : { account_manager: "account manager", admin: "administrator" }[input.role];
  return {
    toEmail: input.toEmail,
    toName: input.toName,
    kind: "staff_invite",
    subject: nl ? `Uitnodiging voor het Koppel-beheer van ${input.companyName}` : `Your invitation to the Koppel back office of ${input.companyName}`,
    bodyText: nl
      ? [
          `Beste ${input.toName},`,
          "",
          `${input.invitedBy} heeft u als ${role} toegevoegd aan het Koppel-beheer van ${withFullStop(input.companyName)}`,
          "Kies via deze link uw wachtwoord:",
          input.link,
          "",
          `De link is geldig tot ${input.validUntil} en werkt één keer. Daarna meldt u zich aan op ${input.backOfficeLink}`,
        ].join("\n")
      : [
          `Dear ${input.toName},`,
          "",
          `${input.invitedBy} added you as ${role} to the Koppel back office of ${withFullStop(input.companyName)}`,
          "Choose your password with this link:",
          input.link,
          "",
          `The link is valid until ${input.validUntil} and works once. Then sign in at ${input.backOfficeLink}`,
        ].join("\n"),
  };
}

export function passwordResetMail(input: LinkMail): OutgoingMail {
  const nl = input.locale === "nl";
  // Staff send these from the customer's user list; anybody who knows the address can ask for one on
  // the sign-in page, so that mail says how it came about and that ignoring it is safe.
  const self = input.requestedBy === "self";
  return {
    toEmail: input.toEmail,
    toName: input.toName,
    kind: "password_reset",
    subject: nl ? "Nieuw wachtwoord instellen voor Koppel" : "Set a new password for Koppel",
    bodyText: nl
      ? [
          `Beste ${input.toName},`,
          "",
          self
            ? "Op de inlogpagina is voor dit e-mailadres een nieuw wachtwoord aangevraagd. Kies het via deze link:"
            : "Uw accountmanager heeft voor u een link aangevraagd om een nieuw wachtwoord in te stellen:",
          input.link,
          "",
          `De link is geldig tot ${input.validUntil} en werkt één keer. Uw huidige wachtwoord blijft werken tot u een nieuw kiest.`,
          self
            ? "Heeft u dit niet zelf aangevraagd? Dan kunt u deze e-mail negeren."
            : "Heeft u hier niet om gevraagd? Neem dan contact op met uw accountmanager.",
        ].join("\n")
      : [
          `Dear ${input.toName},`,
          "",
          self
            ? "A new password was requested for this e-mail address on the sign-in page. Choose it with this link:"
            : "Your account manager requested a link for you to set a new password:",
          input.link,
          "",
          `The link is valid until ${input.validUntil} and works once. Your current password keeps working until you choose a new one.`,
          self ? "Did not ask for this yourself? Then you can ignore this e-mail." : "Did not ask for this? Please contact your account manager.",
        ].join("\n"),
  };
}
