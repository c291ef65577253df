import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { credentialFingerprint, sessionMatchesCredential } from "@/lib/auth/session-binding";

describe("session binding to the password hash", () => {
  it("matches only the hash the session was signed in with; a new hash (even of the same password) ends it", async () => {
    const first = await hashPassword("correct horse battery");
    const again = await hashPassword("correct horse battery");
    const session = credentialFingerprint(first);
    expect(session).not.toContain(first);
    expect(sessionMatchesCredential(session, first)).toBe(true);
    expect(sessionMatchesCredential(session, again)).toBe(false);
  });

  it.each([
    ["no fingerprint in the session (signed in before binding existed)", undefined, "scrypt$1$2$3$salt$key"],
    ["a user without a password login", "anything", null],
    ["a fingerprint of another length", "short", "scrypt$1$2$3$salt$key"],
    ["not a string", 42, "scrypt$1$2$3$salt$key"],
  ])("refuses %s", (_label, fingerprint, hash) => {
    expect(sessionMatchesCredential(fingerprint, hash)).toBe(false);
  });
});
