import "server-only";
import type { BuyerUser } from "@/lib/auth/guards";
import { addLinesToCart, type AddLinesResult } from "@/lib/cart/add-lines";
import { checkQuantity, smallestValidQuantity } from "@/lib/cart/quantity-rules";
import { getProductBySku, listProductsByIds } from "@/lib/data/catalog";
import {
  createFavoriteList,
  deleteFavoriteList,
  getFavoriteLineProductId,
  getVisibleFavoriteList,
  listFavoriteLines,
  listVisibleFavoriteLists,
  moveFavoriteLine,
  removeFavoriteLine,
  updateFavoriteLine,
  updateFavoriteList,
  upsertFavoriteLine,
  type FavoriteListSummary,
  type VisibleFavoriteList,
} from "@/lib/data/favorite-lists";
import { lastOrderedPrices } from "@/lib/data/order-history";
import { listStandingOrderSchedules } from "@/lib/data/standing-orders";
import { customerProductInputs, productsOutsideAssortment } from "@/lib/catalog/priced-product";
import { inAssortment } from "@/lib/catalog/assortment";
import { toSuccessorOffer, type SuccessorOffer } from "@/lib/catalog/product-relations";
import { listActiveSuccessors } from "@/lib/data/product-relations";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { resolvePrice } from "@/lib/pricing/resolve-price";
import { productName } from "@/lib/catalog/product-name";

/**
 * Favorites lists use-cases. Visibility (own lists + the company's shared lists) is enforced in
 * the data layer's SQL; editing is allowed to the owner, and for shared lists to company admins.
 * Adding to the cart goes through addLinesToCart, so inside a punchout session the lines land in
 * the session's cart – nothing here assumes direct checkout.
 */

export type ListUser = Pick<BuyerUser, "id" | "companyId" | "role" | "punchout" | "companyKeepsArticleNumbers" | "companyAssortment">;

type SharedList = { ownerUserId: number; shared: boolean; colleaguesMayEdit: boolean };

/** Who may change a list's lines (and set up its standing order): the owner; for shared lists the company admins, and everybody when the owner allows it. */
export function canEditList(user: Pick<ListUser, "id" | "role">, list: SharedList): boolean {
  return canManageList(user, list) || (list.shared && list.colleaguesMayEdit);
}

/** Who may rename, (un)share or delete a list: the owner, and for shared lists the company admins. */
export function canManageList(user: Pick<ListUser, "id" | "role">, list: SharedList): boolean {
  return list.ownerUserId === user.id || (list.shared && user.role === "company_admin");
}

/** What a list's settings say about sharing: private, shared for use, or shared for use and change. */
export interface ListSharing {
  shared: boolean;
  colleaguesMayEdit: boolean;
}

/** Colleagues may only change a list they can see. */
const sharing = (input: ListSharing): ListSharing => ({ shared: input.shared, colleaguesMayEdit: input.shared && input.colleaguesMayEdit });

export type ListSchedule = { active: boolean; intervalWeeks: number; nextRunOn: string } | null;

/** The user's lists for the overview, each with its standing order's schedule (null: none). */
export async function listMyFavoriteLists(user: ListUser): Promise<(FavoriteListSummary & { canEdit: boolean; standingOrder: ListSchedule })[]> {
  const [lists, schedules] = await Promise.all([listVisibleFavoriteLists(user.companyId, user.id), listStandingOrderSchedules(user.companyId)]);
  return lists.map((list) => ({ ...list, canEdit: canEditList(user, list), standingOrder: schedules.get(list.id) ?? null }));
}

async function visibleListOrThrow(user: ListUser, listId: number): Promise<VisibleFavoriteList> {
  const list = await getVisibleFavoriteList(user.companyId, user.id, listId);
  if (!list) throw new AppError("not_found", "list_not_found");
  return list;
}

async function editableListOrThrow(user: ListUser, listId: number): Promise<VisibleFavoriteList> {
  const list = await visibleListOrThrow(user, listId);
  if (!canEditList(user, list)) throw new AppError("forbidden", "list_read_only");
  return list;
}

async function manageableListOrThrow(user: ListUser, listId: number): Promise<VisibleFavoriteList> {
  const list = await visibleListOrThrow(user, listId);
  if (!canManageList(user, list)) throw new AppError("forbidden", "list_read_only");
  return list;
}

