import { describe, expect, it } from "vitest";
import { handOverMail } from "@/lib/mail/hand-over-mail";

const to = { id: 7, email: "pieter@demo.test", name: "Pieter" };
const facts = { fromName: "Sanne", byName: "Fatima", favoritesLink: "https://shop.test/favorites" };

describe("hand-over mail", () => {
  it.each([
    ["nl", 1, 0, 0, "Fatima heeft 1 bestellijst van Sanne aan u overgedragen.", null],
    ["nl", 3, 2, 1, "Fatima heeft 3 bestellijsten en 2 vaste bestellingen van Sanne aan u overgedragen.", "1 daarvan staat gepauzeerd tot u ze hervat."],
    ["en", 1, 1, 0, "Fatima handed 1 favorites list and 1 standing order of Sanne over to you.", null],
    ["en", 2, 3, 2, "Fatima handed 2 favorites lists and 3 standing orders of Sanne over to you.", "2 of them are paused until you resume them."],
  ] as const)("%s: %i lists, %i standing orders, %i paused", (locale, lists, standingOrders, paused, first, pausedLine) => {
    const mail = handOverMail({ ...to, locale }, { ...facts, lists, standingOrders, pausedStandingOrders: paused });
    const lines = mail.bodyText.split("\n");
    expect(mail).toMatchObject({ toEmail: to.email, userId: 7, kind: "hand_over" });
    expect(lines).toContain(first);
    expect(lines.some((line) => line.includes("https://shop.test/favorites"))).toBe(true);
    // Standing orders order in the new owner's name: said only when some moved.
    expect(lines.some((line) => /op uw naam|in your name/.test(line))).toBe(standingOrders > 0);
    if (pausedLine) expect(lines).toContain(pausedLine);
    else expect(mail.bodyText).not.toMatch(/gepauzeerd|paused/);
  });
});
