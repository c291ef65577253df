import { dateText } from "@/lib/format";
import type { MailMessage } from "./send-mail";

/** Plain-text e-mails about quotes, in the recipient's profile language. Pure. */

interface Person {
  id: number;
  email: string;
  name: string;
  locale: "nl" | "en";
}

interface QuoteFacts {
  quoteNumber: string;
  companyName: string;
  link: string;
}

/** To the customer's account managers: a buyer asks for a quote. */
export function quoteRequestedMail(to: Person, quote: QuoteFacts & { requesterName: string; lineCount: number; comment: string | null }): MailMessage {
  const nl = to.locale === "nl";
  const comment = quote.comment ? ["", nl ? "Toelichting van de klant:" : "The customer's note:", quote.comment] : [];
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: "quote_requested",
    subject: nl ? `Offerteaanvraag ${quote.quoteNumber} van ${quote.companyName}` : `Quote request ${quote.quoteNumber} from ${quote.companyName}`,
    bodyText: [
      nl ? `Beste ${to.name},` : `Dear ${to.name},`,
      "",
      nl
        ? `${quote.requesterName} (${quote.companyName}) vraagt een offerte voor ${quote.lineCount} ${quote.lineCount === 1 ? "regel" : "regels"}.`
        : `${quote.requesterName} (${quote.companyName}) asks for a quote on ${quote.lineCount} ${quote.lineCount === 1 ? "line" : "lines"}.`,
      ...comment,
      "",
      nl ? `Beantwoorden: ${quote.link}` : `Answer it: ${quote.link}`,
    ].join("\n"),
  };
}

/** To the requester: the account manager answered (with prices) or will not quote. */
export function quoteAnsweredMail(
  to: Person,
  /** validUntil: YYYY-MM-DD, written the way the app writes dates ("20 dec 2026"). */
  quote: QuoteFacts & { outcome: "quoted" | "rejected"; total: (locale: "nl" | "en") => string; validUntil: string | null; comment: string | null },
): MailMessage {
  const nl = to.locale === "nl";
  const quoted = quote.outcome === "quoted";
  const validUntil = quote.validUntil ? dateText(quote.validUntil, to.locale) : null;
  const comment = quote.comment ? ["", quote.comment] : [];
  const subject = quoted
    ? nl
      ? `Uw offerte ${quote.quoteNumber} staat klaar`
      : `Your quote ${quote.quoteNumber} is ready`
    : nl
      ? `Offerteaanvraag ${quote.quoteNumber}: geen offerte`
      : `Quote request ${quote.quoteNumber}: no quote`;
  const body = quoted
    ? nl
      ? [`Uw offerte ${quote.quoteNumber} voor ${quote.companyName} staat klaar: ${quote.total("nl")} excl. btw${validUntil ? `, geldig t/m ${validUntil}` : ""}.`, ...comment, "", `Bekijken en in uw winkelwagen zetten: ${quote.link}`]
      : [`Your quote ${quote.quoteNumber} for ${quote.companyName} is ready: ${quote.total("en")} excl. VAT${validUntil ? `, valid until ${validUntil}` : ""}.`, ...comment, "", `View it and add it to your cart: ${quote.link}`]
    : nl
      ? [`Op uw aanvraag ${quote.quoteNumber} volgt geen offerte.`, ...comment, "", `Bekijken: ${quote.link}`]
      : [`Your request ${quote.quoteNumber} will not be quoted.`, ...comment, "", `View it: ${quote.link}`];
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: quoted ? "quote_answered" : "quote_rejected",
    subject,
    bodyText: [nl ? `Beste ${to.name},` : `Dear ${to.name},`, "", ...body].join("\n"),
  };
}
