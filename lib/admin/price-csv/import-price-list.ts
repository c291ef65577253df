import "server-only";
import type { StaffUser } from "@/lib/auth/guards";
import { getPriceListContractReach } from "@/lib/data/price-list-contract-reach";
import { importEntries, lookupProductsBySku, previewEntryImport, type ImportCounts, type OpenCartsReached } from "@/lib/data/price-lists";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { actorOf, getEditablePriceListOrThrow } from "../access";
import { contractCustomersLeftEmpty, type ContractReachWarning } from "./contract-reach";
import { decodeUtf8, parseCsv, type CsvDelimiter } from "./parse-csv";
import { readHeader, readPriceRows, skusOf, type FileProblem, type RowError, type RowWarning } from "./read-price-rows";

/**
 * CSV import of a price list: read → validate every row → (dry run: report what would change) or
 * apply in one transaction. Nothing is applied when any row is invalid, unless the user explicitly
 * asked to apply only the valid rows. Progress is reported through `emit` so large files can show it.
 */

export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 250_000;

export interface ImportOptions {
  /** Also delete the list's entries that the file does not contain. */
  replaceAll: boolean;
  /** Apply the valid rows even though some rows are invalid (the invalid ones are skipped). */
  applyValidOnly: boolean;
  /** Only validate and count; never write. */
  dryRun: boolean;
}

export type ImportStatus = "validated" | "applied" | "rejected" | "invalid_file";

export interface ImportReport {
  status: ImportStatus;
  /** Only a check was asked for (dry run): nothing was meant to be written, whatever the status. */
  checkOnly: boolean;
  delimiter: CsvDelimiter | null;
  totalRows: number;
  validRows: number;
  invalidRows: number;
  fileProblems: { problem: FileProblem; detail?: string; line?: number }[];
  errors: RowError[];
  warnings: RowWarning[];
  /** What was applied ("applied") or would be applied ("validated"/"rejected": the valid rows). */
  counts: ImportCounts;
  /** Before applying: the open carts the change would reach (lib/data/price-lists.ts); null once applied or when the file is unreadable. */
  openCarts: OpenCartsReached | null;
  /**
   * Before applying: the list's customers that see only their contract assortment and would have no
   * contract product today afterwards (their buyers would see an empty shop); null when none would.
   */
  contractEmpty: ContractReachWarning | null;
  batchId: string | null;
  durationMs: number;
}

export type ImportEvent =
  | { type: "progress"; phase: "validate" | "apply"; done: number; total: number }
  | { type: "report"; report: ImportReport };

const NO_CHANGES: ImportCounts = { created: 0, updated: 0, unchanged: 0, deleted: 0 };

export async function importPriceListCsv(input: {
  staff: StaffUser;
  priceListId: number;
  bytes: Uint8Array;
  options: ImportOptions;
  now: Date;
  emit?: (event: ImportEvent) => void | Promise<void>;
  signal?: AbortSignal;
  clock?: () => number;
}): Promise<ImportReport> {
  const clock = input.clock ?? (() => performance.now());
  const started = clock();
  const list = await getEditablePriceListOrThrow(input.staff, input.priceListId);
  const report = (partial: Partial<ImportReport> & Pick<ImportReport, "status">): ImportReport => ({
    checkOnly: input.options.dryRun,
    delimiter: null,
    totalRows: 0,
    validRows: 0,
    invalidRows: 0,
    fileProblems: [],
    errors: [],
    warnings: [],
    counts: NO_CHANGES,
    openCarts: null,
    contractEmpty: null,
    batchId: null,
    ...partial,
    durationMs: Math.round(clock() - started),
  });

  if (input.bytes.byteLength > MAX_IMPORT_BYTES) return report({ status: "invalid_file", fileProblems: [{ problem: "too_many_rows", detail: `${MAX_IMPORT_BYTES}` }] });
  const text = decodeUtf8(input.bytes);
  if (text === null) return report({ status: "invalid_file", fileProblems: [{ problem: "not_utf8" }] });
  const csv = parseCsv(text);
  if (!csv.header) return report({ status: "invalid_file", fileProblems: [{ problem: "empty_file" }] });
  const header = readHeader(csv.header);
  const fileProblems: ImportReport["fileProblems"] = [
    ...header.problems,
    ...csv.problems.map((p) => ({ problem: p.problem, line: p.line })),
    ...(csv.records.length > MAX_IMPORT_ROWS ? [{ problem: "too_many_rows" as const, detail: String(MAX_IMPORT_ROWS) }] : []),
  ];
  if (fileProblems.length) return report({ status: "invalid_file", delimiter: csv.delimiter, totalRows: csv.records.length, fileProblems });

  await input.emit?.({ type: "progress", phase: "validate", done: 0, total: csv.records.length });
  const skus = skusOf(header.columns, csv.records);
  // Looking the products up is most of the validation time: report it as validation progress.
  const products = await lookupProductsBySku(skus, (done, total) =>
    input.emit?.({ type: "progress", phase: "validate", done: Math.round((done / total) * csv.records.length), total: csv.records.length }),
  );
  const read = readPriceRows(header.columns, csv.records, products, { currency: list.currency, listWindow: list });
  await input.emit?.({ type: "progress", phase: "validate", done: csv.records.length, total: csv.records.length });

  const base = {
    delimiter: csv.delimiter,
    totalRows: read.total,
    validRows: read.valid.length,
    invalidRows: read.invalidRows,
    errors: read.errors,
    warnings: read.warnings,
  };
  const incoming = read.valid.map((row) => ({ productId: row.productId, sku: row.sku, entry: row.entry }));
  // Replacing the whole list from a partially valid file would delete entries whose row was merely invalid.
  const replaceAll = input.options.replaceAll && read.invalidRows === 0;
  const mayApply = read.invalidRows === 0 || input.options.applyValidOnly;

  if (input.options.dryRun || !mayApply) {
    const day = calendarDate(input.now);
    const [preview, reach] = await Promise.all([
      previewEntryImport(list.id, incoming, replaceAll, input.now),
      getPriceListContractReach(list.id, incoming.map((row) => row.productId), day),
    ]);
    const contractEmpty = reach && contractCustomersLeftEmpty({ day, list, incoming, replaceAll, ...reach });
    return report({ ...base, status: mayApply ? "validated" : "rejected", counts: preview.counts, openCarts: preview.openCarts, contractEmpty });
  }
  const actor = actorOf(input.staff, "csv");
  const counts = await importEntries({
    priceListId: list.id,
    incoming,
    replaceAll,
    actor,
    now: input.now,
    signal: input.signal,
    onProgress: (done, total) => input.emit?.({ type: "progress", phase: "apply", done, total }),
  });
  return report({ ...base, status: "applied", counts, batchId: actor.batchId ?? null });
}
