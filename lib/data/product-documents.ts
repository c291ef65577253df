import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, exists, gte, inArray, isNull, notInArray, or, sql } from "drizzle-orm";
import { companies, orderLines, orders, orderShipments, productDocumentNotices, productDocuments, products, users } from "@/db/schema";
import { queueMailIn, type OutboxMessage } from "./mail-outbox";
import { MAX_DOCUMENT_VERSIONS, MAX_DOCUMENTS_PER_PRODUCT, type ProductDocumentKind, type ProductDocumentLanguage } from "@/lib/catalog/product-document";
import { database } from "./database";

/** A product's documents without their bytes: what pages, transfers and catalogue files list. */
export interface ProductDocumentInfo {
  key: string;
  kind: ProductDocumentKind;
  language: ProductDocumentLanguage | null;
  title: string;
  fileName: string;
  byteSize: number;
  createdAt: Date;
  version: string | null;
  /** YYYY-MM-DD */
  revisedOn: string | null;
}

/** Any stored version of a document, the earlier ones included (the back office's list). */
export interface ProductDocumentVersionInfo extends ProductDocumentInfo {
  seriesKey: string;
  supersededAt: Date | null;
}

const infoColumns = {
  key: productDocuments.key,
  kind: productDocuments.kind,
  language: productDocuments.language,
  title: productDocuments.title,
  fileName: productDocuments.fileName,
  byteSize: productDocuments.byteSize,
  createdAt: productDocuments.createdAt,
  version: productDocuments.version,
  revisedOn: productDocuments.revisedOn,
};

const versionColumns = { ...infoColumns, seriesKey: productDocuments.seriesKey, supersededAt: productDocuments.supersededAt };

const isCurrent = isNull(productDocuments.supersededAt);

/** A product's current documents (what the shop shows and a safety data sheet mail sends). */
export async function listProductDocuments(productId: number): Promise<ProductDocumentInfo[]> {
  const db = await database();
  return db
    .select(infoColumns)
    .from(productDocuments)
    .where(and(eq(productDocuments.productId, productId), isCurrent))
    .orderBy(asc(productDocuments.id));
}

/** Every stored version of a product's documents, earlier ones included, in upload order. */
export async function listProductDocumentVersions(productId: number): Promise<ProductDocumentVersionInfo[]> {
  const db = await database();
  return db.select(versionColumns).from(productDocuments).where(eq(productDocuments.productId, productId)).orderBy(asc(productDocuments.id));
}

/**
 * The current documents of several products in one statement (a punchout transfer, a catalogue file),
 * by product id; a product without documents maps to an empty list.
 */
export async function listProductDocumentsOf(productIds: readonly number[]): Promise<Map<number, ProductDocumentInfo[]>> {
  const byProduct = new Map<number, ProductDocumentInfo[]>(productIds.map((id) => [id, []]));
  if (productIds.length === 0) return byProduct;
  const db = await database();
  const rows = await db
    .select({ productId: productDocuments.productId, ...infoColumns })
    .from(productDocuments)
    .where(and(inArray(productDocuments.productId, [...new Set(productIds)]), isCurrent))
    .orderBy(asc(productDocuments.productId), asc(productDocuments.id));
  for (const { productId, ...info } of rows) byProduct.get(productId)?.push(info);
  return byProduct;
}

/**
 * One document's file, found by SKU and key (the public document route); an earlier version also says
 * which version is current now (`latest`), read only then.
 */
export async function readProductDocument(
  sku: string,
  key: string,
): Promise<{ bytes: Buffer; fileName: string; latest: { key: string; fileName: string } | null } | null> {
  const db = await database();
  const [row] = await db
    .select({ bytes: productDocuments.bytes, fileName: productDocuments.fileName, productId: productDocuments.productId, seriesKey: productDocuments.seriesKey, supersededAt: productDocuments.supersededAt })
    .from(productDocuments)
    .innerJoin(products, eq(products.id, productDocuments.productId))
    .where(and(eq(products.sku, sku), eq(productDocuments.key, key)))
    .limit(1);
  if (!row) return null;
  const { bytes, fileName, productId, seriesKey, supersededAt } = row;
  if (supersededAt === null) return { bytes, fileName, latest: null };
  const [latest] = await db
    .select({ key: productDocuments.key, fileName: productDocuments.fileName })
    .from(productDocuments)
    .where(and(eq(productDocuments.productId, productId), eq(productDocuments.seriesKey, seriesKey), isCurrent))
    .limit(1);
  return { bytes, fileName, latest: latest ?? null };
}

