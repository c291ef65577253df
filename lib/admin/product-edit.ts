import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import type { Category, ListPriceTier } from "@/db/schema";
import {
  changedTierNotBelowListPrice,
  CONTENT_UNIT_CODES,
  FORM_UNIT_CODES,
  isSelectableUnit,
  listPriceWarning,
  productRowOf,
  productRowSchema,
  type ProductMasterData,
} from "@/lib/catalog/product-import";
import { unitName } from "@/lib/catalog/unit-names";
import { getProductMasterData, importProductRows } from "@/lib/data/product-import";
import { lookupProductsBySku } from "@/lib/data/price-lists";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { actorOf, isAdmin } from "./access";
import { formatMoneyInput, parseMoneyInput } from "./price-input";

/**
 * Admins create and edit a product in the back office (admin → Products) with the same checks the
 * product API applies (lib/catalog/product-import.ts): the form is turned into one import row.
 * Attributes are typed one per line ("kleur: zwart"); a form without the field leaves them as they are.
 * The form checks more than the API: a unit the shop names (or the product's own) and a confirmed list
 * price of 0 or below the purchase price. Tiers below the list price are the import row's rule, which the
 * form asks first so that it is answered before the list price confirmation.
 */

const text = z.string().default("");
const whole = (min: number) => z.coerce.number().int().min(min).max(1_000_000);

export const productFormSchema = z.object({
  mode: z.enum(["create", "edit"]),
  sku: z.string().trim(),
  category: z.string().trim().min(1),
  nameNl: z.string().trim().min(1).max(200),
  nameEn: text,
  descriptionNl: text,
  descriptionEn: text,
  brand: text,
  manufacturer: text,
  manufacturerPartNumber: text,
  gtin: text,
  unspsc: text,
  unit: z.string().trim().min(1),
  packSize: whole(1),
  /** What the pack size counts (a code of CONTENT_UNIT_CODES); empty: not said; absent: the stored one stays. */
  contentUnit: z.string().max(10).optional(),
  minOrderQuantity: whole(1),
  orderMultiple: whole(1),
  leadTimeDays: z.coerce.number().int().min(0).max(365),
  listPrice: z.string().trim().min(1),
  /** "10: 4,20; 50: 3,95" — from 10 units 4,20 each, from 50 units 3,95. */
  tiers: text,
  /** "kleur: zwart\nmaat: 10", one attribute per line; absent: the stored ones stay. */
  attributes: z.string().max(20_000).optional(),
  vatRate: z.enum(["21", "9", "0"]).transform(Number),
  active: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
  /**
   * The list price (minor units) the admin confirmed despite the warning (0, or below the purchase
   * price): the confirmation holds for that price only, so changing the price asks again.
   */
  confirmedListPrice: z.string().regex(/^\d{1,10}$/).optional().catch(undefined),
});
export type ProductFormInput = z.infer<typeof productFormSchema>;

/** "10: 4,20; 50: 3,95" → [{minQuantity: 10, price: "4,20"}, …]; null when a part is not "quantity: price". */
export function parseTierText(input: string): { minQuantity: number; price: string }[] | null {
  const parts = input.split(/[;\n]/).map((part) => part.trim()).filter(Boolean);
  const tiers: { minQuantity: number; price: string }[] = [];
  for (const part of parts) {
    const match = /^(\d{1,7})\s*[:=]\s*(.+)$/.exec(part);
    if (!match) return null;
    tiers.push({ minQuantity: Number(match[1]), price: match[2]!.trim() });
  }
  return tiers;
}

/**
 * "kleur: zwart\nmaat: 10" → {kleur: "zwart", maat: "10"}; empty lines skipped. Null when a line has no
 * "name: value" or a name comes twice (the API's limits — name 40, value 200 characters — are checked
 * by the import row).
 */
export function parseAttributeText(input: string): Record<string, string> | null {
  const attributes: Record<string, string> = {};
  for (const line of input.split(/\r?\n/).map((part) => part.trim()).filter(Boolean)) {
    const match = /^([^:=]+?)\s*[:=]\s*(.*)$/.exec(line);
    const name = match?.[1]?.trim();
    if (!match || !name || Object.hasOwn(attributes, name)) return null;
    attributes[name] = match[2]!.trim();
  }
  return attributes;
}