export interface FavoriteLineView {
  lineId: number;
  sku: string;
  name: string;
  unit: string;
  defaultQuantity: number;
  note: string | null;
  /** Today's net unit price for the default quantity (contract price and tiers included). */
  unitPriceMinor: number;
  listPriceMinor: number;
  isContractPrice: boolean;
  stock: number;
  leadTimeDays: number;
  minOrderQuantity: number;
  orderMultiple: number;
  active: boolean;
  /** The company's own article number for the product, if it keeps one. */
  ownNumber: string | null;
  /**
   * What the company last paid for it (its latest order that was not rejected or cancelled), and the
   * price today for that same quantity — tiers make a price for another quantity no comparison.
   */
  lastOrdered: { placedAt: Date; quantity: number; unitPriceMinor: number; todayUnitPriceMinor: number } | null;
  /** For a product out of the shop: the one that replaces it, if an admin named one. */
  successor: SuccessorOffer | null;
  /** False when the customer's contract assortment does not hold it today (lib/catalog/assortment.ts): not orderable. */
  inAssortment: boolean;
}

export interface FavoriteListView {
  list: VisibleFavoriteList;
  canEdit: boolean;
  /** Rename, (un)share, delete. */
  canManage: boolean;
  lines: FavoriteLineView[];
}

/** A list with live prices and stock, or null when this user cannot see it. */
export async function getFavoriteListView(user: ListUser, listId: number, locale: Locale, now: Date): Promise<FavoriteListView | null> {
  const list = await getVisibleFavoriteList(user.companyId, user.id, listId);
  if (!list) return null;
  const lines = await listFavoriteLines(list.id);
  const productIds = lines.map((l) => l.product.id);
  const [{ candidates, articleNumbers: ownNumbers }, lastPrices, successors] = await Promise.all([
    customerProductInputs(user.companyId, productIds, user.companyKeepsArticleNumbers),
    lastOrderedPrices(user.companyId, productIds),
    // A read only for a list that holds a product out of the shop.
    listActiveSuccessors(lines.filter((line) => !line.product.active).map((line) => line.product.id)),
  ]);
  return {
    list,
    canEdit: canEditList(user, list),
    canManage: canManageList(user, list),
    lines: lines.map(({ lineId, defaultQuantity, note, product }) => {
      const price = resolvePrice({ product, candidates: candidates.get(product.id) ?? [], quantity: defaultQuantity, now });
      const last = lastPrices.get(product.id);
      return {
        lineId,
        sku: product.sku,
        name: productName(product, locale),
        unit: product.unit,
        defaultQuantity,
        note,
        unitPriceMinor: price.unitPriceMinor,
        listPriceMinor: price.listPriceMinor,
        isContractPrice: price.source.kind === "contract" || price.source.kind === "contract_tier",
        stock: product.stock,
        leadTimeDays: product.leadTimeDays,
        minOrderQuantity: product.minOrderQuantity,
        orderMultiple: product.orderMultiple,
        active: product.active,
        ownNumber: ownNumbers.get(product.id) ?? null,
        lastOrdered: last
          ? {
              ...last,
              todayUnitPriceMinor:
                last.quantity === defaultQuantity
                  ? price.unitPriceMinor
                  : resolvePrice({ product, candidates: candidates.get(product.id) ?? [], quantity: last.quantity, now }).unitPriceMinor,
            }
          : null,
        successor: !product.active && successors.has(product.id) ? toSuccessorOffer(successors.get(product.id)!, defaultQuantity, locale) : null,
        inAssortment: inAssortment(user.companyAssortment, candidates.get(product.id) ?? [], now, product.currency),
      };
    }),
  };
}

export async function createList(user: ListUser, input: { name: string } & Partial<ListSharing>, now: Date) {
  return createFavoriteList(
    { companyId: user.companyId, ownerUserId: user.id, name: input.name, ...sharing({ shared: input.shared ?? false, colleaguesMayEdit: input.colleaguesMayEdit ?? false }) },
    now,
  );
}

export async function updateList(user: ListUser, listId: number, input: { name: string; shared: boolean; colleaguesMayEdit?: boolean }, now: Date): Promise<void> {
  const list = await manageableListOrThrow(user, listId);
  await updateFavoriteList(user.companyId, list.id, { name: input.name, ...sharing({ shared: input.shared, colleaguesMayEdit: input.colleaguesMayEdit ?? false }) }, now);
}

