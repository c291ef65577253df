import { describe, expect, it } from "vitest";
import { draftToRestore, REGISTER_DRAFT_FRESH_MS, registerDraft } from "@/lib/account-requests/draft";

const AT = Date.UTC(2026, 11, 1, 9, 0, 0);

describe("account request draft across the language switch", () => {
  it("gives back the typed fields within the fresh window, without the bots' trap field or empty fields", () => {
    const draft = registerDraft({ companyName: "Vlinder B.V.", email: "anna@vlinder.test", countryCode: "BE", phone: "", website: "spam", locale: "nl" }, AT);
    expect(draftToRestore(draft, AT + 1_000)).toEqual({ companyName: "Vlinder B.V.", email: "anna@vlinder.test", countryCode: "BE" });
    expect(draftToRestore(draft, AT + REGISTER_DRAFT_FRESH_MS)).not.toBeNull();
  });

  it("is no draft once stale, from the future, empty or not ours", () => {
    const draft = registerDraft({ companyName: "Vlinder B.V." }, AT);
    expect(draftToRestore(draft, AT + REGISTER_DRAFT_FRESH_MS + 1)).toBeNull();
    expect(draftToRestore(draft, AT - 1)).toBeNull();
    expect(draftToRestore(registerDraft({ phone: "" }, AT), AT)).toBeNull();
    for (const other of [null, "", "{", "[]", "null", '{"values":{"companyName":"x"}}', '{"values":"x","at":1}', `{"values":{"companyName":5},"at":${AT}}`]) {
      expect(draftToRestore(other, AT)).toBeNull();
    }
  });

  it("keeps long texts within the form's own limit", () => {
    const restored = draftToRestore(registerDraft({ message: "x".repeat(5000) }, AT), AT);
    expect(restored?.message).toHaveLength(2000);
  });
});
