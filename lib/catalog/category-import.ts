import { z } from "zod";

/**
 * Categories from the ERP or PIM (`PUT /admin/api/categories`), upsert by our category code — the
 * code the product API names (`"category": "OFF-PAP"`) and OCI sends as MATGROUP. The shop's
 * navigation has two levels, so a parent is a top-level category and a category with children
 * stays top-level. A new category's URL slug comes from its Dutch name unless given, and stays
 * (links and bookmarks keep working after a rename). Pure: the caller passes the stored categories.
 */

export const MAX_CATEGORY_ROWS = 1_000;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const categoryRowSchema = z.object({
  code: z.string().trim().regex(/^[\x21-\x7e]{1,40}$/, "code_format"),
  /** The parent's code; null or "" for a top-level category. */
  parent: z.string().trim().max(40).nullable().optional(),
  nameNl: z.string().trim().min(1).max(100).optional(),
  nameEn: z.string().trim().min(1).max(100).optional(),
  slug: z.string().trim().max(80).optional(),
  position: z.number().int().min(0).max(100_000).optional(),
});
export type CategoryRow = z.infer<typeof categoryRowSchema>;

export interface StoredCategory {
  id: number;
  code: string;
  parentId: number | null;
  slug: string;
  nameNl: string;
  nameEn: string;
  position: number;
}

export type CategoryRowProblem =
  | "missing_name"
  | "unknown_parent"
  | "own_parent"
  | "too_deep"
  | "has_children"
  | "slug_format"
  | "slug_taken"
  /** Only from the back office's forms (`only`): a new category's code that exists, an edited one that does not. */
  | "code_taken"
  | "unknown_code";

export type CategoryPlan = {
  code: string;
  outcome: "created" | "updated" | "unchanged" | "invalid";
  problems?: { field: string; problem: CategoryRowProblem }[];
  /** The values to store (parent by code: new parents get their id when written). */
  values?: { parentCode: string | null; slug: string; nameNl: string; nameEn: string; position: number };
};

/** "Kopieerpapier & enveloppen" → "kopieerpapier-enveloppen" (accents dropped). */
export function slugify(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/, "") || "categorie"
  );
}

/**
 * Every row's outcome against the stored categories and the other rows of the batch. `only`: the
 * back office's forms, which create a new code or edit an existing one and never upsert by accident.
 */
export function planCategoryImport(rows: readonly CategoryRow[], stored: readonly StoredCategory[], only?: "create" | "update"): CategoryPlan[] {
  const byCode = new Map(stored.map((category) => [category.code, category]));
  const codeById = new Map(stored.map((category) => [category.id, category.code]));
  // The tree after the batch: each code's parent code, stored values overlaid with the rows'.
  const parentOf = new Map(stored.map((category) => [category.code, category.parentId === null ? null : codeById.get(category.parentId)!]));
  for (const row of rows) if (row.parent !== undefined || !byCode.has(row.code)) parentOf.set(row.code, row.parent || null);
  const slugsTaken = new Map(stored.map((category) => [category.slug, category.code]));

  return rows.map((row): CategoryPlan => {
    const current = byCode.get(row.code);
    if (only === "create" && current) return { code: row.code, outcome: "invalid", problems: [{ field: "code", problem: "code_taken" }] };
    if (only === "update" && !current) return { code: row.code, outcome: "invalid", problems: [{ field: "code", problem: "unknown_code" }] };
    const problems: { field: string; problem: CategoryRowProblem }[] = [];
    if (!current && row.nameNl === undefined) problems.push({ field: "nameNl", problem: "missing_name" });
    const parentCode = parentOf.get(row.code) ?? null;
    if (parentCode !== null) {
      if (parentCode === row.code) problems.push({ field: "parent", problem: "own_parent" });
      else if (!parentOf.has(parentCode)) problems.push({ field: "parent", problem: "unknown_parent" });
      else if (parentOf.get(parentCode) !== null) problems.push({ field: "parent", problem: "too_deep" });
      else if ([...parentOf.values()].includes(row.code)) problems.push({ field: "parent", problem: "has_children" });
    }
    let slug = current?.slug;
    if (row.slug !== undefined && row.slug !== current?.slug) {
      if (!SLUG.test(row.slug)) problems.push({ field: "slug", problem: "slug_format" });
      else if (slugsTaken.has(row.slug) && slugsTaken.get(row.slug) !== row.code) problems.push({ field: "slug", problem: "slug_taken" });
      else slug = row.slug;
    }
    if (problems.length) return { code: row.code, outcome: "invalid", problems };
    if (slug === undefined) {
      const base = slugify(row.nameNl!);
      slug = base;
      for (let n = 2; slugsTaken.has(slug); n++) slug = `${base}-${n}`;
    }
    slugsTaken.set(slug, row.code);
    const nameNl = row.nameNl ?? current!.nameNl;
    const values = {
      parentCode,
      slug,
      nameNl,
      nameEn: row.nameEn ?? current?.nameEn ?? nameNl,
      position: row.position ?? current?.position ?? 0,
    };
    if (!current) return { code: row.code, outcome: "created", values };
    const currentParent = current.parentId === null ? null : codeById.get(current.parentId)!;
    const changed = values.parentCode !== currentParent || values.slug !== current.slug || values.nameNl !== current.nameNl || values.nameEn !== current.nameEn || values.position !== current.position;
    return { code: row.code, outcome: changed ? "updated" : "unchanged", values };
  });
}