export async function deleteList(user: ListUser, listId: number): Promise<void> {
  const list = await manageableListOrThrow(user, listId);
  await deleteFavoriteList(user.companyId, list.id);
}

function assertDefaultQuantity(quantity: number, product: { minOrderQuantity: number; orderMultiple: number }): void {
  const check = checkQuantity(quantity, product);
  if (!check.ok) {
    throw new AppError("quantity_rule", check.reason, {
      minimum: product.minOrderQuantity,
      multiple: product.orderMultiple,
      suggested: check.suggestedQuantity,
    });
  }
}

/**
 * Saves a product to a list (an existing editable list, or a new private list by name). Without a
 * quantity the smallest orderable quantity is used; a given quantity must be orderable.
 */
export async function addProductToList(
  user: ListUser,
  input: { listId: number | null; newListName: string | null; sku: string; quantity: number | null; note: string | null },
  now: Date,
): Promise<{ listId: number; listName: string; created: boolean }> {
  const product = await getProductBySku(input.sku);
  if (!product || !product.active) throw new AppError("not_found", "product_not_found", { sku: input.sku });
  if ((await productsOutsideAssortment({ companyId: user.companyId, assortment: user.companyAssortment }, [product], now)).size > 0) {
    throw new AppError("conflict", "product_not_in_assortment", { sku: input.sku });
  }
  const quantity = input.quantity ?? smallestValidQuantity(product);
  assertDefaultQuantity(quantity, product);
  let list: { id: number; name: string };
  if (input.listId !== null) {
    list = await editableListOrThrow(user, input.listId);
  } else if (input.newListName) {
    list = await createList(user, { name: input.newListName, shared: false }, now);
  } else {
    throw new AppError("invalid_input", "choose_list", { field: "listId" });
  }
  const { created } = await upsertFavoriteLine(list.id, { productId: product.id, defaultQuantity: quantity, note: input.note }, now);
  return { listId: list.id, listName: list.name, created };
}

export async function updateListLine(user: ListUser, listId: number, lineId: number, input: { quantity: number; note: string | null }, now: Date): Promise<void> {
  const list = await editableListOrThrow(user, listId);
  const productId = await getFavoriteLineProductId(list.id, lineId);
  if (productId === null) throw new AppError("not_found", "line_not_found");
  const [product] = await listProductsByIds([productId]);
  if (!product) throw new AppError("not_found", "line_not_found");
  assertDefaultQuantity(input.quantity, product);
  await updateFavoriteLine(list.id, lineId, { defaultQuantity: input.quantity, note: input.note }, now);
}

export async function removeListLine(user: ListUser, listId: number, lineId: number, now: Date): Promise<void> {
  const list = await editableListOrThrow(user, listId);
  await removeFavoriteLine(list.id, lineId, now);
}

export async function moveListLine(user: ListUser, listId: number, lineId: number, direction: "up" | "down", now: Date): Promise<void> {
  const list = await editableListOrThrow(user, listId);
  await moveFavoriteLine(list.id, lineId, direction, now);
}

/** "Add all" (lineIds null) or "Add selected" to the cart the user shops into, at the lines' default quantities. */
export async function addListToCart(user: ListUser, listId: number, lineIds: number[] | null, locale: Locale): Promise<AddLinesResult> {
  const list = await visibleListOrThrow(user, listId);
  const lines = await listFavoriteLines(list.id);
  const chosen = lineIds === null ? lines : lines.filter((line) => lineIds.includes(line.lineId));
  if (chosen.length === 0) throw new AppError("invalid_input", lineIds === null ? "list_empty" : "nothing_selected");
  return addLinesToCart(
    user,
    chosen.map((line, index) => ({ code: line.product.sku, quantity: line.defaultQuantity, ref: index + 1 })),
    locale,
  );
}

/** The lists a user may save products to ("Save to list" choices): own lists and, for company admins, shared ones. */
export async function listSaveTargets(user: ListUser): Promise<{ id: number; name: string; shared: boolean }[]> {
  return (await listMyFavoriteLists(user)).filter((list) => list.canEdit).map(({ id, name, shared }) => ({ id, name, shared }));
}
