import type { PriceEntrySnapshot } from "@/db/schema";
import { formatEntryValue, formatMoneyInput, formatTierValue } from "../price-input";
import { csvField, type CsvDelimiter } from "./parse-csv";

/**
 * CSV export of a price list, in the format the import reads back unchanged (round trip).
 * "nl": `;` and decimal comma (what Dutch Excel opens directly); "intl": `,` and decimal point.
 * The name and list price columns are for people and ignored on import.
 */
export type CsvFormat = "nl" | "intl";

export interface ExportEntry extends PriceEntrySnapshot {
  sku: string;
  name: string;
  listPriceMinor: number;
}

export function csvHeader(maxTiers: number, delimiter: CsvDelimiter): string {
  const tiers = Array.from({ length: maxTiers }, (_, i) => [`tier${i + 1}_qty`, `tier${i + 1}_value`]).flat();
  return ["sku", "name", "list_price", "type", "value", ...tiers, "valid_from", "valid_to"].join(delimiter);
}

export function csvLine(entry: ExportEntry, maxTiers: number, format: CsvFormat): string {
  const delimiter: CsvDelimiter = format === "nl" ? ";" : ",";
  const comma = format === "nl";
  const tiers = Array.from({ length: maxTiers }, (_, i) => {
    const tier = entry.tiers[i];
    return tier ? [String(tier.minQuantity), formatTierValue(entry.kind, tier, comma)] : ["", ""];
  }).flat();
  return [
    entry.sku,
    entry.name,
    formatMoneyInput(entry.listPriceMinor, comma),
    entry.kind,
    formatEntryValue(entry, comma),
    ...tiers,
    entry.validFrom ?? "",
    entry.validTo ?? "",
  ]
    .map((field, index) => csvField(field, delimiter, index === 1))
    .join(delimiter);
}

/** The whole file as chunks of lines (CRLF, UTF-8 BOM so Excel detects the encoding). */
export function* formatPriceListCsv(entries: readonly ExportEntry[], format: CsvFormat, chunkSize = 2000): Generator<string> {
  const delimiter: CsvDelimiter = format === "nl" ? ";" : ",";
  const maxTiers = entries.reduce((max, e) => Math.max(max, e.tiers.length), 0);
  yield `\uFEFF${csvHeader(maxTiers, delimiter)}\r\n`;
  for (let i = 0; i < entries.length; i += chunkSize) {
    yield entries
      .slice(i, i + chunkSize)
      .map((entry) => `${csvLine(entry, maxTiers, format)}\r\n`)
      .join("");
  }
}
