import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { applyStockLevels, type StockRowOutcome } from "@/lib/data/stock";
import { notifyBackInStock } from "@/lib/catalog/stock-alerts";
import { AppError } from "@/lib/errors";
import { isAdmin } from "./access";
import { rawSku, rowProblemsOf, type ApiRowProblem } from "./api-row-problems";

/**
 * Stock levels pushed by the supplier's ERP or middleware (ERP-SIDE.md §6.2: `PUT /stock`, upsert
 * by SKU, per-row results, idempotent): `PUT /admin/api/stock` with an admin's API key. A level
 * carries the moment it was true (`asOf`, else its arrival): an older report than the stored one is
 * "stale" and changes nothing, so retries and parallel jobs never put an old level back. Like the
 * price API, all rows or none: an unknown SKU or an invalid row refuses the batch (422, every row
 * reported) unless `applyValidOnly`; `dryRun` only reports.
 */

export const MAX_STOCK_ROWS = 10_000;

/**
 * One row, read on its own and strictly: a negative level, a fraction, a time without its offset
 * or a field the API does not know is that row's problem (`rows[i]` answers `items[i]`), so one bad
 * row does not stop the feed's other 9,999 with applyValidOnly. An ERP that can go below zero
 * (backorders) sends 0: the shop has none to sell.
 */
const stockRowSchema = z.strictObject({
  sku: z.string().trim().min(1).max(64),
  stock: z.number().int("whole_number").min(0, "stock_negative").max(100_000_000),
  /** ISO 8601 with its offset ("2026-11-29T10:00:00+01:00" or "…Z"): a time without one is ambiguous by an hour or two. */
  asOf: z.iso.datetime({ offset: true, message: "datetime_with_offset" }).optional(),
});

export const stockPutSchema = z.object({
  items: z.array(z.unknown()).min(1).max(MAX_STOCK_ROWS),
  applyValidOnly: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});
export type StockPutInput = z.infer<typeof stockPutSchema>;

export type StockApiRow = { sku: string; outcome: StockRowOutcome } | { sku: string; outcome: "invalid"; problems: ApiRowProblem[] };

export interface StockPutResult {
  status: "applied" | "rejected" | "dry_run";
  counts: Record<StockRowOutcome | "invalid", number>;
  rows: StockApiRow[];
}

export async function putStockViaApi(staff: StaffUser, input: StockPutInput, now: Date): Promise<StockPutResult> {
  // Stock is the whole shop's, not a customer's: admins only (account managers get "not found").
  if (!isAdmin(staff)) throw new AppError("not_found", "not_found");
  const read = input.items.map((item) => {
    const parsed = stockRowSchema.safeParse(item);
    return parsed.success ? ({ ok: true, item: parsed.data } as const) : ({ ok: false, sku: rawSku(item), problems: rowProblemsOf(parsed.error) } as const);
  });
  const seen = new Set<string>();
  for (const sku of read.map((r) => (r.ok ? r.item.sku : r.sku))) {
    if (sku === "") continue;
    if (seen.has(sku)) throw new AppError("invalid_input", "duplicate_sku", { sku });
    seen.add(sku);
  }
  const reports = read.flatMap((r) => (r.ok ? [{ sku: r.item.sku, stock: r.item.stock, asOf: r.item.asOf ? new Date(r.item.asOf) : now }] : []));
  const preview = reports.length ? await applyStockLevels(reports, { dryRun: true }) : new Map<string, StockRowOutcome>();
  const refusedRows = read.some((r) => !r.ok) || [...preview.values()].some((outcome) => outcome === "unknown_sku");
  const refused = refusedRows && !input.applyValidOnly;
  const outcomes = input.dryRun || refused || reports.length === 0 ? preview : await applyStockLevels(reports, { dryRun: false });
  const rows: StockApiRow[] = read.map((r) => (r.ok ? { sku: r.item.sku, outcome: outcomes.get(r.item.sku) ?? "unknown_sku" } : { sku: r.sku, outcome: "invalid", problems: r.problems }));
  if (!input.dryRun && !refused) {
    // Products back in stock answer their "mail me" wishes; the levels stand even if that fails.
    const changed = rows.flatMap((row) => (row.outcome === "updated" ? [row.sku] : []));
    await notifyBackInStock(changed, now).catch((error: unknown) => console.error("[koppel] back-in-stock mails failed", error));
  }
  const counts: Record<StockRowOutcome | "invalid", number> = { updated: 0, unchanged: 0, stale: 0, unknown_sku: 0, invalid: 0 };
  for (const row of rows) counts[row.outcome]++;
  return { status: input.dryRun ? "dry_run" : refused ? "rejected" : "applied", counts, rows };
}
