import type { z } from "zod";

/**
 * A batch row the schema refused, said per field like the rows' own checks (`{field, problem}`), so
 * one bad row of a nightly feed is that row's problem — reported, and skipped with applyValidOnly —
 * instead of a 400 for the whole batch. Fields the API does not know are refused too: a misspelt
 * `listprice` would otherwise be dropped in silence and the row answered "unchanged". Pure.
 */
export interface ApiRowProblem {
  /** Dotted path inside the row: "vatRate", "listPriceTiers.0.price". */
  field: string;
  problem: string;
  /** The values the field takes, when it takes only a few (e.g. vatRate 21, 9, 0). */
  allowed?: unknown[];
  /** The JSON type the field takes, when another was sent. */
  expected?: string;
}

/** Fields that belong to another endpoint: named, so the sender learns where they go. */
export type MovedFields = Readonly<Record<string, string>>;

const TOKEN = /^[a-z][a-z0-9_]*$/;

export function rowProblemsOf(error: z.ZodError, moved: MovedFields = {}): ApiRowProblem[] {
  const problems: ApiRowProblem[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) problems.push({ field: [field, key].filter(Boolean).join("."), problem: moved[key] ?? "unknown_field" });
      continue;
    }
    // Our own messages are tokens already ("sku_format", "stock_negative").
    if (TOKEN.test(issue.message)) {
      problems.push({ field, problem: issue.message });
      continue;
    }
    switch (issue.code) {
      case "invalid_type":
        // zod leaves the input out of its issues; its message says "received undefined" for a missing field.
        problems.push(/received undefined$/.test(issue.message) ? { field, problem: "required" } : { field, problem: "invalid_type", expected: issue.expected });
        break;
      case "too_big":
        problems.push({ field, problem: issue.origin === "string" || issue.origin === "array" ? "too_long" : "too_large" });
        break;
      case "too_small":
        problems.push({ field, problem: issue.origin === "string" || issue.origin === "array" ? "too_short" : "too_small" });
        break;
      case "invalid_value":
        problems.push({ field, problem: "invalid_value", allowed: [...issue.values] });
        break;
      case "invalid_union": {
        // A choice of literals (vatRate): the values it takes.
        const allowed = issue.errors.flat().flatMap((inner) => (inner.code === "invalid_value" ? inner.values : []));
        problems.push(allowed.length ? { field, problem: "invalid_value", allowed } : { field, problem: "invalid_value" });
        break;
      }
      default:
        problems.push({ field, problem: "invalid_format" });
    }
  }
  return problems;
}

/** The SKU a row names, as sent (for rows refused before their SKU could be read). */
export function rawSku(item: unknown): string {
  const sku = item !== null && typeof item === "object" ? (item as { sku?: unknown }).sku : undefined;
  return typeof sku === "string" ? sku.trim().slice(0, 100) : "";
}
