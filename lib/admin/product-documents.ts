import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import {
  defaultDocumentTitle,
  groupDocumentVersions,
  MAX_DOCUMENT_TITLE_LENGTH,
  MAX_DOCUMENT_VERSION_LENGTH,
  MAX_DOCUMENT_VERSIONS,
  MAX_DOCUMENTS_PER_PRODUCT,
  PRODUCT_DOCUMENT_KINDS,
  PRODUCT_DOCUMENT_LANGUAGES,
  productDocumentFileName,
  productDocumentKey,
  productDocumentPath,
  productDocumentProblem,
  sheetRecipientsSince,
  type ProductDocumentKind,
  type ProductDocumentLanguage,
} from "@/lib/catalog/product-document";
import {
  addProductDocument,
  type AddProductDocumentResult,
  deleteProductDocument,
  lastNoticesOf,
  listProductDocumentVersions,
  listSafetyDataSheetNotices,
  listSafetyDataSheetRecipients,
  recordSafetyDataSheetNotices,
  updateProductDocument,
  type NoticeSummary,
  type ProductDocumentInfo,
  type ProductDocumentVersionInfo,
  type SheetRecipient,
} from "@/lib/data/product-documents";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { mailBaseUrl, readsMail } from "@/lib/mail/base-url";
import { safetyDataSheetMail } from "@/lib/mail/safety-data-sheet-mail";
import { deliverQueuedMail } from "@/lib/mail/send-mail";
import { getProductForAdminOrThrow } from "./access";
import { productName } from "@/lib/catalog/product-name";

/**
 * Admins manage a product's documents — in the back office (admin → Products → a product) and through
 * the API (`/admin/api/products/:sku/documents`) — like its photos: account managers and their API keys
 * get "not found". A file is checked (a PDF, at most 20 MB) before anything is stored.
 */

/** A real calendar date as YYYY-MM-DD ("2026-02-30" is not one). */
const isCalendarDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/**
 * A version's own facts: its version label and revision date as printed on it. Absent: unchanged (an
 * update) or none (an upload); empty or null: none.
 */
const versionFields = {
  version: z
    .string()
    .trim()
    .max(MAX_DOCUMENT_VERSION_LENGTH, "document_version_too_long")
    .nullable()
    .optional()
    .transform((value) => (value === undefined ? undefined : value || null)),
  revisedOn: z
    .string()
    .trim()
    .refine((value) => value === "" || isCalendarDate(value), "document_revised_on_invalid")
    .nullable()
    .optional()
    .transform((value) => (value === undefined ? undefined : value || null)),
};

/** What a document is: kind, language ("" = every language), title ("" = from the file name), version and revision date. */
export const productDocumentFieldsSchema = z.object({
  kind: z.enum(PRODUCT_DOCUMENT_KINDS),
  language: z
    .union([z.enum(PRODUCT_DOCUMENT_LANGUAGES), z.literal("")])
    .optional()
    .transform((value): ProductDocumentLanguage | null => value || null),
  title: z
    .string()
    .trim()
    .max(MAX_DOCUMENT_TITLE_LENGTH, "document_title_too_long")
    .optional()
    .transform((value) => value ?? ""),
  ...versionFields,
});
type OptionalVersionFields<T> = Omit<T, "version" | "revisedOn"> & { version?: string | null; revisedOn?: string | null };
export type ProductDocumentFields = OptionalVersionFields<z.output<typeof productDocumentFieldsSchema>>;

/** A new version of a document: it keeps the document's kind and language; title "" = the document's title. */
export const productDocumentVersionFieldsSchema = productDocumentFieldsSchema.pick({ title: true, version: true, revisedOn: true });
export type ProductDocumentVersionFields = OptionalVersionFields<z.output<typeof productDocumentVersionFieldsSchema>>;

/** Used as a title when neither a title nor a file name came with the upload (API without ?filename=). */
const KIND_TITLES: Record<ProductDocumentKind, { nl: string; en: string }> = {
  datasheet: { nl: "Productblad", en: "Datasheet" },
  safety_data_sheet: { nl: "Veiligheidsinformatieblad", en: "Safety data sheet" },
  manual: { nl: "Handleiding", en: "Manual" },
  certificate: { nl: "Certificaat", en: "Certificate" },
  other: { nl: "Document", en: "Document" },
};

export interface ProductDocumentView extends ProductDocumentInfo {
  /** Absolute when APP_URL is set (what the API answers), else relative to the shop. */
  url: string;
}

export interface EarlierVersionView extends ProductDocumentView {
  /** When a newer version took its place. */
  supersededAt: Date;
}

/** A current document with its earlier versions, newest first (still served at their URLs, no longer shown). */
export interface VersionedDocumentView extends ProductDocumentView {
  earlierVersions: EarlierVersionView[];
}

