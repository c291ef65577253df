/**
 * The back office's category rules beyond the import's (lib/catalog/category-import.ts): the order
 * of siblings, when a category may go, and where its products may move. Pure.
 */

export interface PositionedCategory {
  id: number;
  parentId: number | null;
  position: number;
}

/** The shop's order: position, then id (lib/data/catalog.ts listCategoriesQuery). */
export const byShopOrder = (a: PositionedCategory, b: PositionedCategory) => a.position - b.position || a.id - b.id;

/** Top-level categories in the shop's order, each followed by its children in theirs. */
export function inTreeOrder<T extends PositionedCategory>(categories: readonly T[]): T[] {
  const sorted = [...categories].sort(byShopOrder);
  const ids = new Set(sorted.map((category) => category.id));
  const ordered: T[] = [];
  // A child whose parent is missing (never in a consistent tree) is listed at the top level rather than lost.
  for (const top of sorted.filter((category) => category.parentId === null || !ids.has(category.parentId))) {
    ordered.push(top, ...sorted.filter((category) => category.parentId === top.id));
  }
  return ordered;
}

/**
 * Moves a category one place up or down among its siblings. Swapping the two positions keeps every
 * other sibling's number (a PIM that sends positions sees only the two change); where equal positions
 * make a swap ambiguous (categories made without one all have 0), the siblings are numbered 0, 1, 2…
 * in the new order. Only the changed positions are returned; null when it cannot move that way.
 */
export function moveAmongSiblings(categories: readonly PositionedCategory[], id: number, direction: "up" | "down"): { id: number; position: number }[] | null {
  const self = categories.find((category) => category.id === id);
  if (!self) return null;
  const siblings = categories.filter((category) => category.parentId === self.parentId).sort(byShopOrder);
  const from = siblings.indexOf(self);
  const to = direction === "up" ? from - 1 : from + 1;
  if (to < 0 || to >= siblings.length) return null;
  const wanted = [...siblings];
  [wanted[from], wanted[to]] = [wanted[to]!, wanted[from]!];

  const other = siblings[to]!;
  const swapped = new Map(siblings.map((category) => [category.id, category.position]));
  swapped.set(self.id, other.position);
  swapped.set(other.id, self.position);
  const swappedOrder = siblings.map((category) => ({ ...category, position: swapped.get(category.id)! })).sort(byShopOrder);
  const positions = swappedOrder.every((category, i) => category.id === wanted[i]!.id) ? swapped : new Map(wanted.map((category, i) => [category.id, i]));
  return siblings.filter((category) => positions.get(category.id) !== category.position).map((category) => ({ id: category.id, position: positions.get(category.id)! }));
}

/** A category may be deleted only when nothing points at it: no product (inactive ones too) and no child. */
export function deletionBlockers(counts: { products: number; children: number }): { products: number; children: number } | null {
  return counts.products > 0 || counts.children > 0 ? { products: counts.products, children: counts.children } : null;
}

/**
 * Where a category's products may go: any other category. The shop lists a category's own products
 * and its children's, and the product import accepts any category code, so a parent is a valid home.
 */
export function productMoveProblem(sourceId: number, targetId: number | undefined): "unknown_target" | "same_category" | null {
  if (targetId === undefined) return "unknown_target";
  return targetId === sourceId ? "same_category" : null;
}
