import "server-only";
import { eq, inArray } from "drizzle-orm";
import { categories, products, type PriceEntrySnapshot } from "@/db/schema";
import { checkProductRow, listPriceChanged, type CheckedProductRow, type ProductMasterData, type ProductRow, type ProductRowFieldProblem } from "@/lib/catalog/product-import";
import { productColumns } from "./catalog";
import { database } from "./database";
import { writePriceAudit, type AuditRowInput, type PriceChangeActor } from "./price-audit";

export type ProductRowOutcome = "created" | "updated" | "unchanged" | "invalid";

export interface ProductImportRowResult {
  sku: string;
  outcome: ProductRowOutcome;
  problems?: ProductRowFieldProblem[];
}

/** A list price as the price history keeps it: a fixed price with its tiers, valid always. */
function listPriceSnapshot(values: Pick<ProductMasterData, "listPriceMinor" | "listPriceTiers">): PriceEntrySnapshot {
  return { kind: "fixed", priceMinor: values.listPriceMinor, discountBasisPoints: null, tiers: values.listPriceTiers.map(({ minQuantity, priceMinor }) => ({ minQuantity, priceMinor })), validFrom: null, validTo: null };
}

/**
 * Upserts product master data by SKU in one transaction (the rows of existing products locked):
 * every row checked against what is stored now; with an invalid row nothing is written unless
 * `applyValidOnly`; `dryRun` writes nothing. New products start with no stock (the stock API's).
 * A changed list price or tiers of an existing product goes into the price history (`actor`) in the
 * same transaction: it moves the price of every customer without a fixed contract price.
 */
export async function importProductRows(
  rows: readonly ProductRow[],
  options: {
    dryRun: boolean;
    applyValidOnly: boolean;
    /** The back office's forms: a new SKU only, or an existing one only. */
    only?: "create" | "update";
    actor: PriceChangeActor;
  },
  now: Date,
): Promise<{ written: boolean; rows: ProductImportRowResult[] }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const skus = rows.map((row) => row.sku);
    const codes = [...new Set(rows.flatMap((row) => (row.category === undefined ? [] : [row.category])))];
    const [existing, categoryRows] = await Promise.all([
      tx.select(productColumns).from(products).where(inArray(products.sku, skus)).orderBy(products.id).for("update"),
      // Key share: a category being deleted is waited for (then unknown_category), and one read here cannot be
      // deleted before this commits (the delete waits, then counts the product) — never a foreign-key error.
      codes.length ? tx.select({ id: categories.id, code: categories.code }).from(categories).where(inArray(categories.code, codes)).for("key share") : Promise.resolve([]),
    ]);
    const bySku = new Map(existing.map((product) => [product.sku, product]));
    const categoryIds = new Map(categoryRows.map((category) => [category.code, category.id]));
    const checked = rows.map((row): { row: ProductRow; current: (typeof existing)[number] | null; result: CheckedProductRow } => {
      const current = bySku.get(row.sku) ?? null;
      if (options.only === "create" && current) return { row, current, result: { ok: false, problems: [{ field: "sku", problem: "sku_taken" }] } };
      if (options.only === "update" && !current) return { row, current, result: { ok: false, problems: [{ field: "sku", problem: "unknown_sku" }] } };
      return { row, current, result: checkProductRow(row, current, categoryIds) };
    });
    const results: ProductImportRowResult[] = checked.map(({ row, result }) =>
      result.ok
        ? { sku: row.sku, outcome: result.kind === "create" ? "created" : result.kind === "update" ? "updated" : "unchanged" }
        : { sku: row.sku, outcome: "invalid", problems: result.problems },
    );
    const anyInvalid = results.some((result) => result.outcome === "invalid");
    if (options.dryRun || (anyInvalid && !options.applyValidOnly)) return { written: false, rows: results };

    const creates: (ProductMasterData & { sku: string })[] = [];
    const audit: AuditRowInput[] = [];
    for (const { row, current, result } of checked) {
      if (!result.ok || result.kind === "unchanged") continue;
      if (result.kind === "create") creates.push({ sku: row.sku, ...result.values });
      else {
        await tx.update(products).set({ ...result.values, updatedAt: now }).where(eq(products.id, current!.id));
        if (listPriceChanged(current!, result.values)) {
          audit.push({
            action: "list_price_changed",
            priceListCode: "",
            productId: current!.id,
            sku: current!.sku,
            oldValue: listPriceSnapshot(current!),
            newValue: listPriceSnapshot(result.values),
          });
        }
      }
    }
    await writePriceAudit(tx, options.actor, audit);
    for (let i = 0; i < creates.length; i += 500) {
      await tx.insert(products).values(creates.slice(i, i + 500).map((values) => ({ ...values, stock: 0, updatedAt: now })));
    }
    return { written: true, rows: results };
  });
}

/** A product's master data as stored, active or not (the admin's edit form), with its category code. */
export async function getProductMasterData(sku: string): Promise<(ProductMasterData & { sku: string; categoryCode: string; stock: number }) | null> {
  const db = await database();
  const [row] = await db
    .select({ ...productColumns, categoryCode: categories.code })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(products.sku, sku));
  return row ?? null;
}
