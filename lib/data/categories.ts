import "server-only";
import { count, eq, getTableColumns, sql } from "drizzle-orm";
import { categories, products, type Category } from "@/db/schema";
import { deletionBlockers, moveAmongSiblings, productMoveProblem } from "@/lib/catalog/category-admin";
import type { CategoryPlan, CategoryRow } from "@/lib/catalog/category-import";
import { AppError } from "@/lib/errors";
import { applyCategoryRows, lockCategories } from "./category-import";
import { database } from "./database";
import { isForeignKeyViolation } from "./sql";

/**
 * The back office's category changes (admin → Categories, DELETE /admin/api/categories/:code).
 * Each runs in one transaction behind lockCategories, like the PUT API, so the tree is checked
 * and written as a whole.
 */

export interface CategoryWithCounts extends Category {
  activeProducts: number;
  inactiveProducts: number;
}

export async function listCategoriesWithCounts(): Promise<CategoryWithCounts[]> {
  const db = await database();
  return db
    .select({
      ...getTableColumns(categories),
      activeProducts: sql<number>`count(${products.id}) filter (where ${products.active})`.mapWith(Number),
      inactiveProducts: sql<number>`count(${products.id}) filter (where not ${products.active})`.mapWith(Number),
    })
    .from(categories)
    .leftJoin(products, eq(products.categoryId, categories.id))
    .groupBy(categories.id);
}

async function getCategoryByCode(code: string): Promise<Category | null> {
  const db = await database();
  const [row] = await db.select().from(categories).where(eq(categories.code, code));
  return row ?? null;
}

/**
 * One category created or edited by hand, with the PUT API's checks (planCategoryImport) and
 * `only` so a form never upserts by accident. A new category without a position goes after its
 * siblings (the API's default 0 would put it first among numbered ones).
 */
export async function saveCategoryRow(row: CategoryRow, only: "create" | "update"): Promise<CategoryPlan> {
  const db = await database();
  return db.transaction(async (tx) => {
    const stored = await lockCategories(tx);
    let position = row.position;
    if (only === "create" && position === undefined) {
      const parentId = row.parent ? stored.find((category) => category.code === row.parent)?.id : null;
      const siblings = stored.filter((category) => category.parentId === (parentId ?? null));
      position = siblings.length ? Math.max(...siblings.map((category) => category.position)) + 1 : 0;
    }
    const { plans } = await applyCategoryRows(tx, [{ ...row, position }], stored, { dryRun: false, applyValidOnly: false, only });
    return plans[0]!;
  });
}

/** One place up or down among its siblings; false when it already is first or last. */
export async function moveCategoryPosition(code: string, direction: "up" | "down"): Promise<boolean> {
  const db = await database();
  return db.transaction(async (tx) => {
    const stored = await lockCategories(tx);
    const self = stored.find((category) => category.code === code);
    if (!self) throw new AppError("not_found", "category_not_found");
    const changes = moveAmongSiblings(stored, self.id, direction);
    if (!changes) return false;
    for (const change of changes) await tx.update(categories).set({ position: change.position }).where(eq(categories.id, change.id));
    return true;
  });
}

/**
 * Moves every product of one category (active or not) to another, in one transaction: the
 * everyday "merge two categories". A product's category change records what a product edit
 * records (lib/data/product-import.ts: the new category and updated_at; there is no product
 * history table), and the search columns do not involve the category. Products added to the
 * source meanwhile stay there, so deleting it afterwards is refused rather than losing them.
 */
export async function moveCategoryProducts(sourceCode: string, targetCode: string, now: Date): Promise<{ moved: number }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const stored = await lockCategories(tx);
    const source = stored.find((category) => category.code === sourceCode);
    if (!source) throw new AppError("not_found", "category_not_found");
    const problem = productMoveProblem(source.id, stored.find((category) => category.code === targetCode)?.id);
    if (problem) throw new AppError("invalid_input", problem, { field: "target" });
    const target = stored.find((category) => category.code === targetCode)!;
    const moved = await tx
      .update(products)
      .set({ categoryId: target.id, updatedAt: now })
      .where(eq(products.categoryId, source.id))
      .returning({ id: products.id });
    return { moved: moved.length };
  });
}

async function countCategoryDependants(categoryId: number): Promise<{ products: number; children: number }> {
  const db = await database();
  return countDependants(db, categoryId);
}

async function countDependants(db: Pick<Awaited<ReturnType<typeof database>>, "select">, categoryId: number): Promise<{ products: number; children: number }> {
  const [[productCount], [childCount]] = await Promise.all([
    db.select({ n: count() }).from(products).where(eq(products.categoryId, categoryId)),
    db.select({ n: count() }).from(categories).where(eq(categories.parentId, categoryId)),
  ]);
  return { products: productCount?.n ?? 0, children: childCount?.n ?? 0 };
}

/**
 * Deletes an empty category: refused ("category_not_empty", with the counts) while any product,
 * inactive ones included, or any child points at it. The row is locked before counting: a product
 * being added to it right now holds a key-share lock on it until that commits, so the count waits
 * and sees it. Should a reference still slip in, the foreign key refuses and the answer is the same.
 */
export async function deleteCategoryByCode(code: string): Promise<Category> {
  const db = await database();
  try {
    return await db.transaction(async (tx) => {
      await lockCategories(tx);
      const [category] = await tx.select().from(categories).where(eq(categories.code, code)).for("update");
      if (!category) throw new AppError("not_found", "category_not_found");
      const blockers = deletionBlockers(await countDependants(tx, category.id));
      if (blockers) throw new AppError("conflict", "category_not_empty", blockers);
      await tx.delete(categories).where(eq(categories.id, category.id));
      return category;
    });
  } catch (error) {
    if (!isForeignKeyViolation(error)) throw error;
    const category = await getCategoryByCode(code);
    throw new AppError("conflict", "category_not_empty", category ? await countCategoryDependants(category.id) : { products: 0, children: 0 });
  }
}
