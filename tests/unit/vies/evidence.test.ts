import { describe, expect, it } from "vitest";
import { isDueForRecheck, planRechecks, retryDelayMs, stopsRound, vatAttention, VAT_CHECK_VALID_DAYS, VAT_RECHECK_AFTER_DAYS, type CheckFacts, type RecheckCandidate } from "@/lib/vies/evidence";

const now = new Date("2026-11-30T12:00:00Z");
const daysAgo = (days: number, outcome: CheckFacts["outcome"] = "valid"): CheckFacts => ({ outcome, checkedAt: new Date(now.getTime() - days * 86_400_000) });

describe("when a VAT id needs attention", () => {
  it.each<[string, { zeroRated: boolean; latestValid: CheckFacts | null; latestVerdict: CheckFacts | null }, ReturnType<typeof vatAttention>]>([
    ["zero-rated, valid yesterday", { zeroRated: true, latestValid: daysAgo(1), latestVerdict: daysAgo(1) }, null],
    ["zero-rated, valid exactly a year ago (still counts)", { zeroRated: true, latestValid: daysAgo(VAT_CHECK_VALID_DAYS), latestVerdict: daysAgo(VAT_CHECK_VALID_DAYS) }, null],
    ["zero-rated, valid a year and a day ago", { zeroRated: true, latestValid: daysAgo(VAT_CHECK_VALID_DAYS + 1), latestVerdict: daysAgo(VAT_CHECK_VALID_DAYS + 1) }, "expired"],
    ["zero-rated, never checked (or only 'no answer')", { zeroRated: true, latestValid: null, latestVerdict: null }, "no_valid_check"],
    ["zero-rated, valid before but now invalid", { zeroRated: true, latestValid: daysAgo(40), latestVerdict: daysAgo(2, "invalid") }, "invalid"],
    ["zero-rated, invalid once but valid since", { zeroRated: true, latestValid: daysAgo(2), latestVerdict: daysAgo(2) }, null],
    ["domestic, never checked: nothing rests on it", { zeroRated: false, latestValid: null, latestVerdict: null }, null],
    ["domestic, valid two years ago: nothing rests on it", { zeroRated: false, latestValid: daysAgo(800), latestVerdict: daysAgo(800) }, null],
    ["domestic, VIES says invalid: the number itself is wrong", { zeroRated: false, latestValid: null, latestVerdict: daysAgo(3, "invalid") }, "invalid"],
  ])("%s", (_label, facts, expected) => {
    expect(vatAttention(facts, now)).toBe(expected);
  });
});

describe("which customers the periodic job checks again", () => {
  const candidate = (overrides: Partial<RecheckCandidate>): RecheckCandidate => ({
    companyId: 1,
    zeroRated: true,
    checkable: true,
    queued: false,
    latestValid: daysAgo(10),
    latestVerdict: daysAgo(10),
    ...overrides,
  });

  it.each<[string, Partial<RecheckCandidate>, boolean]>([
    ["valid ten days ago", {}, false],
    ["valid one day short of the re-check age", { latestValid: daysAgo(VAT_RECHECK_AFTER_DAYS - 1), latestVerdict: daysAgo(VAT_RECHECK_AFTER_DAYS - 1) }, false],
    ["valid exactly the re-check age ago", { latestValid: daysAgo(VAT_RECHECK_AFTER_DAYS), latestVerdict: daysAgo(VAT_RECHECK_AFTER_DAYS) }, true],
    ["valid long ago (evidence expired)", { latestValid: daysAgo(500), latestVerdict: daysAgo(500) }, true],
    ["never a verdict", { latestValid: null, latestVerdict: null }, true],
    ["never a verdict, but a check is queued (retrying)", { latestValid: null, latestVerdict: null, queued: true }, false],
    ["invalid last week: a person must act, no new request every round", { latestValid: daysAgo(400), latestVerdict: daysAgo(7, "invalid") }, false],
    ["invalid a year ago: asked again", { latestValid: null, latestVerdict: daysAgo(VAT_RECHECK_AFTER_DAYS + 5, "invalid") }, true],
    ["not zero-rated (domestic, export…)", { zeroRated: false, latestValid: null, latestVerdict: null }, false],
    ["a country VIES does not cover", { checkable: false, latestValid: null, latestVerdict: null }, false],
  ])("%s → %s", (_label, overrides, due) => {
    expect(isDueForRecheck(candidate(overrides), now)).toBe(due);
  });

  it("plans never-checked customers first, then the oldest evidence, at most the batch size", () => {
    const candidates = [
      candidate({ companyId: 1, latestValid: daysAgo(340), latestVerdict: daysAgo(340) }),
      candidate({ companyId: 2, latestValid: null, latestVerdict: null }),
      candidate({ companyId: 3, latestValid: daysAgo(20), latestVerdict: daysAgo(20) }),
      candidate({ companyId: 4, latestValid: daysAgo(400), latestVerdict: daysAgo(400) }),
      candidate({ companyId: 5, latestValid: null, latestVerdict: null, queued: true }),
      candidate({ companyId: 6, latestValid: daysAgo(331), latestVerdict: daysAgo(331) }),
    ];
    expect(planRechecks(candidates, now, 10)).toEqual([2, 4, 1, 6]);
    expect(planRechecks(candidates, now, 2)).toEqual([2, 4]);
    expect(planRechecks(candidates, now, 0)).toEqual([]);
    expect(planRechecks([], now, 5)).toEqual([]);
  });
});

describe("retrying while VIES does not answer", () => {
  it.each([
    [1, 15],
    [2, 30],
    [3, 60],
    [4, 120],
    [5, 240],
    [6, 360],
    [7, 360],
    [50, 360],
  ])("after %i answers without a verdict: again in %i minutes", (attempts, minutes) => {
    expect(retryDelayMs(attempts)).toBe(minutes * 60_000);
  });

  it.each<[string | null, boolean]>([
    ["network", true],
    ["timeout", true],
    ["http_503", true],
    ["http_429", true],
    ["not_json", true],
    ["GLOBAL_MAX_CONCURRENT_REQ", true],
    ["MS_MAX_CONCURRENT_REQ", true],
    ["SERVICE_UNAVAILABLE", true],
    // One member state down: the next number (another country) may well get an answer.
    ["MS_UNAVAILABLE", false],
    ["TIMEOUT", false],
    ["http_404", false],
    [null, false],
  ])("%s stops the round: %s", (code, stops) => {
    expect(stopsRound(code)).toBe(stops);
  });
});
