import { describe, expect, it } from "vitest";
import { returnCompletedMail, returnDecidedMail, returnRequestedMail } from "@/lib/mail/return-mails";
import type { ReturnReasonCode } from "@/lib/returns/return-rules";

// The mails of a return (RMA), in the recipient's profile language: to the account managers when a
// buyer reports one, to the requester when staff decide and when the goods are in.

const person = (locale: "nl" | "en") => ({ id: 7, email: "sanne@klant.test", name: "Sanne de Vries", locale });
const facts = {
  returnNumber: "R5001",
  orderNumber: "K100123",
  companyName: "Klant B.V.",
  link: "https://shop.test/account/returns/R5001",
};
const ADDRESS = "Koppel\nKanaalweg 12\n3526 KL Utrecht";

describe("returnRequestedMail (to the account managers)", () => {
  const lines: { sku: string; quantity: number; reason: ReturnReasonCode }[] = [
    { sku: "KP-000001", quantity: 2, reason: "damaged" },
    { sku: "KP-000002", quantity: 1, reason: "wrong_item" },
  ];
  const requested = (locale: "nl" | "en", comment: string | null) =>
    returnRequestedMail(person(locale), { ...facts, link: "https://shop.test/admin/returns/12", requesterName: "Piet Inkoop", lines, comment });

  it.each([
    [
      "nl",
      "Retourmelding R5001 van Klant B.V.",
      "Beste Sanne de Vries,",
      "Piet Inkoop (Klant B.V.) meldt een retour van order K100123:",
      ["- 2 × KP-000001 (beschadigd)", "- 1 × KP-000002 (verkeerd artikel)"],
      ["Toelichting van de klant:", "Doos was nat"],
      "Beoordelen: https://shop.test/admin/returns/12",
    ],
    [
      "en",
      "Return request R5001 from Klant B.V.",
      "Dear Sanne de Vries,",
      "Piet Inkoop (Klant B.V.) reports a return of order K100123:",
      ["- 2 × KP-000001 (damaged)", "- 1 × KP-000002 (wrong item)"],
      ["The customer's note:", "Doos was nat"],
      "Decide on it: https://shop.test/admin/returns/12",
    ],
  ] as const)("%s", (locale, subject, greeting, intro, lineTexts, note, link) => {
    const mail = requested(locale, "Doos was nat");
    expect(mail).toMatchObject({ toEmail: "sanne@klant.test", toName: "Sanne de Vries", userId: 7, kind: "return_requested", subject });
    const body = mail.bodyText.split("\n");
    expect(body[0]).toBe(greeting);
    expect(body).toEqual(expect.arrayContaining([intro, ...lineTexts, ...note]));
    // The lines follow the introduction, in the order given.
    expect(body.slice(body.indexOf(intro) + 1, body.indexOf(intro) + 3)).toEqual(lineTexts);
    expect(body.at(-1)).toBe(link);
    // Without a note, no heading for one.
    expect(requested(locale, null).bodyText).not.toContain(note[0]);
  });

  it.each<[ReturnReasonCode, string, string]>([
    ["damaged", "beschadigd", "damaged"],
    ["defective", "defect", "defective"],
    ["wrong_item", "verkeerd artikel", "wrong item"],
    ["wrong_quantity", "verkeerd aantal", "wrong quantity"],
    ["not_needed", "niet nodig", "not needed"],
    ["other", "anders", "other"],
  ])("reason %s reads %s / %s", (reason, nl, en) => {
    const line = (locale: "nl" | "en") =>
      returnRequestedMail(person(locale), { ...facts, requesterName: "Piet", lines: [{ sku: "KP-9", quantity: 3, reason }], comment: null }).bodyText;
    expect(line("nl")).toContain(`- 3 × KP-9 (${nl})`);
    expect(line("en")).toContain(`- 3 × KP-9 (${en})`);
    // Never the code itself where it differs from the wording.
    if (reason.includes("_")) {
      expect(line("nl")).not.toContain(reason);
      expect(line("en")).not.toContain(reason);
    }
  });
});

