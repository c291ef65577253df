/**
 * cXML as XML (PROTOCOLS.md §2.1, §5; STACK-NOTES.md P14–P17): the one fast-xml-parser
 * configuration for safe inbound parsing into a small ordered element tree, and strict outbound
 * rendering of our own element tree with the XML declaration and DOCTYPE.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";

// ---------------------------------------------------------------------------------------------
// Results and errors
// ---------------------------------------------------------------------------------------------

/**
 * `not-well-formed`, `too-large` and `forbidden-dtd` are parse-level failures (cXML 406, sent with
 * HTTP 400); `invalid-content` means the XML parsed but is not an acceptable cXML document (400);
 * `unsupported` is a valid request we do not implement (450).
 */
export type CxmlErrorKind = "too-large" | "forbidden-dtd" | "not-well-formed" | "invalid-content" | "unsupported";

export interface CxmlError {
  kind: CxmlErrorKind;
  /** cXML Status code to answer with. */
  code: 400 | 406 | 450;
  message: string;
}

export type CxmlResult<T> = { ok: true; value: T } | { ok: false; error: CxmlError };

export const ok = <T>(value: T): CxmlResult<T> => ({ ok: true, value });

const CODE_FOR_KIND: Record<CxmlErrorKind, CxmlError["code"]> = {
  "too-large": 406,
  "forbidden-dtd": 406,
  "not-well-formed": 406,
  "invalid-content": 400,
  unsupported: 450,
};

export function cxmlError<T = never>(kind: CxmlErrorKind, message: string): CxmlResult<T> {
  return { ok: false, error: { kind, code: CODE_FOR_KIND[kind], message } };
}

/** Thrown inside the content readers and turned into a 400 result at the parse-function boundary. */
export class CxmlContentError extends Error {}

/** Runs a reader that may throw CxmlContentError and turns it into a 400 result. */
export function readContent<T>(read: () => T): CxmlResult<T> {
  try {
    return ok(read());
  } catch (error) {
    if (error instanceof CxmlContentError) return cxmlError("invalid-content", error.message);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Inbound element tree
// ---------------------------------------------------------------------------------------------

/** Parsed element: attribute values and text stay exactly as sent (strings only, P14). */
export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}
export type XmlNode = XmlElement | string;

const isElement = (node: XmlNode): node is XmlElement => typeof node !== "string";

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  return element.children.filter(
    (node): node is XmlElement => isElement(node) && (name === undefined || node.name === name),
  );
}

export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((node): node is XmlElement => isElement(node) && node.name === name);
}

/** Concatenated direct text (incl. CDATA) of an element, untrimmed; mixed-content children skipped. */
export function directText(element: XmlElement): string {
  return element.children.filter((node): node is string => typeof node === "string").join("");
}

/** All descendant text, for `ANY` content models such as Extrinsic and Identity. */
export function deepText(element: XmlElement): string {
  return element.children.map((node) => (typeof node === "string" ? node : deepText(node))).join("");
}

/** Trimmed direct text of the first `name` child; undefined when the child is absent. */
export function childText(element: XmlElement, name: string): string | undefined {
  const child = firstChild(element, name);
  return child === undefined ? undefined : directText(child).trim();
}