export interface NewProductDocument {
  key: string;
  kind: ProductDocumentKind;
  language: ProductDocumentLanguage | null;
  title: string;
  fileName: string;
  version?: string | null;
  /** YYYY-MM-DD */
  revisedOn?: string | null;
  bytes: Uint8Array;
}

export type AddProductDocumentResult =
  | { outcome: "added" | "already_present"; document: ProductDocumentInfo }
  /** The file is stored as an earlier version of a document: it does not come back as a new one. */
  | { outcome: "earlier_version"; document: ProductDocumentVersionInfo }
  | { outcome: "product_not_found" | "too_many_documents" | "document_not_found" | "document_superseded" | "too_many_versions" };

/**
 * Adds a document to a product — or, with `replaces`, a new version of one of its current documents,
 * which takes that one's kind and language (and its title, unless `document.title` is given) while the
 * replaced one is kept as an earlier version. Under the product's row lock, so that two uploads at once
 * cannot both take the last place or both replace the same version (the partial unique index on the
 * current version says the same), and marks the product as having documents (products.has_documents:
 * the product page reads them only then). The same file again is not a second document: the stored one
 * is answered (`already_present`, unchanged), so an integration may send it twice.
 */
export async function addProductDocument(
  productId: number,
  document: NewProductDocument,
  userId: number | null,
  now: Date,
  options: { replaces?: string } = {},
): Promise<AddProductDocumentResult> {
  const db = await database();
  return db.transaction(async (tx): Promise<AddProductDocumentResult> => {
    const [product] = await tx.select({ id: products.id }).from(products).where(eq(products.id, productId)).for("update");
    if (!product) return { outcome: "product_not_found" };
    const stored = await tx.select(versionColumns).from(productDocuments).where(eq(productDocuments.productId, productId));
    const present = stored.find((info) => info.key === document.key);
    if (present) return present.supersededAt === null ? { outcome: "already_present", document: infoOf(present) } : { outcome: "earlier_version", document: present };
    let values: Omit<NewProductDocument, "bytes"> & { seriesKey: string } = { ...document, seriesKey: randomUUID() };
    if (options.replaces === undefined) {
      if (stored.filter((info) => info.supersededAt === null).length >= MAX_DOCUMENTS_PER_PRODUCT) return { outcome: "too_many_documents" };
    } else {
      const replaced = stored.find((info) => info.key === options.replaces);
      if (!replaced) return { outcome: "document_not_found" };
      if (replaced.supersededAt !== null) return { outcome: "document_superseded" };
      if (stored.filter((info) => info.seriesKey === replaced.seriesKey).length >= MAX_DOCUMENT_VERSIONS) return { outcome: "too_many_versions" };
      values = { ...values, kind: replaced.kind, language: replaced.language, title: document.title || replaced.title, seriesKey: replaced.seriesKey };
      // Superseded first: the partial unique index allows one current version per series.
      await tx.update(productDocuments).set({ supersededAt: now }).where(and(eq(productDocuments.productId, productId), eq(productDocuments.key, replaced.key)));
    }
    const [added] = await tx
      .insert(productDocuments)
      .values({ productId, ...values, bytes: Buffer.from(document.bytes), byteSize: document.bytes.byteLength, createdAt: now, createdByUserId: userId })
      .returning(infoColumns);
    if (stored.length === 0) await tx.update(products).set({ hasDocuments: true }).where(eq(products.id, productId));
    return { outcome: "added", document: added! };
  });
}

function infoOf({ seriesKey: _seriesKey, supersededAt: _supersededAt, ...info }: ProductDocumentVersionInfo): ProductDocumentInfo {
  return info;
}

/**
 * Changes what a document is. Kind and language belong to the document, so they change on all its
 * versions; title, version and revision date on the one version. Without `title`, `version` or
 * `revisedOn` those stay. False when the product has no such document.
 */
