import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { MAX_PRODUCT_ROWS, productRowOf, productRowSchema, type ProductRow } from "@/lib/catalog/product-import";
import { getProductMasterData, importProductRows, type ProductImportRowResult, type ProductRowOutcome } from "@/lib/data/product-import";
import { AppError } from "@/lib/errors";
import { actorOf, isAdmin } from "./access";

/**
 * `PUT /admin/api/products` with an admin's API key: product master data from the ERP or PIM,
 * upsert by SKU (lib/catalog/product-import.ts). Like the price and stock APIs: all rows or none —
 * an invalid row refuses the batch (422, every row reported) unless `applyValidOnly`; `dryRun`
 * only reports. At most MAX_PRODUCT_ROWS rows per call.
 */
export const productPutSchema = z.object({
  items: z.array(productRowSchema).min(1).max(MAX_PRODUCT_ROWS),
  applyValidOnly: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});
export type ProductPutInput = z.infer<typeof productPutSchema>;

export interface ProductPutResult {
  status: "applied" | "rejected" | "dry_run";
  counts: Record<ProductRowOutcome, number>;
  rows: ProductImportRowResult[];
}

export async function putProductsViaApi(staff: StaffUser, input: ProductPutInput, now: Date): Promise<ProductPutResult> {
  // The catalogue is the whole shop's: admins only (account managers get "not found").
  if (!isAdmin(staff)) throw new AppError("not_found", "not_found");
  const seen = new Set<string>();
  for (const item of input.items) {
    if (seen.has(item.sku)) throw new AppError("invalid_input", "duplicate_sku", { sku: item.sku });
    seen.add(item.sku);
  }
  // A changed list price goes into the price history as one batch of this call.
  const { written, rows } = await importProductRows(input.items, { dryRun: input.dryRun, applyValidOnly: input.applyValidOnly, actor: actorOf(staff, "api") }, now);
  const counts: Record<ProductRowOutcome, number> = { created: 0, updated: 0, unchanged: 0, invalid: 0 };
  for (const row of rows) counts[row.outcome]++;
  return { status: input.dryRun ? "dry_run" : written ? "applied" : "rejected", counts, rows };
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