/** Messages of productRowSchema that say what is wrong (its other refusals are "invalid"). */
const ROW_SCHEMA_MESSAGES = new Set(["sku_format", "unit_format"]);
/** The import row's field names that the form calls differently. */
const FORM_FIELD: Record<string, string> = { listPriceTiers: "tiers" };

export async function saveProductAsAdmin(staff: StaffUser, input: ProductFormInput, now: Date): Promise<{ sku: string }> {
  if (!isAdmin(staff)) throw new AppError("forbidden", "admin_only");
  const tiers = parseTierText(input.tiers);
  if (!tiers) throw new AppError("invalid_input", "tiers_format", { field: "tiers" });
  // The list price is the price of 1: a tier from 1 would replace it (the import row refuses it too, without a reason).
  if (tiers.some((tier) => tier.minQuantity < 2)) throw new AppError("invalid_input", "tier_min_quantity", { field: "tiers" });
  const attributes = input.attributes === undefined ? undefined : parseAttributeText(input.attributes);
  if (attributes === null) throw new AppError("invalid_input", "attributes_format", { field: "attributes" });
  const parsed = productRowSchema.safeParse({
    sku: input.sku,
    category: input.category,
    nameNl: input.nameNl,
    // Left empty, the English name and description stay empty (as in the API): the shop shows the Dutch
    // ones, also after they are edited, and the missing translation can be found. The manufacturer is the brand.
    nameEn: input.nameEn,
    descriptionNl: input.descriptionNl,
    descriptionEn: input.descriptionEn,
    brand: input.brand,
    manufacturer: input.manufacturer.trim() || input.brand,
    manufacturerPartNumber: input.manufacturerPartNumber,
    gtin: input.gtin.trim() || null,
    unspsc: input.unspsc.trim() || null,
    unit: input.unit,
    packSize: input.packSize,
    minOrderQuantity: input.minOrderQuantity,
    orderMultiple: input.orderMultiple,
    leadTimeDays: input.leadTimeDays,
    listPrice: input.listPrice,
    listPriceTiers: tiers,
    vatRate: input.vatRate,
    active: input.active,
    ...(attributes === undefined ? {} : { attributes }),
    // Empty ("not said") clears it, as "" does in the API.
    ...(input.contentUnit === undefined ? {} : { contentUnit: input.contentUnit.trim() || null }),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? "");
    throw new AppError("invalid_input", ROW_SCHEMA_MESSAGES.has(issue.message) ? issue.message : "invalid_field", { field: FORM_FIELD[field] ?? field });
  }
  const row = parsed.data;
  // What the product has now; the import refuses an edit of an unknown SKU too, but only after the checks below.
  const [stored, refs] = input.mode === "edit" ? await Promise.all([getProductMasterData(row.sku), lookupProductsBySku([row.sku])]) : [null, null];
  if (input.mode === "edit" && !stored) throw new AppError("not_found", "product_not_found");
  checkFormRules(row.unit!, row.listPrice!, row.listPriceTiers!, stored && { ...stored, costMinor: refs?.get(row.sku)?.costMinor ?? null }, input.confirmedListPrice);

  const result = await importProductRows([row], { dryRun: false, applyValidOnly: false, only: input.mode === "create" ? "create" : "update", actor: actorOf(staff, "editor") }, now);
  const outcome = result.rows[0]!;
  if (outcome.outcome === "invalid") {
    const first = outcome.problems![0]!;
    if (first.problem === "unknown_sku") throw new AppError("not_found", "product_not_found");
    if (first.problem === "tier_not_below_list_price") throw tierError(tiers, first.minQuantity!);
    throw new AppError(first.problem === "sku_taken" ? "conflict" : "invalid_input", first.problem, { field: FORM_FIELD[first.field] ?? first.field });
  }
  return { sku: row.sku };
}

/**
 * The form's own rules (see the module comment), given the product as stored (null: a new one). A
 * price that does not parse is left to the import row, which names it.
 */
