import { describe, expect, it } from "vitest";
import { backInStockMail } from "@/lib/mail/back-in-stock-mail";

const to = { userId: 42, email: "inkoop@klant.test", name: "Sanne de Vries" };
const facts = { sku: "PAP-A4-80", productName: "Kopieerpapier A4", link: "https://shop.test/products/PAP-A4-80" };

describe("back-in-stock mail", () => {
  it("nl: subject, greeting, the product with its SKU and the link, in Dutch", () => {
    const mail = backInStockMail({ ...to, locale: "nl" }, facts);
    expect(mail).toMatchObject({ toEmail: "inkoop@klant.test", toName: "Sanne de Vries", userId: 42, kind: "back_in_stock", subject: "Weer op voorraad: Kopieerpapier A4" });
    expect(mail.bodyText.split("\n")).toEqual([
      "Beste Sanne de Vries,",
      "",
      "Kopieerpapier A4 (PAP-A4-80) is weer op voorraad. U vroeg ons u dat te laten weten.",
      "",
      "Bekijken en bestellen: https://shop.test/products/PAP-A4-80",
    ]);
    expect(mail.bodyText).not.toMatch(/Dear|back in stock|View and order/);
    expect(mail.attachments).toBeUndefined();
  });

  it("en: subject, greeting, the product with its SKU and the link, in English", () => {
    const mail = backInStockMail({ ...to, locale: "en" }, { ...facts, productName: "Copy paper A4" });
    expect(mail).toMatchObject({ toEmail: "inkoop@klant.test", toName: "Sanne de Vries", userId: 42, kind: "back_in_stock", subject: "Back in stock: Copy paper A4" });
    expect(mail.bodyText.split("\n")).toEqual([
      "Dear Sanne de Vries,",
      "",
      "Copy paper A4 (PAP-A4-80) is back in stock. You asked us to let you know.",
      "",
      "View and order: https://shop.test/products/PAP-A4-80",
    ]);
    expect(mail.bodyText).not.toMatch(/Beste|voorraad|Bekijken/);
  });

  it("uses exactly the name and link it is given (the caller picks the language's product name)", () => {
    const link = "https://shop.test/products/A%2FB%20C";
    const mail = backInStockMail({ ...to, userId: 7, locale: "nl" }, { sku: "A/B C", productName: "Map & ordner", link });
    expect(mail.userId).toBe(7);
    expect(mail.subject).toBe("Weer op voorraad: Map & ordner");
    expect(mail.bodyText).toContain("Map & ordner (A/B C)");
    expect(mail.bodyText.endsWith(`: ${link}`)).toBe(true);
  });
});
