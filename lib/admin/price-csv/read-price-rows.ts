import type { PriceEntrySnapshot, PriceListTier } from "@/db/schema";
import { applyBasisPoints } from "@/lib/pricing/money";
import {
  checkTiers,
  checkWindow,
  parseDateInput,
  parseKind,
  parseMoneyInput,
  parsePercentInput,
  parseTierQuantity,
  parseTierValue,
  toTier,
  type InputProblem,
} from "../price-input";
import type { CsvRecord } from "./parse-csv";

/**
 * Turns the records of a price-list CSV into entries, row by row. Every problem is reported with
 * the line it is on; a row with any problem is invalid as a whole. Pure: the products are looked
 * up by the caller and passed in.
 *
 * Columns (case-insensitive; Dutch names accepted): sku, type (fixed|discount, vast|korting),
 * value (price, or percentage for discounts), tier1_qty/tier1_value … tierN_qty/tierN_value,
 * valid_from, valid_to. Informational columns (name, list_price…) are ignored.
 */

export type CsvColumn = "sku" | "type" | "value" | "valid_from" | "valid_to" | { tier: number; part: "qty" | "value" } | "ignored";

export type RowProblem =
  | InputProblem
  | "unknown_sku"
  | "duplicate_sku"
  | "too_many_fields"
  | "tier_incomplete"
  | "currency_mismatch";

export type FileProblem = "empty_file" | "not_utf8" | "missing_column" | "unknown_column" | "duplicate_column" | "unterminated_quote" | "too_many_rows";

export interface RowError {
  line: number;
  sku: string;
  column: string | null;
  problem: RowProblem;
  detail?: string;
}

/**
 * Applied anyway, but worth a second look: a price above the list price or below cost, a free
 * product, and a line whose window lies wholly outside the list's own (after its end, before its
 * start): the pricing module checks both windows, so such a line can never price anything.
 */
export type RowWarningCode = "above_list_price" | "below_cost" | "free" | "after_list_end" | "before_list_start";

export interface RowWarning {
  line: number;
  sku: string;
  code: RowWarningCode;
}

export interface ValidRow {
  line: number;
  sku: string;
  productId: number;
  entry: PriceEntrySnapshot;
}

export interface ProductLookup {
  id: number;
  listPriceMinor: number;
  currency: string;
  costMinor: number | null;
}

const ALIASES: Record<string, Exclude<CsvColumn, object>> = {
  sku: "sku",
  artikelnummer: "sku",
  artikelnr: "sku",
  article: "sku",
  type: "type",
  soort: "type",
  kind: "type",
  value: "value",
  waarde: "value",
  prijs: "value",
  price: "value",
  valid_from: "valid_from",
  geldig_vanaf: "valid_from",
  vanaf: "valid_from",
  valid_to: "valid_to",
  geldig_tot: "valid_to",
  geldig_tm: "valid_to",
  geldig_t_m: "valid_to",
  tot: "valid_to",
  name: "ignored",
  naam: "ignored",
  omschrijving: "ignored",
  description: "ignored",
  list_price: "ignored",
  lijstprijs: "ignored",
  unit: "ignored",
  eenheid: "ignored",
  net_price: "ignored",
  nettoprijs: "ignored",
  currency: "ignored",
  valuta: "ignored",
};

export function normalizeHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s\-/.]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

export function mapColumn(name: string): CsvColumn | null {
  const key = normalizeHeader(name);
  if (key in ALIASES) return ALIASES[key]!;
  const tier = /^(?:tier|staffel)_?(\d{1,2})_?(qty|quantity|aantal|value|waarde|prijs|price|korting)$/.exec(key);
  if (tier) return { tier: Number(tier[1]), part: ["qty", "quantity", "aantal"].includes(tier[2]!) ? "qty" : "value" };
  return null;
}

export interface HeaderMap {
  columns: CsvColumn[];
  problems: { problem: FileProblem; detail: string }[];
}

