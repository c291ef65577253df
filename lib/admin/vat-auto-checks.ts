import "server-only";
import type { VatCheckJob } from "@/db/schema";
import { getAccountRequest } from "@/lib/data/account-requests";
import { getCustomer, listCustomerManagers, listStaffMembers } from "@/lib/data/customers";
import { getSupplierProfile } from "@/lib/data/supplier-profile";
import {
  claimNextVatCheckJob,
  finishVatCheckJob,
  queueScheduledVatChecks,
  retryVatCheckJobLater,
  vatCheckStatuses,
} from "@/lib/data/vat-checks";
import { normalizeVatId } from "@/lib/einvoice/identifiers";
import { env } from "@/lib/env";
import { dateTimeText } from "@/lib/format";
import { mailBaseUrl } from "@/lib/mail/base-url";
import { sendMail } from "@/lib/mail/send-mail";
import { vatIdTurnedInvalidMail } from "@/lib/mail/vat-check-mails";
import { startPollingWorker } from "@/lib/polling-worker";
import { planRechecks, retryDelayMs, stopsRound } from "@/lib/vies/evidence";
import { viesRequest } from "@/lib/vies/vies";
import { askViesAndRecord, customersVatEvidence, viesQuestion, zeroRatedFor } from "./vat-checks";

/**
 * VAT ids checked at VIES without anybody clicking:
 * - "automatic": a customer created with a VAT id or whose VAT id changed (staff form, account
 *   request approval) and an account request arriving through /register. The save writes a row in
 *   vat_check_jobs in its own transaction (lib/data/customers.ts, lib/data/account-requests.ts), so
 *   the save never waits for VIES nor fails because of it;
 * - "scheduled": customers invoiced at 0 % whose newest verdict is VAT_RECHECK_AFTER_DAYS old (or
 *   who never got one) are queued in small batches by the hourly planner, before their evidence
 *   runs out (lib/vies/evidence.ts).
 * The worker below asks VIES for a few queued ids per round, spaced apart (VIES rate-limits). Every
 * answer is kept like a staff member's check (vat_checks.source says who asked); an answer without a
 * verdict leaves the job queued and due again later with backoff, so an outage is on record and the
 * check is retried until VIES answers. When an id VIES found valid before is now invalid, the
 * customer's account managers (or, without one, the admins) get an e-mail.
 *
 * Why a queue table and the polling worker rather than Next's `after()`: `after()` runs in the
 * process that served the save, once the response is sent; a restart or deploy in between, or a
 * crash, loses the check, and an outage would need somewhere durable to wait for the retry anyway.
 * The row written with the save survives all of that, and any server process may take it
 * (FOR UPDATE SKIP LOCKED plus a lease), at the cost of a few seconds' delay.
 */

export const VAT_CHECKS_PER_ROUND = 5;
/** Pause between two VIES requests of one round. */
export const VIES_SPACING_MS = 2_000;
/** Customers the planner queues per run at most (a first start with many unchecked customers spreads over hours). */
export const VAT_RECHECKS_PER_PLAN = 20;
const LEASE_MS = 120_000;

