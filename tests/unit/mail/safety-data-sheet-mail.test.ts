import { describe, expect, it } from "vitest";
import { safetyDataSheetMail } from "@/lib/mail/safety-data-sheet-mail";

const facts = {
  sku: "KP-000123",
  productName: "Lagervet NLGI 2",
  documentTitle: "VIB Lagervet",
  documentLink: "https://shop.example.nl/product-documents/KP-000123/0123456789abcdef01234567/VIB-Lagervet.pdf",
  productLink: "https://shop.example.nl/products/KP-000123",
};

describe("safetyDataSheetMail", () => {
  it.each([
    ["nl", "Veiligheidsinformatieblad: Lagervet NLGI 2 (KP-000123)", "Beste Jan,", "REACH-verordening (artikel 31)", "Het artikel: "],
    ["en", "Safety data sheet: Lagervet NLGI 2 (KP-000123)", "Dear Jan,", "REACH regulation (article 31)", "The product: "],
  ] as const)("in %s: subject, greeting, why, and both links", (locale, subject, greeting, why, productLabel) => {
    const mail = safetyDataSheetMail({ userId: 7, email: "jan@klant.test", name: "Jan", locale }, facts);
    expect(mail).toMatchObject({ toEmail: "jan@klant.test", toName: "Jan", userId: 7, kind: "safety_data_sheet", subject });
    expect(mail.bodyText.startsWith(greeting)).toBe(true);
    expect(mail.bodyText).toContain(why);
    expect(mail.bodyText).toContain(`VIB Lagervet: ${facts.documentLink}`);
    expect(mail.bodyText).toContain(`${productLabel}${facts.productLink}`);
    expect(mail.attachments).toBeUndefined();
  });

  it.each([
    ["nl", "2.1", "2026-10-12", "VIB Lagervet (versie 2.1, herzien op 12 oktober 2026): "],
    ["en", "2.1", "2026-10-12", "VIB Lagervet (version 2.1, revised on 12 October 2026): "],
    ["nl", null, "2026-01-01", "VIB Lagervet (herzien op 1 januari 2026): "],
    ["en", "Rev. 7", null, "VIB Lagervet (version Rev. 7): "],
    ["en", null, null, "VIB Lagervet: "],
  ] as const)("in %s with version %s and revision date %s: the sheet's line says which sheet it is", (locale, documentVersion, documentRevisedOn, line) => {
    const mail = safetyDataSheetMail({ userId: 7, email: "jan@klant.test", name: "Jan", locale }, { ...facts, documentVersion, documentRevisedOn });
    expect(mail.bodyText).toContain(`${line}${facts.documentLink}`);
  });
});
