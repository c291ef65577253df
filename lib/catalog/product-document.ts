import { createHash } from "node:crypto";

/**
 * Product documents (db/schema/product-documents.ts), pure: what may be stored, under which key and
 * file name, at which URL, and in which order a buyer sees them. PDFs only: what procurement systems,
 * buyers' document archives and safety officers accept without questions, and a type whose signature we
 * can check (a "datasheet" that is really an HTML page would be served as such otherwise).
 */

export const PRODUCT_DOCUMENT_KINDS = ["datasheet", "safety_data_sheet", "manual", "certificate", "other"] as const;
export type ProductDocumentKind = (typeof PRODUCT_DOCUMENT_KINDS)[number];

export const PRODUCT_DOCUMENT_LANGUAGES = ["nl", "en"] as const;
export type ProductDocumentLanguage = (typeof PRODUCT_DOCUMENT_LANGUAGES)[number];

/** A safety data sheet or manual with photos stays well below this; a scanned book does not belong here. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
export const MAX_DOCUMENTS_PER_PRODUCT = 12;
/**
 * Versions kept per document, the current one included: a safety data sheet revised every year for the
 * ten years REACH art. 36 asks a supplier to keep what it supplied, and room to spare.
 */
export const MAX_DOCUMENT_VERSIONS = 20;
/** "3.1", "Rev. 12", "2026-02": a label as printed on the document. */
export const MAX_DOCUMENT_VERSION_LENGTH = 20;
/** OCI NEW_ITEM-ATTACHMENT_TITLE takes 255; a title is a label, not a description. */
export const MAX_DOCUMENT_TITLE_LENGTH = 120;
export const PRODUCT_DOCUMENT_TYPE = "application/pdf";

export type ProductDocumentProblem = "document_empty" | "document_too_large" | "document_not_pdf";

/**
 * Why a file cannot be a product document, or null. A PDF starts with `%PDF-`; readers accept the header
 * anywhere in the first 1024 bytes (ISO 32000-1 §7.5.2 implementation note), so we do too.
 */
export function productDocumentProblem(bytes: Uint8Array): ProductDocumentProblem | null {
  if (bytes.byteLength === 0) return "document_empty";
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) return "document_too_large";
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024));
  return head.includes("%PDF-", 0, "latin1") ? null : "document_not_pdf";
}

/** 24 hex characters of the file's SHA-256: the same file is the same document. */
export function productDocumentKey(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 24);
}

/**
 * The download's file name: the uploaded name (or the title) in plain ASCII — letters, digits, dots,
 * dashes and underscores; accents dropped, anything else a dash — ending in `.pdf`, at most 100
 * characters. Safe in a URL path and a Content-Disposition header without encoding.
 */
export function productDocumentFileName(name: string | null, title: string): string {
  const base = (name?.trim() || title)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\.pdf$/i, "")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 96);
  return `${base || "document"}.pdf`;
}

/** The title when none was typed: the uploaded file's name without its extension, else the kind's label. */
export function defaultDocumentTitle(name: string | null, kindLabel: string): string {
  const fromName = name?.replace(/\.pdf$/i, "").replace(/[_]+/g, " ").trim();
  return (fromName || kindLabel).slice(0, MAX_DOCUMENT_TITLE_LENGTH);
}

/** "340 kB", "2,4 MB" (at least 1 kB: a size of 0 kB looks like a broken file). */
export function documentSizeText(bytes: number, locale: string): string {
  if (bytes >= 1024 * 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** URL path of a document (relative to the shop's origin): public, and cacheable forever thanks to the key. */
export function productDocumentPath(sku: string, key: string, fileName: string): string {
  return `/product-documents/${encodeURIComponent(sku)}/${key}/${encodeURIComponent(fileName)}`;
}

/** A key as it appears in a document URL, or null (a 404). */
export function parseProductDocumentKey(key: string): string | null {
  return /^[0-9a-f]{24}$/.test(key) ? key : null;
}

export interface DocumentOrderFields {
  kind: ProductDocumentKind;
  language: ProductDocumentLanguage | null;
  title: string;
}

const KIND_ORDER = new Map<ProductDocumentKind, number>(PRODUCT_DOCUMENT_KINDS.map((kind, index) => [kind, index]));

/**
 * The order a buyer reading `locale` sees a product's documents in: by kind (datasheet, safety data sheet,
 * manual, certificate, other), within a kind the reader's language first, then those for every language,
 * then the others; then by title. Documents in another language are shown, not hidden: a Dutch buyer may
 * still need the English certificate when there is no Dutch one.
 */
export function orderDocumentsForReader<T extends DocumentOrderFields>(documents: readonly T[], locale: string): T[] {
  if (documents.length < 2) return [...documents];
  const languageRank = (language: ProductDocumentLanguage | null) => (language === locale ? 0 : language === null ? 1 : 2);
  // One collator per call: localeCompare with a locale builds one per comparison (a 500-line transfer's cost).
  const { compare } = new Intl.Collator(locale);
  return [...documents].sort(
    (a, b) => KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || languageRank(a.language) - languageRank(b.language) || compare(a.title, b.title),
  );
}

/**
 * The one document a procurement system gets where it takes a single attachment per line (OCI
 * NEW_ITEM-ATTACHMENT): the safety data sheet if there is one (the buyer's receiving and safety staff
 * need it with the goods), else the datasheet; in the reader's language where possible. Null when the
 * product has neither: manuals and certificates are on the product page, not in every requisition.
 */
export function primaryAttachment<T extends DocumentOrderFields>(documents: readonly T[], locale: string): T | null {
  const ordered = orderDocumentsForReader(documents, locale);
  return ordered.find((document) => document.kind === "safety_data_sheet") ?? ordered.find((document) => document.kind === "datasheet") ?? null;
}

/**
 * Since when a product's buyers get its safety data sheet: REACH art. 31(9) — "all former recipients to
 * whom they have supplied the substance or mixture within the preceding 12 months". The same instant a
 * year earlier (29 February falls back to 1 March).
 */
export function sheetRecipientsSince(now: Date): Date {
  const since = new Date(now.getTime());
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  return since;
}

export interface VersionedDocument {
  seriesKey: string;
  supersededAt: Date | null;
  createdAt: Date;
}

/**
 * A product's stored documents as its current documents, each with its earlier versions (newest first),
 * in the order given for the current ones. An earlier version whose current one is missing (it cannot be,
 * the data layer promotes one when the current is removed) is listed as current rather than lost.
 */
export function groupDocumentVersions<T extends VersionedDocument>(documents: readonly T[]): (T & { earlierVersions: T[] })[] {
  const earlier = new Map<string, T[]>();
  for (const document of documents) {
    if (document.supersededAt === null) continue;
    const list = earlier.get(document.seriesKey) ?? [];
    list.push(document);
    earlier.set(document.seriesKey, list);
  }
  const currentSeries = new Set(documents.filter((document) => document.supersededAt === null).map((document) => document.seriesKey));
  const newestFirst = (a: T, b: T) => b.supersededAt!.getTime() - a.supersededAt!.getTime() || b.createdAt.getTime() - a.createdAt.getTime();
  return documents
    .filter((document) => document.supersededAt === null || !currentSeries.has(document.seriesKey))
    .map((document) => ({
      ...document,
      earlierVersions: document.supersededAt === null ? [...(earlier.get(document.seriesKey) ?? [])].sort(newestFirst) : [],
    }));
}
