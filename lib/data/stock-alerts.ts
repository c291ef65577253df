import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { companies, products, stockAlerts, users } from "@/db/schema";
import { queueMailIn, type OutboxMessage } from "./mail-outbox";
import { database } from "./database";

/** "Mail me when it is back in stock" wishes (db/schema/account.ts stockAlerts). */

/** Opens the user's wish for the product (again, if an earlier one was answered). */
export async function openStockAlert(userId: number, productId: number, now: Date): Promise<void> {
  const db = await database();
  await db
    .insert(stockAlerts)
    .values({ userId, productId, createdAt: now })
    .onConflictDoUpdate({ target: [stockAlerts.userId, stockAlerts.productId], set: { createdAt: now, notifiedAt: null } });
}

/** Withdraws the user's open wish; false when there was none. */
export async function closeStockAlert(userId: number, productId: number): Promise<boolean> {
  const db = await database();
  const deleted = await db
    .delete(stockAlerts)
    .where(and(eq(stockAlerts.userId, userId), eq(stockAlerts.productId, productId), isNull(stockAlerts.notifiedAt)))
    .returning({ id: stockAlerts.id });
  return deleted.length > 0;
}

export async function hasOpenStockAlert(userId: number, productId: number): Promise<boolean> {
  const db = await database();
  const [row] = await db
    .select({ id: stockAlerts.id })
    .from(stockAlerts)
    .where(and(eq(stockAlerts.userId, userId), eq(stockAlerts.productId, productId), isNull(stockAlerts.notifiedAt)));
  return !!row;
}

export interface DueStockAlert {
  userId: number;
  email: string;
  name: string;
  locale: "nl" | "en";
  sku: string;
  nameNl: string;
  nameEn: string;
}

/**
 * Answers the open wishes for these products that are in stock and for sale now: each is marked
 * notified and its mail queued in one transaction, the rows locked SKIP LOCKED so two stock reports
 * at once never mail a wish twice. Wishes of deactivated users (or of a deactivated company: they
 * cannot sign in) are answered without a mail.
 * Returns how many mails were queued.
 */
export async function answerStockAlerts(skus: readonly string[], mailFor: (alert: DueStockAlert) => OutboxMessage, now: Date): Promise<number> {
  if (skus.length === 0) return 0;
  const db = await database();
  return db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: stockAlerts.id,
        active: users.active,
        companyActive: companies.active,
        userId: users.id,
        email: users.email,
        name: users.name,
        locale: users.locale,
        sku: products.sku,
        nameNl: products.nameNl,
        nameEn: products.nameEn,
      })
      .from(stockAlerts)
      .innerJoin(products, eq(products.id, stockAlerts.productId))
      .innerJoin(users, eq(users.id, stockAlerts.userId))
      .leftJoin(companies, eq(companies.id, users.companyId))
      .where(and(isNull(stockAlerts.notifiedAt), inArray(products.sku, [...skus]), sql`${products.stock} > 0`, eq(products.active, true)))
      .for("update", { of: stockAlerts, skipLocked: true });
    if (due.length === 0) return 0;
    await tx
      .update(stockAlerts)
      .set({ notifiedAt: now })
      .where(inArray(stockAlerts.id, due.map((row) => row.id)));
    const mails = due
      .filter((row) => row.active && row.companyActive !== false)
      .map(({ id: _id, active: _active, companyActive: _companyActive, ...alert }) => mailFor(alert));
    // Plain-text notices: no attachments.
    await queueMailIn(tx, mails, now);
    return mails.length;
  });
}
