import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { applyStockLevels, type StockRowOutcome } from "@/lib/data/stock";
import { notifyBackInStock } from "@/lib/catalog/stock-alerts";
import { AppError } from "@/lib/errors";
import { isAdmin } from "./access";

/**
 * Stock levels pushed by the supplier's ERP or middleware (ERP-SIDE.md §6.2: `PUT /stock`, upsert
 * by SKU, per-row results, idempotent): `PUT /admin/api/stock` with an admin's API key. A level
 * carries the moment it was true (`asOf`, else its arrival): an older report than the stored one is
 * "stale" and changes nothing, so retries and parallel jobs never put an old level back. Like the
 * price API, all rows or none: an unknown SKU refuses the batch (422, every row reported) unless
 * `applyValidOnly`; `dryRun` only reports.
 */

export const MAX_STOCK_ROWS = 10_000;

export const stockPutSchema = z.object({
  items: z
    .array(
      z.object({
        sku: z.string().trim().min(1).max(64),
        stock: z.number().int().min(0).max(100_000_000),
        asOf: z.iso.datetime({ offset: true }).optional(),
      }),
    )
    .min(1)
    .max(MAX_STOCK_ROWS),
  applyValidOnly: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});
export type StockPutInput = z.infer<typeof stockPutSchema>;

export interface StockPutResult {
  status: "applied" | "rejected" | "dry_run";
  counts: Record<StockRowOutcome, number>;
  rows: { sku: string; outcome: StockRowOutcome }[];
}

export async function putStockViaApi(staff: StaffUser, input: StockPutInput, now: Date): Promise<StockPutResult> {
  // Stock is the whole shop's, not a customer's: admins only (account managers get "not found").
  if (!isAdmin(staff)) throw new AppError("not_found", "not_found");
  const seen = new Set<string>();
  for (const item of input.items) {
    if (seen.has(item.sku)) throw new AppError("invalid_input", "duplicate_sku", { sku: item.sku });
    seen.add(item.sku);
  }
  const reports = input.items.map((item) => ({ sku: item.sku, stock: item.stock, asOf: item.asOf ? new Date(item.asOf) : now }));
  const preview = await applyStockLevels(reports, { dryRun: true });
  const unknown = [...preview.values()].some((outcome) => outcome === "unknown_sku");
  const refused = unknown && !input.applyValidOnly;
  const outcomes = input.dryRun || refused ? preview : await applyStockLevels(reports, { dryRun: false });
  const rows = input.items.map((item) => ({ sku: item.sku, outcome: outcomes.get(item.sku) ?? "unknown_sku" }));
  if (!input.dryRun && !refused) {
    // Products back in stock answer their "mail me" wishes; the levels stand even if that fails.
    const changed = rows.flatMap((row) => (row.outcome === "updated" ? [row.sku] : []));
    await notifyBackInStock(changed, now).catch((error: unknown) => console.error("[koppel] back-in-stock mails failed", error));
  }
  const counts: Record<StockRowOutcome, number> = { updated: 0, unchanged: 0, stale: 0, unknown_sku: 0 };
  for (const row of rows) counts[row.outcome]++;
  return { status: input.dryRun ? "dry_run" : refused ? "rejected" : "applied", counts, rows };
}
