/*
 * The OCI transfer page is rendered on the server as one complete HTML document, not as a React page:
 * - OCI §3.1 wants the page in the buyer's `http_content_charset` with a matching `<meta charset>`; Next.js
 *   pages are always UTF-8, a Latin-1 SAP system would store mojibake.
 * - the fields come from the server-side cart snapshot, never from client state (PROTOCOLS.md App. B);
 * - embedded ERP browsers may run little or no JavaScript: a plain form posts with one click, no hydration;
 * - BACKGROUND_SEARCH pages are read by SAP itself, which wants bare hidden inputs (OCI 5.0 §2.3.4).
 */
import type { OciCharset, OciField } from "@/lib/punchout/oci/fields";

export interface OciTransferPageInput {
  /** HOOK_URL without its query string; the query parameters are among `fields` (OCI §3). */
  action: string;
  /** `returntarget` from the call-up (OCI 4.0 §3.1), `_top` if none. */
  target: string;
  fields: readonly OciField[];
  charset: OciCharset;
  /** false for BACKGROUND_SEARCH: "the form must not be submitted automatically" (OCI 5.0 §2.3.4). */
  autoSubmit: boolean;
  title: string;
  buttonLabel: string;
  /** CSP nonce for the auto-submit script. */
  nonce?: string;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  '"': "&quot;",
  "'": "&#39;",
  "<": "&lt;",
  ">": "&gt;",
  // As references, line breaks in LONGTEXT survive the HTML parser's CR LF normalisation.
  "\n": "&#10;",
  "\r": "&#13;",
  "\t": "&#9;",
};

const HTML_SPECIAL = /[&"'<>\n\r\t]/;
// Most values (prices, units, codes) need no escaping: test first, replace only when needed
// (a 500-line transfer escapes ~15,000 names and values).
const escapeHtml = (text: string) => (HTML_SPECIAL.test(text) ? text.replace(/[&"'<>\n\r\t]/g, (char) => HTML_ESCAPES[char] ?? char) : text);

/**
 * Complete HTML page that posts `fields` as hidden inputs to the buyer's HOOK_URL (OCI 4.0/5.0 §3.1):
 * `method="post"`, `target` = returntarget, `accept-charset` and `<meta charset>` = http_content_charset.
 * The submit button stays visible for browsers without JavaScript or with blocked auto-submit.
 */
export function renderOciTransferPage(input: OciTransferPageInput): string {
  const { action, target, fields, charset, autoSubmit, title, buttonLabel, nonce } = input;
  const url = new URL(action);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new TypeError("transfer action must be an http(s) URL");

  const nonceAttribute = nonce === undefined ? "" : ` nonce="${escapeHtml(nonce)}"`;
  // `HTMLFormElement.prototype.submit` because a hidden field named "submit" would shadow `form.submit`.
  const submit = `HTMLFormElement.prototype.submit.call(document.getElementById("oci-transfer"));`;
  return [
    "<!DOCTYPE html>",
    `<html><head><meta charset="${charset}"><title>${escapeHtml(title)}</title></head>`,
    "<body>",
    `<form id="oci-transfer" method="post" action="${escapeHtml(action)}" target="${escapeHtml(target)}"` +
      ` accept-charset="${charset}">`,
    ...fields.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`),
    `<button type="submit">${escapeHtml(buttonLabel)}</button>`,
    "</form>",
    ...(autoSubmit ? [`<script${nonceAttribute}>${submit}</script>`] : []),
    "</body></html>",
    "",
  ].join("\n");
}

/** Characters Latin-1 lacks that have an obvious stand-in; the rest fall back to their base letter or "?". */
const LATIN1_REPLACEMENTS: Readonly<Record<string, string>> = {
  "\u2018": "'",
  "\u2019": "'",
  "\u201A": "'",
  "\u201B": "'",
  "\u2032": "'",
  "\u201C": '"',
  "\u201D": '"',
  "\u201E": '"',
  "\u201F": '"',
  "\u2033": '"',
  "\u2039": "<",
  "\u203A": ">",
  "\u2010": "-",
  "\u2011": "-",
  "\u2012": "-",
  "\u2013": "-",
  "\u2014": "-",
  "\u2015": "-",
  "\u2212": "-",
  "\u2026": "...",
  "\u2022": "*",
  "\u20AC": "EUR",
  "\u2122": "(TM)",
  "\u2030": "o/oo",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2248": "~",
  "\u2044": "/",
  "\u0152": "OE",
  "\u0153": "oe",
  "\u1E9E": "SS",
  "\u0141": "L",
  "\u0142": "l",
  "\u0110": "D",
  "\u0111": "d",
  "\u0131": "i",
  "\u02C6": "^",
  "\u02DC": "~",
  "\u200B": "",
  "\u200C": "",
  "\u200D": "",
  "\u2060": "",
  "\uFEFF": "",
};

const LATIN1 = /^[\u0000-\u007F\u00A0-\u00FF]*$/;

/**
 * Text limited to what ISO-8859-1 holds without loss: é ü ß stay, “ ” → ", € → EUR, ł → l, č → c
 * (base letter), anything else → "?". Run before length checks: OCI limits count characters
 * after charset conversion (PROTOCOLS.md §1.5).
 */
export function transliterateToLatin1(text: string): string {
  if (LATIN1.test(text)) return text;
  let out = "";
  for (const char of text.normalize("NFC")) {
    if (LATIN1.test(char)) {
      out += char;
      continue;
    }
    const replacement = LATIN1_REPLACEMENTS[char];
    if (replacement !== undefined) {
      out += replacement;
      continue;
    }
    if (/^\p{M}$/u.test(char)) continue;
    const base = char.normalize("NFD").replace(/\p{M}/gu, "");
    out += base !== "" && LATIN1.test(base) ? base : "?";
  }
  return out;
}

/** The page as bytes in `charset`; Latin-1 output is transliterated first, so nothing is corrupted silently. */
export function encodeOciTransferPage(html: string, charset: OciCharset): Buffer {
  return charset === "utf-8" ? Buffer.from(html, "utf8") : Buffer.from(transliterateToLatin1(html), "latin1");
}
