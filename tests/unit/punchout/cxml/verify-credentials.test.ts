import { describe, expect, it, vi } from "vitest";
import { type CxmlHeader, parseCxmlHeader } from "@/lib/punchout/cxml/parse-header";
import {
  describeIdentityMismatch,
  type ExpectedCxmlCredentials,
  identitiesMatch,
  sharedSecretToVerify,
  verifyCxmlCredentials,
} from "@/lib/punchout/cxml/verify-credentials";
import { parseDoc, sharedFile, unwrap } from "./helpers";

const HEADER = unwrap(parseCxmlHeader(parseDoc(sharedFile("examples/OrderRequest.xml"))));
const COUPA = unwrap(parseCxmlHeader(parseDoc(sharedFile("samples/officeluv-cxml/purchase_order_request_200.xml"))));

const EXPECTED: ExpectedCxmlCredentials = {
  from: [{ domain: "NetworkID", identity: "AN01000000001" }],
  to: [{ domain: "DUNS", identity: "123456789" }],
  sender: [{ domain: "NetworkID", identity: "AN01000000001" }],
  deploymentMode: "production",
};

const secretIs = (plain: string) => (candidate: string) => candidate === plain; // stands in for a hash check

const withSender = (changes: Partial<CxmlHeader["sender"][number]>): CxmlHeader => ({
  ...HEADER,
  sender: [{ ...HEADER.sender[0]!, ...changes }],
});

describe("verifyCxmlCredentials", () => {
  it.each([
    ["matching credentials", HEADER, EXPECTED, null],
    ["domain case differs (networkid)", HEADER, { ...EXPECTED, from: [{ domain: "networkid", identity: "AN01000000001" }] }, null],
    ["one of several accepted From credentials", HEADER, { ...EXPECTED, from: [{ domain: "DUNS", identity: "999" }, { domain: "NETWORKID", identity: "AN01000000001" }] }, null],
    ["To not checked when not configured", { ...HEADER, to: [{ ...HEADER.to[0]!, identity: "other" }] }, { ...EXPECTED, to: undefined }, null],
    ["identity case differs", HEADER, { ...EXPECTED, from: [{ domain: "NetworkID", identity: "an01000000001" }] }, "from"],
    ["identity with extra character", HEADER, { ...EXPECTED, from: [{ domain: "NetworkID", identity: "AN01000000001 " }] }, "from"],
    ["wrong From domain", HEADER, { ...EXPECTED, from: [{ domain: "DUNS", identity: "AN01000000001" }] }, "from"],
    ["wrong To", HEADER, { ...EXPECTED, to: [{ domain: "DUNS", identity: "987654321" }] }, "to"],
    ["wrong Sender", HEADER, { ...EXPECTED, sender: [{ domain: "NetworkID", identity: "AN02" }] }, "sender"],
    ["missing secret", withSender({ sharedSecret: null, authentication: "none" }), EXPECTED, "secret-missing"],
    ["empty secret", withSender({ sharedSecret: "" }), EXPECTED, "secret-missing"],
    ["wrong secret", withSender({ sharedSecret: "guess" }), EXPECTED, "secret"],
    ["CredentialMac instead of a secret", withSender({ sharedSecret: null, authentication: "credentialMac" }), EXPECTED, "secret-missing"],
    ["test document on production credentials", { ...HEADER, deploymentMode: "test" }, EXPECTED, "deployment-mode"],
    ["production document on test credentials", HEADER, { ...EXPECTED, deploymentMode: "test" }, "deployment-mode"],
  ] as [string, CxmlHeader, ExpectedCxmlCredentials, string | null][])("%s", (_label, header, expected, failure) => {
    const result = verifyCxmlCredentials(header, expected, secretIs("example-shared-secret"));
    if (failure === null) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, failure, code: failure === "deployment-mode" ? 403 : 401 });
  });

  it("keeps the buyer-facing message generic", () => {
    const result = verifyCxmlCredentials(withSender({ sharedSecret: "guess" }), EXPECTED, secretIs("x"));
    expect(result).toMatchObject({ ok: false, message: "Credentials not recognized" });
  });

  it("matches Coupa's mixed-case domains (duns / Duns) and rejects its missing secret", () => {
    const expected: ExpectedCxmlCredentials = {
      from: [{ domain: "DUNS", identity: "dell" }],
      to: [{ domain: "DUNS", identity: "128293714" }],
      sender: [{ domain: "DUNS", identity: "dell" }],
      deploymentMode: "production",
    };
    expect(verifyCxmlCredentials(COUPA, expected, () => true)).toMatchObject({ ok: false, failure: "secret-missing" });
  });

  it("checks the secret even when an identity already failed (no timing shortcut)", () => {
    const verify = vi.fn(() => true);
    verifyCxmlCredentials(HEADER, { ...EXPECTED, from: [{ domain: "X", identity: "Y" }], sender: [{ domain: "X", identity: "Y" }] }, verify);
    expect(verify).toHaveBeenCalledWith("example-shared-secret");
  });
});

