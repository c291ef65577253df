import type { OutgoingMail } from "@/lib/data/user-accounts";
import { money, withFullStop } from "@/lib/format";

/** Plain-text e-mails about account requests ("Account aanvragen"), in the requester's language. Pure. */

interface Requester {
  email: string;
  contactName: string;
  companyName: string;
  locale: "nl" | "en";
}

export function accountRequestReceivedMail(to: Requester): OutgoingMail {
  const nl = to.locale === "nl";
  return {
    toEmail: to.email,
    toName: to.contactName,
    kind: "account_request_received",
    // Named after the shop: a prospect may be asking several suppliers at once.
    subject: nl ? "Uw aanvraag voor een account bij Koppel is ontvangen" : "We received your request for a Koppel account",
    bodyText: (nl
      ? [
          `Beste ${to.contactName},`,
          "",
          `Dank u voor uw aanvraag voor een account bij de Koppel-webshop voor ${withFullStop(to.companyName)} Wij beoordelen hem zo snel mogelijk, meestal binnen één werkdag.`,
          "Na goedkeuring ontvangt u een e-mail met een link om uw wachtwoord te kiezen.",
          "",
          "Heeft u deze aanvraag niet gedaan? Dan kunt u deze e-mail negeren.",
          "",
          "Met vriendelijke groet,",
          "Koppel",
        ]
      : [
          `Dear ${to.contactName},`,
          "",
          `Thank you for requesting an account in the Koppel web shop for ${withFullStop(to.companyName)} We review it as soon as possible, usually within one business day.`,
          "Once approved, you receive an email with a link to choose your password.",
          "",
          "Did you not make this request? Then you can ignore this email.",
          "",
          "Kind regards,",
          "Koppel",
        ]
    ).join("\n"),
  };
}

/** Someone asked for an account with an address that has one: tell its owner how to get in (and nothing to the asker). */
export function accountExistsMail(to: { email: string; name: string; locale: "nl" | "en" }, links: { login: string; forgotPassword: string }): OutgoingMail {
  const nl = to.locale === "nl";
  return {
    toEmail: to.email,
    toName: to.name,
    kind: "account_request_existing",
    subject: nl ? "U heeft al een account" : "You already have an account",
    bodyText: (nl
      ? [
          `Beste ${to.name},`,
          "",
          "Er is een account aangevraagd met dit e-mailadres, maar u heeft al een account.",
          `Inloggen: ${links.login}`,
          `Wachtwoord vergeten: ${links.forgotPassword}`,
          "",
          "Heeft u deze aanvraag niet gedaan? Dan kunt u deze e-mail negeren; er is niets veranderd.",
        ]
      : [
          `Dear ${to.name},`,
          "",
          "Someone requested an account with this email address, but you already have one.",
          `Sign in: ${links.login}`,
          `Forgot your password: ${links.forgotPassword}`,
          "",
          "Did you not make this request? Then you can ignore this email; nothing has changed.",
        ]
    ).join("\n"),
  };
}

/** To staff: a new request waits in the admin workspace. */
export function newAccountRequestMail(
  to: { id: number; email: string; name: string; locale: "nl" | "en" },
  request: Requester & { city: string; kvkNumber: string | null },
  link: string,
): OutgoingMail & { userId: number } {
  const nl = to.locale === "nl";
  const who = `${request.contactName} <${request.email}>`;
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: "account_request_new",
    subject: nl ? `Accountaanvraag: ${request.companyName}` : `Account request: ${request.companyName}`,
    bodyText: (nl
      ? [`Nieuwe accountaanvraag van ${who} voor ${request.companyName} (${request.city}${request.kvkNumber ? `, KvK ${request.kvkNumber}` : ""}).`, "", `Beoordelen: ${link}`]
      : [`New account request from ${who} for ${request.companyName} (${request.city}${request.kvkNumber ? `, KvK number ${request.kvkNumber}` : ""}).`, "", `Review: ${link}`]
    ).join("\n"),
  };
}