export function readHeader(header: CsvRecord): HeaderMap {
  const columns: CsvColumn[] = [];
  const problems: HeaderMap["problems"] = [];
  const seen = new Set<string>();
  for (const name of header.fields) {
    const column = mapColumn(name);
    if (!column) {
      problems.push({ problem: "unknown_column", detail: name.trim().slice(0, 60) });
      columns.push("ignored");
      continue;
    }
    const key = typeof column === "object" ? `tier${column.tier}_${column.part}` : column;
    if (key !== "ignored" && seen.has(key)) problems.push({ problem: "duplicate_column", detail: name.trim().slice(0, 60) });
    seen.add(key);
    columns.push(column);
  }
  for (const required of ["sku", "value"] as const) {
    if (!seen.has(required)) problems.push({ problem: "missing_column", detail: required });
  }
  const tierNumbers = new Set(columns.flatMap((c) => (typeof c === "object" ? [c.tier] : [])));
  for (const n of tierNumbers) {
    for (const part of ["qty", "value"] as const) {
      if (!seen.has(`tier${n}_${part}`)) problems.push({ problem: "missing_column", detail: `tier${n}_${part}` });
    }
  }
  return { columns, problems };
}

export function columnLabel(column: CsvColumn): string {
  return typeof column === "object" ? `tier${column.tier}_${column.part}` : column;
}

export interface ReadResult {
  valid: ValidRow[];
  errors: RowError[];
  warnings: RowWarning[];
  /** Rows read (excluding the header and blank lines). */
  total: number;
  invalidRows: number;
}

/** The SKU column of every record (for the product lookup before `readPriceRows`). */
export function skusOf(columns: CsvColumn[], records: CsvRecord[]): string[] {
  const index = columns.indexOf("sku");
  return index < 0 ? [] : records.map((r) => (r.fields[index] ?? "").trim()).filter(Boolean);
}

