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

/** A line's fields: split on a tab if it has one, else on `;`, else on `,`; trimmed and unquoted (`"a""b"` → `a"b`). */
export function delimitedFields(line: string): string[] {
  const separator = line.includes("\t") ? "\t" : line.includes(";") ? ";" : ",";
  return line.split(separator).map((field) => {
    const trimmed = field.trim();
    return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).replace(/""/g, '"').trim() : trimmed;
  });
}

/**
 * Decodes an uploaded file: UTF-8 (with or without BOM), falling back to Windows-1252 – what
 * Excel on Windows writes for "CSV" – when the bytes are not valid UTF-8.
 */
export function decodeUpload(bytes: Uint8Array): string {
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
