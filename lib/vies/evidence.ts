/**
 * When a VAT id's VIES checks are good enough evidence for invoicing at 0 % (intra-community
 * supply), when Koppel checks again by itself, and how it backs off while VIES does not answer.
 * Pure: the caller passes the checks on record and `now`.
 */

/** How long a valid check counts as current evidence (Belastingdienst: check at the start of the relation and regularly). */
export const VAT_CHECK_VALID_DAYS = 365;

/** Zero-rated customers are re-checked once their newest verdict is this old: a month before the evidence runs out. */
export const VAT_RECHECK_AFTER_DAYS = 330;

const DAY_MS = 86_400_000;

/** What a status needs of a check. */
export interface CheckFacts {
  outcome: "valid" | "invalid" | "unavailable";
  checkedAt: Date;
}

export interface EvidenceFacts {
  /** Invoices to this customer go out at 0 % as an intra-community supply. */
  zeroRated: boolean;
  latestValid: CheckFacts | null;
  /** The newest check with a verdict (valid or invalid); "no answer" never is one. */
  latestVerdict: CheckFacts | null;
}

/**
 * Why a VAT id needs someone's attention, or null: VIES's newest verdict is "not valid" (whatever the
 * customer's VAT treatment: the number itself is wrong), or a customer invoiced at 0 % has no valid
 * check, or only one older than VAT_CHECK_VALID_DAYS.
 */
export type VatAttention = "invalid" | "no_valid_check" | "expired";

export function vatAttention(facts: EvidenceFacts, now: Date): VatAttention | null {
  if (facts.latestVerdict?.outcome === "invalid") return "invalid";
  if (!facts.zeroRated) return null;
  if (!facts.latestValid) return "no_valid_check";
  return now.getTime() - facts.latestValid.checkedAt.getTime() > VAT_CHECK_VALID_DAYS * DAY_MS ? "expired" : null;
}

export interface RecheckCandidate extends EvidenceFacts {
  companyId: number;
  /** VIES covers the id's country. */
  checkable: boolean;
  /** A check of it is queued already (after a save, or retrying after an outage). */
  queued: boolean;
}

/**
 * Whether the periodic job should check a customer's VAT id again: zero-rated customers whose
 * newest verdict is VAT_RECHECK_AFTER_DAYS old or who never got one. A verdict of "not valid" is
 * not asked again every round (it needs a person); a year later it is, like a valid one.
 */
export function isDueForRecheck(candidate: RecheckCandidate, now: Date): boolean {
  if (!candidate.zeroRated || !candidate.checkable || candidate.queued) return false;
  if (!candidate.latestVerdict) return true;
  return now.getTime() - candidate.latestVerdict.checkedAt.getTime() >= VAT_RECHECK_AFTER_DAYS * DAY_MS;
}

/** The customers one planning round queues: the due ones, never checked first, then the oldest evidence; at most `limit`. */
export function planRechecks(candidates: readonly RecheckCandidate[], now: Date, limit: number): number[] {
  const age = (c: RecheckCandidate) => (c.latestVerdict ? c.latestVerdict.checkedAt.getTime() : Number.NEGATIVE_INFINITY);
  return candidates
    .filter((candidate) => isDueForRecheck(candidate, now))
    .sort((a, b) => age(a) - age(b) || a.companyId - b.companyId)
    .slice(0, Math.max(0, limit))
    .map((candidate) => candidate.companyId);
}

const RETRY_FIRST_MS = 15 * 60_000;
const RETRY_MAX_MS = 6 * 3600_000;

/**
 * How long to wait after the `attempts`-th answer without a verdict: 15 minutes, doubling, at most
 * six hours (member states' maintenance windows last hours). It never gives up: the job stays queued.
 */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.min(Math.max(attempts, 1) - 1, 10);
  return Math.min(RETRY_FIRST_MS * 2 ** exponent, RETRY_MAX_MS);
}

/**
 * Answers that say VIES as a whole is down or refuses us for now (rather than one member state):
 * the round stops there instead of asking about the next numbers too.
 */
export function stopsRound(errorCode: string | null): boolean {
  if (!errorCode) return false;
  return (
    ["network", "timeout", "not_json", "SERVICE_UNAVAILABLE", "GLOBAL_MAX_CONCURRENT_REQ", "MS_MAX_CONCURRENT_REQ"].includes(errorCode) ||
    /^http_(429|5\d\d)$/.test(errorCode)
  );
}
