import { describe, expect, it } from "vitest";
import { shipmentMail } from "@/lib/mail/shipment-mail";

const to = { id: 3, email: "sanne@demo.test", name: "Sanne" };
const base = {
  orderNumber: "K100123",
  shipmentNumber: "K100123-S1",
  carrier: "PostNL",
  trackingNumber: "3SABC123",
  lines: [{ sku: "KP-000001", name: "Plakband", quantity: 4, unit: "PK" }],
  orderLink: "https://shop.test/account/orders/K100123",
};

describe("shipment mail", () => {
  it.each([
    ["nl", true, "PO-7", "https://t.test/3SABC123", "Uw bestelling K100123 is verzonden", "Uw bestelling K100123 (uw referentie PO-7) is verzonden (zending K100123-S1).", "Track & trace: 3SABC123 — https://t.test/3SABC123"],
    ["nl", false, null, null, "Een deel van uw bestelling K100123 is verzonden", "Een deel van uw bestelling K100123 is verzonden (zending K100123-S1).", "Track & trace: 3SABC123"],
    ["en", true, null, null, "Your order K100123 has been shipped", "Your order K100123 has been shipped (shipment K100123-S1).", "Tracking: 3SABC123"],
    ["en", false, "PO-8", "https://t.test/x", "Part of your order K100123 has been shipped", "Part of your order K100123 (your reference PO-8) has been shipped (shipment K100123-S1).", "Tracking: 3SABC123 — https://t.test/x"],
  ] as const)("%s, complete %s", (locale, complete, poNumber, trackingUrl, subject, first, tracking) => {
    const mail = shipmentMail({ ...to, locale }, { ...base, complete, poNumber, trackingUrl });
    const lines = mail.bodyText.split("\n");
    expect(mail).toMatchObject({ toEmail: to.email, userId: 3, kind: "order_shipped", subject });
    // The unit in words, not its code (PK).
    expect(lines).toEqual(expect.arrayContaining([first, tracking, locale === "nl" ? "- 4 pakken KP-000001 Plakband" : "- 4 packs KP-000001 Plakband"]));
    expect(lines.at(-1)).toMatch(/https:\/\/shop\.test\/account\/orders\/K100123$/);
    // A partial shipment says the rest follows; the last one does not.
    expect(lines.some((line) => /volgt\.|follows\./.test(line))).toBe(!complete);
  });
});
