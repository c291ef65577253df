import { describe, expect, it } from "vitest";
import { parseCxmlHeader, parseCxmlTimestamp } from "@/lib/punchout/cxml/parse-header";
import { parseDoc, SHARED_FILES, sharedFile, unwrap } from "./helpers";

const header = (file: string) => unwrap(parseCxmlHeader(parseDoc(sharedFile(file))));

describe("parseCxmlHeader", () => {
  it.each(SHARED_FILES.filter(([, bytes]) => bytes.includes("<Header>")))("reads the header of %s", (_file, bytes) => {
    const parsed = unwrap(parseCxmlHeader(parseDoc(bytes)));
    for (const party of [parsed.from, parsed.to, parsed.sender]) {
      expect(party.length).toBeGreaterThan(0);
      for (const credential of party) {
        expect(credential.domain).not.toBe("");
        expect(credential.identity).not.toBe("");
      }
    }
  });

  it("reads From/To/Sender, SharedSecret, UserAgent and deploymentMode", () => {
    expect(header("examples/PunchOutSetupRequest.xml")).toEqual({
      payloadId: "1732780800123.4711.8f3a2c@buyer.example.com",
      timestamp: "2025-11-28T10:00:00+01:00",
      timestampDate: new Date("2025-11-28T09:00:00Z"),
      deploymentMode: "test",
      from: [{ domain: "NetworkID", identity: "AN01000000001", type: null, authentication: "none", sharedSecret: null }],
      to: [{ domain: "DUNS", identity: "123456789", type: null, authentication: "none", sharedSecret: null }],
      sender: [
        { domain: "NetworkID", identity: "AN01000000001", type: null, authentication: "sharedSecret", sharedSecret: "example-shared-secret" },
      ],
      userAgent: "Example Procurement 1.0",
    });
  });

  it("keeps domains as sent (Coupa: duns / Duns) and ignores XML comments inside credentials", () => {
    const parsed = header("samples/officeluv-cxml/purchase_order_request_200.xml");
    expect(parsed.from[0]).toMatchObject({ domain: "duns", identity: "dell" });
    expect(parsed.to[0]).toMatchObject({ domain: "Duns", identity: "128293714" });
    expect(parsed.sender[0]).toMatchObject({ authentication: "none", sharedSecret: null });
    expect(parsed.deploymentMode).toBe("production");
  });

  it("accepts Coupa's non-ISO timestamp", () => {
    const parsed = header("samples/officeluv-cxml/punch_out_setup_request_doc_coupa.xml");
    expect(parsed.timestamp).toBe("Mon May 19 18:29:48 +0000 2008");
    expect(parsed.timestampDate?.toISOString()).toBe("2008-05-19T18:29:48.000Z");
  });

  it("trims layout whitespace around identities and secrets (IESA sample)", () => {
    const parsed = header("samples/officeluv-cxml/punch_out_setup_request_doc.xml");
    expect(parsed.sender[0]).toMatchObject({ domain: "IESAnetworkUserID", identity: "88888888", sharedSecret: "{shared secret in here}" });
  });

  it.each([
    ["2025-11-28T10:00:00+01:00", "2025-11-28T09:00:00.000Z"],
    ["garbage", null],
    [null, null],
  ])("parseCxmlTimestamp(%s)", (input, expected) => {
    expect(parseCxmlTimestamp(input)?.toISOString() ?? null).toBe(expected);
  });

  it("reports CredentialMac and a missing Sender credential", () => {
    const xml = sharedFile("examples/OrderRequest.xml")
      .toString()
      .replace("<SharedSecret>example-shared-secret</SharedSecret>", '<CredentialMac type="FromSenderCredentials" algorithm="HMAC-SHA1-96" creationDate="x" expirationDate="y">AAAA</CredentialMac>');
    expect(unwrap(parseCxmlHeader(parseDoc(xml))).sender[0]?.authentication).toBe("credentialMac");

    const noSender = sharedFile("examples/OrderRequest.xml").toString().replace(/<Sender>[\s\S]*<\/Sender>/, "<Sender><UserAgent>x</UserAgent></Sender>");
    expect(parseCxmlHeader(parseDoc(noSender))).toMatchObject({ ok: false, error: { code: 400, message: expect.stringContaining("Sender") } });
  });

  it("refuses a header on a Response (none there)", () => {
    expect(parseCxmlHeader(parseDoc(sharedFile("examples/Response_200.xml")))).toMatchObject({ ok: false, error: { code: 400 } });
  });
});
