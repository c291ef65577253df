import type { PriceEntrySnapshot, PriceListTier } from "@/db/schema";
import { toDecimalString } from "@/lib/pricing/money";

/**
 * Parsing and formatting of price input as people type it in the grid editor, a CSV file or an
 * API call: Dutch decimal comma or decimal point, optional euro sign and thousands separators,
 * percentages with up to two decimals, dates as ISO or Dutch day-month-year. Pure: no Next, no DB.
 */

export type InputProblem =
  | "required"
  | "not_a_number"
  | "too_many_decimals"
  | "negative"
  | "too_large"
  | "percent_out_of_range"
  | "not_a_date"
  | "not_a_quantity"
  | "tier_quantity_too_small"
  | "tier_quantity_duplicate"
  | "tier_syntax"
  | "window_reversed"
  | "unknown_kind";

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: InputProblem; detail?: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(problem: InputProblem, detail?: string): Parsed<T> => ({ ok: false, problem, detail });

/** Largest amount we accept: €10 million per unit (int32-safe in minor units). */
const MAX_MINOR = 1_000_000_000;

/**
 * A decimal number as text → integer in units of 10^-digits. Accepts "4,5", "4.50", "1.234,56",
 * "1,234.56", "€ 4,50", " 12 ". When both separators occur the last one is the decimal mark;
 * a single separator is the decimal mark ("1.234" is 1.234, which has too many decimals for money).
 */
export function parseScaledDecimal(input: string, digits: number): Parsed<number> {
  let text = input.trim().replace(/^€\s*/, "").replace(/\s*%$/, "").replace(/[\s\u00a0]/g, "");
  if (!text) return fail("required");
  const negative = text.startsWith("-");
  if (negative) text = text.slice(1);
  const lastComma = text.lastIndexOf(",");
  const lastDot = text.lastIndexOf(".");
  const decimalMark = lastComma > lastDot ? "," : lastDot > lastComma ? "." : null;
  let whole = text;
  let fraction = "";
  if (decimalMark) {
    const other = decimalMark === "," ? "." : ",";
    const at = text.lastIndexOf(decimalMark);
    whole = text.slice(0, at);
    fraction = text.slice(at + 1);
    if (whole.includes(decimalMark)) return fail("not_a_number");
    // Thousands separators only in groups of three.
    if (whole.includes(other)) {
      if (!/^\d{1,3}(?:[.,]\d{3})+$/.test(whole)) return fail("not_a_number");
      whole = whole.split(other).join("");
    }
  }
  if (!/^\d+$/.test(whole || "0") || (fraction && !/^\d+$/.test(fraction))) return fail("not_a_number");
  const trimmed = fraction.replace(/0+$/, "");
  if (trimmed.length > digits) return fail("too_many_decimals");
  const value = Number(whole || "0") * 10 ** digits + Number(trimmed.padEnd(digits, "0") || "0");
  if (!Number.isSafeInteger(value)) return fail("too_large");
  if (negative && value !== 0) return fail("negative");
  return ok(value);
}

export function parseMoneyInput(input: string): Parsed<number> {
  const parsed = parseScaledDecimal(input, 2);
  if (parsed.ok && parsed.value > MAX_MINOR) return fail("too_large");
  return parsed;
}

/** "12,5" / "12.5%" → 1250 basis points; 0–100 %. */
export function parsePercentInput(input: string): Parsed<number> {
  const parsed = parseScaledDecimal(input, 2);
  if (!parsed.ok) return parsed;
  if (parsed.value > 10_000) return fail("percent_out_of_range");
  return parsed;
}

