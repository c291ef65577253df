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
