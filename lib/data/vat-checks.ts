import "server-only";
import { desc, eq, inArray, sql } from "drizzle-orm";
import { vatChecks, type NewVatCheck, type VatCheck } from "@/db/schema";
import { database } from "./database";
import { q } from "./sql";

/** VIES checks of VAT ids (lib/vies/), kept as evidence; nothing here talks to VIES. */

export async function recordVatCheck(check: NewVatCheck): Promise<VatCheck> {
  const db = await database();
  const [row] = await db.insert(vatChecks).values(check).returning();
  return row!;
}

/** The newest check of a VAT id, and the newest that found it valid (the evidence that counts). */
export interface VatCheckStatus {
  latest: VatCheck | null;
  latestValid: VatCheck | null;
}

export async function vatCheckStatuses(vatIds: readonly string[]): Promise<Map<string, VatCheckStatus>> {
  const statuses = new Map<string, VatCheckStatus>(vatIds.map((id) => [id, { latest: null, latestValid: null }]));
  if (vatIds.length === 0) return statuses;
  const db = await database();
  // Per VAT id: its newest check, and its newest valid one (both through the (vat_id, checked_at) index).
  const rows = await db
    .selectDistinctOn([vatChecks.vatId, sql`${q(vatChecks.outcome)} = 'valid'`])
    .from(vatChecks)
    .where(inArray(vatChecks.vatId, [...new Set(vatIds)]))
    .orderBy(vatChecks.vatId, sql`${q(vatChecks.outcome)} = 'valid'`, desc(vatChecks.checkedAt), desc(vatChecks.id));
  for (const row of rows) {
    const status = statuses.get(row.vatId)!;
    if (!status.latest || row.checkedAt > status.latest.checkedAt || (row.checkedAt.getTime() === status.latest.checkedAt.getTime() && row.id > status.latest.id)) status.latest = row;
    if (row.outcome === "valid") status.latestValid = row;
  }
  return statuses;
}

export async function listVatChecks(vatId: string, limit = 10): Promise<VatCheck[]> {
  const db = await database();
  return db.select().from(vatChecks).where(eq(vatChecks.vatId, vatId)).orderBy(desc(vatChecks.checkedAt), desc(vatChecks.id)).limit(limit);
}
