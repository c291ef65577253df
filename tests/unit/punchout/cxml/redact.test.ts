import { describe, expect, it } from "vitest";
import { cxmlTextForLog, redactCxmlSecrets } from "@/lib/punchout/cxml/redact";
import { SHARED_FILES } from "./helpers";

describe("redactCxmlSecrets", () => {
  it.each([
    ["plain", "<Credential><Identity>A</Identity><SharedSecret>s3cr3t</SharedSecret></Credential>", "<Credential><Identity>A</Identity><SharedSecret>***</SharedSecret></Credential>"],
    ["with attributes and whitespace", "<SharedSecret  x='1'>\n  s3cr3t\n</SharedSecret >", "<SharedSecret  x='1'>***</SharedSecret>"],
    ["CDATA and markup inside", "<SharedSecret><![CDATA[s3<cr>3t]]></SharedSecret>", "<SharedSecret>***</SharedSecret>"],
    ["lower case (malformed)", "<sharedsecret>s3cr3t</sharedsecret>", "<SharedSecret>***</SharedSecret>"],
    ["unclosed (malformed input is logged too)", "<Sender><SharedSecret>s3cr3t and the rest", "<Sender><SharedSecret>***</SharedSecret>"],
    ["several", "<SharedSecret>a</SharedSecret><SharedSecret>b</SharedSecret>", "<SharedSecret>***</SharedSecret><SharedSecret>***</SharedSecret>"],
    ["self-closing stays", "<SharedSecret/>", "<SharedSecret/>"],
    ["no secret", "<Identity>SharedSecret</Identity>", "<Identity>SharedSecret</Identity>"],
  ])("%s", (_label, input, expected) => {
    expect(redactCxmlSecrets(input)).toBe(expected);
  });

  it.each(SHARED_FILES)("leaves no SharedSecret value in %s", (_file, bytes) => {
    const text = cxmlTextForLog(bytes);
    const secrets = [...text.matchAll(/<SharedSecret>([\s\S]*?)<\/SharedSecret>/g)].map((m) => m[1]!.trim()).filter(Boolean);
    const redacted = redactCxmlSecrets(text);
    for (const secret of secrets) expect(redacted).not.toContain(`>${secret}<`);
    expect(redacted.length).toBeLessThanOrEqual(text.length + 20 * secrets.length);
  });
});

describe("cxmlTextForLog", () => {
  it("decodes the declared ISO-8859-1, UTF-8 with BOM, and never throws on bad bytes", () => {
    expect(cxmlTextForLog(Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>Müller</a>', "latin1"))).toContain("Müller");
    expect(cxmlTextForLog(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("<a>ß</a>")]))).toBe("<a>ß</a>");
    expect(cxmlTextForLog(Buffer.from([0x3c, 0x61, 0xff, 0x3e]))).toBe("<a\uFFFD>");
    expect(cxmlTextForLog(Buffer.from('<?xml version="1.0" encoding="x-unknown"?><a/>'))).toContain("<a/>");
  });
});
