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
  /** Who added them, by name; left out when nobody in particular did (auto-join by e-mail domain). */
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
          // The shop is the supplier's; the company is the customer the person orders for.
          input.invitedBy
            ? `${input.invitedBy} heeft een account voor u aangemaakt in de Koppel-webshop, als gebruiker van ${withFullStop(input.companyName)}`
            : `Er is een account voor u aangemaakt in de Koppel-webshop, als gebruiker van ${withFullStop(input.companyName)}`,
          "Kies via deze link uw wachtwoord:",
          input.link,
          "",
          `De link is geldig tot ${input.validUntil} en werkt één keer.`,
        ].join("\n")
      : [
          `Dear ${input.toName},`,
          "",
          input.invitedBy
            ? `${input.invitedBy} created an account for you in the Koppel web shop, as a user of ${withFullStop(input.companyName)}`
            : `An account was created for you in the Koppel web shop, as a user of ${withFullStop(input.companyName)}`,
          "Choose your password with this link:",
          input.link,
          "",
          `The link is valid until ${input.validUntil} and works once.`,
        ].join("\n"),
  };
}

/**
 * An invited customer user asked for a new link themselves ("forgot password", or the button on the
 * page of their lapsed invitation): nobody in particular invites them again, so the mail says how it
 * came about, that the old link is void, and that ignoring it is safe.
 */
export function invitationRenewedMail(input: LinkMail): OutgoingMail {
  const nl = input.locale === "nl";
  return {
    toEmail: input.toEmail,
    toName: input.toName,
    kind: "invite",
    subject: nl ? `Nieuwe link om uw wachtwoord te kiezen – Koppel` : `New link to choose your password – Koppel`,
    bodyText: nl
      ? [
          `Beste ${input.toName},`,
          "",
          `U bent uitgenodigd voor de Koppel-webshop als gebruiker van ${withFullStop(input.companyName)} Voor dit e-mailadres is een nieuwe link aangevraagd om uw wachtwoord te kiezen:`,
          input.link,
          "",
          `De link is geldig tot ${input.validUntil} en werkt één keer. Eerdere links in uw uitnodiging werken niet meer.`,
          "Heeft u dit niet zelf aangevraagd? Dan kunt u deze e-mail negeren.",
        ].join("\n")
      : [
          `Dear ${input.toName},`,
          "",
          `You were invited to the Koppel web shop as a user of ${withFullStop(input.companyName)} A new link to choose your password was requested for this email address:`,
          input.link,
          "",
          `The link is valid until ${input.validUntil} and works once. Earlier links in your invitation no longer work.`,
          "Did not ask for this yourself? Then you can ignore this email.",
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
            ? "A new password was requested for this email address on the sign-in page. Choose it with this link:"
            : "Your account manager requested a link for you to set a new password:",
          input.link,
          "",
          `The link is valid until ${input.validUntil} and works once. Your current password keeps working until you choose a new one.`,
          self ? "Did not ask for this yourself? Then you can ignore this email." : "Did not ask for this? Please contact your account manager.",
        ].join("\n"),
  };
}