/** The requester is told why; `decidedBy` when their own organisation's company admin decided, not the supplier. */
export function accountRequestRejectedMail(to: Requester, reason: string, decidedBy?: { name: string; companyName: string }): OutgoingMail {
  const nl = to.locale === "nl";
  const sentence = decidedBy
    ? nl
      ? `${decidedBy.name}, beheerder van ${decidedBy.companyName}, heeft uw aanvraag voor een account niet goedgekeurd.`
      : `${decidedBy.name}, administrator of ${decidedBy.companyName}, did not approve your request for an account.`
    : nl
      ? `Wij kunnen uw aanvraag voor een account bij de Koppel-webshop voor ${to.companyName} helaas niet goedkeuren.`
      : `Unfortunately we cannot approve your request for an account in the Koppel web shop for ${withFullStop(to.companyName)}`;
  return {
    toEmail: to.email,
    toName: to.contactName,
    kind: "account_request_rejected",
    subject: nl ? "Uw aanvraag voor een account bij Koppel" : "Your request for a Koppel account",
    bodyText: (nl
      ? [`Beste ${to.contactName},`, "", sentence, "", `Toelichting: ${reason}`]
      : [`Dear ${to.contactName},`, "", sentence, "", `Reason: ${reason}`]
    ).join("\n"),
  };
}

/**
 * To a customer's company admin: someone who may be a colleague (same KvK number, VAT id or e-mail
 * domain) asked for an account; they may approve or reject it under Users.
 */
export function joinRequestMail(
  to: { id: number; email: string; name: string; locale: "nl" | "en"; companyName: string },
  request: Requester,
  link: string,
): OutgoingMail & { userId: number } {
  const nl = to.locale === "nl";
  const who = `${request.contactName} <${request.email}>`;
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: "account_request_join",
    subject: nl ? `${request.contactName} vraagt een account aan bij ${to.companyName}` : `${request.contactName} asks for an account with ${to.companyName}`,
    bodyText: (nl
      ? [
          `Beste ${to.name},`,
          "",
          `${who} lijkt bij ${to.companyName} te horen en heeft een account aangevraagd (voor "${request.companyName}").`,
          "Als beheerder kunt u de aanvraag goedkeuren (met de rol en de bestellimiet die u kiest) of afwijzen:",
          link,
          "",
          "Kent u deze persoon niet? Wijs de aanvraag dan af.",
        ]
      : [
          `Dear ${to.name},`,
          "",
          `${who} seems to belong to ${to.companyName} and requested an account (for "${request.companyName}").`,
          "As its administrator you can approve the request (with the role and order limit you choose) or reject it:",
          link,
          "",
          "Do you not know this person? Then reject the request.",
        ]
    ).join("\n"),
  };
}

/** To a customer's company admins: someone joined by the company's auto-join rule for their domain. */
export function autoJoinedMail(
  to: { id: number; email: string; name: string; locale: "nl" | "en"; companyName: string },
  request: Requester,
  facts: { role: "buyer" | "approver"; orderLimitMinor: number | null; domain: string; link: string },
): OutgoingMail & { userId: number } {
  const nl = to.locale === "nl";
  const who = `${request.contactName} <${request.email}>`;
  // The role names of the Users page (account.roles), mid-sentence.
  const role = nl ? { buyer: "inkoper", approver: "fiatteur" }[facts.role] : facts.role;
  const limit =
    facts.orderLimitMinor === null
      ? nl
        ? "zonder bestellimiet"
        : "without an order limit"
      : nl
        ? `met een bestellimiet van ${money(facts.orderLimitMinor, "nl")}`
        : `with an order limit of ${money(facts.orderLimitMinor, "en")}`;
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: "account_auto_joined",
    subject: nl ? `${request.contactName} is lid geworden van ${to.companyName}` : `${request.contactName} joined ${to.companyName}`,
    bodyText: (nl
      ? [
          `Beste ${to.name},`,
          "",
          `${who} heeft een account aangevraagd en is, omdat iedereen met een adres @${facts.domain} zonder aanvraag mag aansluiten, toegevoegd als ${role} ${limit}.`,
          "Zodra de uitnodiging aan dat adres is gebruikt, kan deze persoon bestellen.",
          "",
          `Hoort deze persoon er niet bij, deactiveer het account dan hier: ${facts.link}`,
        ]
      : [
          `Dear ${to.name},`,
          "",
          `${who} asked for an account and, because anybody with an address @${facts.domain} may join without asking, was added as ${role} ${limit}.`,
          "Once the invitation sent to that address is used, they can order.",
          "",
          `If they do not belong, deactivate the account here: ${facts.link}`,
        ]
    ).join("\n"),
  };
}
