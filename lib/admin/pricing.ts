import "server-only";
import type { PriceEntrySnapshot, PriceList } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { smallestValidQuantity } from "@/lib/cart/quantity-rules";
import { getProductBySku, type ProductRow } from "@/lib/data/catalog";
import {
  assignPriceList,
  createPriceList,
  deleteEntry,
  deletePriceList,
  getGridProduct,
  isPriceListCodeTaken,
  saveEntry,
  unassignPriceList,
  updatePriceList,
  type PriceListHeader,
} from "@/lib/data/price-lists";
import { listContractCandidates } from "@/lib/data/prices";
import { AppError } from "@/lib/errors";
import { explainPrice, type PriceExplanation } from "@/lib/pricing/explain-price";
import { actorOf, getCustomerOrThrow, getEditablePriceListOrThrow, getPriceListOrThrow } from "./access";
import { parseEntryFields, type EntryFields } from "./price-input";

/** Price lists, entries and assignments, as staff change them through the editor. */

export async function createPriceListAsStaff(staff: StaffUser, code: string, header: PriceListHeader): Promise<PriceList> {
  if (await isPriceListCodeTaken(code)) throw new AppError("conflict", "code_taken", { field: "code" });
  return createPriceList(code, header, actorOf(staff, "editor"));
}

export async function updatePriceListHeader(staff: StaffUser, priceListId: number, header: PriceListHeader): Promise<void> {
  await getEditablePriceListOrThrow(staff, priceListId);
  await updatePriceList(priceListId, header, actorOf(staff, "editor"));
}

export async function deletePriceListAsStaff(staff: StaffUser, priceListId: number): Promise<void> {
  await getEditablePriceListOrThrow(staff, priceListId);
  await deletePriceList(priceListId, actorOf(staff, "editor"));
}

export interface EntryChange {
  priceListId: number;
  productId: number;
  /** ISO timestamp of the entry version the editor showed; "" when it showed no entry. */
  expectedUpdatedAt?: string;
}

function expectedVersion(value: string | undefined): Date | null | undefined {
  if (value === undefined) return undefined;
  if (value === "") return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new AppError("invalid_input", "invalid_version");
  return date;
}

/** Validates the editor's fields with the same parser as CSV import, then saves with audit. */
export async function saveEntryFromEditor(staff: StaffUser, change: EntryChange & { fields: EntryFields }, now: Date): Promise<{ changed: boolean; entry: PriceEntrySnapshot }> {
  const list = await getEditablePriceListOrThrow(staff, change.priceListId);
  const parsed = parseEntryFields(change.fields);
  if (!parsed.ok) {
    const first = parsed.problems[0]!;
    throw new AppError("invalid_input", first.problem, { field: first.field, ...(first.detail ? { detail: first.detail } : {}) });
  }
  const product = await getGridProduct(change.productId);
  if (!product) throw new AppError("not_found", "product_not_found");
  if (product.currency !== list.currency) throw new AppError("invalid_input", "currency_mismatch", { field: "value" });
  const result = await saveEntry({
    priceListId: list.id,
    productId: product.id,
    entry: parsed.entry,
    expectedUpdatedAt: expectedVersion(change.expectedUpdatedAt),
    actor: actorOf(staff, "editor"),
    now,
  });
  return { ...result, entry: parsed.entry };
}

export async function removeEntryFromEditor(staff: StaffUser, change: EntryChange): Promise<void> {
  const list = await getEditablePriceListOrThrow(staff, change.priceListId);
  const expected = expectedVersion(change.expectedUpdatedAt);
  await deleteEntry({ priceListId: list.id, productId: change.productId, expectedUpdatedAt: expected ?? undefined, actor: actorOf(staff, "editor") });
}

/** Gives a customer a price list (or a new priority); the list must be visible to the staff member. */
export async function assignListToCustomer(staff: StaffUser, companyId: number, priceListId: number, priority: number): Promise<void> {
  await getCustomerOrThrow(staff, companyId);
  await getPriceListOrThrow(staff, priceListId);
  await assignPriceList(companyId, priceListId, priority, actorOf(staff, "editor"));
}

export async function unassignListFromCustomer(staff: StaffUser, companyId: number, priceListId: number): Promise<void> {
  await getCustomerOrThrow(staff, companyId);
  await getPriceListOrThrow(staff, priceListId);
  await unassignPriceList(companyId, priceListId, actorOf(staff, "editor"));
}

export interface ProductPriceExplanation {
  product: ProductRow;
  explanation: PriceExplanation;
}

/** The long "why this price" for one customer and product, at a quantity (default: the smallest orderable). */
export async function explainPriceForCompany(companyId: number, product: ProductRow, quantity: number | null, now: Date): Promise<PriceExplanation> {
  const candidates = (await listContractCandidates(companyId, [product.id])).get(product.id) ?? [];
  return explainPrice({ product, candidates, quantity: quantity ?? smallestValidQuantity(product), now });
}

export async function explainCustomerPrice(
  staff: StaffUser,
  companyId: number,
  sku: string,
  quantity: number | null,
  now: Date,
): Promise<ProductPriceExplanation | null> {
  await getCustomerOrThrow(staff, companyId);
  const product = await getProductBySku(sku.trim());
  if (!product) return null;
  return { product, explanation: await explainPriceForCompany(companyId, product, quantity, now) };
}
