import { z } from "zod";
import type { ListPriceTier, Product } from "@/db/schema";
import { parseMoneyInput } from "@/lib/admin/price-input";
import { hasValidGs1CheckDigit } from "@/lib/einvoice/calculate";
import { NAMED_UNIT_CODES, sameUnit } from "./unit-names";

/**
 * Product master data from the supplier's ERP or PIM (ERP-SIDE.md §6.2 "push import API": upsert by
 * SKU, per-row results, idempotent). A row names the product by SKU and carries the fields it sets:
 * a new product needs category, Dutch name, unit, list price and VAT rate (an English name or
 * description left out or empty stays empty, so an export or a translator can see it is missing, and
 * English readers get the Dutch one: lib/catalog/product-name.ts, product-description.ts); an existing
 * product changes only the fields given, so `{"sku": "…", "active": false}` takes one out of the shop.
 * Pure: the caller looks up the existing product and categories.
 */

export const MAX_PRODUCT_ROWS = 1_000;
const decimal = z.union([z.string().max(20), z.number()]).transform((v) => String(v));
const quantity = z.number().int().min(1).max(1_000_000);

export const productRowSchema = z.object({
  // OCI NEW_ITEM-VENDORMAT holds 40 characters; printable ASCII without spaces travels in every protocol.
  sku: z.string().trim().regex(/^[\x21-\x7e]{1,40}$/, "sku_format"),
  category: z.string().trim().min(1).max(64).optional(),
  nameNl: z.string().trim().min(1).max(200).optional(),
  /** Empty: none yet (the shop shows the Dutch name). */
  nameEn: z.string().trim().max(200).optional(),
  descriptionNl: z.string().trim().max(5_000).optional(),
  descriptionEn: z.string().trim().max(5_000).optional(),
  brand: z.string().trim().max(100).optional(),
  manufacturer: z.string().trim().max(100).optional(),
  manufacturerPartNumber: z.string().trim().max(64).optional(),
  gtin: z.string().trim().max(14).nullable().optional(),
  unspsc: z.string().trim().max(8).nullable().optional(),
  /** UN/ECE Recommendation 20 code (EA, PK, BX, C62, KGM…). */
  unit: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,3}$/, "unit_format").optional(),
  packSize: quantity.optional(),
  /**
   * What the pack size counts: a unit code the shop names (XST sheet, C62 piece, LTR, KGM…; see
   * CONTENT_UNIT_CODES). Null or "": not said. Checked in checkProductRow, so an unknown code is
   * answered as that field's problem rather than as a malformed row.
   */
  contentUnit: z.string().trim().toUpperCase().max(10).nullable().optional(),
  minOrderQuantity: quantity.optional(),
  orderMultiple: quantity.optional(),
  leadTimeDays: z.number().int().min(0).max(365).optional(),
  /** Excl. VAT, in EUR: "4.25", "4,25" or 4.25. */
  listPrice: decimal.optional(),
  /** From `minQuantity` units on, each unit costs `price`. */
  listPriceTiers: z.array(z.object({ minQuantity: z.number().int().min(2).max(1_000_000), price: decimal })).max(20).optional(),
  /** Percent: 21, 9 or 0. */
  vatRate: z.union([z.literal(21), z.literal(9), z.literal(0)]).optional(),
  attributes: z.record(z.string().trim().min(1).max(40), z.string().trim().max(200)).optional(),
  active: z.boolean().optional(),
});
export type ProductRow = z.infer<typeof productRowSchema>;

/** The product's stored master data (what a row may change). */
export type ProductMasterData = Pick<
  Product,
  | "categoryId"
  | "nameNl"
  | "nameEn"
  | "descriptionNl"
  | "descriptionEn"
  | "brand"
  | "manufacturer"
  | "manufacturerPartNumber"
  | "gtin"
  | "unspsc"
  | "unit"
  | "packSize"
  | "contentUnit"
  | "minOrderQuantity"
  | "orderMultiple"
  | "leadTimeDays"
  | "listPriceMinor"
  | "listPriceTiers"
  | "vatRateBasisPoints"
  | "attributes"
  | "active"
