import { describe, expect, it } from "vitest";
import { standingOrderRunMail } from "@/lib/mail/standing-order-mails";
import { isDue, needsReminder, nextRunAfter, runAfter, splitStandingLines } from "@/lib/standing-orders/schedule";
import { standingOrderReminderMail } from "@/lib/mail/standing-order-mails";

describe("standing order schedule", () => {
  it.each([
    ["2026-11-30", "2026-11-29", false],
    ["2026-11-30", "2026-11-30", true],
    ["2026-11-02", "2026-11-30", true],
  ])("due on %s, today %s: %s", (nextRunOn, today, due) => {
    expect(isDue(nextRunOn, today)).toBe(due);
  });

  it.each([
    // A run on its day moves one interval on.
    ["2026-11-30", 1, "2026-11-30", "2026-12-07"],
    ["2026-11-30", 4, "2026-11-30", "2026-12-28"],
    ["2026-12-28", 2, "2026-12-28", "2027-01-11"],
    // Missed runs (the shop was down): one order, and the next day after today on the same weekday.
    ["2026-11-02", 1, "2026-11-30", "2026-12-07"],
    ["2026-11-02", 2, "2026-11-25", "2026-11-30"],
    ["2026-11-02", 2, "2026-11-30", "2026-12-14"],
    // Across the October clock change and a leap day, calendar days stay calendar days.
    ["2026-10-19", 1, "2026-10-19", "2026-10-26"],
    ["2028-02-22", 1, "2028-02-22", "2028-02-29"],
  ])("after the run of %s every %d week(s) on %s: %s", (runOn, weeks, today, next) => {
    expect(nextRunAfter(runOn, weeks, today)).toBe(next);
    expect(next > today).toBe(true);
  });

  it.each([
    // Two days ahead and the day before: once per run.
    ["2026-12-02", null, "2026-11-30", true],
    ["2026-12-01", null, "2026-11-30", true],
    ["2026-12-02", "2026-12-02", "2026-11-30", false],
    ["2026-12-02", "2026-11-18", "2026-12-01", true],
    // Too early, or the day itself (the run's own mail follows).
    ["2026-12-03", null, "2026-11-30", false],
    ["2026-11-30", null, "2026-11-30", false],
  ])("run on %s, reminded for %s, today %s: remind %s", (nextRunOn, remindedFor, today, remind) => {
    expect(needsReminder(nextRunOn, remindedFor, today)).toBe(remind);
  });

  it("skipping moves exactly one interval", () => {
    expect(runAfter("2026-11-30", 3)).toBe("2026-12-21");
  });

  it("orders lines as they stand and skips what can no longer be ordered, saying why", () => {
    const rules = { minOrderQuantity: 1, orderMultiple: 1 };
    const lines = [
      { sku: "A", name: "Papier", quantity: 5, active: true, rules },
      { sku: "B", name: "Oud", quantity: 2, active: false, rules },
      { sku: "C", name: "Doos", quantity: 10, active: true, rules: { minOrderQuantity: 12, orderMultiple: 12 } },
      { sku: "D", name: "Tape", quantity: 24, active: true, rules: { minOrderQuantity: 12, orderMultiple: 12 } },
      // Left the customer's contract assortment (its quantity would not fit either: the assortment is said first).
      { sku: "E", name: "Nietjes", quantity: 3, active: true, inAssortment: false, rules: { minOrderQuantity: 12, orderMultiple: 12 } },
      { sku: "F", name: "Pennen", quantity: 1, active: true, inAssortment: true, rules },
    ];
    const { order, skipped } = splitStandingLines(lines);
    expect(order.map((l) => l.sku)).toEqual(["A", "D", "F"]);
    expect(skipped).toEqual([
      { sku: "B", name: "Oud", quantity: 2, reason: "unavailable" },
      { sku: "C", name: "Doos", quantity: 10, reason: "quantity_rule" },
      { sku: "E", name: "Nietjes", quantity: 3, reason: "not_in_assortment" },
    ]);
  });
});

describe("standing order mail", () => {
  const to = { id: 1, email: "inkoop@example.nl", name: "Fatima", locale: "nl" as const };
  const base = {
    listName: "Kantoor",
    runOn: "2026-11-30",
    orderNumber: "K100123",
    subtotal: () => "€ 42,50",
    skipped: [{ sku: "B", name: "Oud", quantity: 2, reason: "unavailable" as const }],
    nextRunOn: "2026-12-28",
    pausedReason: null,
    listLink: "https://shop.example/favorites/7",
    orderLink: "https://shop.example/account/orders/K100123",
  };

  it.each([
    ["placed", "nl", /Vaste bestelling "Kantoor" geplaatst: K100123/, /van 30 nov 2026 is geplaatst als order K100123 \(€ 42,50 excl\. btw\)[\s\S]*Niet besteld:\n- B Oud \(2\): niet meer leverbaar[\s\S]*Volgende bestelling: 28 dec 2026\./],
    ["awaiting_approval", "en", /Standing order "Kantoor" awaits approval: K100123/, /of 30 Nov 2026 was placed as order K100123 \(€ 42,50 excl\. VAT\) and awaits approval\.[\s\S]*Next order: 28 Dec 2026\./],
  ] as const)("%s (%s)", (outcome, locale, subject, body) => {
    const mail = standingOrderRunMail({ ...to, locale }, { ...base, outcome });
    expect(mail.subject).toMatch(subject);
    expect(mail.bodyText).toMatch(body);
    expect(mail.bodyText).toContain("https://shop.example/account/orders/K100123");
    expect(mail.toEmail).toBe("inkoop@example.nl");
  });

  it("says why nothing was ordered or why it stopped, without an order link", () => {
    const nothing = standingOrderRunMail(to, { ...base, outcome: "nothing_orderable", orderNumber: null, subtotal: null, orderLink: null });
    expect(nothing.subject).toBe('Vaste bestelling "Kantoor": niets besteld');
    expect(nothing.bodyText).not.toContain("Order bekijken");
    const stopped = standingOrderRunMail({ ...to, locale: "en" }, { ...base, outcome: "paused", orderNumber: null, subtotal: null, orderLink: null, nextRunOn: null, skipped: [], pausedReason: "no_ship_to" });
    expect(stopped.bodyText).toMatch(/has stopped: the delivery address no longer exists/);
  });
});

describe("standing order reminder mail", () => {
  it.each([
    ["nl", 'Vaste bestelling "Kantoor" wordt op 2 dec 2026 geplaatst', /Op 2 dec 2026 plaatsen we uw vaste bestelling "Kantoor": 3 regels, ongeveer € 42,50 excl\. btw[\s\S]*overslaan: https:\/\/shop\.example\/favorites\/7/],
    ["en", 'Standing order "Kantoor" will be placed on 2 Dec 2026', /On 2 Dec 2026 we will place your standing order "Kantoor": 3 lines, about € 42,50 excl\. VAT[\s\S]*skip this one: https:\/\/shop\.example\/favorites\/7/],
  ] as const)("%s", (locale, subject, body) => {
    const mail = standingOrderReminderMail(
      { id: 1, email: "inkoop@example.nl", name: "Fatima", locale },
      { listName: "Kantoor", runOn: "2026-12-02", lineCount: 3, subtotal: () => "€ 42,50", listLink: "https://shop.example/favorites/7" },
    );
    expect(mail.subject).toBe(subject);
    expect(mail.bodyText).toMatch(body);
    expect(mail.kind).toBe("standing_order_reminder");
  });
});
