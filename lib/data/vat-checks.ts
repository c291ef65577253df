import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  companies,
  vatCheckJobs,
  vatChecks,
  type Company,
  type NewVatCheck,
  type VatCheck,
  type VatCheckJob,
  type VatCheckJobTrigger,
} from "@/db/schema";
import { managedBy } from "./customers";
import { database } from "./database";

/** VIES checks of VAT ids (lib/vies/), kept as evidence, and the queue of checks Koppel makes by itself; nothing here talks to VIES. */

export async function recordVatCheck(check: NewVatCheck): Promise<VatCheck> {
  const db = await database();
  const [row] = await db.insert(vatChecks).values(check).returning();
  return row!;
}

/** The newest check of a VAT id, the newest that found it valid (the evidence that counts), and the newest verdict (valid or invalid). */
export interface VatCheckStatus {
  latest: VatCheck | null;
  latestValid: VatCheck | null;
  latestVerdict: VatCheck | null;
}

const newer = (a: VatCheck | null, b: VatCheck): boolean => !a || b.checkedAt > a.checkedAt || (b.checkedAt.getTime() === a.checkedAt.getTime() && b.id > a.id);

export async function vatCheckStatuses(vatIds: readonly string[]): Promise<Map<string, VatCheckStatus>> {
  const statuses = new Map<string, VatCheckStatus>(vatIds.map((id) => [id, { latest: null, latestValid: null, latestVerdict: null }]));
  if (vatIds.length === 0) return statuses;
  const db = await database();
  // Per VAT id: its newest check of each outcome (through the (vat_id, checked_at) index).
  const rows = await db
    .selectDistinctOn([vatChecks.vatId, vatChecks.outcome])
    .from(vatChecks)
    .where(inArray(vatChecks.vatId, [...new Set(vatIds)]))
    .orderBy(vatChecks.vatId, vatChecks.outcome, desc(vatChecks.checkedAt), desc(vatChecks.id));
  for (const row of rows) {
    const status = statuses.get(row.vatId)!;
    if (newer(status.latest, row)) status.latest = row;
    if (row.outcome === "valid") status.latestValid = row;
    if (row.outcome !== "unavailable" && newer(status.latestVerdict, row)) status.latestVerdict = row;
  }
  return statuses;
}

export async function listVatChecks(vatId: string, limit = 10): Promise<VatCheck[]> {
  const db = await database();
  return db.select().from(vatChecks).where(eq(vatChecks.vatId, vatId)).orderBy(desc(vatChecks.checkedAt), desc(vatChecks.id)).limit(limit);
}

/** What a VAT id check is about: a customer's current VAT id, or an account request's. */
export type VatCheckSubject = { companyId: number } | { accountRequestId: number };

const subjectCondition = (subject: VatCheckSubject) =>
  "companyId" in subject ? eq(vatCheckJobs.companyId, subject.companyId) : eq(vatCheckJobs.accountRequestId, subject.accountRequestId);

/**
 * Queues an automatic check of the subject's VAT id inside the caller's transaction (the save that
 * set or changed it): due at once. A check queued earlier (an older id, or one waiting for VIES to
 * come back) starts afresh as a new generation.
 */
export async function queueVatCheckIn(tx: Pick<Db, "insert">, subject: VatCheckSubject, now: Date): Promise<void> {
  const fresh = { trigger: "automatic" as const, dueAt: now, attempts: 0, lastError: null, queuedAt: now };
  await tx
    .insert(vatCheckJobs)
    .values({ ...subject, ...fresh })
    .onConflictDoUpdate({
      target: "companyId" in subject ? vatCheckJobs.companyId : vatCheckJobs.accountRequestId,
      set: { ...fresh, generation: sql`${vatCheckJobs.generation} + 1` },
    });
}

/** Drops the queued check of a subject (its VAT id was removed), inside the caller's transaction. */
export async function dropVatCheckIn(tx: Pick<Db, "delete">, subject: VatCheckSubject): Promise<void> {
  await tx.delete(vatCheckJobs).where(subjectCondition(subject));
}

