import { z } from "zod";

/**
 * An amount typed by a person in euros → minor units. Accepts "2500", "2.500", "2500,00",
 * "2,500.00" and "€ 2.500"; "" means no amount (null); anything unclear is undefined (invalid).
 */
export function parseMoneyInput(text: string): number | null | undefined {
  const compact = text.replace(/[€\s\u00a0]/g, "");
  if (compact === "") return null;
  const match = /^(\d{1,3}(?:([.,])\d{3})*|\d+)(?:([.,])(\d{1,2}))?$/.exec(compact);
  if (!match) return undefined;
  const [, whole, groupSeparator, decimalSeparator, fraction] = match;
  if (groupSeparator && decimalSeparator === groupSeparator) return undefined;
  // "2.500" / "2,500" with exactly three digits after one separator is a thousands group.
  const euros = Number(whole!.replace(/[.,]/g, ""));
  const cents = fraction ? Number(fraction.padEnd(2, "0")) : 0;
  const minor = euros * 100 + cents;
  return Number.isSafeInteger(minor) && minor <= 2_000_000_000 ? minor : undefined;
}

/** Minor units as an input field's value ("7500,00" / "7500.00"), the other way round; null → "". */
export function moneyInputValue(minor: number | null, locale: "nl" | "en"): string {
  return minor === null ? "" : (minor / 100).toFixed(2).replace(".", locale === "nl" ? "," : ".");
}

/** A form field with an amount in euros: minor units, null when left empty, the issue "invalid_amount" when unclear. */
export const moneyField = z
  .string()
  .optional()
  .transform((v, ctx) => {
    const parsed = parseMoneyInput(v ?? "");
    if (parsed === undefined) {
      ctx.addIssue({ code: "custom", message: "invalid_amount" });
      return z.NEVER;
    }
    return parsed;
  });