/** ISO "2026-12-31", or Dutch "31-12-2026" / "31/12/2026" / "31.12.2026" → ISO; empty → null. */
export function parseDateInput(input: string): Parsed<string | null> {
  const text = input.trim();
  if (!text) return ok(null);
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  let [year, month, day] = match ? [match[1], match[2], match[3]] : [undefined, undefined, undefined];
  if (!match) {
    match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
    if (!match) return fail("not_a_date");
    [day, month, year] = [match[1], match[2], match[3]];
  }
  const iso = `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return fail("not_a_date");
  return ok(iso);
}

export function parseKind(input: string): Parsed<"fixed" | "discount"> {
  const text = input.trim().toLowerCase();
  if (["fixed", "vast", "vaste prijs", "prijs", "price", "netto", "net"].includes(text)) return ok("fixed");
  if (["discount", "korting", "percentage", "%", "percent"].includes(text)) return ok("discount");
  return fail("unknown_kind", input.trim().slice(0, 40));
}

export function parseTierQuantity(input: string): Parsed<number> {
  const text = input.trim();
  if (!/^\d+$/.test(text)) return fail("not_a_quantity");
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value > 10_000_000) return fail("not_a_quantity");
  if (value < 2) return fail("tier_quantity_too_small");
  return ok(value);
}

/** A tier value for the entry kind: a price for fixed entries, a percentage for discount entries. */
export function parseTierValue(kind: "fixed" | "discount", input: string): Parsed<number> {
  return kind === "fixed" ? parseMoneyInput(input) : parsePercentInput(input);
}

export function toTier(kind: "fixed" | "discount", minQuantity: number, value: number): PriceListTier {
  return kind === "fixed" ? { minQuantity, priceMinor: value } : { minQuantity, discountBasisPoints: value };
}

/**
 * The grid's tier notation: "10: 4,20; 50: 3,95" (quantity: value, separated by ";" or new lines;
 * "=" works too). Values are prices for fixed entries and percentages for discount entries.
 */
export function parseTiersText(kind: "fixed" | "discount", input: string): Parsed<PriceListTier[]> {
  const parts = input
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const tiers: PriceListTier[] = [];
  for (const part of parts) {
    const match = /^(\S+?)\s*[:=]\s*(.+)$/.exec(part);
    if (!match) return fail("tier_syntax", part.slice(0, 40));
    const quantity = parseTierQuantity(match[1]!);
    if (!quantity.ok) return quantity as Parsed<PriceListTier[]>;
    const value = parseTierValue(kind, match[2]!);
    if (!value.ok) return { ok: false, problem: value.problem, detail: part.slice(0, 40) };
    tiers.push(toTier(kind, quantity.value, value.value));
  }
  return checkTiers(tiers);
}

export function checkTiers(tiers: PriceListTier[]): Parsed<PriceListTier[]> {
  const sorted = [...tiers].sort((a, b) => a.minQuantity - b.minQuantity);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.minQuantity === sorted[i - 1]!.minQuantity) return fail("tier_quantity_duplicate", String(sorted[i]!.minQuantity));
  }
  return ok(sorted);
}

export function checkWindow(validFrom: string | null, validTo: string | null): Parsed<null> {
  return validFrom !== null && validTo !== null && validFrom > validTo ? fail("window_reversed") : ok(null);
}

/** Minor units → "4,50" (Dutch) or "4.50". */
export function formatMoneyInput(minor: number, decimalComma: boolean): string {
  const text = toDecimalString(minor);
  return decimalComma ? text.replace(".", ",") : text;
}

/** Basis points → "12,5" / "12.5" (no trailing zeros). */
export function formatPercentInput(basisPoints: number, decimalComma: boolean): string {
  const whole = Math.trunc(basisPoints / 100);
  const fraction = String(basisPoints % 100).padStart(2, "0").replace(/0+$/, "");
  const text = fraction ? `${whole}.${fraction}` : String(whole);
  return decimalComma ? text.replace(".", ",") : text;
}

export function formatTierValue(kind: "fixed" | "discount", tier: PriceListTier, decimalComma: boolean): string {
  return kind === "fixed" ? formatMoneyInput(tier.priceMinor ?? 0, decimalComma) : formatPercentInput(tier.discountBasisPoints ?? 0, decimalComma);
}

export function formatTiersText(kind: "fixed" | "discount", tiers: readonly PriceListTier[], decimalComma: boolean): string {
  return tiers.map((t) => `${t.minQuantity}: ${formatTierValue(kind, t, decimalComma)}`).join("; ");
}

/** The entry's main value as typed: price for fixed, percentage for discount. */
export function formatEntryValue(entry: Pick<PriceEntrySnapshot, "kind" | "priceMinor" | "discountBasisPoints">, decimalComma: boolean): string {
  return entry.kind === "fixed" ? formatMoneyInput(entry.priceMinor ?? 0, decimalComma) : formatPercentInput(entry.discountBasisPoints ?? 0, decimalComma);
}

export interface EntryFields {
  kind: string;
  value: string;
  tiers: string;
  validFrom: string;
  validTo: string;
}

export type EntryFieldProblem = { field: keyof EntryFields; problem: InputProblem; detail?: string };

/** The grid editor's fields → an entry, or the first problem per field. */
export function parseEntryFields(fields: EntryFields): { ok: true; entry: PriceEntrySnapshot } | { ok: false; problems: EntryFieldProblem[] } {
  const problems: EntryFieldProblem[] = [];
  const kind = parseKind(fields.kind);
  if (!kind.ok) return { ok: false, problems: [{ field: "kind", problem: kind.problem }] };
  const value = kind.value === "fixed" ? parseMoneyInput(fields.value) : parsePercentInput(fields.value);
  if (!value.ok) problems.push({ field: "value", problem: value.problem });
  const tiers = parseTiersText(kind.value, fields.tiers);
  if (!tiers.ok) problems.push({ field: "tiers", problem: tiers.problem, detail: tiers.detail });
  const validFrom = parseDateInput(fields.validFrom);
  if (!validFrom.ok) problems.push({ field: "validFrom", problem: validFrom.problem });
  const validTo = parseDateInput(fields.validTo);
  if (!validTo.ok) problems.push({ field: "validTo", problem: validTo.problem });
  if (validFrom.ok && validTo.ok && !checkWindow(validFrom.value, validTo.value).ok) problems.push({ field: "validTo", problem: "window_reversed" });
  if (problems.length || !value.ok || !tiers.ok || !validFrom.ok || !validTo.ok) return { ok: false, problems };
  return {
    ok: true,
    entry: {
      kind: kind.value,
      priceMinor: kind.value === "fixed" ? value.value : null,
      discountBasisPoints: kind.value === "discount" ? value.value : null,
      tiers: tiers.value,
      validFrom: validFrom.value,
      validTo: validTo.value,
    },
  };
}