export function readPriceRows(
  columns: CsvColumn[],
  records: CsvRecord[],
  products: ReadonlyMap<string, ProductLookup>,
  options: { currency: string; listWindow?: { validFrom: string | null; validTo: string | null } },
): ReadResult {
  const errors: RowError[] = [];
  const warnings: RowWarning[] = [];
  const candidates: ValidRow[] = [];
  const invalidLines = new Set<number>();
  const linesBySku = new Map<string, number[]>();
  const at = (name: Exclude<CsvColumn, object>) => columns.indexOf(name);
  const tierColumns = new Map<number, { qty: number; value: number }>();
  columns.forEach((c, i) => {
    if (typeof c !== "object") return;
    const slot = tierColumns.get(c.tier) ?? { qty: -1, value: -1 };
    slot[c.part] = i;
    tierColumns.set(c.tier, slot);
  });
  const tierNumbers = [...tierColumns.keys()].sort((a, b) => a - b);

  for (const record of records) {
    const get = (index: number) => (index >= 0 ? (record.fields[index] ?? "").trim() : "");
    const sku = get(at("sku"));
    const problems: Omit<RowError, "line" | "sku">[] = [];
    const problem = (column: string | null, code: RowProblem, detail?: string) => problems.push({ column, problem: code, ...(detail ? { detail } : {}) });

    if (record.fields.length > columns.length && record.fields.slice(columns.length).some((f) => f.trim() !== "")) {
      problem(null, "too_many_fields", `${record.fields.length}/${columns.length}`);
    }
    const product = sku ? products.get(sku) : undefined;
    if (!sku) problem("sku", "required");
    else if (!product) problem("sku", "unknown_sku");
    else if (product.currency !== options.currency) problem("sku", "currency_mismatch", product.currency);
    if (sku) linesBySku.set(sku, [...(linesBySku.get(sku) ?? []), record.line]);

    const rawValue = get(at("value"));
    const rawType = get(at("type"));
    let kind: "fixed" | "discount" | null = null;
    if (rawType) {
      const parsed = parseKind(rawType);
      if (parsed.ok) kind = parsed.value;
      else problem("type", parsed.problem, parsed.detail);
    } else kind = rawValue.endsWith("%") ? "discount" : "fixed";

    let value: number | null = null;
    if (kind) {
      const parsed = kind === "fixed" ? parseMoneyInput(rawValue) : parsePercentInput(rawValue);
      if (parsed.ok) value = parsed.value;
      else problem("value", parsed.problem);
    }

    const tiers: PriceListTier[] = [];
    for (const n of tierNumbers) {
      const slot = tierColumns.get(n)!;
      const rawQty = get(slot.qty);
      const rawTierValue = get(slot.value);
      if (!rawQty && !rawTierValue) continue;
      if (!rawQty || !rawTierValue) {
        problem(`tier${n}`, "tier_incomplete");
        continue;
      }
      const quantity = parseTierQuantity(rawQty);
      if (!quantity.ok) problem(`tier${n}_qty`, quantity.problem);
      const tierValue = kind ? parseTierValue(kind, rawTierValue) : null;
      if (tierValue && !tierValue.ok) problem(`tier${n}_value`, tierValue.problem);
      if (kind && quantity.ok && tierValue?.ok) tiers.push(toTier(kind, quantity.value, tierValue.value));
    }
    const checkedTiers = checkTiers(tiers);
    if (!checkedTiers.ok) problem("tiers", checkedTiers.problem, checkedTiers.detail);

    const validFrom = parseDateInput(get(at("valid_from")));
    if (!validFrom.ok) problem("valid_from", validFrom.problem);
    const validTo = parseDateInput(get(at("valid_to")));
    if (!validTo.ok) problem("valid_to", validTo.problem);
    if (validFrom.ok && validTo.ok && !checkWindow(validFrom.value, validTo.value).ok) problem("valid_to", "window_reversed");

    if (problems.length || !product || !kind || value === null || !checkedTiers.ok || !validFrom.ok || !validTo.ok) {
      invalidLines.add(record.line);
      for (const p of problems) errors.push({ line: record.line, sku, ...p });
      continue;
    }
    const entry: PriceEntrySnapshot = {
      kind,
      priceMinor: kind === "fixed" ? value : null,
      discountBasisPoints: kind === "discount" ? value : null,
      tiers: checkedTiers.value,
      validFrom: validFrom.value,
      validTo: validTo.value,
    };
    candidates.push({ line: record.line, sku, productId: product.id, entry });
    const base = kind === "fixed" ? value : product.listPriceMinor - applyBasisPoints(product.listPriceMinor, value);
    if (kind === "fixed" && value > product.listPriceMinor) warnings.push({ line: record.line, sku, code: "above_list_price" });
    if (product.costMinor !== null && base < product.costMinor) warnings.push({ line: record.line, sku, code: "below_cost" });
    if (base === 0) warnings.push({ line: record.line, sku, code: "free" });
    // ISO dates (YYYY-MM-DD) compare as strings.
    const list = options.listWindow;
    if (list?.validTo && entry.validFrom && entry.validFrom > list.validTo) warnings.push({ line: record.line, sku, code: "after_list_end" });
    if (list?.validFrom && entry.validTo && entry.validTo < list.validFrom) warnings.push({ line: record.line, sku, code: "before_list_start" });
  }

  // A SKU on several lines is ambiguous: every one of those lines is invalid.
  for (const [sku, lines] of linesBySku) {
    if (lines.length < 2) continue;
    for (const line of lines) {
      invalidLines.add(line);
      errors.push({ line, sku, column: "sku", problem: "duplicate_sku", detail: lines.filter((l) => l !== line).join(", ") });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  const valid = candidates.filter((row) => !invalidLines.has(row.line));
  return { valid, errors, warnings: warnings.filter((w) => !invalidLines.has(w.line)), total: records.length, invalidRows: invalidLines.size };
}
