import { describe, expect, it } from "vitest";
import { buildOciFields } from "@/lib/punchout/oci/build-fields";
import { ociConnectionSettingsSchema } from "@/lib/punchout/oci/connection-settings";
import type { OciCharset } from "@/lib/punchout/oci/fields";
import { parseOciEntry } from "@/lib/punchout/oci/parse-entry";
import {
  encodeOciTransferPage,
  renderOciTransferPage,
  transliterateToLatin1,
  type OciTransferPageInput,
} from "@/lib/punchout/oci/render-transfer-form";
import { punchoutCart, punchoutItem } from "./cart-fixture";

const BASE: OciTransferPageInput = {
  action: "https://erp.example.com/sap/bc/bsp/sap/bbp_oci",
  target: "_top",
  fields: [],
  charset: "utf-8",
  autoSubmit: true,
  title: "Transfer",
  buttonLabel: "Terug naar inkoopsysteem",
};

/** The transfer page for an SRM call-up with a HOOK_URL that carries sap-client and sid. */
function srmPage(charset: OciCharset, description: string) {
  const result = parseOciEntry({
    HOOK_URL: "https://erp.example.com/sap/bc/bsp/sap/bbp_oci?sap-client=100&sid=X1",
    http_content_charset: charset,
    returntarget: "_parent",
  });
  if (!result.ok) throw new Error(result.error.message);
  const { entry } = result;
  const fields = buildOciFields(punchoutCart([punchoutItem({ description })]), ociConnectionSettingsSchema.parse({}), {
    charset,
    hookUrl: entry.hookUrl,
    legacyReturnFields: entry.legacyReturnFields,
  });
  return renderOciTransferPage({
    ...BASE,
    action: entry.hookUrl?.base ?? "",
    target: entry.returnTarget,
    fields,
    charset,
  });
}

