import { inflateSync } from "node:zlib";

/**
 * Reads back the text of a PDF as pdfkit writes it with the standard fonts: every text run is a
 * `[<hex> kerning <hex> …] TJ` array of WinAnsi codes inside a (Flate-compressed) page content
 * stream. Enough to check what an invoice PDF says, page by page, without a PDF library; it throws
 * on anything it does not understand instead of returning an empty text.
 */

const WIN_ANSI_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

function winAnsi(bytes: Buffer): string {
  let out = "";
  for (const b of bytes) out += b >= 0x80 && b <= 0x9f ? WIN_ANSI_HIGH[b - 0x80] : String.fromCharCode(b);
  return out;
}

export interface PdfText {
  /** Text runs per page, in page order. */
  pages: string[][];
  /** The /Info dictionary source (Title, Author, CreationDate …). */
  info: string;
}

export function extractPdfText(pdf: Uint8Array): PdfText {
  const buffer = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const source = buffer.toString("latin1");
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const objectPattern = /(\d+) 0 obj\n/g;
  let match: RegExpExecArray | null;
  while ((match = objectPattern.exec(source))) {
    const start = match.index + match[0].length;
    const end = source.indexOf("endobj", start);
    if (end < 0) throw new Error(`object ${match[1]} has no endobj`);
    const body = source.slice(start, end);
    const streamAt = body.indexOf("\nstream\n");
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body, stream: null });
      objectPattern.lastIndex = end;
      continue;
    }
    const dict = body.slice(0, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    if (!Number.isFinite(length)) throw new Error(`stream object ${match[1]} without /Length`);
    const dataStart = start + streamAt + "\nstream\n".length;
    const raw = buffer.subarray(dataStart, dataStart + length);
    objects.set(Number(match[1]), { dict, stream: dict.includes("/FlateDecode") ? inflateSync(raw) : raw });
    objectPattern.lastIndex = source.indexOf("endobj", dataStart + length);
  }

  const trailer = /trailer\n<<([\s\S]*?)>>\nstartxref/.exec(source)?.[1] ?? "";
  const rootId = Number(/\/Root (\d+) 0 R/.exec(trailer)?.[1]);
  const infoId = Number(/\/Info (\d+) 0 R/.exec(trailer)?.[1]);
  const root = objects.get(rootId)?.dict ?? "";
  const pagesId = Number(/\/Pages (\d+) 0 R/.exec(root)?.[1]);
  const kids = /\/Kids \[([^\]]*)\]/.exec(objects.get(pagesId)?.dict ?? "")?.[1];
  if (!kids) throw new Error("no page tree");
  const pageIds = [...kids.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));

  const pages = pageIds.map((id) => {
    const page = objects.get(id)?.dict ?? "";
    const contentIds = [...(/\/Contents (\[[^\]]*\]|\d+ 0 R)/.exec(page)?.[1] ?? "").matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
    if (contentIds.length === 0) throw new Error(`page ${id} has no content`);
    const content = contentIds.map((cid) => objects.get(cid)?.stream?.toString("latin1") ?? "").join("\n");
    return [...content.matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?[\d.]+)*)\]\s*TJ/g)].map((tj) =>
      [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((hex) => winAnsi(Buffer.from(hex[1]!, "hex"))).join(""),
    );
  });
  // pdfkit writes each info value as its own object: inline them (`/Title 15 0 R` → `/Title (…)`).
  const info = (objects.get(infoId)?.dict ?? "").replace(/(\d+) 0 R/g, (ref, id: string) => objects.get(Number(id))?.dict.trim() ?? ref);
  return { pages, info };
}

/** All text of the PDF, one run per line. */
export function pdfPlainText(pdf: Uint8Array): string {
  return extractPdfText(pdf)
    .pages.map((runs) => runs.join("\n"))
    .join("\n");
}