/** Queues the periodic re-check of these customers; one already queued stays as it is. Returns how many were queued. */
export async function queueScheduledVatChecks(companyIds: readonly number[], now: Date): Promise<number> {
  if (companyIds.length === 0) return 0;
  const db = await database();
  const rows = await db
    .insert(vatCheckJobs)
    .values(companyIds.map((companyId) => ({ companyId, trigger: "scheduled" as VatCheckJobTrigger, dueAt: now, queuedAt: now })))
    .onConflictDoNothing()
    .returning({ id: vatCheckJobs.id });
  return rows.length;
}

/**
 * Takes the next due check for this worker: its due time moves `leaseMs` ahead, so another process
 * (or this one after a crash) takes it again only once the lease has run out.
 */
export async function claimNextVatCheckJob(now: Date, leaseMs: number): Promise<VatCheckJob | null> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [due] = await tx
      .select({ id: vatCheckJobs.id })
      .from(vatCheckJobs)
      .where(lte(vatCheckJobs.dueAt, now))
      .orderBy(asc(vatCheckJobs.dueAt), asc(vatCheckJobs.id))
      .limit(1)
      .for("update", { skipLocked: true });
    if (!due) return null;
    const [job] = await tx
      .update(vatCheckJobs)
      .set({ dueAt: new Date(now.getTime() + leaseMs) })
      .where(eq(vatCheckJobs.id, due.id))
      .returning();
    return job ?? null;
  });
}

/** The check is done (a verdict, or nothing left to check): removed, unless it was queued again meanwhile. */
export async function finishVatCheckJob(job: Pick<VatCheckJob, "id" | "generation">): Promise<void> {
  const db = await database();
  await db.delete(vatCheckJobs).where(and(eq(vatCheckJobs.id, job.id), eq(vatCheckJobs.generation, job.generation)));
}

/** No verdict this time: due again at `dueAt`, unless it was queued again meanwhile (then that stands). */
export async function retryVatCheckJobLater(job: Pick<VatCheckJob, "id" | "generation">, result: { attempts: number; dueAt: Date; error: string }): Promise<void> {
  const db = await database();
  await db
    .update(vatCheckJobs)
    .set({ attempts: result.attempts, dueAt: result.dueAt, lastError: result.error.slice(0, 200) })
    .where(and(eq(vatCheckJobs.id, job.id), eq(vatCheckJobs.generation, job.generation)));
}

/** The queued check of a subject (null: none). */
export async function getQueuedVatCheck(subject: VatCheckSubject): Promise<VatCheckJob | null> {
  const db = await database();
  const [row] = await db.select().from(vatCheckJobs).where(subjectCondition(subject));
  return row ?? null;
}

/** Customers with a check queued, by id. */
export async function listQueuedVatCheckCompanies(): Promise<Map<number, VatCheckJob>> {
  const db = await database();
  const rows = await db.select().from(vatCheckJobs).where(isNotNull(vatCheckJobs.companyId));
  return new Map(rows.map((row) => [row.companyId!, row]));
}

export type CustomerVatFacts = Pick<Company, "id" | "name" | "vatId" | "vatTreatment" | "countryCode">;

/**
 * Active customers with a VAT id (what re-checks and the "needs attention" list look at), scoped to
 * one account manager's customers unless `managerId` is null.
 */
export async function listActiveCustomersWithVatId(managerId: number | null): Promise<CustomerVatFacts[]> {
  const db = await database();
  return db
    .select({ id: companies.id, name: companies.name, vatId: companies.vatId, vatTreatment: companies.vatTreatment, countryCode: companies.countryCode })
    .from(companies)
    .where(
      and(
        eq(companies.active, true),
        isNotNull(companies.vatId),
        managerId === null ? undefined : managedBy(companies.id, managerId),
      ),
    )
    .orderBy(asc(companies.name), asc(companies.id));
}