>;

export type ProductRowProblem =
  | "unknown_category"
  | "missing_category"
  | "missing_name"
  | "missing_list_price"
  | "missing_vat_rate"
  | "list_price_invalid"
  | "tier_price_invalid"
  | "tiers_not_ascending"
  | "tier_not_below_list_price"
  | "gtin_invalid"
  | "unspsc_invalid"
  | "order_multiple_conflict"
  | "unknown_content_unit"
  | "content_unit_same_as_unit"
  /** Only where the caller asked for a new product, or for an existing one (the back office's forms). */
  | "sku_taken"
  | "unknown_sku";

/** A problem of a row at one of its fields; `minQuantity` names the tier when it is about one. */
export interface ProductRowFieldProblem {
  field: string;
  problem: ProductRowProblem;
  minQuantity?: number;
}

export type CheckedProductRow =
  | { ok: true; kind: "create" | "update" | "unchanged"; values: ProductMasterData }
  | { ok: false; problems: ProductRowFieldProblem[] };

/** A GTIN-8, -12, -13 or -14 with its GS1 check digit (the check the Peppol documents apply too). */
export function isValidGtin(value: string): boolean {
  return /^(\d{8}|\d{12,14})$/.test(value) && hasValidGs1CheckDigit(value);
}

const sameTiers = (a: readonly ListPriceTier[], b: readonly ListPriceTier[]) =>
  a.length === b.length && a.every((tier, i) => tier.minQuantity === b[i]!.minQuantity && tier.priceMinor === b[i]!.priceMinor);

type ListPrice = Pick<ProductMasterData, "listPriceMinor" | "listPriceTiers">;

/** Whether list price or tiers differ: what the price history records (lib/data/product-import.ts). */
export function listPriceChanged(before: ListPrice, after: ListPrice): boolean {
  return before.listPriceMinor !== after.listPriceMinor || !sameTiers(before.listPriceTiers, after.listPriceTiers);
}

// The back office's product form checks the unit and the list price warning on top of the row checks below
// (lib/admin/product-edit.ts). The import API does not: its units are codes from the ERP's own master data
// (any Rec 20-shaped code), and nobody is there to confirm a warning.

/** The units the form offers: those the shop has words for (lib/catalog/unit-names.ts), in that module's order. */
export const FORM_UNIT_CODES: readonly string[] = NAMED_UNIT_CODES;

/**
 * The content units a product may carry, API and form alike: those the shop has words for, since the
 * shop's whole use of one is to say it ("Pak à 250 vel"). The same set as the order units: a box may
 * hold packs (BX of 10 PK) as well as sheets. Unlike the order unit there is no older code to keep.
 */
export const CONTENT_UNIT_CODES: readonly string[] = NAMED_UNIT_CODES;

/**
 * A unit the form may save: one the shop names, or the one the product has now (an older product with
 * a code the shop does not know still saves without choosing another).
 */
export function isSelectableUnit(code: string, currentUnit: string | null): boolean {
  // The row upper-cases what it gets; an older product may hold its code in lower case.
  return FORM_UNIT_CODES.includes(code) || (currentUnit !== null && code === currentUnit.trim().toUpperCase());
}

/** The first tier whose price is not below the list price (a tier is a discount for a larger quantity), or null. */
export function tierNotBelowListPrice(listPriceMinor: number, tiers: readonly ListPriceTier[]): ListPriceTier | null {
  return tiers.find((tier) => tier.priceMinor >= listPriceMinor) ?? null;
}

/**
 * The rule on tiers as the product form and the product API both apply it (`before` null: a new
 * product): checked when the list price or the tiers are set or changed. A ladder stored before the API
 * checked it and sent again unchanged is left alone, so a feed that resends it (or a row that only
 * changes the name) is not refused for it; a change of the price or tiers must then put it right.
 */
