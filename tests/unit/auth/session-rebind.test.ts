import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { credentialFingerprint, credentialFromRebindTicket, credentialOf, rebindTicket, sessionMatchesCredential } from "@/lib/auth/session-binding";

describe("session binding with two-step verification", () => {
  it("leaves the fingerprint of users without two-step verification as it was, and changes it when it goes on or off", async () => {
    const hash = await hashPassword("correct horse battery");
    const since = new Date("2026-11-29T10:00:00.123Z");
    const before = credentialFingerprint(hash);
    expect(credentialOf({ passwordHash: hash })).toBe(before);
    expect(credentialOf({ passwordHash: hash, twoStepSince: null })).toBe(before);
    const on = credentialOf({ passwordHash: hash, twoStepSince: since });
    expect(on).not.toBe(before);
    // A session from before it went on ends; one made with it on ends when it goes off, or on again later.
    expect(sessionMatchesCredential(before, hash, since)).toBe(false);
    expect(sessionMatchesCredential(on, hash, since)).toBe(true);
    expect(sessionMatchesCredential(on, hash, null)).toBe(false);
    expect(sessionMatchesCredential(on, hash, new Date(since.getTime() + 60_000))).toBe(false);
  });
});

describe("rebind tickets", () => {
  const now = Date.UTC(2026, 10, 29, 10, 0, 0);

  it("give the new fingerprint to the session of the same user, for a minute", () => {
    const ticket = rebindTicket(42, "new-fingerprint-0123456789abcdef", now);
    expect(credentialFromRebindTicket(ticket, "42", now + 59_000)).toBe("new-fingerprint-0123456789abcdef");
    expect(credentialFromRebindTicket(ticket, "42", now + 60_000)).toBeNull();
    expect(credentialFromRebindTicket(ticket, "43", now)).toBeNull();
  });

  it("refuse anything not signed with the secret", () => {
    const ticket = rebindTicket(42, "new-fingerprint-0123456789abcdef", now);
    const [userId, credential, expires, mac] = ticket.split(".");
    expect(credentialFromRebindTicket(`${userId}.forged-fingerprint-0123456789abc.${expires}.${mac}`, "42", now)).toBeNull();
    expect(credentialFromRebindTicket(`${userId}.${credential}.${Number(expires) + 3_600_000}.${mac}`, "42", now)).toBeNull();
    expect(credentialFromRebindTicket(`${userId}.${credential}.${expires}`, "42", now)).toBeNull();
    expect(credentialFromRebindTicket(undefined, "42", now)).toBeNull();
    expect(credentialFromRebindTicket({ rebind: ticket }, "42", now)).toBeNull();
  });
});
