import { describe, expect, it } from "vitest";
import { BUYER_TWO_STEP_SETUP_PATH, buyerMustSetUpTwoStep, type TwoStepRequirementSubject } from "@/lib/two-step/required";

/** A buyer signed in with a password, as the guards read them, whose company requires it and who has none. */
const buyer: TwoStepRequirementSubject = { companyId: 7, companyTwoStepRequired: true, twoStepSince: null, punchout: null, impersonatedBy: null };

describe("who must set up two-step verification before using the shop", () => {
  it("a customer's user whose company requires it and who has none (or only a pending setup)", () => {
    expect(buyerMustSetUpTwoStep(buyer)).toBe(true);
    // A user put together without the field (nothing reads it so) counts as having none.
    expect(buyerMustSetUpTwoStep({ ...buyer, twoStepSince: undefined })).toBe(true);
  });

  it("not once theirs is on", () => {
    expect(buyerMustSetUpTwoStep({ ...buyer, twoStepSince: new Date("2026-11-30T10:00:00Z") })).toBe(false);
  });

  it("not while the company does not require it (or the read did not say)", () => {
    expect(buyerMustSetUpTwoStep({ ...buyer, companyTwoStepRequired: false })).toBe(false);
    expect(buyerMustSetUpTwoStep({ ...buyer, companyTwoStepRequired: undefined })).toBe(false);
  });

  it("not in a punchout session (the procurement system signed them in, not a password)", () => {
    expect(buyerMustSetUpTwoStep({ ...buyer, punchout: { sessionId: 1, operation: "create" } })).toBe(false);
  });

  it("not while staff view the shop as the user", () => {
    expect(buyerMustSetUpTwoStep({ ...buyer, impersonatedBy: { id: 3, name: "Marco Manager" } })).toBe(false);
  });

  it("not for staff (no company: they have their own requirement) and not for nobody", () => {
    expect(buyerMustSetUpTwoStep({ ...buyer, companyId: null })).toBe(false);
    expect(buyerMustSetUpTwoStep(null)).toBe(false);
  });

  it("sends them to their profile, which explains why", () => {
    expect(BUYER_TWO_STEP_SETUP_PATH).toBe("/account/profile?twoStep=required");
  });
});