export function attr(element: XmlElement, name: string): string | undefined {
  return Object.hasOwn(element.attrs, name) ? element.attrs[name] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Parser configuration
// ---------------------------------------------------------------------------------------------

/** Default cap on inbound documents (PROTOCOLS.md §5: 2–5 MB); routes check Content-Length first. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
const MAX_DEPTH = 100;

const ATTR_PREFIX = "@_";

// preserveOrder gives an ordered tree: repeatable elements never collapse into a single object
// (P15 solved by construction), mixed content (Description = ShortName + text) keeps its parts,
// and sibling order stays available to readers that care.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: ATTR_PREFIX,
  parseTagValue: false, // P14: "000123" stays "000123", "1.10" stays "1.10"
  parseAttributeValue: false,
  trimValues: false, // BuyerCookie must survive byte-for-byte; readers trim where it is safe
  htmlEntities: true, // P16: the only switch that decodes &#252; / &#xFC;
  processEntities: { enabled: true, maxEntityCount: 1, maxTotalExpansions: 1000, maxExpandedLength: 100_000 },
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
  jPath: false, // no callbacks read the path; otherwise it is turned into a string for every tag and text
});

type FxpNode = Record<string, unknown>;

function fromFxp(node: FxpNode): XmlNode | null {
  if (typeof node["#text"] === "string") return node["#text"];
  const name = Object.keys(node).find((key) => key !== ":@");
  if (name === undefined) return null;
  const attrs: Record<string, string> = {};
  const rawAttrs = (node[":@"] ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(rawAttrs)) {
    attrs[key.startsWith(ATTR_PREFIX) ? key.slice(ATTR_PREFIX.length) : key] = String(value);
  }
  const rawChildren = (node[name] ?? []) as FxpNode[];
  const children = rawChildren.map(fromFxp).filter((child): child is XmlNode => child !== null);
  return { name, attrs, children };
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

function decode(input: string | Buffer): CxmlResult<string> {
  if (typeof input === "string") return ok(input.replace(/^\uFEFF/, ""));
  let label = "utf-8";
  if (input[0] === 0xff && input[1] === 0xfe) label = "utf-16le";
  else if (input[0] === 0xfe && input[1] === 0xff) label = "utf-16be";
  else if (!(input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf)) {
    // No BOM: the declaration is ASCII in every encoding we accept, so latin1 is safe to sniff it.
    const head = input.subarray(0, 200).toString("latin1");
    const declared = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
    if (declared) label = declared;
  }
  let decoder: TextDecoder;
  try {
    // WHATWG maps "iso-8859-1"/"latin1" to windows-1252, a superset for all printable characters.
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    return cxmlError("not-well-formed", `Unsupported encoding "${label}"`);
  }
  try {
    return ok(decoder.decode(input)); // strips the BOM itself
  } catch {
    return cxmlError("not-well-formed", `Document is not valid ${decoder.encoding}`);
  }
}

// ---------------------------------------------------------------------------------------------
// parseCxml
// ---------------------------------------------------------------------------------------------

export type CxmlDeploymentMode = "production" | "test";
export type CxmlDocumentKind = "Request" | "Message" | "Response";

export interface CxmlDoctype {
  systemId: string;
  /** "cXML.dtd", "Fulfill.dtd", … when the system id follows the cxml.org pattern. */
  dtd: string | null;
  /** "1.2.063", "1.1.010", … when the system id follows the cxml.org pattern. */
  version: string | null;
}

export interface CxmlStatus {
  code: string;
  text: string;
  message: string;
}

/** A well-formed cXML envelope (`<cXML>` with one Request, Message or Response). */
export interface CxmlDocument {
  root: XmlElement;
  doctype: CxmlDoctype | null;
  /** cXML@payloadID as sent. */
  payloadId: string;
  /** cXML@timestamp as sent; not necessarily ISO 8601 (Coupa). */
  timestamp: string | null;
  version: string | null;
  lang: string | null;
  kind: CxmlDocumentKind;
  header: XmlElement | null;
  /** Request/Message@deploymentMode, default production (DTD). */
  deploymentMode: CxmlDeploymentMode;
  /** The Request/Message/Response child that is not Status: PunchOutSetupRequest, OrderRequest, … */
  payload: XmlElement | null;
  /** Response/Status or Message/Status. */
  status: CxmlStatus | null;
}

export interface ParseCxmlOptions {
  maxBytes?: number;
}

const NOT_MARKUP = /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
// Only the five predefined entities and character references exist once declarations are refused.
const BAD_REFERENCE = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)/;
const DOCTYPE = /<!DOCTYPE\s+([^\s>[]+)(?:\s+(?:SYSTEM\s+(["'])([^"']*)\2|PUBLIC\s+(["'])[^"']*\4\s+(["'])([^"']*)\5))?\s*(\[)?/;
const DTD_SYSTEM_ID = /\/schemas\/cXML\/([0-9][0-9.]*)\/([A-Za-z]+\.dtd)$/i;

/**
 * Parses an inbound cXML document (`<cXML>` envelope). Refuses oversized input, any internal DTD
 * subset / entity declaration (XXE, billion laughs; PROTOCOLS.md §5) and anything not well-formed
 * (406); a well-formed document that is not a usable cXML envelope is a content error (400).
 * The DTD named in the DOCTYPE is never loaded and the content model is not enforced: real buyers
 * send off-spec element order (Coupa), so readers look elements up by name.
 */
export function parseCxml(input: string | Buffer, options: ParseCxmlOptions = {}): CxmlResult<CxmlDocument> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = typeof input === "string" ? Buffer.byteLength(input, "utf8") : input.byteLength;
  if (size > maxBytes) return cxmlError("too-large", `Document of ${size} bytes exceeds the limit of ${maxBytes} bytes`);

  const decoded = decode(input);
  if (!decoded.ok) return decoded;
  const text = decoded.value.trimStart();

  const markup = text.replace(NOT_MARKUP, "");
  const doctype = DOCTYPE.exec(markup);
  if (doctype?.[7] !== undefined || /<!ENTITY/i.test(markup)) {
    return cxmlError("forbidden-dtd", "Internal DTD subsets and entity declarations are not accepted");
  }
  if (BAD_REFERENCE.test(markup)) return cxmlError("not-well-formed", "Unescaped '&' or undefined entity reference");

  const validation = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    return cxmlError("not-well-formed", `${msg} (line ${line}${col === undefined ? "" : `, column ${col}`})`);
  }

  let roots: XmlElement[];
  try {
    roots = (parser.parse(text) as FxpNode[])
      .map(fromFxp)
      .filter((node): node is XmlElement => node !== null && isElement(node));
  } catch (error) {
    return cxmlError("not-well-formed", error instanceof Error ? error.message : "Unparseable document");
  }
  const root = roots[0];
  if (root === undefined || roots.length > 1) return cxmlError("not-well-formed", "Document must have exactly one root element");
  return readContent(() => readEnvelope(root, doctype));
}

