import "server-only";
import { z } from "zod";
import type { StaffUser } from "@/lib/auth/guards";
import { smallestValidQuantity } from "@/lib/cart/quantity-rules";
import { orderDocumentsForReader } from "@/lib/catalog/product-document";
import { productDescription } from "@/lib/catalog/product-description";
import { productName } from "@/lib/catalog/product-name";
import { BMECAT_TAIL, bmecatHead, bmecatProduct } from "@/lib/catalog-export/bmecat";
import { CIF_TAIL, cifHead, cifRow } from "@/lib/catalog-export/cif";
import { catalogFeatureLabeller, type CatalogExportHeader, type CatalogExportItem, type CatalogFeature, type CatalogLanguage } from "@/lib/catalog-export/types";
import { listAttributeDefinitions } from "@/lib/data/attribute-definitions";
import { listActiveProductIds, listProductsByIds } from "@/lib/data/catalog";
import { listContractAssortmentIds } from "@/lib/data/customer-assortment";
import { articleNumbersForProducts } from "@/lib/data/customer-article-numbers";
import { listContractCandidates } from "@/lib/data/prices";
import { listProductDocumentsOf, type ProductDocumentInfo } from "@/lib/data/product-documents";
import { listCatalogRelations } from "@/lib/data/product-relations";
import { cxmlIdentitiesOfCustomer } from "@/lib/data/punchout-connections";
import { getSupplierProfile } from "@/lib/data/supplier-profile";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { AppError } from "@/lib/errors";
import { resolvePrice } from "@/lib/pricing/resolve-price";
import { addressedAs } from "@/lib/purchase-orders/outbound-identity";
import { getCustomerOrThrow } from "./access";

/**
 * Static catalogues for a customer's procurement system (CATALOGS.md: Ariba and Basware load CIF 3.0,
 * SAP-centric systems and marketplaces BMEcat 2005): the customer's own view of the assortment —
 * their net prices and tiers on the day of the export, their own article numbers — from the same
 * pricing module as the shop. Only staff who manage the customer. Streamed: the products are read
 * and written a page at a time, so 100,000 products never sit in memory.
 */

const PAGE = 500;

export const catalogExportSchema = z.object({
  format: z.enum(["cif", "bmecat"]),
  language: z.enum(["nl", "en"]).default("nl"),
  /**
   * "contract": only products with a contract price for the customer (what most buyers load); "all": the
   * whole assortment — refused for a customer whose assortment is its contract assortment (see exportCustomerCatalog).
   */
  scope: z.enum(["contract", "all"]).default("contract"),
  /** How the buyer's system knows us (CIF Supplier ID): an Ariba ANID (NetworkID), a DUNS number, or their own id for us. */
  supplierIdDomain: z.enum(["NetworkID", "DUNS", "buyersystemid"]).default("NetworkID"),
  // Never altered in the file (a different id is another supplier): characters CIF cannot carry are refused here.
  supplierId: z.string().trim().min(1).max(100).regex(/^[^",;}\\\s]+$/),
});
export type CatalogExportInput = z.infer<typeof catalogExportSchema>;

export interface CatalogExportDefaults {
  supplierIdDomain: CatalogExportInput["supplierIdDomain"];
  supplierId: string;
}

/** The form's starting values: the identity the customer's cXML system addresses us as, else our Ariba-style default. */
export async function catalogExportDefaults(staff: StaffUser, companyId: number): Promise<CatalogExportDefaults> {
  await getCustomerOrThrow(staff, companyId);
  const [connection] = await cxmlIdentitiesOfCustomer(companyId);
  const us = addressedAs(connection ?? { cxmlTo: null });
  const domain = /^duns$/i.test(us.domain) ? "DUNS" : /^networkid$/i.test(us.domain) ? "NetworkID" : "buyersystemid";
  return { supplierIdDomain: domain, supplierId: us.identity };
}

export interface CatalogExport {
  filename: string;
  contentType: string;
  itemCount: number;
  body: ReadableStream<Uint8Array>;
}

export async function exportCustomerCatalog(
  staff: StaffUser,
  companyId: number,
  input: CatalogExportInput,
  options: { now: Date; shopUrl: string | null },
): Promise<CatalogExport> {
  const company = await getCustomerOrThrow(staff, companyId);
  // Its buyers can neither see nor order the rest, so a file with the rest would offer what the shop refuses.
  // Refused rather than narrowed: a file quietly smaller than asked for would go unnoticed (the page does not offer it).
  if (input.scope === "all" && company.assortment === "contract") throw new AppError("conflict", "assortment_contract_only", { field: "scope" });
  const profile = await getSupplierProfile();
  const supplierName = profile?.tradingName || profile?.legalName || "Koppel";
  const priceDate = calendarDate(options.now);
  const header: CatalogExportHeader = {
    language: input.language as CatalogLanguage,
    currency: "EUR",
    generatedAt: options.now,
    priceDate,
    catalogId: `KOPPEL-C${company.id}`,
    catalogName: `${supplierName} – ${company.name}`,
    supplier: { name: supplierName, id: { domain: input.supplierIdDomain, identity: input.supplierId } },
    buyer: { name: company.name },
    shopUrl: options.shopUrl?.replace(/\/+$/, "") ?? null,
  };
  // CIF states the number of items up front (ITEMCOUNT), so the scope is settled before the first row. The contract
  // scope is the shop's contract assortment (one query): an eligible entry today is exactly when resolvePrice prices
  // by contract, at any quantity, so every product in it gets its contract price below.
  const ids = input.scope === "all" ? await listActiveProductIds() : await listContractAssortmentIds(company.id, priceDate);
  const inFile = new Set(ids);
  // Documents are links into the shop: only BMEcat has a place for them (MIME_INFO; CIF 3.0 has no
  // attachment column), and only with a shop URL to link from.
  const withDocuments = input.format === "bmecat" && header.shopUrl !== null;
  // Attributes as features (names and values in both languages): only BMEcat has a place for them (CIF 3.0
  // has no feature field). The definitions are read once for the whole file, not per page or product.
  const features = input.format === "bmecat" ? catalogFeatureLabeller(await listAttributeDefinitions()) : null;
  const writer =
    input.format === "cif"
      ? { head: () => cifHead(header, ids.length), item: (item: CatalogExportItem) => cifRow(item, header), tail: CIF_TAIL }
      : { head: () => bmecatHead(header), item: (item: CatalogExportItem) => bmecatProduct(item, header), tail: BMECAT_TAIL };
  const encoder = new TextEncoder();
  let next = 0;
  let started = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(writer.head()));
        return;
      }
      if (next >= ids.length) {
        controller.enqueue(encoder.encode(writer.tail));
        controller.close();
        return;
      }
      const page = ids.slice(next, next + PAGE);
      next += PAGE;
      const items = await catalogItems(company.id, page, inFile, options.now, { documents: withDocuments, features, language: header.language });
      controller.enqueue(encoder.encode(items.map(writer.item).join("")));
    },
  });
  const slug = company.name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || `customer-${company.id}`;
  return {
    filename: `catalogus-${slug}-${priceDate}.${input.format === "cif" ? "cif" : "xml"}`,
    contentType: input.format === "cif" ? "text/plain; charset=utf-8" : "application/xml; charset=utf-8",
    itemCount: ids.length,
    body,
  };
}