export async function updateProductDocument(
  productId: number,
  key: string,
  fields: { kind: ProductDocumentKind; language: ProductDocumentLanguage | null; title?: string; version?: string | null; revisedOn?: string | null },
): Promise<boolean> {
  const { kind, language, ...own } = fields;
  const db = await database();
  return db.transaction(async (tx) => {
    const [target] = await tx
      .update(productDocuments)
      .set({ kind, language, ...own })
      .where(and(eq(productDocuments.productId, productId), eq(productDocuments.key, key)))
      .returning({ seriesKey: productDocuments.seriesKey });
    if (!target) return false;
    await tx
      .update(productDocuments)
      .set({ kind, language })
      .where(and(eq(productDocuments.productId, productId), eq(productDocuments.seriesKey, target.seriesKey)));
    return true;
  });
}

/**
 * Removes one version of a document. When it was the current one, the newest earlier version is current
 * again (`restored`: its key) — the undo of a wrong new version; removing a document's only version
 * removes the document (the product's last one clears products.has_documents). False: no such document.
 */
export async function deleteProductDocument(productId: number, key: string): Promise<false | { restored: string | null }> {
  const db = await database();
  return db.transaction(async (tx) => {
    await tx.select({ id: products.id }).from(products).where(eq(products.id, productId)).for("update");
    const [deleted] = await tx
      .delete(productDocuments)
      .where(and(eq(productDocuments.productId, productId), eq(productDocuments.key, key)))
      .returning({ seriesKey: productDocuments.seriesKey, supersededAt: productDocuments.supersededAt });
    if (!deleted) return false;
    let restored: string | null = null;
    if (deleted.supersededAt === null) {
      const [previous] = await tx
        .select({ id: productDocuments.id, key: productDocuments.key })
        .from(productDocuments)
        .where(and(eq(productDocuments.productId, productId), eq(productDocuments.seriesKey, deleted.seriesKey)))
        .orderBy(desc(productDocuments.supersededAt), desc(productDocuments.id))
        .limit(1);
      if (previous) {
        await tx.update(productDocuments).set({ supersededAt: null }).where(eq(productDocuments.id, previous.id));
        restored = previous.key;
      }
    }
    const [left] = await tx.select({ key: productDocuments.key }).from(productDocuments).where(eq(productDocuments.productId, productId)).limit(1);
    if (!left) await tx.update(products).set({ hasDocuments: false }).where(eq(products.id, productId));
    return { restored };
  });
}

// ---------------------------------------------------------------------------------------------
// Safety data sheets to the product's recent buyers (REACH art. 31(9))

/** Orders that never reached us as a purchase (still at the approver, rejected, cancelled) supplied nothing. */
const NOT_SUPPLIED = ["awaiting_approval", "rejected", "cancelled"] as const;

export interface SheetRecipient {
  userId: number;
  email: string;
  name: string;
  locale: "nl" | "en";
  companyId: number;
  companyName: string;
}

/**
 * Who gets a product's safety data sheet: per customer that ordered it since `since` (or whose earlier
 * order of it shipped since then: REACH counts what was supplied), the active users
 * who placed those orders; where none of them is active any more (or the orders came from a procurement
 * system without a person), the customer's active company admins. `buyers` are all those customers, so
 * the caller can name the ones nobody is left to mail at. Addresses that take no mail (`.invalid`,
 * punchout technical users) are left out by the caller.
 */
