import type { MailMessage } from "./send-mail";

/**
 * To a customer's user who bought the product in the last twelve months: its (new) safety data sheet,
 * as REACH art. 31(9) asks of the supplier. Plain text, in their language, with the permanent link to
 * the PDF (the same URL the product page shows; it never changes meaning). Pure.
 */
export function safetyDataSheetMail(
  to: { userId: number; email: string; name: string; locale: "nl" | "en" },
  facts: {
    sku: string;
    productName: string;
    documentTitle: string;
    /** As printed on the sheet (section 16): buyers file sheets by version and revision date. */
    documentVersion?: string | null;
    /** YYYY-MM-DD */
    documentRevisedOn?: string | null;
    documentLink: string;
    productLink: string;
  },
): MailMessage {
  const nl = to.locale === "nl";
  const edition = [
    facts.documentVersion ? `${nl ? "versie" : "version"} ${facts.documentVersion}` : null,
    facts.documentRevisedOn ? `${nl ? "herzien op" : "revised on"} ${longDate(facts.documentRevisedOn, to.locale)}` : null,
  ].filter(Boolean);
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.userId,
    kind: "safety_data_sheet",
    subject: nl ? `Veiligheidsinformatieblad: ${facts.productName} (${facts.sku})` : `Safety data sheet: ${facts.productName} (${facts.sku})`,
    bodyText: [
      nl ? `Beste ${to.name},` : `Dear ${to.name},`,
      "",
      nl
        ? `Uw organisatie heeft het afgelopen jaar ${facts.productName} (${facts.sku}) bij ons gekocht. Hierbij ontvangt u het actuele veiligheidsinformatieblad, zoals de REACH-verordening (artikel 31) voorschrijft. Stuur het door naar wie in uw organisatie met dit product werkt of er de veiligheid van bewaakt.`
        : `Your organization bought ${facts.productName} (${facts.sku}) from us in the past year. Here is its current safety data sheet, as the REACH regulation (article 31) requires. Please pass it on to whoever works with this product or looks after its safe use in your organisation.`,
      "",
      `${facts.documentTitle}${edition.length ? ` (${edition.join(", ")})` : ""}: ${facts.documentLink}`,
      `${nl ? "Het artikel" : "The product"}: ${facts.productLink}`,
    ].join("\n"),
  };
}

/** "12 oktober 2026" / "12 October 2026": a date-only value, so no time zone may move it. */
function longDate(isoDate: string, locale: "nl" | "en"): string {
  return new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${isoDate}T00:00:00Z`));
}
