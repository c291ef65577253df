/** Inbound cXML as it goes into the protocol message log (PROTOCOLS.md §5: never log a SharedSecret). */

// `[\s\S]*?(?:close|$)`: an unclosed SharedSecret (malformed input) is redacted up to the end.
const SHARED_SECRET = /<SharedSecret\b([^>]*?)(\/>|>[\s\S]*?(?:<\/SharedSecret\s*>|$))/gi;

/** Replaces the content of every `<SharedSecret>` with `***`, also in documents that do not parse. */
export function redactCxmlSecrets(xml: string): string {
  return xml.replace(SHARED_SECRET, (match, attrs: string, rest: string) => (rest === "/>" ? match : `<SharedSecret${attrs}>***</SharedSecret>`));
}

/**
 * Bytes of an inbound document as text for the log, in the encoding it declares (BOM, then the
 * XML declaration, else UTF-8); undecodable bytes become U+FFFD instead of failing.
 */
export function cxmlTextForLog(bytes: Uint8Array): string {
  let label = "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) label = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = "utf-16be";
  else if (!(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) {
    const head = Buffer.from(bytes.subarray(0, 200)).toString("latin1");
    label = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1] ?? "utf-8";
  }
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