function viewOf(sku: string, info: ProductDocumentInfo): ProductDocumentView {
  const base = env.APP_URL?.replace(/\/$/, "") ?? "";
  const { key, kind, language, title, fileName, byteSize, createdAt, version, revisedOn } = info;
  return { key, kind, language, title, fileName, byteSize, createdAt, version, revisedOn, url: base + productDocumentPath(sku, key, fileName) };
}

function versionedViews(sku: string, stored: ProductDocumentVersionInfo[]): VersionedDocumentView[] {
  return groupDocumentVersions(stored).map((document) => ({
    ...viewOf(sku, document),
    earlierVersions: document.earlierVersions.map((earlier) => ({ ...viewOf(sku, earlier), supersededAt: earlier.supersededAt! })),
  }));
}

/** The product's current documents, each with its earlier versions. */
export async function listProductDocumentsAsAdmin(staff: StaffUser, sku: string): Promise<VersionedDocumentView[]> {
  const product = await getProductForAdminOrThrow(staff, sku);
  return versionedViews(product.sku, await listProductDocumentVersions(product.id));
}

export interface UploadedDocument {
  bytes: Uint8Array;
  /** The uploaded file's name, if any. */
  name: string | null;
}

export interface DocumentUploadResult {
  document: ProductDocumentView;
  alreadyPresent: boolean;
  notified: SheetAudience | null;
}

/**
 * Stores an uploaded document. With `notify`, a new safety data sheet also goes to the product's buyers
 * of the last twelve months (sendSafetyDataSheetAsAdmin); a file stored before is not sent again here.
 */
export async function uploadProductDocumentAsAdmin(
  staff: StaffUser,
  sku: string,
  file: UploadedDocument,
  fields: ProductDocumentFields,
  now: Date,
  options: { notify?: boolean } = {},
): Promise<DocumentUploadResult> {
  const product = await getProductForAdminOrThrow(staff, sku);
  const name = checkedFileName(file);
  const title = fields.title || defaultDocumentTitle(name, KIND_TITLES[fields.kind][fields.language ?? "nl"]);
  const document = { key: productDocumentKey(file.bytes), kind: fields.kind, language: fields.language, title, fileName: productDocumentFileName(name, title), version: fields.version ?? null, revisedOn: fields.revisedOn ?? null, bytes: file.bytes };
  return storedUpload(staff, product.sku, await addProductDocument(product.id, document, staff.id, now), now, options);
}

/**
 * Stores a new version of the product's current document `replaces` (a revised safety data sheet, a
 * renewed certificate): it takes that document's kind, language and — unless one is given — title; the
 * replaced version stays stored and served, listed as an earlier version. With `notify`, a new safety data
 * sheet goes to the product's recent buyers as on a first upload.
 */
export async function uploadProductDocumentVersionAsAdmin(
  staff: StaffUser,
  sku: string,
  replaces: string,
  file: UploadedDocument,
  fields: ProductDocumentVersionFields,
  now: Date,
  options: { notify?: boolean } = {},
): Promise<DocumentUploadResult> {
  const product = await getProductForAdminOrThrow(staff, sku);
  const name = checkedFileName(file);
  const document = {
    key: productDocumentKey(file.bytes),
    // Taken from the replaced document by the data layer.
    kind: "other" as const,
    language: null,
    title: fields.title,
    fileName: productDocumentFileName(name, fields.title || "document"),
    version: fields.version ?? null,
    revisedOn: fields.revisedOn ?? null,
    bytes: file.bytes,
  };
  return storedUpload(staff, product.sku, await addProductDocument(product.id, document, staff.id, now, { replaces }), now, options);
}

function checkedFileName(file: UploadedDocument): string | null {
  const problem = productDocumentProblem(file.bytes);
  if (problem) throw new AppError("invalid_input", problem, { file: file.name ?? "", maxMegabytes: 20 });
  return file.name?.trim().slice(0, 255) || null;
}

async function storedUpload(staff: StaffUser, sku: string, result: AddProductDocumentResult, now: Date, options: { notify?: boolean }): Promise<DocumentUploadResult> {
  switch (result.outcome) {
    case "product_not_found":
      throw new AppError("not_found", "product_not_found");
    case "document_not_found":
      throw new AppError("not_found", "document_not_found");
    case "too_many_documents":
      throw new AppError("conflict", "document_too_many", { max: MAX_DOCUMENTS_PER_PRODUCT });
    case "too_many_versions":
      throw new AppError("conflict", "document_too_many_versions", { max: MAX_DOCUMENT_VERSIONS });
    case "document_superseded":
      throw new AppError("conflict", "document_superseded");
    case "earlier_version":
      throw new AppError("conflict", "document_earlier_version", { title: result.document.title });
    default: {
      const alreadyPresent = result.outcome === "already_present";
      const notified = options.notify && !alreadyPresent && result.document.kind === "safety_data_sheet" ? await sendSafetyDataSheetAsAdmin(staff, sku, result.document.key, now) : null;
      return { document: viewOf(sku, result.document), alreadyPresent, notified };
    }
  }
}

