import { calendarDate } from "./calendar-date";
import {
  candidateEligibility,
  outranks,
  resolvePrice,
  type CandidateEligibility,
  type ContractPriceCandidate,
  type PriceQuery,
  type ResolvedPrice,
} from "./resolve-price";

/**
 * The long form of "why this price" for account managers: the price `resolvePrice` gives, plus a
 * verdict for every price list that has an entry for the product. It never decides anything
 * itself – the verdicts come from the same eligibility and precedence checks resolvePrice uses,
 * and the applied candidate is the one resolvePrice picked.
 */
export type CandidateVerdict = Exclude<CandidateEligibility, "eligible"> | "applied" | "outranked";

export interface ExplainedCandidate {
  candidate: ContractPriceCandidate;
  verdict: CandidateVerdict;
  /** For "outranked": the price list that won instead. */
  outrankedBy?: { priceListId: number; priceListName: string; priority: number };
  /** What this entry alone would charge at the quantity (for comparison), in minor units. */
  unitPriceMinor: number;
}

export interface PriceExplanation {
  /** The calendar day (Europe/Amsterdam) validity was checked against. */
  day: string;
  quantity: number;
  result: ResolvedPrice;
  /** Every candidate, the applied one first, then by precedence. */
  candidates: ExplainedCandidate[];
}

export function explainPrice(query: PriceQuery): PriceExplanation {
  const day = calendarDate(query.now);
  const result = resolvePrice(query);
  const winner =
    result.source.kind === "contract" || result.source.kind === "contract_tier"
      ? query.candidates.find((c) => c.entryId === (result.source as { entryId: number }).entryId) ?? null
      : null;
  const candidates = [...query.candidates]
    .sort((a, b) => (outranks(a, b) ? -1 : outranks(b, a) ? 1 : 0))
    .map((candidate): ExplainedCandidate => {
      const alone = resolvePrice({
        ...query,
        candidates: [{ ...candidate, currency: undefined, listValidFrom: null, listValidTo: null, validFrom: null, validTo: null }],
      }).unitPriceMinor;
      if (candidate === winner) return { candidate, verdict: "applied", unitPriceMinor: alone };
      const eligibility = candidateEligibility(candidate, day, query.product.currency);
      if (eligibility !== "eligible") return { candidate, verdict: eligibility, unitPriceMinor: alone };
      return {
        candidate,
        verdict: "outranked",
        unitPriceMinor: alone,
        ...(winner ? { outrankedBy: { priceListId: winner.priceListId, priceListName: winner.priceListName, priority: winner.priority } } : {}),
      };
    })
    .sort((a, b) => Number(b.verdict === "applied") - Number(a.verdict === "applied"));
  return { day, quantity: query.quantity, result, candidates };
}
