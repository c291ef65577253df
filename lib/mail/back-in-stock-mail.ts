import type { MailMessage } from "./send-mail";

/** To a user who asked to be told: the product is back in stock. Plain text, in their language. Pure. */
export function backInStockMail(
  to: { userId: number; email: string; name: string; locale: "nl" | "en" },
  facts: { sku: string; productName: string; link: string },
): MailMessage {
  const nl = to.locale === "nl";
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.userId,
    kind: "back_in_stock",
    subject: nl ? `Weer op voorraad: ${facts.productName}` : `Back in stock: ${facts.productName}`,
    bodyText: [
      nl ? `Beste ${to.name},` : `Dear ${to.name},`,
      "",
      nl
        ? `${facts.productName} (${facts.sku}) is weer op voorraad. U vroeg ons u dat te laten weten.`
        : `${facts.productName} (${facts.sku}) is back in stock. You asked us to let you know.`,
      "",
      `${nl ? "Bekijken en bestellen" : "View and order"}: ${facts.link}`,
    ].join("\n"),
  };
}
