import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { categories } from "@/db/schema";
import { planCategoryImport, type CategoryPlan, type CategoryRow, type StoredCategory } from "@/lib/catalog/category-import";
import { database } from "./database";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Every category change (the PUT API, the back office) starts here inside its transaction: the
 * categories table locked against other category writers (a tree is checked as a whole), then
 * read. Product writes are not blocked: their foreign-key checks take only a row share lock.
 */
export async function lockCategories(tx: Tx): Promise<StoredCategory[]> {
  await tx.execute(sql`lock table ${categories} in share row exclusive mode`);
  return tx
    .select({ id: categories.id, code: categories.code, parentId: categories.parentId, slug: categories.slug, nameNl: categories.nameNl, nameEn: categories.nameEn, position: categories.position })
    .from(categories);
}

/**
 * Upserts categories by code in one transaction, with the categories table locked against other
 * writers. Invalid rows refuse the batch unless `applyValidOnly`; `dryRun` writes nothing.
 * Parents are written before their children.
 */
export async function importCategoryRows(rows: readonly CategoryRow[], options: { dryRun: boolean; applyValidOnly: boolean }): Promise<{ written: boolean; plans: CategoryPlan[] }> {
  const db = await database();
  return db.transaction(async (tx) => applyCategoryRows(tx, rows, await lockCategories(tx), options));
}

/** importCategoryRows inside a transaction that holds lockCategories (`stored` is what it read). */
export async function applyCategoryRows(
  tx: Tx,
  rows: readonly CategoryRow[],
  stored: readonly StoredCategory[],
  options: { dryRun: boolean; applyValidOnly: boolean; only?: "create" | "update" },
): Promise<{ written: boolean; plans: CategoryPlan[] }> {
  const plans = planCategoryImport(rows, stored, options.only);
  if (options.dryRun || (plans.some((plan) => plan.outcome === "invalid") && !options.applyValidOnly)) return { written: false, plans };

  const idOf = new Map(stored.map((category) => [category.code, category.id]));
  const storedByCode = new Map(stored.map((category) => [category.code, category]));
  // Top-level rows first, so a new child finds its new parent's id.
  const ordered = [...plans].sort((a, b) => Number(a.values?.parentCode != null) - Number(b.values?.parentCode != null));
  for (const plan of ordered) {
    if (plan.outcome !== "created" && plan.outcome !== "updated") continue;
    const { parentCode, ...values } = plan.values!;
    const parentId = parentCode === null ? null : idOf.get(parentCode);
    if (parentId === undefined) {
      // Its parent was an invalid row of this batch (applyValidOnly): not written either.
      Object.assign(plan, { outcome: "invalid", problems: [{ field: "parent", problem: "unknown_parent" }], values: undefined });
      continue;
    }
    if (plan.outcome === "created") {
      const [created] = await tx.insert(categories).values({ code: plan.code, parentId, ...values }).returning({ id: categories.id });
      idOf.set(plan.code, created!.id);
    } else {
      await tx.update(categories).set({ parentId, ...values }).where(eq(categories.id, storedByCode.get(plan.code)!.id));
    }
  }
  return { written: true, plans };
}