function checkFormRules(
  unit: string,
  listPrice: string,
  tiers: readonly { minQuantity: number; price: string }[],
  stored: { unit: string; listPriceMinor: number; listPriceTiers: ListPriceTier[]; costMinor: number | null } | null,
  confirmedListPrice: string | undefined,
): void {
  if (!isSelectableUnit(unit, stored?.unit ?? null)) throw new AppError("invalid_input", "unit_unknown", { field: "unit", unit });
  const price = parseMoneyInput(listPrice);
  if (!price.ok) return;
  const tierPrices: ListPriceTier[] = [];
  for (const tier of tiers) {
    const parsed = parseMoneyInput(tier.price);
    if (!parsed.ok) return;
    tierPrices.push({ minQuantity: tier.minQuantity, priceMinor: parsed.value });
  }
  const high = changedTierNotBelowListPrice({ listPriceMinor: price.value, listPriceTiers: tierPrices }, stored);
  if (high) throw tierError(tiers, high.minQuantity);
  // Asked when the price is set or changed, not again on every later edit of a product sold below cost.
  if (stored && stored.listPriceMinor === price.value) return;
  const warning = listPriceWarning(price.value, stored?.costMinor ?? null);
  if (warning && confirmedListPrice !== String(price.value)) {
    throw new AppError("invalid_input", warning, { field: "listPrice", listPriceMinor: price.value, ...(stored?.costMinor != null ? { costMinor: stored.costMinor } : {}) });
  }
}

/** The tier refused for not being below the list price, with its price as the admin typed it. */
function tierError(tiers: readonly { minQuantity: number; price: string }[], minQuantity: number): AppError {
  return new AppError("invalid_input", "tier_not_below_list_price", { field: "tiers", quantity: minQuantity, price: tiers.find((tier) => tier.minQuantity === minQuantity)?.price ?? "" });
}

/** The edit form's values from the stored master data (prices as the admin types them). */
/** What the admin's product form shows and sends (components/admin/product-form.tsx). */
export type ProductFormValues = ReturnType<typeof productFormValues>;

export function productFormValues(product: ProductMasterData & { sku: string; categoryCode: string }, locale: "nl" | "en") {
  const decimalComma = locale === "nl";
  const { attributes, listPriceTiers: _tiers, ...row } = productRowOf(product);
  return {
    ...row,
    // An English name that is the Dutch one (a copy the form and the API used to store) shows as empty
    // ("Empty: the Dutch name"), so saving the form stores it empty and it follows the Dutch one.
    nameEn: row.nameEn === row.nameNl ? "" : row.nameEn,
    gtin: row.gtin ?? "",
    unspsc: row.unspsc ?? "",
    contentUnit: row.contentUnit ?? "",
    listPrice: formatMoneyInput(product.listPriceMinor, decimalComma),
    tiers: product.listPriceTiers.map((tier) => `${tier.minQuantity}: ${formatMoneyInput(tier.priceMinor, decimalComma)}`).join("; "),
    vatRate: String(row.vatRate) as "21" | "9" | "0",
    attributes: Object.entries(attributes ?? {})
      .map(([name, value]) => `${name}: ${value}`)
      .join("\n"),
  };
}

/**
 * Units for the form's select, named in the UI language with the code ("stuk (EA)"); the product's own
 * code comes first when the shop does not know it (`name` null), so an older product saves as it is.
 */
export function unitOptions(locale: Locale, current: string): { code: string; name: string | null }[] {
  const known = FORM_UNIT_CODES.map((code) => ({ code, name: `${unitName(code, locale)} (${code})` }));
  return FORM_UNIT_CODES.includes(current) || current === "" ? known : [{ code: current, name: null }, ...known];
}

/** Content units for the form's select, named with the code ("vel (XST)"); "not said" is the form's own first option. */
export function contentUnitOptions(locale: Locale): { code: string; name: string }[] {
  return CONTENT_UNIT_CODES.map((code) => ({ code, name: `${unitName(code, locale)} (${code})` }));
}

/** Categories for the form's select, children named after their parent ("Papier › Kopieerpapier"). */
export function categoryOptions(categories: readonly Category[], locale: "nl" | "en"): { code: string; name: string }[] {
  const name = (category: Category) => (locale === "en" ? category.nameEn : category.nameNl);
  const byId = new Map(categories.map((category) => [category.id, category]));
  return categories
    .map((category) => {
      const parent = category.parentId === null ? undefined : byId.get(category.parentId);
      return { code: category.code, name: parent ? `${name(parent)} › ${name(category)}` : name(category) };
    })
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}
