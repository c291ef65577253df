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
  type ProductDocumentKind,
  type ProductDocumentLanguage,
} from "@/lib/catalog/product-document";
import {
  addProductDocument,
  deleteProductDocument,
  listProductDocuments,
  updateProductDocument,
  type ProductDocumentInfo,
} from "@/lib/data/product-documents";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
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

export async function uploadProductDocumentAsAdmin(
  staff: StaffUser,
  sku: string,
  file: UploadedDocument,
  fields: ProductDocumentFields,
  now: Date,
): Promise<{ document: ProductDocumentView; alreadyPresent: boolean }> {
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
    default:
      return { document: viewOf(product.sku, result.document), alreadyPresent: result.outcome === "already_present" };
  }
}

/** Changes a document's kind, language and title (an empty title keeps the current one). */
export async function updateProductDocumentAsAdmin(staff: StaffUser, sku: string, key: string, fields: ProductDocumentFields): Promise<void> {
  const product = await getProductForAdminOrThrow(staff, sku);
  const current = (await listProductDocuments(product.id)).find((document) => document.key === key);
  if (!current) throw new AppError("not_found", "document_not_found");
  const changed = await updateProductDocument(product.id, key, { kind: fields.kind, language: fields.language, title: fields.title || current.title });
  if (!changed) throw new AppError("not_found", "document_not_found");
}

export async function deleteProductDocumentAsAdmin(staff: StaffUser, sku: string, key: string): Promise<void> {
  const product = await getProductForAdminOrThrow(staff, sku);
  if (!(await deleteProductDocument(product.id, key))) throw new AppError("not_found", "document_not_found");
}
