import { HOTP, Secret, TOTP, URI } from "otpauth";
import { describe, expect, it } from "vitest";
import { groupedSecret, matchTotpCode, newTotpSecret, normaliseTotpCode, otpauthUri, totpCode, totpStep } from "@/lib/two-step/totp";

/** RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890". */
const RFC_SECRET = Secret.fromLatin1("12345678901234567890").base32;
const RFC_SHA1_VECTORS: [number, string][] = [
  [59, "94287082"],
  [1111111109, "07081804"],
  [1111111111, "14050471"],
  [1234567890, "89005924"],
  [2000000000, "69279037"],
  [20000000000, "65353130"],
];

describe("TOTP (RFC 6238, SHA-1, 30 s)", () => {
  it.each(RFC_SHA1_VECTORS)("the library gives the RFC's SHA-1 value at T=%i; our 6-digit code is its last six digits", (seconds, eightDigits) => {
    const at = seconds * 1000;
    expect(TOTP.generate({ secret: Secret.fromBase32(RFC_SECRET), algorithm: "SHA1", digits: 8, period: 30, timestamp: at })).toBe(eightDigits);
    expect(totpCode(RFC_SECRET, at)).toBe(eightDigits.slice(2));
    expect(matchTotpCode(RFC_SECRET, eightDigits.slice(2), at, null)).toEqual({ ok: true, step: Math.floor(seconds / 30) });
  });

  const secret = newTotpSecret();
  const now = Date.UTC(2026, 10, 29, 10, 0, 15);
  const step = totpStep(now);
  const codeAt = (offsetSteps: number) => HOTP.generate({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, counter: step + offsetSteps });

  it("makes 160-bit secrets, different every time", () => {
    expect(Secret.fromBase32(secret).bytes).toHaveLength(20);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it("accepts the previous and the next step for clock drift, and nothing further away", () => {
    expect(matchTotpCode(secret, codeAt(0), now, null)).toEqual({ ok: true, step });
    expect(matchTotpCode(secret, codeAt(-1), now, null)).toEqual({ ok: true, step: step - 1 });
    expect(matchTotpCode(secret, codeAt(1), now, null)).toEqual({ ok: true, step: step + 1 });
    expect(matchTotpCode(secret, codeAt(-2), now, null)).toEqual({ ok: false, reason: "wrong" });
    expect(matchTotpCode(secret, codeAt(2), now, null)).toEqual({ ok: false, reason: "wrong" });
  });

  it("refuses a code whose step was used already (replay), and every earlier step", () => {
    expect(matchTotpCode(secret, codeAt(0), now, step)).toEqual({ ok: false, reason: "reused" });
    expect(matchTotpCode(secret, codeAt(-1), now, step)).toEqual({ ok: false, reason: "reused" });
    expect(matchTotpCode(secret, codeAt(0), now, step - 1)).toEqual({ ok: true, step });
    expect(matchTotpCode(secret, codeAt(1), now, step)).toEqual({ ok: true, step: step + 1 });
  });

  it("takes the code as typed or pasted (spaces), and refuses anything that is not six digits", () => {
    const code = codeAt(0);
    expect(matchTotpCode(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null)).toEqual({ ok: true, step });
    expect(normaliseTotpCode(" 123 456 ")).toBe("123456");
    for (const input of ["", "12345", "1234567", "12345a", code.slice(0, 5)]) expect(matchTotpCode(secret, input, now, null)).toEqual({ ok: false, reason: "wrong" });
  });

  it("refuses another secret's code", () => {
    const other = newTotpSecret();
    expect(matchTotpCode(other, codeAt(0), now, null).ok).toBe(codeAt(0) === totpCode(other, now));
  });

  it("puts issuer Koppel, the e-mail address and the RFC parameters into the otpauth:// URI", () => {
    const uri = otpauthUri(secret, "inkoop@example.test");
    expect(uri.startsWith("otpauth://totp/Koppel:inkoop%40example.test?")).toBe(true);
    const parsed = URI.parse(uri) as TOTP;
    expect(parsed).toBeInstanceOf(TOTP);
    expect({ issuer: parsed.issuer, label: parsed.label, algorithm: parsed.algorithm, digits: parsed.digits, period: parsed.period, secret: parsed.secret.base32 }).toEqual({
      issuer: "Koppel",
      label: "inkoop@example.test",
      algorithm: "SHA1",
      digits: 6,
      period: 30,
      secret,
    });
  });

  it("shows the secret in groups of four", () => {
    expect(groupedSecret("ABCDEFGHIJKLMNOPQRST")).toBe("ABCD EFGH IJKL MNOP QRST");
    expect(groupedSecret("ABCDEF")).toBe("ABCD EF");
  });
});
