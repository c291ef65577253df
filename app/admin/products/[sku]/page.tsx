import { connection } from "next/server";
import { unitName } from "@/lib/catalog/unit-names";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { AuditTable, describeValue } from "@/components/admin/audit-table";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { Pagination } from "@/components/shop/pagination";
import { ProductForm } from "@/components/admin/product-form";
import { isAdmin, managerScope, priceListAccessOf } from "@/lib/admin/access";
import { windowStatus } from "@/lib/admin/list-status";
import { categoryOptions, contentUnitOptions, productFormValues, unitOptions } from "@/lib/admin/product-edit";
import { pageParam, parseSearchParams, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { getProductBySku, listCategories } from "@/lib/data/catalog";
import { listCustomerOptions } from "@/lib/data/customers";
import { listPriceAudit } from "@/lib/data/price-audit";
import { getProductMasterData } from "@/lib/data/product-import";
import { getGridProduct, listProductEntries } from "@/lib/data/price-lists";
import { dateText, money } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import {
  deleteProductDocumentAction,
  deleteProductPhotoAction,
  moveProductPhotoAction,
  saveProductAction,
  saveProductRelationsAction,
  sendSafetyDataSheetAction,
  updateProductDocumentAction,
} from "../actions";
import { ProductDocuments, type ProductDocumentTexts } from "@/components/admin/product-documents";
import { productDocumentsPageAsAdmin, type EarlierVersionView, type SheetStatus } from "@/lib/admin/product-documents";
import { MAX_DOCUMENT_VERSIONS, MAX_DOCUMENTS_PER_PRODUCT, PRODUCT_DOCUMENT_KINDS, PRODUCT_DOCUMENT_LANGUAGES } from "@/lib/catalog/product-document";
import { ProductPhotos, type ProductPhotoTexts } from "@/components/admin/product-photos";
import { listProductImagesAsAdmin, MAX_FILES_PER_UPLOAD, MAX_IMAGES_PER_PRODUCT } from "@/lib/admin/product-images";
import { ACCEPTED_IMAGE_TYPES } from "@/lib/catalog/product-image";
import { ProductRelationsForm } from "@/components/admin/product-relations-form";
import { getProductRelationsAsAdmin } from "@/lib/admin/product-relations";
import { MAX_ACCESSORIES, MAX_ALTERNATIVES, relationText } from "@/lib/catalog/product-relations";
import { productTitle } from "@/lib/page-titles";
import { productName } from "@/lib/catalog/product-name";

export const generateMetadata = async ({ params }: { params: Promise<{ sku: string }> }) => productTitle((await params).sku, "admin");
const PAGE_SIZE = 50;
/** A list used by many customers names the first few here; its settings tab has them all. */
const CUSTOMERS_SHOWN = 5;

export default async function AdminProductPage({ params, searchParams }: { params: Promise<{ sku: string }>; searchParams: Promise<RawSearchParams> }) {
  await connection();
  const { sku: rawSku } = await params;
  const sku = decodeURIComponent(rawSku);
  const staff = await requireStaff(`/admin/products/${encodeURIComponent(sku)}`);
  const product = await getProductBySku(sku);
  if (!product) notFound();
  const { page, ...upload } = parseSearchParams(
    z.object({
      page: pageParam,
      // The photo upload's outcome (app/admin/products/[sku]/photos/route.ts redirects back with it).
      photosAdded: z.coerce.number().int().min(0).optional().catch(undefined),
      photosPresent: z.coerce.number().int().min(0).optional().catch(undefined),
      photoError: z.string().regex(/^[a-z_]{1,40}$/).optional().catch(undefined),
      photoFile: z.string().max(255).optional().catch(undefined),
      // The document upload's outcome (app/admin/products/[sku]/documents/route.ts).
      documentOutcome: z.enum(["added", "present", "versionAdded"]).optional().catch(undefined),
      documentError: z.string().regex(/^[a-z_]{1,40}$/).optional().catch(undefined),
      documentFile: z.string().max(255).optional().catch(undefined),
      sheetPeople: z.coerce.number().int().min(0).optional().catch(undefined),
      sheetCompanies: z.coerce.number().int().min(0).optional().catch(undefined),
      sheetUnreached: z.coerce.number().int().min(0).optional().catch(undefined),
    }),
    await searchParams,
  );
  const scope = managerScope(staff);
  // Admins edit the master data here (lib/admin/product-edit.ts); account managers see prices and history.
  const [master, categories, tf, photos, tp, te, relations, tr, documentsCard, td] = isAdmin(staff)
    ? await Promise.all([
        getProductMasterData(product.sku),
        listCategories(),
        getTranslations("admin.productForm"),
        listProductImagesAsAdmin(staff, product.sku),
        getTranslations("admin.productPhotos"),
        getTranslations("admin.errors"),
        getProductRelationsAsAdmin(staff, product.sku),
        getTranslations("admin.productRelations"),
        productDocumentsPageAsAdmin(staff, product.sku, new Date()),
        getTranslations("admin.productDocuments"),
      ])
    : [null, [], await getTranslations("admin.productForm"), [], null, null, null, null, null, null];
  const [t, ta, locale, details, entries, audit, customers] = await Promise.all([
    getTranslations("admin.products"),
    getTranslations("admin.audit"),
    getLocale().then(toLocale),
    getGridProduct(product.id),
    listProductEntries(product.id, scope, CUSTOMERS_SHOWN),
    listPriceAudit({ productId: product.id, managerId: scope }, { offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    listCustomerOptions(scope),
  ]);
  const now = new Date();
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/products" className="text-sm text-brand-700 hover:underline">
          ← {t("back")}
        </Link>
        <h1 className="mt-1 text-2xl font-semibold">
          {product.sku} · {productName(product, locale)}
        </h1>
        <p className="text-sm text-slate-600">
          {t("listPriceIs", { price: money(product.listPriceMinor, locale, product.currency) })}
          {details?.costMinor != null && ` · ${t("costIs", { price: money(details.costMinor, locale, product.currency) })}`} · <span title={product.unit}>{unitName(product.unit, locale)}</span> ·{" "}
          {/* A link, not a status: an inactive product's shop page tells buyers it is no longer available. */}
          {product.active ? (
            <Link href={`/products/${encodeURIComponent(product.sku)}`} className="underline" data-testid="product-shop-link">
              {t("viewInShop")}
            </Link>
          ) : (
            <span data-testid="product-shop-link">{t("notInShop")}</span>
          )}
        </p>
      </div>
      {master && isAdmin(staff) && (
        <Card title={tf("dataTitle")}>
          {!master.active && (
            <p className="mb-3">
              <Badge tone="amber">{tf("inactive")}</Badge>
            </p>
          )}
          <ProductForm
            action={saveProductAction}
            mode="edit"
            categories={categoryOptions(categories, locale)}
            units={unitOptions(locale, master.unit)}
            contentUnits={contentUnitOptions(locale)}
            values={productFormValues(master, locale)}
          />
        </Card>
      )}
      {tp && te && (
        <div id="photos">
          <Card title={tp("title")}>
            <ProductPhotos
              sku={product.sku}
              photos={photos}
              texts={photoTexts(tp, te, upload)}
              accept={ACCEPTED_IMAGE_TYPES.join(",")}
              moveAction={moveProductPhotoAction}
              deleteAction={deleteProductPhotoAction}
            />
          </Card>
        </div>
      )}
      {documentsCard && td && te && (
        <div id="documents">
          <Card title={td("title")}>
            <ProductDocuments
              sku={product.sku}
              documents={documentsCard.documents.map((document) => ({
                ...document,
                sheet: document.kind === "safety_data_sheet" && documentsCard.sheets ? sheetRow(td, documentsCard.sheets, document.key, locale) : undefined,
                earlierVersions: document.earlierVersions.map((earlier) => ({ ...earlier, description: earlierVersionText(td, earlier, documentsCard.sheets, locale) })),
                earlierVersionsLabel: td("earlierVersions", { count: document.earlierVersions.length }),
              }))}
              texts={documentTexts(td, te, upload, locale)}
              updateAction={updateProductDocumentAction}
              deleteAction={deleteProductDocumentAction}
              sendSheetAction={sendSafetyDataSheetAction}
            />
          </Card>
        </div>
      )}
      {relations && tr && (
        <div id="relations">
          <Card title={tr("title")}>
            {!product.active && relations.successor === null && relations.alternatives.length === 0 && (
              <p className="mb-3 text-sm text-amber-800" data-testid="relations-inactive-product">
                {tr("inactiveProduct")}
              </p>
            )}
            <ProductRelationsForm
              sku={product.sku}
              values={{ accessories: relationText(relations.accessories), alternatives: relationText(relations.alternatives), successor: relations.successor ?? "" }}
              limits={{ accessories: MAX_ACCESSORIES, alternatives: MAX_ALTERNATIVES }}
              action={saveProductRelationsAction}
            />
            {relations.inactive.length > 0 && (
              <p className="mt-3 text-sm text-slate-600" data-testid="relations-inactive">
                {tr("inactiveStored", { skus: relations.inactive.join(", ") })}
              </p>
            )}
          </Card>
        </div>
      )}
      <Card title={t("entries")}>
        {entries.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noEntries")}</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className={tableClass} data-testid="product-entries">
              <thead>
                <tr>
                  <th className={thClass}>{t("list")}</th>
                  <th className={thClass}>{t("customers")}</th>
                  <th className={thClass}>{t("entry")}</th>
                  <th className={thClass}>{t("state")}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((entry) => {
                  const status = windowStatus(entry.validFrom, entry.validTo, now);
                  const listStatus = windowStatus(entry.list.validFrom, entry.list.validTo, now);
                  return (
                    <tr key={entry.id}>
                      <td className={tdClass}>
                        <Link className="font-medium text-brand-700 hover:underline" href={`/admin/price-lists/${entry.list.id}?q=${encodeURIComponent(product.sku)}`}>
                          {entry.list.name}
                        </Link>
                        <div className="text-xs text-slate-500">
                          {entry.list.code} {priceListAccessOf(staff, entry.list) === "view" && `· ${t("readOnly")}`}
                        </div>
                      </td>
                      <td className={tdClass}>
                        {entry.list.customers.map((c) => `${c.name} (${c.priority})`).join(", ") || "–"}
                        {entry.list.customerCount > entry.list.customers.length && ` +${entry.list.customerCount - entry.list.customers.length}`}
                      </td>
                      <td className={tdClass}>{describeValue(entry, ta, locale, entry.list.currency)}</td>
                      <td className={tdClass}>
                        <Badge tone={status === "active" && listStatus === "active" ? "green" : "slate"}>
                          {t(`status.${listStatus !== "active" ? listStatus : status}`)}
                        </Badge>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title={t("history")}>
        <AuditTable rows={audit.items} locale={locale} showProduct={false} customers={new Map(customers.map((c) => [c.id, c.name]))} />
        <Pagination page={page} pages={Math.max(1, Math.ceil(audit.total / PAGE_SIZE))} hrefFor={(p) => `/admin/products/${encodeURIComponent(product.sku)}?page=${p}`} />
      </Card>
    </div>
  );
}

type UploadOutcome = {
  photosAdded?: number;
  photosPresent?: number;
  photoError?: string;
  photoFile?: string;
  documentOutcome?: "added" | "present" | "versionAdded";
  documentError?: string;
  documentFile?: string;
  sheetPeople?: number;
  sheetCompanies?: number;
  sheetUnreached?: number;
};

/** The photo card's texts, with the last upload's outcome (from the redirect) translated. */
function photoTexts(
  tp: Awaited<ReturnType<typeof getTranslations<"admin.productPhotos">>>,
  te: Awaited<ReturnType<typeof getTranslations<"admin.errors">>>,
  upload: UploadOutcome,
): ProductPhotoTexts {
  const file = upload.photoFile ? `“${upload.photoFile}”` : "";
  const max = upload.photoError === "image_too_many_files" ? MAX_FILES_PER_UPLOAD : MAX_IMAGES_PER_PRODUCT;
  const error = upload.photoError ? (te.has(upload.photoError) ? te(upload.photoError as "image_unreadable", { file, max }).replace(/\s+/g, " ") : te("generic")) : null;
  return {
    none: tp("none"),
    main: tp("main"),
    makeMain: tp("makeMain"),
    earlier: tp("earlier"),
    later: tp("later"),
    remove: tp("remove"),
    removeConfirm: tp("removeConfirm"),
    upload: tp("upload"),
    uploadHint: tp("uploadHint"),
    choose: tp("choose"),
    outcome: error
      ? { tone: "error", text: error }
      : upload.photosAdded !== undefined
        ? { tone: "ok", text: tp("added", { added: upload.photosAdded, present: upload.photosPresent ?? 0 }) }
        : null,
  };
}

/** The document card's texts, with the last upload's outcome (from the redirect) translated. */
function documentTexts(
  td: Awaited<ReturnType<typeof getTranslations<"admin.productDocuments">>>,
  te: Awaited<ReturnType<typeof getTranslations<"admin.errors">>>,
  upload: UploadOutcome,
  locale: string,
): ProductDocumentTexts {
  const file = upload.documentFile ? `“${upload.documentFile}”` : "";
  const error = upload.documentError
    ? te.has(upload.documentError)
      ? te(upload.documentError as "document_not_pdf", { file, max: upload.documentError === "document_too_many_versions" ? MAX_DOCUMENT_VERSIONS : MAX_DOCUMENTS_PER_PRODUCT }).replace(/\s+/g, " ")
      : te("generic")
    : null;
  return {
    none: td("none"),
    kind: td("kind"),
    language: td("language"),
    title: td("titleField"),
    titleHint: td("titleHint"),
    locale,
    file: td("file"),
    size: td("size"),
    save: td("save"),
    remove: td("remove"),
    removeConfirm: td("removeConfirm"),
    removeRestoreConfirm: td("removeRestoreConfirm"),
    removeEarlierConfirm: td("removeEarlierConfirm"),
    version: td("version"),
    versionHint: td("versionHint"),
    revisedOn: td("revisedOn"),
    newVersion: td("newVersion"),
    newVersionHint: td("newVersionHint"),
    uploadVersion: td("uploadVersion"),
    upload: td("upload"),
    uploadHint: td("uploadHint"),
    notify: td("notify"),
    sent: td("sheetSent"),
    kinds: PRODUCT_DOCUMENT_KINDS.map((kind) => ({ value: kind, label: td(`kinds.${kind}`) })),
    languages: [{ value: "", label: td("languages.any") }, ...PRODUCT_DOCUMENT_LANGUAGES.map((language) => ({ value: language, label: td(`languages.${language}`) }))],
    outcome: error
      ? { tone: "error", text: error }
      : upload.documentOutcome
        ? {
            tone: "ok",
            text: [
              td(upload.documentOutcome),
              upload.sheetPeople !== undefined ? td("sheetMailed", { people: upload.sheetPeople, companies: upload.sheetCompanies ?? 0 }) : null,
              upload.sheetUnreached ? td("sheetUnreachedCount", { count: upload.sheetUnreached }) : null,
            ]
              .filter(Boolean)
              .join(" "),
          }
        : null,
  };
}

/** An earlier version's line: its version and revision date as printed on it, when it was uploaded and replaced, when it was mailed. */
function earlierVersionText(
  td: Awaited<ReturnType<typeof getTranslations<"admin.productDocuments">>>,
  earlier: EarlierVersionView,
  sheets: SheetStatus | null,
  locale: "nl" | "en",
): string {
  const sent = sheets?.lastSent.get(earlier.key);
  return [
    earlier.version ? td("versionLabel", { version: earlier.version }) : null,
    earlier.revisedOn ? td("revisedLabel", { date: dateText(earlier.revisedOn, locale) }) : null,
    td("uploadedReplaced", { uploaded: dateText(earlier.createdAt, locale), replaced: dateText(earlier.supersededAt, locale) }),
    sent ? td("sheetLastSent", { date: dateText(sent.sentAt, locale), people: sent.people, companies: sent.companies }) : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** A safety data sheet's line: when it last went to the product's buyers, and the button to send it now. */
function sheetRow(
  td: Awaited<ReturnType<typeof getTranslations<"admin.productDocuments">>>,
  sheets: SheetStatus,
  key: string,
  locale: "nl" | "en",
) {
  const last = sheets.lastSent.get(key);
  const { people, companies, unreached } = sheets.audience;
  const status = [
    last ? td("sheetLastSent", { date: dateText(last.sentAt, locale), people: last.people, companies: last.companies }) : td("sheetNotSent"),
    people === 0 && unreached.length === 0 ? td("sheetNoBuyers") : null,
    unreached.length > 0 ? td("sheetUnreached", { names: unreached.join(", ") }) : null,
  ]
    .filter(Boolean)
    .join(" ");
  return {
    status,
    sendLabel: people === 0 ? null : td("sheetSend", { people, companies }),
    confirm: td("sheetConfirm", { people, companies }),
  };
}
