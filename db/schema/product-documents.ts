import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { companies, users } from "./companies";
import { products } from "./catalog";

/**
 * A product's documents: datasheets, safety data sheets (REACH art. 31), manuals, certificates — PDFs
 * the shop shows on the product page and hands to procurement systems (OCI NEW_ITEM-ATTACHMENT, cXML
 * AttachmentReference) and catalogue files (BMEcat MIME_INFO). `key` is a hash of the file: its URL
 * never changes meaning and may be cached forever; the same file twice on one product is one document.
 * `language` null: for every language (a multilingual sheet, drawings).
 *
 * A document has versions (a safety data sheet is revised, a certificate renewed): a new version joins
 * its predecessor's `series_key` and the predecessor gets `superseded_at`. Earlier versions stay stored and
 * served at their URL — mails, procurement systems' attachments and catalogue files link to the version
 * they carried — but the shop, punchout carts and catalogue files show only the current one. REACH art. 36
 * has a supplier keep the information it supplied for ten years.
 */
export const productDocuments = pgTable(
  "product_documents",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    kind: text("kind", { enum: ["datasheet", "safety_data_sheet", "manual", "certificate", "other"] }).notNull(),
    language: text("language", { enum: ["nl", "en"] }),
    title: text("title").notNull(),
    /** The download's file name (ASCII, ends in .pdf): also the last part of its URL. */
    fileName: text("file_name").notNull(),
    /** The versions of one document share this (the first version's key, or a random id): at most one of them is current. */
    seriesKey: text("series_key").notNull(),
    /** The document's own version ("3.1", "2026-02"), as printed on it (an SDS's section 16); free text. */
    version: text("version"),
    /** The date the document itself gives as its revision or issue date (not when it was uploaded). */
    revisedOn: date("revised_on"),
    /** Set when a newer version took its place: kept and served, no longer shown. */
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
    bytes: bytea("bytes").notNull(),
    byteSize: integer("byte_size").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    createdByUserId: integer("created_by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    // Also the index for a product's documents (product_id leads).
    uniqueIndex("product_documents_product_key_unique").on(t.productId, t.key),
    // One current version per document, whatever two uploads at once try.
    uniqueIndex("product_documents_current_unique").on(t.productId, t.seriesKey).where(sql`${t.supersededAt} is null`),
    check("product_documents_kind_known", sql`${t.kind} in ('datasheet', 'safety_data_sheet', 'manual', 'certificate', 'other')`),
    check("product_documents_language_known", sql`${t.language} is null or ${t.language} in ('nl', 'en')`),
  ],
);

export type ProductDocument = typeof productDocuments.$inferSelect;

/**
 * Who was sent a product's safety data sheet, and when: REACH art. 31(9) has the supplier send an updated
 * sheet to everyone it supplied the product to in the preceding twelve months. One row per person mailed;
 * kept when the document is later replaced or removed (its key and title are copied), as the record of it.
 */
export const productDocumentNotices = pgTable(
  "product_document_notices",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id, { onDelete: "cascade" }),
    documentKey: text("document_key").notNull(),
    documentTitle: text("document_title").notNull(),
    companyId: integer("company_id")
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    email: text("email").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
    sentByUserId: integer("sent_by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("product_document_notices_product_idx").on(t.productId, t.documentKey, t.sentAt)],
);

export type ProductDocumentNotice = typeof productDocumentNotices.$inferSelect;
