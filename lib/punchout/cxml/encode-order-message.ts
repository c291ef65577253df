/**
 * Browser transfer of the POOM to the buyer's BrowserFormPost URL (PROTOCOLS.md §2.7): an HTML
 * form with the `cxml-base64` or `cxml-urlencoded` field that submits itself.
 */
import type { PoomEncoding } from "@/lib/punchout/cxml/connection-settings";

export interface FormField {
  name: string;
  value: string;
}

/**
 * Form fields for a POOM. `cxml-base64` = Base64 of the UTF-8 bytes (preferred by Ariba: survives
 * any page charset). `cxml-urlencoded` = the raw XML; the HTML attribute escaping applied when the
 * page is rendered turns `&amp;` into `&amp;amp;`, which is the "double encoding" Ariba asks for,
 * and the browser does the URL encoding. Never URL-encode the value here.
 */
export function encodeOrderMessage(xml: string, encoding: PoomEncoding = "cxml-base64"): FormField[] {
  return encoding === "cxml-base64"
    ? [{ name: "cxml-base64", value: Buffer.from(xml, "utf8").toString("base64") }]
    : [{ name: "cxml-urlencoded", value: xml }];
}

/** Escapes text for HTML element content and double-quoted attribute values. */
const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

export interface TransferPageInput {
  /** BrowserFormPost URL (already checked against the connection's allowed return origins). */
  action: string;
  /** Form target, e.g. "_top" (connection setting targetFrame). */
  target: string;
  encoding: PoomEncoding;
  xml: string;
  title: string;
  buttonLabel: string;
  /** CSP nonce for the inline auto-submit script, if the page is served with a nonce-based CSP. */
  nonce?: string;
  /** `<html lang>`, default "en". */
  lang?: string;
}

/**
 * Full HTML page that posts the POOM: hidden field(s), an inline script that submits on load,
 * and a visible submit button for browsers without JavaScript (or when the auto-submit is blocked).
 */
export function renderCxmlTransferPage(input: TransferPageInput): string {
  const url = new URL(input.action);
  // A javascript:/data: action would run script in our origin when the form is submitted.
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new RangeError("Transfer action must be an http(s) URL");
  const fields = encodeOrderMessage(input.xml, input.encoding)
    .map((f) => `<input type="hidden" name="${escapeHtml(f.name)}" value="${escapeHtml(f.value)}">`)
    .join("\n");
  const nonce = input.nonce === undefined ? "" : ` nonce="${escapeHtml(input.nonce)}"`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(input.lang ?? "en")}">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(input.title)}</title>
</head>
<body>
<form id="cxml-transfer" method="post" action="${escapeHtml(input.action)}" target="${escapeHtml(input.target)}" accept-charset="UTF-8" enctype="application/x-www-form-urlencoded">
${fields}
<button type="submit">${escapeHtml(input.buttonLabel)}</button>
</form>
<script${nonce}>document.getElementById("cxml-transfer").submit();</script>
</body>
</html>
`;
}