export function changedTierNotBelowListPrice(after: ListPrice, before: ListPrice | null): ListPriceTier | null {
  if (before && !listPriceChanged(before, after)) return null;
  return tierNotBelowListPrice(after.listPriceMinor, after.listPriceTiers);
}

/**
 * Why a list price needs the admin's explicit confirmation: 0 gives the product away to every customer
 * without a price of their own, and below the purchase price (when one is known) sells at a loss.
 */
export function listPriceWarning(listPriceMinor: number, costMinor: number | null): "list_price_zero" | "list_price_below_cost" | null {
  if (listPriceMinor === 0) return "list_price_zero";
  if (costMinor !== null && listPriceMinor < costMinor) return "list_price_below_cost";
  return null;
}
const sameAttributes = (a: Record<string, string>, b: Record<string, string>) => {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
};

/**
 * The row applied to the current master data (`current` null: a new product). `categoryIds` maps
 * category codes to ids.
 */
export function checkProductRow(row: ProductRow, current: ProductMasterData | null, categoryIds: ReadonlyMap<string, number>): CheckedProductRow {
  const problems: ProductRowFieldProblem[] = [];
  const problem = (field: string, kind: ProductRowProblem) => problems.push({ field, problem: kind });

  let categoryId = current?.categoryId;
  if (row.category !== undefined) {
    categoryId = categoryIds.get(row.category);
    if (categoryId === undefined) problem("category", "unknown_category");
  } else if (!current) problem("category", "missing_category");

  if (!current && row.nameNl === undefined) problem("nameNl", "missing_name");

  let listPriceMinor = current?.listPriceMinor;
  if (row.listPrice !== undefined) {
    const parsed = parseMoneyInput(row.listPrice);
    if (parsed.ok) listPriceMinor = parsed.value;
    else problem("listPrice", "list_price_invalid");
  } else if (!current) problem("listPrice", "missing_list_price");

  let listPriceTiers = current?.listPriceTiers ?? [];
  if (row.listPriceTiers !== undefined) {
    const tiers: ListPriceTier[] = [];
    for (const tier of row.listPriceTiers) {
      const parsed = parseMoneyInput(tier.price);
      if (!parsed.ok) problem("listPriceTiers", "tier_price_invalid");
      else tiers.push({ minQuantity: tier.minQuantity, priceMinor: parsed.value });
    }
    if (tiers.some((tier, i) => i > 0 && tier.minQuantity <= tiers[i - 1]!.minQuantity)) problem("listPriceTiers", "tiers_not_ascending");
    listPriceTiers = tiers;
  }
  // Only on a price and ladder that read well: a price or tier that does not parse is reported as that.
  if (listPriceMinor !== undefined && !problems.some((p) => p.field === "listPrice" || p.field === "listPriceTiers")) {
    const high = changedTierNotBelowListPrice({ listPriceMinor, listPriceTiers }, current);
    if (high) problems.push({ field: "listPriceTiers", problem: "tier_not_below_list_price", minQuantity: high.minQuantity });
  }

  if (row.vatRate === undefined && !current) problem("vatRate", "missing_vat_rate");
  if (row.gtin && !isValidGtin(row.gtin)) problem("gtin", "gtin_invalid");
  if (row.unspsc && !/^\d{8}$/.test(row.unspsc)) problem("unspsc", "unspsc_invalid");

  const minOrderQuantity = row.minOrderQuantity ?? current?.minOrderQuantity ?? 1;
  const orderMultiple = row.orderMultiple ?? current?.orderMultiple ?? 1;
  // The smallest order must itself be orderable (a multiple of the order step).
  if (minOrderQuantity % orderMultiple !== 0) problem("orderMultiple", "order_multiple_conflict");

  const unit = row.unit ?? current?.unit ?? "EA";
  const packSize = row.packSize ?? current?.packSize ?? 1;
  const contentUnit = row.contentUnit === undefined ? (current?.contentUnit ?? null) : row.contentUnit || null;
  if (row.contentUnit && !CONTENT_UNIT_CODES.includes(row.contentUnit)) problem("contentUnit", "unknown_content_unit");
  // "Pak à 250 pakken" contradicts itself; the same unit for a pack of 1 says nothing, harmlessly (the shop
  // shows nothing for it), so it is kept.
  else if (contentUnit !== null && packSize > 1 && sameUnit(contentUnit, unit)) problem("contentUnit", "content_unit_same_as_unit");
  if (problems.length) return { ok: false, problems };

  const nameNl = row.nameNl ?? current!.nameNl;
  const brand = row.brand ?? current?.brand ?? "";
  const values: ProductMasterData = {
    categoryId: categoryId!,
    nameNl,
    // Not a copy of the Dutch one: empty, the shop shows the Dutch name (lib/catalog/product-name.ts), edits included.
    nameEn: row.nameEn ?? current?.nameEn ?? "",
    descriptionNl: row.descriptionNl ?? current?.descriptionNl ?? "",
    // Not a copy of the Dutch one: empty, the shop shows the Dutch description (lib/catalog/product-description.ts), edits included.
    descriptionEn: row.descriptionEn ?? current?.descriptionEn ?? "",
    brand,
    manufacturer: row.manufacturer ?? current?.manufacturer ?? brand,
    manufacturerPartNumber: row.manufacturerPartNumber ?? current?.manufacturerPartNumber ?? "",
    gtin: row.gtin === undefined ? (current?.gtin ?? null) : row.gtin || null,
    unspsc: row.unspsc === undefined ? (current?.unspsc ?? null) : row.unspsc || null,
    unit,
    packSize,
    contentUnit,
    minOrderQuantity,
    orderMultiple,
    leadTimeDays: row.leadTimeDays ?? current?.leadTimeDays ?? 1,
    listPriceMinor: listPriceMinor!,
    listPriceTiers,
    vatRateBasisPoints: row.vatRate !== undefined ? row.vatRate * 100 : current!.vatRateBasisPoints,
    attributes: row.attributes ?? current?.attributes ?? {},
    active: row.active ?? current?.active ?? true,
  };
  if (!current) return { ok: true, kind: "create", values };
  const changed = (Object.keys(values) as (keyof ProductMasterData)[]).some((key) =>
    key === "listPriceTiers"
      ? !sameTiers(values.listPriceTiers, current.listPriceTiers)
      : key === "attributes"
        ? !sameAttributes(values.attributes, current.attributes)
        : values[key] !== current[key],
  );
  return { ok: true, kind: changed ? "update" : "unchanged", values };
}