/**
 * One page of the projection: the products, the customer's prices for them, their own numbers, and the
 * products' documents (one statement for the page, when asked for) in the catalogue reader's order, and
 * their attributes as features (when asked for) from the definitions read once for the export.
 */
async function catalogItems(
  companyId: number,
  ids: number[],
  inFile: ReadonlySet<number>,
  now: Date,
  options: { documents: boolean; features: ((attributes: Record<string, string>) => CatalogFeature[]) | null; language: CatalogLanguage },
): Promise<CatalogExportItem[]> {
  const [rows, candidates, numbers, relations, documents] = await Promise.all([
    listProductsByIds(ids),
    listContractCandidates(companyId, ids),
    articleNumbersForProducts(companyId, ids),
    listCatalogRelations(ids, inFile),
    options.documents ? listProductDocumentsOf(ids) : new Map<number, ProductDocumentInfo[]>(),
  ]);
  return rows
    .sort((a, b) => a.id - b.id)
    .map((row) => {
      const price = resolvePrice({ product: row, candidates: candidates.get(row.id) ?? [], quantity: smallestValidQuantity(row), now });
      return {
        sku: row.sku,
        // An empty English name or description is the Dutch one in the shop, and so in the catalog (BMEcat
        // DESCRIPTION_SHORT/_LONG, CIF): a buyer's catalog never gets an item without a name.
        name: { nl: row.nameNl, en: productName(row, "en") },
        description: { nl: row.descriptionNl, en: productDescription(row, "en") },
        manufacturerName: row.manufacturer || null,
        manufacturerPartNumber: row.manufacturerPartNumber || null,
        gtin: row.gtin,
        unspsc: row.unspsc,
        unit: row.unit,
        packSize: row.packSize,
        contentUnit: row.contentUnit,
        minOrderQuantity: row.minOrderQuantity,
        orderMultiple: row.orderMultiple,
        leadTimeDays: row.leadTimeDays,
        vatRateBasisPoints: row.vatRateBasisPoints,
        listPriceMinor: row.listPriceMinor,
        ladder: price.tiers.map((step) => ({ minQuantity: step.minQuantity, unitPriceMinor: step.unitPriceMinor })),
        priceValidTo: price.source.kind === "contract" || price.source.kind === "contract_tier" ? price.source.validTo : null,
        buyerPartNumber: numbers.get(row.id) ?? null,
        imageKey: row.imageKey,
        related: relations.get(row.id) ?? [],
        documents: orderDocumentsForReader(documents.get(row.id) ?? [], options.language).map(({ key, kind, title, fileName, language }) => ({ key, kind, title, fileName, language })),
        features: options.features ? options.features(row.attributes) : [],
      };
    });
}