describe("renderOciTransferPage", () => {
  it("posts to HOOK_URL without its query string and sends the query parameters as leading hidden fields", () => {
    const html = srmPage("utf-8", "Kabelbinder");
    expect(html).toContain(
      '<form id="oci-transfer" method="post" action="https://erp.example.com/sap/bc/bsp/sap/bbp_oci" target="_parent" accept-charset="utf-8">',
    );
    const inputs = [...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]);
    expect(inputs.slice(0, 3)).toEqual([
      ["sap-client", "100"],
      ["sid", "X1"],
      ["NEW_ITEM-DESCRIPTION[1]", "Kabelbinder"],
    ]);
    expect(html).not.toMatch(/action="[^"]*\?/);
  });

  it.each<[string, string, string]>([
    ["double quote", 'Bout "M8"', "Bout &quot;M8&quot;"],
    ["angle brackets", "<b>vet</b>", "&lt;b&gt;vet&lt;/b&gt;"],
    ["ampersand, also before an entity name", "A&B &amp; C", "A&amp;B &amp;amp; C"],
    ["single quote", "O'Brien", "O&#39;Brien"],
    ["attribute break-out attempt", '"><script>alert(1)</script>', "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["line break", "Regel 1\nRegel 2", "Regel 1&#10;Regel 2"],
  ])("escapes field values: %s", (_label, value, escaped) => {
    const html = renderOciTransferPage({ ...BASE, fields: [["NEW_ITEM-LONGTEXT_1:132[]", value]] });
    expect(html).toContain(`<input type="hidden" name="NEW_ITEM-LONGTEXT_1:132[]" value="${escaped}">`);
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it("escapes names, target, title, button label and nonce", () => {
    const html = renderOciTransferPage({
      ...BASE,
      fields: [['a"b', "v"]],
      target: '_top"x',
      title: "<Transfer>",
      buttonLabel: "Terug & verder",
      nonce: 'n"1',
    });
    expect(html).toContain('name="a&quot;b"');
    expect(html).toContain('target="_top&quot;x"');
    expect(html).toContain("<title>&lt;Transfer&gt;</title>");
    expect(html).toContain("<button type=\"submit\">Terug &amp; verder</button>");
    expect(html).toContain('<script nonce="n&quot;1">');
  });

  it("auto-submits with a script that a field named submit cannot shadow, and keeps a visible button", () => {
    const html = renderOciTransferPage({ ...BASE, fields: [["submit", "x"]] });
    expect(html).toContain('HTMLFormElement.prototype.submit.call(document.getElementById("oci-transfer"))');
    expect(html).toContain('<button type="submit">Terug naar inkoopsysteem</button>');
    expect(html).not.toContain("<noscript");
  });

  it("does not auto-submit BACKGROUND_SEARCH pages", () => {
    const html = renderOciTransferPage({ ...BASE, autoSubmit: false });
    expect(html).not.toContain("<script");
    expect(html).toContain('<button type="submit">');
  });

  it.each(["javascript:alert(1)", "/relative/hook", "data:text/html,x"])("refuses the action %s", (action) => {
    expect(() => renderOciTransferPage({ ...BASE, action })).toThrow();
  });
});

describe("encodeOciTransferPage", () => {
  it("encodes an iso-8859-1 page so é ü ß survive and unsupported characters are transliterated", () => {
    const html = srmPage("iso-8859-1", "Café Müller Straße “extra” € 5");
    expect(html).toContain('<meta charset="iso-8859-1">');
    expect(html).toContain('accept-charset="iso-8859-1"');

    const bytes = encodeOciTransferPage(html, "iso-8859-1");
    const decoded = bytes.toString("latin1");
    expect(decoded).toContain('value="Café Müller Straße &quot;extra&quot; EUR 5"');
    expect(bytes.includes(Buffer.from([0xe9]))).toBe(true);
    expect(bytes.includes(Buffer.from("é", "utf8"))).toBe(false);
    expect(new TextDecoder("windows-1252").decode(bytes)).toBe(decoded);
  });

  it("transliterates text in the page chrome too, byte for byte", () => {
    const html = renderOciTransferPage({ ...BASE, charset: "iso-8859-1", title: "Overdracht – bestelling", buttonLabel: "Terug…" });
    const decoded = encodeOciTransferPage(html, "iso-8859-1").toString("latin1");
    expect(decoded).toContain("<title>Overdracht - bestelling</title>");
    expect(decoded).toContain('<button type="submit">Terug...</button>');
  });

  it("encodes a utf-8 page unchanged", () => {
    const html = renderOciTransferPage({ ...BASE, fields: [["NEW_ITEM-DESCRIPTION[1]", "€ 5 “doos” 😀"]] });
    expect(encodeOciTransferPage(html, "utf-8").toString("utf8")).toBe(html);
  });
});

describe("transliterateToLatin1", () => {
  it.each<[string, string, string]>([
    ["Latin-1 letters stay", "é ü ß Ø ñ Å ç", "é ü ß Ø ñ Å ç"],
    ["no-break space stays", "10\u00a0mm", "10\u00a0mm"],
    ["typographic quotes", "“a” ‘b’ „c“", "\"a\" 'b' \"c\""],
    ["dashes and ellipsis", "a – b — c…", "a - b - c..."],
    ["euro sign", "€ 12,50", "EUR 12,50"],
    ["ligatures and stroke letters", "Œuvre Łódź", "OEuvre Lódz"],
    ["base letter for accents Latin-1 lacks", "Čapek Dvořák", "Capek Dvorák"],
    ["decomposed é is composed", "e\u0301", "é"],
    ["zero-width characters vanish", "a\u200bb\ufeff", "ab"],
    ["unrepresentable characters become ?", "日本 😀", "?? ?"],
    ["C1 controls become ?", "a\u0085b", "a?b"],
  ])("%s", (_label, input, expected) => {
    expect(transliterateToLatin1(input)).toBe(expected);
  });
});