/**
 * Stored master data as a row the import takes (prices as decimal strings with a point, the VAT
 * rate in percent, the category by code): what the API gives back, and what the admin form starts from.
 */
export function productRowOf(product: ProductMasterData & { sku: string; categoryCode: string }): Required<Omit<ProductRow, "category">> & { category: string } {
  const price = (minor: number) => (minor / 100).toFixed(2);
  return {
    sku: product.sku,
    category: product.categoryCode,
    nameNl: product.nameNl,
    nameEn: product.nameEn,
    descriptionNl: product.descriptionNl,
    descriptionEn: product.descriptionEn,
    brand: product.brand,
    manufacturer: product.manufacturer,
    manufacturerPartNumber: product.manufacturerPartNumber,
    gtin: product.gtin,
    unspsc: product.unspsc,
    unit: product.unit,
    packSize: product.packSize,
    contentUnit: product.contentUnit,
    minOrderQuantity: product.minOrderQuantity,
    orderMultiple: product.orderMultiple,
    leadTimeDays: product.leadTimeDays,
    listPrice: price(product.listPriceMinor),
    listPriceTiers: product.listPriceTiers.map((tier) => ({ minQuantity: tier.minQuantity, price: price(tier.priceMinor) })),
    vatRate: (product.vatRateBasisPoints / 100) as 21 | 9 | 0,
    attributes: product.attributes,
    active: product.active,
  };
}
