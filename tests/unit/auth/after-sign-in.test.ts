import { describe, expect, it } from "vitest";
import { afterSignInPath } from "@/lib/auth/return-path";

describe("where a sign-in leads", () => {
  it("staff who asked for no page go to the back office; a page asked for wins for everybody", () => {
    expect(afterSignInPath("/", "account_manager")).toBe("/admin");
    expect(afterSignInPath(null, "admin")).toBe("/admin");
    expect(afterSignInPath("/admin/account-requests", "account_manager")).toBe("/admin/account-requests");
    expect(afterSignInPath("/catalog", "admin")).toBe("/catalog");
    expect(afterSignInPath("/", "buyer")).toBe("/");
    expect(afterSignInPath("/", "company_admin")).toBe("/");
    expect(afterSignInPath("/", undefined)).toBe("/");
    // Still only a path on this site.
    expect(afterSignInPath("//evil.example", "admin")).toBe("/admin");
    expect(afterSignInPath("/\\evil.example", "buyer")).toBe("/");
  });
});