function readEnvelope(root: XmlElement, doctype: RegExpExecArray | null): CxmlDocument {
  // Office Depot style `<cxml>` exists in the wild (samples/officeluv-cxml); accept the root case-insensitively.
  if (root.name.toLowerCase() !== "cxml") throw new CxmlContentError(`Root element is <${root.name}>, expected <cXML>`);
  const payloadId = attr(root, "payloadID")?.trim();
  if (!payloadId) throw new CxmlContentError("cXML@payloadID is missing");

  const bodies = childElements(root).filter((el) => el.name === "Request" || el.name === "Message" || el.name === "Response");
  const body = bodies[0];
  if (body === undefined || bodies.length > 1) throw new CxmlContentError("cXML must contain exactly one Request, Message or Response");
  const kind = body.name as CxmlDocumentKind;
  const header = firstChild(root, "Header") ?? null;
  if (kind !== "Response" && header === null) throw new CxmlContentError(`cXML ${kind} without Header`);

  const payloads = childElements(body).filter((el) => el.name !== "Status");
  if (kind === "Request" && payloads.length !== 1) throw new CxmlContentError("Request must contain exactly one request element");

  const statusElement = firstChild(body, "Status");
  const status = statusElement
    ? { code: attr(statusElement, "code")?.trim() ?? "", text: attr(statusElement, "text") ?? "", message: directText(statusElement).trim() }
    : null;
  if (kind === "Response" && status === null) throw new CxmlContentError("Response without Status");

  const systemId = doctype?.[3] ?? doctype?.[6];
  const dtdMatch = systemId === undefined ? null : DTD_SYSTEM_ID.exec(systemId);
  return {
    root,
    doctype: systemId === undefined ? null : { systemId, dtd: dtdMatch?.[2] ?? null, version: dtdMatch?.[1] ?? null },
    payloadId,
    timestamp: attr(root, "timestamp")?.trim() || null,
    version: attr(root, "version")?.trim() || null,
    lang: attr(root, "xml:lang")?.trim() || null,
    kind,
    header,
    deploymentMode: readDeploymentMode(attr(body, "deploymentMode")),
    payload: payloads[0] ?? null,
    status,
  };
}

function readDeploymentMode(value: string | undefined): CxmlDeploymentMode {
  const mode = (value ?? "production").trim().toLowerCase();
  // Never default an unknown value to production: a test document must not become a real order.
  if (mode !== "production" && mode !== "test") throw new CxmlContentError(`Unknown deploymentMode "${value}"`);
  return mode;
}

/** Returns the payload element if it has the expected name, else a 400 content error. */
export function expectPayload(document: CxmlDocument, name: string): XmlElement {
  const payload = document.payload;
  if (payload?.name !== name) {
    throw new CxmlContentError(`Expected ${name}, got ${payload ? payload.name : `an empty ${document.kind}`}`);
  }
  return payload;
}

// ---------------------------------------------------------------------------------------------
// Outbound rendering
// ---------------------------------------------------------------------------------------------

/** Our outbound DTD version (PROTOCOLS.md §2: parse any 1.2.0xx, emit one fixed version). */
export const CXML_VERSION = "1.2.063";

export type CxmlDtdName = "cXML.dtd" | "Fulfill.dtd" | "InvoiceDetail.dtd";

export interface XmlBuildElement {
  readonly name: string;
  readonly attrs: ReadonlyArray<readonly [string, string]>;
  readonly children: ReadonlyArray<XmlBuildElement | string>;
}

export type XmlBuildChild = XmlBuildElement | string | null | undefined | false | ReadonlyArray<XmlBuildChild>;