export interface VatCheckRoundOptions {
  now?: () => Date;
  fetch?: typeof fetch;
  /** At most this many VIES requests in the round. */
  limit?: number;
  spacingMs?: number;
  leaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface VatCheckRound {
  /** VIES requests made. */
  asked: number;
  /** Jobs done (a verdict, nothing left to check, or already checked since it was queued). */
  finished: number;
  /** Jobs left queued for later (no verdict). */
  retried: number;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type JobOutcome = { asked: boolean; finished: boolean; stop: boolean };

/** One round of the worker: takes due jobs one by one, at most `limit` VIES requests, and stops early when VIES as a whole does not answer. */
export async function runDueVatChecks(options: VatCheckRoundOptions = {}): Promise<VatCheckRound> {
  const now = options.now ?? (() => new Date());
  const limit = options.limit ?? VAT_CHECKS_PER_ROUND;
  const round: VatCheckRound = { asked: 0, finished: 0, retried: 0 };
  // Jobs that need no request (gone, already checked) do not count against the limit, but a round never loops unbounded.
  for (let taken = 0; round.asked < limit && taken < limit * 4; taken++) {
    const job = await claimNextVatCheckJob(now(), options.leaseMs ?? LEASE_MS);
    if (!job) break;
    let outcome: JobOutcome;
    try {
      outcome = await runJob(job, {
        now,
        fetch: options.fetch ?? fetch,
        beforeAsking: async () => {
          if (round.asked > 0) await (options.sleep ?? pause)(options.spacingMs ?? VIES_SPACING_MS);
        },
      });
    } catch (error) {
      // Left with its lease: taken again once the lease runs out.
      console.error(`[koppel] VAT check job ${job.id} failed`, error);
      continue;
    }
    if (outcome.asked) round.asked++;
    if (outcome.finished) round.finished++;
    else round.retried++;
    if (outcome.stop) break;
  }
  return round;
}

/** The VAT id the job is about now (it may have changed since it was queued), or null when there is nothing to check. */
async function currentVatIdOf(job: VatCheckJob): Promise<{ vatId: string; companyId: number | null } | null> {
  if (job.companyId !== null) {
    const company = await getCustomer(job.companyId);
    return company?.vatId ? { vatId: normalizeVatId(company.vatId), companyId: company.id } : null;
  }
  if (job.accountRequestId === null) return null;
  const request = await getAccountRequest(job.accountRequestId);
  // A decided request needs no check any more (an approved one's customer has its own).
  return request?.status === "pending" && request.vatId ? { vatId: normalizeVatId(request.vatId), companyId: null } : null;
}

async function runJob(job: VatCheckJob, context: { now: () => Date; fetch: typeof fetch; beforeAsking: () => Promise<void> }): Promise<JobOutcome> {
  const done = async (asked: boolean): Promise<JobOutcome> => {
    await finishVatCheckJob(job);
    return { asked, finished: true, stop: false };
  };
  const subject = await currentVatIdOf(job);
  if (!subject || !(await viesQuestion(subject.vatId))) return done(false);
  const before = (await vatCheckStatuses([subject.vatId])).get(subject.vatId)!;
  // Someone (a staff member, another subject with the same id) got a verdict since it was queued.
  if (before.latestVerdict && before.latestVerdict.checkedAt >= job.queuedAt) return done(false);
  await context.beforeAsking();
  const check = await askViesAndRecord(subject.vatId, { source: job.trigger }, context.now(), context.fetch);
  if (check.outcome === "unavailable") {
    const attempts = job.attempts + 1;
    await retryVatCheckJobLater(job, { attempts, dueAt: new Date(context.now().getTime() + retryDelayMs(attempts)), error: check.errorCode ?? "unavailable" });
    return { asked: true, finished: false, stop: stopsRound(check.errorCode) };
  }
  if (check.outcome === "invalid" && before.latestVerdict?.outcome === "valid" && subject.companyId !== null) {
    await mailTurnedInvalid(subject.companyId, subject.vatId, before.latestVerdict.checkedAt, check.checkedAt).catch((error: unknown) =>
      console.error(`[koppel] mail about the invalid VAT id ${subject.vatId} failed`, error),
    );
  }
  return done(true);
}

/** The customer's active account managers, or the active admins when it has none. */
async function mailTurnedInvalid(companyId: number, vatId: string, previousValidAt: Date, checkedAt: Date): Promise<void> {
  const [company, managers, supplier] = await Promise.all([getCustomer(companyId), listCustomerManagers(companyId), getSupplierProfile()]);
  if (!company) return;
  const active = managers.filter((manager) => manager.active);
  const recipients = active.length > 0 ? active : (await listStaffMembers()).filter((member) => member.role === "admin" && member.active);
  const customerLink = `${await mailBaseUrl()}/admin/customers/${company.id}`;
  const zeroRated = zeroRatedFor(company, supplier?.countryCode ?? null);
  await sendMail(
    recipients.map((to) =>
      vatIdTurnedInvalidMail(to, {
        customerName: company.name,
        vatId,
        checkedAt: dateTimeText(checkedAt, to.locale),
        previousValidAt: dateTimeText(previousValidAt, to.locale),
        zeroRated,
        customerLink,
      }),
    ),
    checkedAt,
  );
}

/**
 * The planner: queues the periodic re-check of zero-rated customers that are due (lib/vies/evidence.ts
 * planRechecks), at most `limit` per run. Returns how many it queued.
 */
export async function scheduleVatRechecks(now: Date, limit = VAT_RECHECKS_PER_PLAN): Promise<number> {
  const candidates = (await customersVatEvidence(null)).map((evidence) => ({
    companyId: evidence.customer.id,
    zeroRated: evidence.zeroRated,
    checkable: viesRequest(evidence.vatId, null) !== null,
    queued: evidence.queued !== null,
    latestValid: evidence.latestValid,
    latestVerdict: evidence.latestVerdict,
  }));
  return queueScheduledVatChecks(planRechecks(candidates, now, limit), now);
}

/**
 * Starts both in this server process (lib/startup.ts), unless VIES_AUTO_CHECKS=off: the worker
 * every five seconds (a round with nothing due is one indexed query), the planner every hour (its
 * first run an hour after the start).
 */
export function startVatCheckWorker(): void {
  if (env.VIES_AUTO_CHECKS === "off") return;
  startPollingWorker("VIES checks", () => runDueVatChecks(), 5_000);
  startPollingWorker("VIES re-check planning", () => scheduleVatRechecks(new Date()), 3_600_000);
}