/**
 * Changes a document's kind and language (on all its versions) and this version's title (an empty title
 * keeps the current one), version and revision date (absent: unchanged).
 */
export async function updateProductDocumentAsAdmin(staff: StaffUser, sku: string, key: string, fields: ProductDocumentFields): Promise<void> {
  const product = await getProductForAdminOrThrow(staff, sku);
  const { kind, language, title, version, revisedOn } = fields;
  const changed = await updateProductDocument(product.id, key, {
    kind,
    language,
    ...(title ? { title } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(revisedOn !== undefined ? { revisedOn } : {}),
  });
  if (!changed) throw new AppError("not_found", "document_not_found");
}

/** Removes one version; when it was the current one, the previous version (its key: `restored`) is current again. */
export async function deleteProductDocumentAsAdmin(staff: StaffUser, sku: string, key: string): Promise<{ restored: string | null }> {
  const product = await getProductForAdminOrThrow(staff, sku);
  const deleted = await deleteProductDocument(product.id, key);
  if (!deleted) throw new AppError("not_found", "document_not_found");
  return deleted;
}

// ---------------------------------------------------------------------------------------------
// Safety data sheets to the product's buyers of the last twelve months (REACH art. 31(9))

export interface SheetAudience {
  people: number;
  companies: number;
  /** Customers that bought the product but have nobody left to mail (no active orderer or company admin): named, not skipped silently. */
  unreached: string[];
}

/** Who a safety data sheet of the product would go to now (mail-reading addresses only), and who bought it but cannot be reached. */
async function sheetRecipients(productId: number, now: Date): Promise<{ recipients: SheetRecipient[]; audience: SheetAudience }> {
  const found = await listSafetyDataSheetRecipients(productId, sheetRecipientsSince(now));
  const recipients = found.recipients.filter((recipient) => readsMail(recipient.email));
  const reached = new Set(recipients.map((recipient) => recipient.companyId));
  return {
    recipients,
    audience: {
      people: recipients.length,
      companies: reached.size,
      unreached: found.buyers.filter((buyer) => !reached.has(buyer.companyId)).map((buyer) => buyer.companyName),
    },
  };
}

export interface SheetStatus {
  audience: SheetAudience;
  lastSent: Map<string, NoticeSummary>;
}

/**
 * The product page's documents card in one read of the product and its documents: the documents and,
 * for a product with a safety data sheet, how many people at how many customers a sheet would reach
 * now and per document when it was last sent (`sheets` null: nothing to send).
 */
export async function productDocumentsPageAsAdmin(staff: StaffUser, sku: string, now: Date): Promise<{ documents: VersionedDocumentView[]; sheets: SheetStatus | null }> {
  const product = await getProductForAdminOrThrow(staff, sku);
  const documents = versionedViews(product.sku, await listProductDocumentVersions(product.id));
  if (!documents.some((document) => document.kind === "safety_data_sheet")) return { documents, sheets: null };
  const [{ audience }, lastSent] = await Promise.all([sheetRecipients(product.id, now), lastNoticesOf(product.id)]);
  return { documents, sheets: { audience, lastSent } };
}

/**
 * Mails the product's safety data sheet `key` to everyone who bought the product in the last twelve
 * months (per customer its orderers, else its company admins), each in their language with the
 * permanent link, and records who was sent it. Sending again is allowed (and recorded again).
 */
export async function sendSafetyDataSheetAsAdmin(staff: StaffUser, sku: string, key: string, now: Date): Promise<SheetAudience> {
  const product = await getProductForAdminOrThrow(staff, sku);
  const document = (await listProductDocumentVersions(product.id)).find((candidate) => candidate.key === key);
  if (!document) throw new AppError("not_found", "document_not_found");
  // Only the current version is sent: an earlier one would tell buyers something no longer true.
  if (document.supersededAt !== null) throw new AppError("conflict", "document_superseded");
  if (document.kind !== "safety_data_sheet") throw new AppError("invalid_input", "document_not_safety_data_sheet");
  const { recipients, audience } = await sheetRecipients(product.id, now);
  const base = await mailBaseUrl();
  const sent = recipients.map((recipient) => ({
    recipient,
    mail: safetyDataSheetMail(recipient, {
      sku: product.sku,
      productName: productName(product, recipient.locale),
      documentTitle: document.title,
      documentVersion: document.version,
      documentRevisedOn: document.revisedOn,
      documentLink: base + productDocumentPath(product.sku, document.key, document.fileName),
      productLink: `${base}/products/${encodeURIComponent(product.sku)}`,
    }),
  }));
  await recordSafetyDataSheetNotices(product.id, { key: document.key, title: document.title }, sent, staff.id, now);
  await deliverQueuedMail();
  return audience;
}

/** The record of who was sent one of the product's safety data sheets, newest first. */
export async function listSafetyDataSheetNoticesAsAdmin(staff: StaffUser, sku: string, key: string) {
  const product = await getProductForAdminOrThrow(staff, sku);
  return listSafetyDataSheetNotices(product.id, key);
}