/**
 * Builds one element. Attributes keep the given order (write them in DTD ATTLIST order);
 * null/undefined attributes and children are dropped, arrays are flattened.
 */
export function el(
  name: string,
  attrs: Readonly<Record<string, string | number | null | undefined>> | null = null,
  ...children: XmlBuildChild[]
): XmlBuildElement {
  const attrList: [string, string][] = [];
  for (const [key, value] of Object.entries(attrs ?? {})) if (value != null) attrList.push([key, String(value)]);
  const flat: (XmlBuildElement | string)[] = [];
  const add = (child: XmlBuildChild): void => {
    if (child == null || child === false) return;
    if (Array.isArray(child)) (child as ReadonlyArray<XmlBuildChild>).forEach(add);
    else flat.push(child as XmlBuildElement | string);
  };
  children.forEach(add);
  return { name, attrs: attrList, children: flat };
}

/** Element with text content, or nothing when the text is null/undefined. */
export function textEl(name: string, text: string | number | null | undefined, attrs?: Record<string, string | null | undefined>): XmlBuildElement | null {
  return text == null ? null : el(name, attrs ?? null, String(text));
}

// Characters XML 1.0 cannot carry at all, even escaped (C0 controls, lone surrogates, U+FFFE/FFFF).
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// Cheap pre-check without the `u` flag: a string with no controls, no surrogates and no U+FFFE/FFFF
// is clean as it is (nearly every value); only the rest goes through the exact, slower replace.
const MAYBE_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const clean = (value: string): string => (MAYBE_INVALID.test(value) ? value.replace(INVALID_XML_CHARS, "") : value);

export function cxmlDoctype(dtd: CxmlDtdName = "cXML.dtd", version: string = CXML_VERSION): string {
  return `<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/${version}/${dtd}">`;
}

export interface CxmlEnvelope {
  payloadId: string;
  timestamp: Date;
  /** cXML@xml:lang, default "en-US". */
  lang?: string;
  dtd?: CxmlDtdName;
  /**
   * DTD version in the DOCTYPE and cXML@version; default CXML_VERSION. The newest InvoiceDetail.dtd
   * we can validate locally is 1.2.037 (validators/assets/cxml).
   */
  version?: string;
}

/** Serialises `<cXML>` with the given children, preceded by the XML declaration and DOCTYPE (P17). */
export function renderCxmlDocument(envelope: CxmlEnvelope, ...children: XmlBuildChild[]): string {
  const version = envelope.version ?? CXML_VERSION;
  if (!envelope.payloadId) throw new RangeError("payloadId is required");
  // Attribute order as in the cXML ATTLIST: version, payloadID, timestamp, xml:lang.
  const root = el(
    "cXML",
    { version, payloadID: envelope.payloadId, timestamp: formatCxmlTimestamp(envelope.timestamp), "xml:lang": envelope.lang ?? "en-US" },
    ...children,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n${cxmlDoctype(envelope.dtd, version)}\n${renderXml(root)}\n`;
}

// Outbound documents are written straight from the element tree rather than through fast-xml-parser's
// XMLBuilder (which needs the tree converted into its own node shape first): the same bytes — every
// unit and integration test compared both renderings when this was switched — at a third of the CPU
// for a 500-line PunchOutOrderMessage (25 → 9 ms; BENCHMARKS.md, sixth pass).
// The five predefined entities (XML 1.0 §4.6), in text and attribute values alike (P17).
const HAS_MARKUP = /[&<>"']/;
const MARKUP = /[&<>"']/g;
const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const escapeMarkup = (value: string): string => {
  const text = clean(value);
  return HAS_MARKUP.test(text) ? text.replace(MARKUP, (c) => ENTITY[c]!) : text;
};

/**
 * An element without content (no children, or only empty text) is written as `<Name/>`. No
 * indentation: it would leak into mixed content (Description) and into the BuyerCookie.
 */
function writeElement(node: XmlBuildElement): string {
  let start = `<${node.name}`;
  for (const [key, value] of node.attrs) start += ` ${key}="${escapeMarkup(value)}"`;
  let content = "";
  for (const child of node.children) content += typeof child === "string" ? escapeMarkup(child) : writeElement(child);
  return content === "" ? `${start}/>` : `${start}>${content}</${node.name}>`;
}

/** Serialises one element tree (no declaration). */
export function renderXml(root: XmlBuildElement): string {
  return writeElement(root);
}

/** `%datetime.tz` in UTC without milliseconds ("2025-11-28T09:00:00+00:00"), the form every buyer accepts. */
export function formatCxmlTimestamp(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError("Invalid date");
  return `${date.toISOString().slice(0, 19)}+00:00`;
}
