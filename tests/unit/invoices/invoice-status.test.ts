import { describe, expect, it } from "vitest";
import { invoiceStatus, signedAmount } from "@/lib/invoices/invoice-status";

describe("invoiceStatus", () => {
  const today = "2026-11-28";
  it.each([
    ["paid invoice, even when past due", { kind: "invoice", paidAt: new Date("2026-11-01T10:00:00Z"), dueDate: "2026-10-01" }, "paid"],
    ["open invoice due today", { kind: "invoice", paidAt: null, dueDate: "2026-11-28" }, "open"],
    ["invoice due yesterday", { kind: "invoice", paidAt: null, dueDate: "2026-11-27" }, "overdue"],
    ["invoice without due date", { kind: "invoice", paidAt: null, dueDate: null }, "open"],
    ["credit note is never overdue", { kind: "credit_note", paidAt: null, dueDate: "2026-01-01" }, "open"],
    ["refunded credit note", { kind: "credit_note", paidAt: new Date("2026-11-20T10:00:00Z"), dueDate: null }, "paid"],
  ] as const)("%s", (_label, row, expected) => {
    expect(invoiceStatus(row, today)).toBe(expected);
  });
});

describe("signedAmount", () => {
  it("shows a credit note as money back", () => {
    expect(signedAmount({ kind: "invoice", payableMinor: 408 })).toBe(408);
    expect(signedAmount({ kind: "credit_note", payableMinor: 408 })).toBe(-408);
  });
});