describe("returnDecidedMail (to the requester)", () => {
  it.each([
    [
      "nl",
      "Retour R5001 goedgekeurd",
      "Uw retour R5001 (order K100123) is goedgekeurd. Vermeld R5001 op het pakket.",
      "Retouradres:",
      "Zodra de goederen binnen zijn, ontvangt u een creditnota.",
      "Bekijken: https://shop.test/account/returns/R5001",
    ],
    [
      "en",
      "Return R5001 approved",
      "Your return R5001 (order K100123) is approved. Put R5001 on the package.",
      "Return address:",
      "Once the goods are in, you will receive a credit note.",
      "View it: https://shop.test/account/returns/R5001",
    ],
  ] as const)("%s: approved, with the return address and the instructions", (locale, subject, first, addressHeading, creditLine, link) => {
    const mail = returnDecidedMail(person(locale), { ...facts, outcome: "approved", comment: "Graag in de originele doos", returnAddress: ADDRESS });
    expect(mail).toMatchObject({ toEmail: "sanne@klant.test", userId: 7, kind: "return_approved", subject });
    const body = mail.bodyText.split("\n");
    expect(body).toEqual(expect.arrayContaining([first, creditLine, "Graag in de originele doos"]));
    // The address in full, right after its heading.
    const at = body.indexOf(addressHeading);
    expect(at).toBeGreaterThan(0);
    expect(body.slice(at + 1, at + 4)).toEqual(ADDRESS.split("\n"));
    expect(body.at(-1)).toBe(link);
  });

  it.each(["nl", "en"] as const)("%s: approved without a known address or comment: no address heading", (locale) => {
    const mail = returnDecidedMail(person(locale), { ...facts, outcome: "approved", comment: null, returnAddress: null });
    expect(mail.kind).toBe("return_approved");
    expect(mail.bodyText).not.toMatch(/Retouradres|Return address/);
    expect(mail.bodyText).not.toContain("null");
  });

  it.each([
    ["nl", "Retour R5001 afgewezen", "Uw retour R5001 (order K100123) is afgewezen.", "Bekijken: https://shop.test/account/returns/R5001"],
    ["en", "Return R5001 rejected", "Your return R5001 (order K100123) was rejected.", "View it: https://shop.test/account/returns/R5001"],
  ] as const)("%s: rejected, with the reason and never a return address", (locale, subject, first, link) => {
    // Even if a caller passed one: a rejected return is not to be sent.
    const mail = returnDecidedMail(person(locale), { ...facts, outcome: "rejected", comment: "Buiten de retourtermijn", returnAddress: ADDRESS });
    expect(mail).toMatchObject({ kind: "return_rejected", subject });
    const body = mail.bodyText.split("\n");
    expect(body).toEqual(expect.arrayContaining([first, "Buiten de retourtermijn"]));
    expect(body.indexOf("Buiten de retourtermijn")).toBeGreaterThan(body.indexOf(first));
    expect(mail.bodyText).not.toMatch(/Retouradres|Return address|Kanaalweg|creditnota|credit note|pakket|parcel/);
    expect(body.at(-1)).toBe(link);
  });
});

describe("returnCompletedMail (to the requester)", () => {
  const lines = [
    { sku: "KP-000001", quantity: 2, received: 2 },
    { sku: "KP-000002", quantity: 3, received: 1 },
  ];

  it.each([
    [
      "nl",
      "Retour R5001 verwerkt",
      "We hebben uw retour R5001 (order K100123) ontvangen:",
      ["- KP-000001: 2 van 2 gecrediteerd", "- KP-000002: 1 van 3 gecrediteerd"],
      "Creditnota: C2026-00004, C2026-00005",
      "Bekijken: https://shop.test/account/returns/R5001",
    ],
    [
      "en",
      "Return R5001 processed",
      "We have received your return R5001 (order K100123):",
      ["- KP-000001: 2 of 2 credited", "- KP-000002: 1 of 3 credited"],
      "Credit note: C2026-00004, C2026-00005",
      "View it: https://shop.test/account/returns/R5001",
    ],
  ] as const)("%s: what was credited, on which credit notes", (locale, subject, intro, lineTexts, creditLine, link) => {
    const mail = returnCompletedMail(person(locale), { ...facts, lines, creditNoteNumbers: ["C2026-00004", "C2026-00005"], note: "Eén doos beschadigd ontvangen" });
    expect(mail).toMatchObject({ toEmail: "sanne@klant.test", userId: 7, kind: "return_completed", subject });
    const body = mail.bodyText.split("\n");
    expect(body.slice(body.indexOf(intro) + 1, body.indexOf(intro) + 3)).toEqual(lineTexts);
    expect(body).toEqual(expect.arrayContaining(["Eén doos beschadigd ontvangen", creditLine]));
    expect(mail.bodyText).not.toMatch(/niets gecrediteerd|Nothing was credited/);
    expect(body.at(-1)).toBe(link);
  });

  it.each([
    ["nl", "Er is niets gecrediteerd.", /Creditnota/],
    ["en", "Nothing was credited.", /Credit note/],
  ] as const)("%s: nothing received, nothing credited", (locale, nothing, creditHeading) => {
    const mail = returnCompletedMail(person(locale), {
      ...facts,
      lines: [{ sku: "KP-000001", quantity: 2, received: 0 }],
      creditNoteNumbers: [],
      note: null,
    });
    expect(mail.kind).toBe("return_completed");
    expect(mail.bodyText.split("\n")).toContain(nothing);
    expect(mail.bodyText).not.toMatch(creditHeading);
    expect(mail.bodyText).toContain(locale === "nl" ? "- KP-000001: 0 van 2 gecrediteerd" : "- KP-000001: 0 of 2 credited");
    expect(mail.bodyText).not.toContain("null");
  });
});
