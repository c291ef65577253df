import { AppError } from "@/lib/errors";

/**
 * Pasted or uploaded lists of `code;value` lines (quick order, own article numbers): what Excel copies
 * (tab-separated), what it saves as "CSV" (semicolons in the Netherlands) and plain commas. Pure.
 */

/** The lines that carry something, numbered as in the input (a UTF-8 byte-order mark and blank or separator-only lines dropped). */
export function delimitedRows(input: string): { raw: string; lineNumber: number }[] {
  return input
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\n|\r/)
    .map((raw, index) => ({ raw, lineNumber: index + 1 }))
    .filter((row) => row.raw.trim() !== "" && !/^[;,\t\s"]*$/.test(row.raw));
}

/**
 * A line's fields: split on a tab if it has one outside quotes, else on `;`, else on `,` (what Excel
 * writes for "CSV" in the Netherlands, and elsewhere); trimmed. A field that starts with a quote is
 * quoted as in RFC 4180: separators inside it are text (`"Jansen, Jan"`) and `""` is a quote. A quote
 * anywhere else is text (`3/4" fitting`), and so is a quote that is never closed.
 */
export function delimitedFields(line: string): string[] {
  return delimitedLine(line).fields.map((field) => field.text);
}

/**
 * delimitedFields with the separator it split on and whether each field was quoted: a reader that
 * must tell "KP-1,2,5" (a Dutch 2,5 or two columns?) from "KP-1","2","5" (three columns).
 */
export function delimitedLine(line: string): { separator: "\t" | ";" | ","; fields: { text: string; quoted: boolean }[] } {
  for (const separator of ["\t", ";"] as const) {
    const fields = splitFields(line, separator);
    if (fields.length > 1) return { separator, fields };
  }
  return { separator: ",", fields: splitFields(line, ",") };
}

function splitFields(line: string, separator: string): { text: string; quoted: boolean }[] {
  const fields: { text: string; quoted: boolean }[] = [];
  let start = 0;
  for (;;) {
    let at = start;
    while (at < line.length && line[at] !== separator && /\s/.test(line[at]!)) at++;
    let end: number;
    let value: string | null = null;
    if (line[at] === '"') {
      // Quoted: up to the quote that is not doubled; what follows it up to the separator stays (trimmed).
      let text = "";
      let index = at + 1;
      let closed = false;
      while (index < line.length) {
        if (line[index] === '"') {
          if (line[index + 1] === '"') {
            text += '"';
            index += 2;
            continue;
          }
          closed = true;
          index++;
          break;
        }
        text += line[index];
        index++;
      }
      if (closed) {
        end = line.indexOf(separator, index);
        if (end === -1) end = line.length;
        value = (text + line.slice(index, end)).trim();
      } else {
        end = line.indexOf(separator, at);
        if (end === -1) end = line.length;
      }
    } else {
      end = line.indexOf(separator, at);
      if (end === -1) end = line.length;
    }
    fields.push({ text: value ?? line.slice(start, end).trim(), quoted: value !== null });
    if (end >= line.length) return fields;
    start = end + 1;
  }
}

/**
 * Decodes an uploaded file: UTF-16 when it starts with a UTF-16 byte-order mark (Excel's "Unicode
 * text", tab-separated, is UTF-16 LE with one), else UTF-8 (with or without BOM), falling back to
 * Windows-1252 – what Excel on Windows writes for "CSV" – when the bytes are not valid UTF-8.
 */
export function decodeUpload(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}

/** The list a form sent: the uploaded file when there is one (refused above `maxBytes`), else the pasted text. */
export async function submittedList(input: { text: string; file?: File }, maxBytes: number): Promise<string> {
  if (!input.file || input.file.size === 0) return input.text;
  if (input.file.size > maxBytes) throw new AppError("invalid_input", "file_too_large", { max: maxBytes / 1024 });
  return decodeUpload(new Uint8Array(await input.file.arrayBuffer()));
}
