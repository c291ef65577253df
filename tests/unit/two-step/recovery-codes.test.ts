import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateRecoveryCodes, hashRecoveryCode, matchRecoveryCode, normaliseRecoveryCode, RECOVERY_CODE_COUNT } from "@/lib/two-step/recovery-codes";

describe("recovery codes", () => {
  const codes = generateRecoveryCodes();

  it("makes ten different codes of 16 base32 characters (80 bits) in groups of four", () => {
    expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(codes).size).toBe(RECOVERY_CODE_COUNT);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
    // Every character of the alphabet turns up in a large sample: the codes use all 5 bits per character.
    const sample = generateRecoveryCodes(200).join("").replace(/-/g, "");
    expect(new Set(sample).size).toBe(32);
  });

  it.each([
    ["as shown", (c: string) => c],
    ["without dashes", (c: string) => c.replace(/-/g, "")],
    ["in capitals", (c: string) => c.toUpperCase()],
    ["with spaces instead of dashes", (c: string) => c.replace(/-/g, " ")],
    ["with spaces around", (c: string) => `  ${c}\t`],
  ])("accepts a code typed %s", (_label, typed) => {
    const code = codes[0]!;
    expect(normaliseRecoveryCode(typed(code))).toBe(code.replace(/-/g, ""));
    expect(hashRecoveryCode(typed(code))).toBe(hashRecoveryCode(code));
  });

  it("reads O as 0 and I or L as 1 (Crockford), as people misread them", () => {
    expect(normaliseRecoveryCode("OOOO-IIII-LLLL-abcd")).toBe("000011111111abcd");
  });

  it.each(["", "abcd-efgh-jkmn", "abcd-efgh-jkmn-pqrs-t", "abcd-efgh-jkmn-pqr!", "123456", "abcd-efgh-jkmn-pqru"])("refuses %j", (input) => {
    expect(normaliseRecoveryCode(input)).toBeNull();
    expect(hashRecoveryCode(input)).toBeNull();
  });

  it("stores SHA-256 of the normalised code, never the code", () => {
    const hash = hashRecoveryCode(codes[1]!)!;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(createHash("sha256").update(`koppel-recovery-code\0${codes[1]!.replace(/-/g, "")}`).digest("hex"));
    expect(hash).not.toContain(codes[1]!.replace(/-/g, ""));
  });

  it("finds which stored code was typed, or none", () => {
    const stored = codes.map((code, i) => ({ id: i + 1, codeHash: hashRecoveryCode(code)! }));
    expect(matchRecoveryCode(stored, codes[7]!.toUpperCase().replace(/-/g, " "))?.id).toBe(8);
    expect(matchRecoveryCode(stored, generateRecoveryCodes(1)[0]!)).toBeNull();
    expect(matchRecoveryCode(stored, "not a code")).toBeNull();
    expect(matchRecoveryCode([], codes[0]!)).toBeNull();
  });
});
