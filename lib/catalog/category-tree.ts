import type { Category } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";

export interface CategoryNode {
  id: number;
  slug: string;
  name: string;
  children: CategoryNode[];
}

/** Builds the two-level navigation tree from the flat category list. */
export function buildCategoryTree(categories: Category[], locale: Locale): CategoryNode[] {
  const nodes = new Map<number, CategoryNode>();
  for (const c of categories) nodes.set(c.id, { id: c.id, slug: c.slug, name: locale === "en" ? c.nameEn : c.nameNl, children: [] });
  const roots: CategoryNode[] = [];
  for (const c of categories) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId === null ? undefined : nodes.get(c.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The category and all its descendants' ids (listing a parent shows its children's products). */
export function descendantIds(categories: Category[], rootId: number): number[] {
  const ids = [rootId];
  for (let i = 0; i < ids.length; i++) for (const c of categories) if (c.parentId === ids[i]) ids.push(c.id);
  return ids;
}

/**
 * The categories a customer's navigation shows when its assortment is limited (lib/catalog/assortment.ts):
 * those holding one of its products (`withProducts`) and their parents; order kept. Null: all.
 */
export function categoriesWithProducts(categories: Category[], withProducts: ReadonlySet<number> | null): Category[] {
  if (withProducts === null) return categories;
  const byId = new Map(categories.map((c) => [c.id, c]));
  const keep = new Set<number>();
  for (const id of withProducts) {
    for (let category = byId.get(id); category && !keep.has(category.id); category = category.parentId === null ? undefined : byId.get(category.parentId)) {
      keep.add(category.id);
    }
  }
  return categories.filter((c) => keep.has(c.id));
}
