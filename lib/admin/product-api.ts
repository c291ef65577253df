import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { MAX_PRODUCT_ROWS, productRowOf, productRowSchema, type ProductRow } from "@/lib/catalog/product-import";
import { getProductMasterData, importProductRows, type ProductImportRowResult, type ProductRowOutcome } from "@/lib/data/product-import";
import { AppError } from "@/lib/errors";
import { actorOf, isAdmin } from "./access";
import { rawSku, rowProblemsOf, type ApiRowProblem } from "./api-row-problems";

/**
 * `PUT /admin/api/products` with an admin's API key: product master data from the ERP or PIM,
 * upsert by SKU (lib/catalog/product-import.ts). Like the price and stock APIs: all rows or none —
 * an invalid row refuses the batch (422, every row reported) unless `applyValidOnly`; `dryRun`
 * only reports. At most MAX_PRODUCT_ROWS rows per call. A row is read on its own: a wrong type, an
 * unknown field or a value out of range is that row's problem (`rows[i]` answers `items[i]`), not
 * a 400 for the whole feed.
 */
export const productPutSchema = z.object({
  items: z.array(z.unknown()).min(1).max(MAX_PRODUCT_ROWS),
  applyValidOnly: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});
export type ProductPutInput = z.infer<typeof productPutSchema>;

/** A row read strictly: a field the API does not know is refused, not dropped (a misspelt field would change nothing, answered "unchanged"). */
const strictRowSchema = productRowSchema.strict();
/** Stock is the stock API's (it carries the moment a level was true); GET shows it, PUT leaves it. */
const MOVED_FIELDS = { stock: "stock_via_stock_api" } as const;

export type ProductApiRowResult = ProductImportRowResult | { sku: string; outcome: "invalid"; problems: ApiRowProblem[] };

export interface ProductPutResult {
  status: "applied" | "rejected" | "dry_run";
  counts: Record<ProductRowOutcome, number>;
  rows: ProductApiRowResult[];
}

export async function putProductsViaApi(staff: StaffUser, input: ProductPutInput, now: Date): Promise<ProductPutResult> {
  // The catalogue is the whole shop's: admins only (account managers get "not found").
  if (!isAdmin(staff)) throw new AppError("not_found", "not_found");
  const read = input.items.map((item) => {
    const parsed = strictRowSchema.safeParse(item);
    return parsed.success ? ({ ok: true, row: parsed.data } as const) : ({ ok: false, sku: rawSku(item), problems: rowProblemsOf(parsed.error, MOVED_FIELDS) } as const);
  });
  const seen = new Set<string>();
  for (const sku of read.map((r) => (r.ok ? r.row.sku : r.sku))) {
    if (sku === "") continue;
    if (seen.has(sku)) throw new AppError("invalid_input", "duplicate_sku", { sku });
    seen.add(sku);
  }
  const valid = read.flatMap((r) => (r.ok ? [r.row] : []));
  const unreadable = read.length - valid.length;
  // An unreadable row refuses the batch like an invalid one: the valid rows are then only checked.
  const checkOnly = input.dryRun || (unreadable > 0 && !input.applyValidOnly);
  // A changed list price goes into the price history as one batch of this call.
  const imported =
    valid.length > 0 ? await importProductRows(valid, { dryRun: checkOnly, applyValidOnly: input.applyValidOnly, actor: actorOf(staff, "api") }, now) : { written: false, rows: [] };
  const importedRows = imported.rows[Symbol.iterator]();
  const rows: ProductApiRowResult[] = read.map((r) => (r.ok ? importedRows.next().value! : { sku: r.sku, outcome: "invalid", problems: r.problems }));
  const counts: Record<ProductRowOutcome, number> = { created: 0, updated: 0, unchanged: 0, invalid: 0 };
  for (const row of rows) counts[row.outcome]++;
  const applied = !input.dryRun && (imported.written || (valid.length === 0 && input.applyValidOnly));
  return { status: input.dryRun ? "dry_run" : applied ? "applied" : "rejected", counts, rows };
}

/**
 * `GET /admin/api/products/:sku`: a product's master data exactly as PUT takes it (prices as
 * decimal strings, the VAT rate in percent, the category by code), so an ERP can compare or send it
 * back unchanged; plus its stock, which PUT leaves to the stock API.
 */
export async function getProductViaApi(staff: StaffUser, sku: string): Promise<ProductRow & { stock: number }> {
  if (!isAdmin(staff)) throw new AppError("not_found", "not_found");
  const product = await getProductMasterData(sku);
  if (!product) throw new AppError("not_found", "product_not_found");
  return { ...productRowOf(product), stock: product.stock };
}
