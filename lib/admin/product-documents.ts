import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import {
  defaultDocumentTitle,
  MAX_DOCUMENT_TITLE_LENGTH,
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
  deleteProductDocument,
  lastNoticesOf,
  listProductDocuments,
  listSafetyDataSheetNotices,
  listSafetyDataSheetRecipients,
  recordSafetyDataSheetNotices,
  updateProductDocument,
  type NoticeSummary,
  type ProductDocumentInfo,
  type SheetRecipient,
} from "@/lib/data/product-documents";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { mailBaseUrl, readsMail } from "@/lib/mail/base-url";
import { safetyDataSheetMail } from "@/lib/mail/safety-data-sheet-mail";
import { deliverQueuedMail } from "@/lib/mail/send-mail";
import { getProductForAdminOrThrow } from "./access";

/**
 * Admins manage a product's documents — in the back office (admin → Products → a product) and through
 * the API (`/admin/api/products/:sku/documents`) — like its photos: account managers and their API keys
 * get "not found". A file is checked (a PDF, at most 20 MB) before anything is stored.
 */

/** What a document is: kind, language ("" = every language) and title ("" = from the file name). */
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
});
export type ProductDocumentFields = z.output<typeof productDocumentFieldsSchema>;

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

function viewOf(sku: string, info: ProductDocumentInfo): ProductDocumentView {
  const base = env.APP_URL?.replace(/\/$/, "") ?? "";
  return { ...info, url: base + productDocumentPath(sku, info.key, info.fileName) };
}

export async function listProductDocumentsAsAdmin(staff: StaffUser, sku: string): Promise<ProductDocumentView[]> {
  const product = await getProductForAdminOrThrow(staff, sku);
  return (await listProductDocuments(product.id)).map((info) => viewOf(product.sku, info));
}

export interface UploadedDocument {
  bytes: Uint8Array;
  /** The uploaded file's name, if any. */
  name: string | null;
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
): Promise<{ document: ProductDocumentView; alreadyPresent: boolean; notified: SheetAudience | null }> {
  const product = await getProductForAdminOrThrow(staff, sku);
  const problem = productDocumentProblem(file.bytes);
  if (problem) throw new AppError("invalid_input", problem, { file: file.name ?? "", maxMegabytes: 20 });
  const name = file.name?.trim().slice(0, 255) || null;
  const title = fields.title || defaultDocumentTitle(name, KIND_TITLES[fields.kind][fields.language ?? "nl"]);
  const result = await addProductDocument(
    product.id,
    { key: productDocumentKey(file.bytes), kind: fields.kind, language: fields.language, title, fileName: productDocumentFileName(name, title), bytes: file.bytes },
    staff.id,
    now,
  );
  switch (result.outcome) {
    case "product_not_found":
      throw new AppError("not_found", "product_not_found");
    case "too_many_documents":
      throw new AppError("conflict", "document_too_many", { max: MAX_DOCUMENTS_PER_PRODUCT });
    default: {
      const alreadyPresent = result.outcome === "already_present";
      const notified =
        options.notify && !alreadyPresent && result.document.kind === "safety_data_sheet" ? await sendSafetyDataSheetAsAdmin(staff, product.sku, result.document.key, now) : null;
      return { document: viewOf(product.sku, result.document), alreadyPresent, notified };
    }
  }
}

/** Changes a document's kind, language and title (an empty title keeps the current one). */
export async function updateProductDocumentAsAdmin(staff: StaffUser, sku: string, key: string, fields: ProductDocumentFields): Promise<void> {
  const product = await getProductForAdminOrThrow(staff, sku);
  const changed = await updateProductDocument(product.id, key, { kind: fields.kind, language: fields.language, ...(fields.title ? { title: fields.title } : {}) });
  if (!changed) throw new AppError("not_found", "document_not_found");
}

export async function deleteProductDocumentAsAdmin(staff: StaffUser, sku: string, key: string): Promise<void> {
  const product = await getProductForAdminOrThrow(staff, sku);
  if (!(await deleteProductDocument(product.id, key))) throw new AppError("not_found", "document_not_found");
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
export async function productDocumentsPageAsAdmin(staff: StaffUser, sku: string, now: Date): Promise<{ documents: ProductDocumentView[]; sheets: SheetStatus | null }> {
  const product = await getProductForAdminOrThrow(staff, sku);
  const infos = await listProductDocuments(product.id);
  const documents = infos.map((info) => viewOf(product.sku, info));
  if (!infos.some((document) => document.kind === "safety_data_sheet")) return { documents, sheets: null };
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
  const document = (await listProductDocuments(product.id)).find((candidate) => candidate.key === key);
  if (!document) throw new AppError("not_found", "document_not_found");
  if (document.kind !== "safety_data_sheet") throw new AppError("invalid_input", "document_not_safety_data_sheet");
  const { recipients, audience } = await sheetRecipients(product.id, now);
  const base = await mailBaseUrl();
  const sent = recipients.map((recipient) => ({
    recipient,
    mail: safetyDataSheetMail(recipient, {
      sku: product.sku,
      productName: recipient.locale === "en" ? product.nameEn : product.nameNl,
      documentTitle: document.title,
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
