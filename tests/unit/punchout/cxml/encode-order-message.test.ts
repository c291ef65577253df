import { describe, expect, it } from "vitest";
import { buildPunchOutOrderMessage } from "@/lib/punchout/cxml/build-order-message";
import { encodeOrderMessage, escapeHtml, renderCxmlTransferPage, type TransferPageInput } from "@/lib/punchout/cxml/encode-order-message";
import { directText, firstChild } from "@/lib/punchout/cxml/xml";
import { poomInput, SPECIAL } from "./generated-documents";
import { parseDoc } from "./helpers";

const XML = buildPunchOutOrderMessage(poomInput({ buyerCookie: SPECIAL }));

const page = (overrides: Partial<TransferPageInput> = {}) =>
  renderCxmlTransferPage({
    action: "https://procurement.example.com/punchout/return?session=abc&x=1",
    target: "_top",
    encoding: "cxml-base64",
    xml: XML,
    title: "Winkelwagen overdragen",
    buttonLabel: "Doorgaan naar inkoopsysteem",
    ...overrides,
  });

/** What a browser submits for an input: the attribute value with HTML character references resolved. */
function hiddenFieldValue(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  if (!match?.[1]) return expect.fail(`no hidden field ${name}`);
  return match[1].replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e] ?? "");
}

describe("encodeOrderMessage", () => {
  it("cxml-base64 (default) is Base64 of the UTF-8 bytes", () => {
    const [field, ...rest] = encodeOrderMessage(XML);
    expect(rest).toEqual([]);
    expect(field?.name).toBe("cxml-base64");
    expect(field?.value).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(field!.value, "base64").toString("utf8")).toBe(XML);
  });

  it("cxml-urlencoded carries the raw XML (the browser URL-encodes it)", () => {
    expect(encodeOrderMessage(XML, "cxml-urlencoded")).toEqual([{ name: "cxml-urlencoded", value: XML }]);
  });
});

describe("renderCxmlTransferPage", () => {
  it("posts a base64 field that decodes to the POOM with the exact BuyerCookie", () => {
    const html = page();
    const xml = Buffer.from(hiddenFieldValue(html, "cxml-base64"), "base64").toString("utf8");
    expect(xml).toBe(XML);
    expect(directText(firstChild(parseDoc(xml).payload!, "BuyerCookie")!)).toBe(SPECIAL);
  });

  it("double-encodes the urlencoded XML in the attribute (&amp; → &amp;amp;) and round-trips", () => {
    const html = page({ encoding: "cxml-urlencoded" });
    expect(html).toContain("&amp;amp;");
    expect(html).toContain("&lt;?xml version=&quot;1.0&quot;");
    expect(hiddenFieldValue(html, "cxml-urlencoded")).toBe(XML);
    expect(html).not.toContain('name="cxml-base64"');
  });

  it("has the form, auto-submit script and a visible button", () => {
    const html = page({ nonce: "n0nce" });
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain("<title>Winkelwagen overdragen</title>");
    expect(html).toContain(
      '<form id="cxml-transfer" method="post" action="https://procurement.example.com/punchout/return?session=abc&amp;x=1" target="_top" accept-charset="UTF-8" enctype="application/x-www-form-urlencoded">',
    );
    expect(html).toContain('<button type="submit">Doorgaan naar inkoopsysteem</button>');
    expect(html).toContain('<script nonce="n0nce">document.getElementById("cxml-transfer").submit();</script>');
  });

  it("escapes title, label and target", () => {
    const html = page({ title: "<script>x</script>", buttonLabel: `"Go" & 'on'`, target: `"x` });
    expect(html).toContain("<title>&lt;script&gt;x&lt;/script&gt;</title>");
    expect(html).toContain("&quot;Go&quot; &amp; &#39;on&#39;");
    expect(html).toContain('target="&quot;x"');
  });

  it.each(["javascript:alert(document.cookie)", "data:text/html,hi", "/relative"])("refuses action %s", (action) => {
    expect(() => page({ action })).toThrow();
  });

  it("escapeHtml covers the five markup characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
