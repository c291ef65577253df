import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { deleteEntry, getPriceListByCode, importEntries, listEntriesForExport, lookupProductsBySku, previewEntryImport, type ImportCounts, type OpenCartsReached } from "@/lib/data/price-lists";
import { AppError } from "@/lib/errors";
import { actorOf, getEditablePriceListOrThrow, getPriceListOrThrow } from "./access";
import { rawSku, rowProblemsOf } from "./api-row-problems";
import { formatEntryValue, formatTierValue } from "./price-input";
import type { CsvRecord } from "./price-csv/parse-csv";
import { readHeader, readPriceRows, type RowError } from "./price-csv/read-price-rows";

/**
 * The price-list API: the same validation as the CSV import (each entry is read as if it were a
 * CSV row, so the rules cannot drift apart), the same all-or-nothing rule, audited as "api".
 * Amounts are decimal strings with a point ("4.50"); percentages likewise ("12.5").
 */

const decimal = z.union([z.string().max(20), z.number()]).transform((v) => String(v));

export const apiEntrySchema = z.object({
  sku: z.string().trim().min(1).max(64),
  type: z.enum(["fixed", "discount"]),
  value: decimal,
  tiers: z.array(z.object({ minQuantity: z.number().int(), value: decimal })).max(20).default([]),
  validFrom: z.string().max(10).nullable().optional(),
  validTo: z.string().max(10).nullable().optional(),
});

/** An entry read on its own and strictly: a misspelt `validto` is refused, not dropped (the entry would have no end date). */
const strictEntrySchema = apiEntrySchema.strict();

export const apiPutSchema = z.object({
  // Each entry is read by itself (putEntriesViaApi): one unreadable entry is that entry's error, not a 400 for the list.
  entries: z.array(z.unknown()).max(250_000),
  replaceAll: z.boolean().default(false),
  applyValidOnly: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});
export type ApiPutInput = z.infer<typeof apiPutSchema>;

export interface ApiEntry {
  sku: string;
  type: "fixed" | "discount";
  value: string;
  tiers: { minQuantity: number; value: string }[];
  validFrom: string | null;
  validTo: string | null;
}

async function listOrThrow(staff: StaffUser, code: string, edit: boolean) {
  const list = await getPriceListByCode(code);
  if (!list) throw new AppError("not_found", "price_list_not_found");
  return edit ? getEditablePriceListOrThrow(staff, list.id) : (await getPriceListOrThrow(staff, list.id)).list;
}

export async function listEntriesViaApi(staff: StaffUser, code: string): Promise<{ priceList: { code: string; name: string; currency: string; validFrom: string | null; validTo: string | null }; entries: ApiEntry[] }> {
  const list = await listOrThrow(staff, code, false);
  const rows = await listEntriesForExport(list.id);
  return {
    priceList: { code: list.code, name: list.name, currency: list.currency, validFrom: list.validFrom, validTo: list.validTo },
    entries: rows.map((row) => ({
      sku: row.sku,
      type: row.kind,
      value: formatEntryValue(row, false),
      tiers: row.tiers.map((t) => ({ minQuantity: t.minQuantity, value: formatTierValue(row.kind, t, false) })),
      validFrom: row.validFrom,
      validTo: row.validTo,
    })),
  };
}

export interface ApiPutResult {
  status: "applied" | "validated" | "rejected";
  counts: ImportCounts;
  /** Dry runs and rejected input: the open carts the change would reach (lib/data/price-lists.ts). */
  openCarts?: OpenCartsReached;
  /** `index` is the position in `entries` (0-based); `column` the entry's field. */
  errors: ((Omit<RowError, "line"> & { index: number }) | { index: number; sku: string; column: string; problem: string; allowed?: unknown[]; expected?: string })[];
}

export async function putEntriesViaApi(staff: StaffUser, code: string, input: ApiPutInput, now: Date): Promise<ApiPutResult> {
  const list = await listOrThrow(staff, code, true);
  const read = input.entries.map((raw, index) => {
    const parsed = strictEntrySchema.safeParse(raw);
    return parsed.success ? { index, entry: parsed.data, problems: [] } : { index, entry: null, sku: rawSku(raw), problems: rowProblemsOf(parsed.error) };
  });
  const entries = read.flatMap((r) => (r.entry ? [{ index: r.index, ...r.entry }] : []));
  const unreadable = read.flatMap((r) => (r.entry ? [] : r.problems.map(({ field, ...problem }) => ({ index: r.index, sku: r.sku ?? "", column: field, ...problem }))));
  const maxTiers = entries.reduce((max, e) => Math.max(max, e.tiers.length), 0);
  const headerFields = ["sku", "type", "value", ...Array.from({ length: maxTiers }, (_, i) => [`tier${i + 1}_qty`, `tier${i + 1}_value`]).flat(), "valid_from", "valid_to"];
  const { columns } = readHeader({ line: 0, fields: headerFields });
  const records: CsvRecord[] = entries.map((entry) => ({
    // The entry's place in the request, so each error names it (read.errors' line − 1).
    line: entry.index + 1,
    fields: [
      entry.sku,
      entry.type,
      entry.value,
      ...Array.from({ length: maxTiers }, (_, i) => (entry.tiers[i] ? [String(entry.tiers[i].minQuantity), entry.tiers[i].value] : ["", ""])).flat(),
      entry.validFrom ?? "",
      entry.validTo ?? "",
    ],
  }));
  const products = await lookupProductsBySku(entries.map((e) => e.sku));
  const checked = readPriceRows(columns, records, products, { currency: list.currency });
  const errors = [...checked.errors.map(({ line, ...rest }) => ({ ...rest, index: line - 1 })), ...unreadable].sort((a, b) => a.index - b.index);
  const incoming = checked.valid.map((row) => ({ productId: row.productId, sku: row.sku, entry: row.entry }));
  const invalidRows = checked.invalidRows + read.filter((r) => !r.entry).length;
  // "Replace" removes every entry not sent: never on a list with an entry that could not be read.
  const replaceAll = input.replaceAll && invalidRows === 0;
  const mayApply = invalidRows === 0 || input.applyValidOnly;
  if (input.dryRun || !mayApply) {
    const preview = await previewEntryImport(list.id, incoming, replaceAll, now);
    return { status: mayApply ? "validated" : "rejected", counts: preview.counts, openCarts: preview.openCarts, errors };
  }
  const counts = await importEntries({ priceListId: list.id, incoming, replaceAll, actor: actorOf(staff, "api"), now });
  return { status: "applied", counts, errors };
}

export async function deleteEntryViaApi(staff: StaffUser, code: string, sku: string): Promise<void> {
  const list = await listOrThrow(staff, code, true);
  const products = await lookupProductsBySku([sku]);
  const product = products.get(sku);
  if (!product) throw new AppError("not_found", "product_not_found");
  await deleteEntry({ priceListId: list.id, productId: product.id, expectedUpdatedAt: undefined, actor: actorOf(staff, "api") });
}
