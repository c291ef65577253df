/**
 * Decodes an application/x-www-form-urlencoded body in the charset it was sent in. SAP systems
 * post OCI call-ups and BACKGROUND_SEARCH requests in ISO-8859-1 (OCI §1.5): `%E9` is "é" there,
 * but invalid UTF-8 for URLSearchParams. The charset comes from the Content-Type, else from the
 * request's own `http_content_charset` parameter, else UTF-8.
 */
export function decodeFormBody(body: Uint8Array, contentType: string | null): [string, string][] {
  const raw = Buffer.from(body).toString("latin1");
  const pairs = raw
    .split("&")
    .filter((part) => part.length > 0)
    .map((part): [string, string] => {
      const eq = part.indexOf("=");
      return eq === -1 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)];
    });
  const declared = /charset=["']?([\w-]+)/i.exec(contentType ?? "")?.[1];
  const inBody = pairs.find(([name]) => percentDecode(name, "utf-8").toLowerCase() === "http_content_charset")?.[1];
  const charset = normalizeCharset(declared ?? (inBody ? percentDecode(inBody, "utf-8") : undefined));
  return pairs.map(([name, value]) => [percentDecode(name, charset), percentDecode(value, charset)]);
}

function normalizeCharset(label: string | undefined): "utf-8" | "latin1" {
  const lower = label?.trim().toLowerCase();
  return lower && ["iso-8859-1", "iso8859-1", "latin1", "latin-1", "windows-1252", "cp1252"].includes(lower) ? "latin1" : "utf-8";
}

function percentDecode(text: string, charset: "utf-8" | "latin1"): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === "+") bytes.push(0x20);
    else if (char === "%" && /^[0-9a-f]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(char.charCodeAt(0) & 0xff);
  }
  return charset === "latin1" ? Buffer.from(bytes).toString("latin1") : new TextDecoder("utf-8").decode(new Uint8Array(bytes));
}
