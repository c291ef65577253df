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

/**
 * The categories a search is probably looking for: those whose name, in either language (the search
 * reads both), contains one of the typed words of 4+ letters, or ends one — a Dutch compound ends
 * in its head noun ("werkhandschoenen" → Werkhandschoenen, "kettingsmeermiddelen" → Smeermiddelen;
 * "handschoenen" → Werkhandschoenen, Wegwerphandschoenen; but "handschoen" is no Hand tools). At
 * most `limit`, in the navigation's order, shown in the shopper's language by the caller. A search
 * for a category's name finds its products only when their names carry the word, so the page
 * offers the category itself.
 */
export function categoriesMatchingSearch(categories: Category[], query: string, limit = 5): Category[] {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 4 && !/^\p{N}+$/u.test(word));
  if (words.length === 0) return [];
  const matches = categories.filter((category) =>
    [category.nameNl, category.nameEn].some((name) => {
      const lower = name.toLowerCase();
      const parts = lower.split(/[^\p{L}\p{N}]+/u).filter((part) => part.length >= 4);
      return words.some((word) => lower.includes(word) || parts.some((part) => word.endsWith(part)));
    }),
  );
  return matches.sort((a, b) => a.position - b.position || a.id - b.id).slice(0, limit);
}