export async function listSafetyDataSheetRecipients(
  productId: number,
  since: Date,
): Promise<{ recipients: SheetRecipient[]; buyers: { companyId: number; companyName: string }[] }> {
  const db = await database();
  const buyers = await db
    .selectDistinct({ companyId: orders.companyId, userId: orders.userId })
    .from(orderLines)
    .innerJoin(orders, eq(orders.id, orderLines.orderId))
    .where(
      and(
        eq(orderLines.productId, productId),
        notInArray(orders.status, [...NOT_SUPPLIED]),
        // Supplied: ordered in the period, or ordered earlier and shipped in it (a backorder delivered late).
        or(gte(orders.placedAt, since), exists(db.select({ one: sql`1` }).from(orderShipments).where(and(eq(orderShipments.orderId, orders.id), gte(orderShipments.createdAt, since))))),
      ),
    );
  if (buyers.length === 0) return { recipients: [], buyers: [] };
  const companyIds = [...new Set(buyers.map((buyer) => buyer.companyId))];
  const ordererIds = [...new Set(buyers.flatMap((buyer) => (buyer.userId === null ? [] : [buyer.userId])))];
  const columns = { userId: users.id, email: users.email, name: users.name, locale: users.locale, companyId: companies.id, companyName: companies.name, role: users.role };
  const orderers = ordererIds.length
    ? await db
        .select(columns)
        .from(users)
        .innerJoin(companies, eq(companies.id, users.companyId))
        .where(and(inArray(users.id, ordererIds), inArray(users.companyId, companyIds), eq(users.active, true)))
    : [];
  const reached = new Set(orderers.map((user) => user.companyId));
  const unreached = companyIds.filter((companyId) => !reached.has(companyId));
  const admins = unreached.length
    ? await db
        .select(columns)
        .from(users)
        .innerJoin(companies, eq(companies.id, users.companyId))
        .where(and(inArray(users.companyId, unreached), eq(users.role, "company_admin"), eq(users.active, true)))
    : [];
  const recipients = [...orderers, ...admins]
    .map(({ role: _role, ...recipient }) => recipient)
    .sort((a, b) => a.companyName.localeCompare(b.companyName) || a.name.localeCompare(b.name) || a.userId - b.userId);
  const names = await db.select({ companyId: companies.id, companyName: companies.name }).from(companies).where(inArray(companies.id, companyIds)).orderBy(asc(companies.name));
  return { recipients, buyers: names };
}

/**
 * Records that the sheet went to `recipients` and queues their mails, in one transaction: the record
 * never says someone was told whose mail was not queued, nor the other way round.
 */
export async function recordSafetyDataSheetNotices(
  productId: number,
  document: { key: string; title: string },
  sent: { recipient: SheetRecipient; mail: OutboxMessage }[],
  sentByUserId: number | null,
  now: Date,
): Promise<void> {
  if (sent.length === 0) return;
  const db = await database();
  await db.transaction(async (tx) => {
    await tx.insert(productDocumentNotices).values(
      sent.map(({ recipient }) => ({
        productId,
        documentKey: document.key,
        documentTitle: document.title,
        companyId: recipient.companyId,
        userId: recipient.userId,
        email: recipient.email,
        sentAt: now,
        sentByUserId,
      })),
    );
    await queueMailIn(tx, sent.map(({ mail }) => mail), now);
  });
}

export interface NoticeSummary {
  sentAt: Date;
  people: number;
  companies: number;
}

/** Per document key of the product: when its sheet was last sent, to how many people at how many customers. */
export async function lastNoticesOf(productId: number): Promise<Map<string, NoticeSummary>> {
  const db = await database();
  const rows = await db
    .select({
      documentKey: productDocumentNotices.documentKey,
      sentAt: productDocumentNotices.sentAt,
      people: sql<number>`count(*)::int`,
      companies: sql<number>`count(distinct ${productDocumentNotices.companyId})::int`,
    })
    .from(productDocumentNotices)
    .where(eq(productDocumentNotices.productId, productId))
    .groupBy(productDocumentNotices.documentKey, productDocumentNotices.sentAt)
    .orderBy(desc(productDocumentNotices.sentAt));
  const byKey = new Map<string, NoticeSummary>();
  for (const { documentKey, ...summary } of rows) if (!byKey.has(documentKey)) byKey.set(documentKey, summary);
  return byKey;
}

/** Everyone one of the product's sheets was sent to, newest first (the API's record). */
export async function listSafetyDataSheetNotices(productId: number, documentKey: string) {
  const db = await database();
  return db
    .select({
      documentKey: productDocumentNotices.documentKey,
      documentTitle: productDocumentNotices.documentTitle,
      companyId: productDocumentNotices.companyId,
      companyName: companies.name,
      email: productDocumentNotices.email,
      sentAt: productDocumentNotices.sentAt,
    })
    .from(productDocumentNotices)
    .innerJoin(companies, eq(companies.id, productDocumentNotices.companyId))
    .where(and(eq(productDocumentNotices.productId, productId), eq(productDocumentNotices.documentKey, documentKey)))
    .orderBy(desc(productDocumentNotices.sentAt), asc(companies.name), asc(productDocumentNotices.email));
}