describe("identitiesMatch / sharedSecretToVerify (picking the connection before the async hash check)", () => {
  it("matches on From, To and Sender identities only, ignoring secret and deploymentMode", () => {
    expect(identitiesMatch(withSender({ sharedSecret: "guess" }), EXPECTED)).toBe(true);
    const testMode: CxmlHeader = { ...HEADER, deploymentMode: "test" };
    expect(identitiesMatch(testMode, EXPECTED)).toBe(true);
    expect(identitiesMatch(HEADER, { ...EXPECTED, from: [{ domain: "networkid", identity: "AN01000000001" }] })).toBe(true);
    expect(identitiesMatch(HEADER, { ...EXPECTED, to: [{ domain: "DUNS", identity: "1" }] })).toBe(false);
    expect(identitiesMatch(HEADER, { ...EXPECTED, sender: [{ domain: "NetworkID", identity: "AN02" }] })).toBe(false);
  });

  it("hands out exactly the secret verifyCxmlCredentials checks", () => {
    expect(sharedSecretToVerify(HEADER, EXPECTED)).toBe("example-shared-secret");
    const seen: string[] = [];
    verifyCxmlCredentials(HEADER, EXPECTED, (plain) => (seen.push(plain), true));
    expect(seen).toEqual([sharedSecretToVerify(HEADER, EXPECTED)]);
    expect(sharedSecretToVerify(withSender({ sharedSecret: null }), EXPECTED)).toBeNull();
  });

  it("a synchronous closure over an earlier async verification decides the outcome", () => {
    expect(verifyCxmlCredentials(HEADER, EXPECTED, () => false)).toMatchObject({ ok: false, failure: "secret", code: 401 });
    expect(verifyCxmlCredentials(HEADER, EXPECTED, () => true)).toEqual({ ok: true });
  });
});

describe("describeIdentityMismatch (what the log tells the account manager about a refused Header)", () => {
  it("names the part that differs, what was sent and what the connection expects", () => {
    expect(describeIdentityMismatch(HEADER, { ...EXPECTED, from: [{ domain: "DUNS", identity: "AN01000000001" }] })).toEqual({
      failure: "from",
      detail: "from: sent NetworkID:AN01000000001; expected DUNS:AN01000000001",
    });
    expect(describeIdentityMismatch(HEADER, { ...EXPECTED, to: [{ domain: "DUNS", identity: "987654321" }] })).toEqual({
      failure: "to",
      detail: `to: sent ${HEADER.to.map((c) => `${c.domain}:${c.identity}`).join(", ")}; expected DUNS:987654321`,
    });
    expect(describeIdentityMismatch(HEADER, { ...EXPECTED, sender: [{ domain: "NetworkID", identity: "AN02" }] })).toMatchObject({ failure: "sender" });
  });

  it("is null when the identities fit (domains compared case-insensitively, To unchecked when not set)", () => {
    expect(describeIdentityMismatch(HEADER, EXPECTED)).toBeNull();
    expect(describeIdentityMismatch(HEADER, { ...EXPECTED, from: [{ domain: "networkid", identity: "AN01000000001" }], to: undefined })).toBeNull();
  });

  it("never carries the SharedSecret", () => {
    const mismatch = describeIdentityMismatch(withSender({ sharedSecret: "top-secret" }), { ...EXPECTED, sender: [{ domain: "DUNS", identity: "x" }] });
    expect(JSON.stringify(mismatch)).not.toContain("top-secret");
  });
});
