// Versions of a product document: a revised safety data sheet or a renewed certificate replaces the current
// version (API `replaces=`, the back office's "New version" form); the earlier one stays stored and served with a
// Link to the newest, but the shop, carts and catalogue files read only the current one. Removing the current
// version brings the previous one back.
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { productDocuments, products } from "@/db/schema";
import { createStaffApiKey } from "@/lib/admin/api-keys";
import { sendSafetyDataSheetAsAdmin, uploadProductDocumentVersionAsAdmin } from "@/lib/admin/product-documents";
import { MAX_DOCUMENT_VERSIONS, MAX_DOCUMENTS_PER_PRODUCT, productDocumentKey } from "@/lib/catalog/product-document";
import { listProductDocuments, listProductDocumentsOf } from "@/lib/data/product-documents";
import { AppError } from "@/lib/errors";
import { createStaff } from "../../support/admin-fixtures";
import { tinyPdf as pdf } from "../../support/document-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));

const documentsRoute = await import("@/app/admin/api/products/[sku]/documents/route");
const documentRoute = await import("@/app/admin/api/products/[sku]/documents/[key]/route");
const publicRoute = await import("@/app/product-documents/[sku]/[key]/[file]/route");
const uploadRoute = await import("@/app/admin/products/[sku]/documents/route");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let adminKey: string;
let managerKey: string;
let admin: Awaited<ReturnType<typeof createStaff>>;
let category: { id: number };

const post = async (sku: string, body: Uint8Array, query: string, key = adminKey) => {
  const response = await documentsRoute.POST(
    new Request(`http://localhost/admin/api/products/${sku}/documents?${query}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/pdf" }, body: new Uint8Array(body) }),
    { params: Promise.resolve({ sku }) },
  );
  return { status: response.status, body: await response.json() };
};
const list = async (sku: string) => {
  const response = await documentsRoute.GET(new Request(`http://localhost/admin/api/products/${sku}/documents`, { headers: { authorization: `Bearer ${adminKey}` } }), { params: Promise.resolve({ sku }) });
  return (await response.json()).documents as { key: string; kind: string; title: string; version: string | null; revisedOn: string | null; earlierVersions: { key: string; version: string | null; supersededAt: string; url: string }[] }[];
};
const patch = (sku: string, key: string, body: unknown) =>
  documentRoute.PATCH(new Request(`http://localhost/admin/api/products/${sku}/documents/${key}`, { method: "PATCH", headers: { authorization: `Bearer ${adminKey}` }, body: JSON.stringify(body) }), {
    params: Promise.resolve({ sku, key }),
  });
const remove = (sku: string, key: string) =>
  documentRoute.DELETE(new Request(`http://localhost/admin/api/products/${sku}/documents/${key}`, { method: "DELETE", headers: { authorization: `Bearer ${adminKey}` } }), {
    params: Promise.resolve({ sku, key }),
  });
const fetchPublic = (sku: string, key: string) => publicRoute.GET(new Request(`http://localhost/product-documents/${sku}/${key}/x.pdf`), { params: Promise.resolve({ sku, key, file: "x.pdf" }) });
const hasDocuments = async (productId: number) => (await handle.db.select({ flag: products.hasDocuments }).from(products).where(eq(products.id, productId)))[0]!.flag;
const currentKeys = async (productId: number) =>
  (await handle.db.select({ key: productDocuments.key }).from(productDocuments).where(and(eq(productDocuments.productId, productId), isNull(productDocuments.supersededAt)))).map((row) => row.key).sort();

async function appError(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

let productCount = 0;
const newProduct = () => createProduct(handle, category.id, { sku: `KP-VERS-${++productCount}` });

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  category = await createCategory(handle, { code: "VERS" });
  const now = new Date();
  admin = await createStaff(handle, "admin");
  adminKey = (await createStaffApiKey(admin, "PIM", now)).key;
  const manager = await createStaff(handle, "account_manager");
  managerKey = (await createStaffApiKey(manager, "mine", now)).key;
}, 120_000);
afterAll(() => fresh.dispose());

describe("a new version of a document", () => {
  let product: { id: number; sku: string };
  let first: string;
  let second: string;

  beforeAll(async () => {
    product = await newProduct();
  });

  it("keeps the document's kind, language and title; the replaced version becomes an earlier one", async () => {
    const v1 = await post(product.sku, pdf("vib-1"), "kind=safety_data_sheet&language=nl&title=VIB%20Kettingolie&version=1.0&revisedOn=2025-03-01");
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ version: "1.0", revisedOn: "2025-03-01" });
    first = v1.body.key;

    const v2 = await post(product.sku, pdf("vib-2"), `replaces=${first}&version=2.0&revisedOn=2026-10-12&filename=VIB-2026.pdf`);
    expect(v2.status).toBe(201);
    second = v2.body.key;
    expect(v2.body).toMatchObject({ kind: "safety_data_sheet", language: "nl", title: "VIB Kettingolie", version: "2.0", revisedOn: "2026-10-12", fileName: "VIB-2026.pdf" });

    const documents = await list(product.sku);
    expect(documents.map((document) => [document.key, document.version])).toEqual([[second, "2.0"]]);
    expect(documents[0]!.earlierVersions.map((earlier) => [earlier.key, earlier.version])).toEqual([[first, "1.0"]]);
    expect(documents[0]!.earlierVersions[0]!.supersededAt).toBeTruthy();
    expect(await hasDocuments(product.id)).toBe(true);
  });

  it("shows only the current version to the shop, carts and catalogue files", async () => {
    expect((await listProductDocuments(product.id)).map((document) => document.key)).toEqual([second]);
    expect((await listProductDocumentsOf([product.id])).get(product.id)!.map((document) => document.key)).toEqual([second]);
  });

  it("still serves the earlier version at its URL, with a Link to the current one and a cache that looks again", async () => {
    const earlier = await fetchPublic(product.sku, first);
    expect(earlier.status).toBe(200);
    expect(Buffer.from(await earlier.arrayBuffer()).equals(pdf("vib-1"))).toBe(true);
    expect(earlier.headers.get("link")).toBe(`</product-documents/${product.sku}/${second}/VIB-2026.pdf>; rel="latest-version"`);
    expect(earlier.headers.get("cache-control")).not.toContain("immutable");
    const current = await fetchPublic(product.sku, second);
    expect(current.headers.get("link")).toBeNull();
    expect(current.headers.get("cache-control")).toContain("immutable");
  });

  it("refuses a new version of an earlier version, of an unknown document, and a file stored as an earlier version", async () => {
    const ofEarlier = await post(product.sku, pdf("vib-3"), `replaces=${first}`);
    expect([ofEarlier.status, ofEarlier.body.error]).toEqual([409, "document_superseded"]);
    const ofUnknown = await post(product.sku, pdf("vib-3"), `replaces=${"0".repeat(24)}`);
    expect(ofUnknown.status).toBe(404);
    const oldFile = await post(product.sku, pdf("vib-1"), "kind=safety_data_sheet");
    expect([oldFile.status, oldFile.body.error]).toEqual([409, "document_earlier_version"]);
    const oldFileAsVersion = await post(product.sku, pdf("vib-1"), `replaces=${second}`);
    expect([oldFileAsVersion.status, oldFileAsVersion.body.error]).toEqual([409, "document_earlier_version"]);
    // The current file again: the stored version, nothing new.
    const same = await post(product.sku, pdf("vib-2"), `replaces=${second}`);
    expect([same.status, same.body.key]).toEqual([200, second]);
    expect(await currentKeys(product.id)).toEqual([second]);
  });

  it("mails only the current version of a safety data sheet", async () => {
    const error = await appError(sendSafetyDataSheetAsAdmin(admin, product.sku, first, new Date()));
    expect([error.code, error.message]).toEqual(["conflict", "document_superseded"]);
  });

  it("changes kind and language on every version, title, version and revision date on one", async () => {
    expect((await patch(product.sku, second, { kind: "certificate", language: "en", title: "Certificate ISO 9001", version: "", revisedOn: "2026-11-01" })).status).toBe(204);
    const rows = await handle.db.select().from(productDocuments).where(eq(productDocuments.productId, product.id));
    const byKey = new Map(rows.map((row) => [row.key, row]));
    expect(byKey.get(second)).toMatchObject({ kind: "certificate", language: "en", title: "Certificate ISO 9001", version: null, revisedOn: "2026-11-01" });
    expect(byKey.get(first)).toMatchObject({ kind: "certificate", language: "en", title: "VIB Kettingolie", version: "1.0", revisedOn: "2025-03-01" });
    // Absent: unchanged.
    expect((await patch(product.sku, second, { kind: "safety_data_sheet", language: "nl" })).status).toBe(204);
    expect((await handle.db.select().from(productDocuments).where(eq(productDocuments.key, second)))[0]).toMatchObject({ revisedOn: "2026-11-01", title: "Certificate ISO 9001" });
    expect((await patch(product.sku, second, { kind: "safety_data_sheet", revisedOn: "2026-02-30" })).status).toBe(400);
    expect((await patch(product.sku, second, { kind: "safety_data_sheet", version: "x".repeat(21) })).status).toBe(400);
  });

  it("brings the previous version back when the current one is removed, and clears the product's flag with the last", async () => {
    const removed = await remove(product.sku, second);
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ restored: first });
    expect(await currentKeys(product.id)).toEqual([first]);
    expect((await listProductDocuments(product.id)).map((document) => document.key)).toEqual([first]);
    expect((await fetchPublic(product.sku, first)).headers.get("link")).toBeNull();
    expect((await fetchPublic(product.sku, second)).status).toBe(404);
    expect(await hasDocuments(product.id)).toBe(true);
    expect((await remove(product.sku, first)).status).toBe(204);
    expect(await hasDocuments(product.id)).toBe(false);
  });

  it("removes an earlier version without touching the current one", async () => {
    const v1 = (await post(product.sku, pdf("blad-1"), "kind=datasheet")).body.key;
    const v2 = (await post(product.sku, pdf("blad-2"), `replaces=${v1}`)).body.key;
    expect((await remove(product.sku, v1)).status).toBe(204);
    expect(await currentKeys(product.id)).toEqual([v2]);
    expect((await list(product.sku))[0]!.earlierVersions).toEqual([]);
  });
});

describe("limits and races", () => {
  it("counts only current documents against the per-product limit, and keeps at most MAX_DOCUMENT_VERSIONS versions of one", async () => {
    const product = await newProduct();
    let current = (await post(product.sku, pdf("rev-0"), "kind=safety_data_sheet")).body.key as string;
    for (let revision = 1; revision < MAX_DOCUMENT_VERSIONS; revision++) {
      const next = await post(product.sku, pdf(`rev-${revision}`), `replaces=${current}&version=${revision}`);
      expect(next.status).toBe(201);
      current = next.body.key;
    }
    const oneTooMany = await post(product.sku, pdf("rev-last"), `replaces=${current}`);
    expect([oneTooMany.status, oneTooMany.body.error]).toEqual([409, "document_too_many_versions"]);
    for (let other = 1; other < MAX_DOCUMENTS_PER_PRODUCT; other++) expect((await post(product.sku, pdf(`other-${other}`), "kind=other")).status).toBe(201);
    expect((await post(product.sku, pdf("other-last"), "kind=other")).status).toBe(409);
  });

  it("lets one of two new versions of the same version win; the other is told it replaces an earlier version", async () => {
    const product = await newProduct();
    const v1 = (await post(product.sku, pdf("race-1"), "kind=certificate")).body.key as string;
    const results = await Promise.all(
      ["race-a", "race-b"].map((label) => uploadProductDocumentVersionAsAdmin(admin, product.sku, v1, { bytes: pdf(label), name: null }, { title: "" }, new Date()).then(() => "ok", (error: AppError) => error.message)),
    );
    expect(results.sort()).toEqual(["document_superseded", "ok"]);
    expect((await currentKeys(product.id)).length).toBe(1);
  });

  // Deterministic on PostgreSQL: both uploads are under way while the product's row is locked, so both looked
  // at the same current version unless the upload itself waits for that lock. PGlite runs one transaction at a time.
  it.runIf(Boolean(process.env.KOPPEL_TEST_PG_URL))("two new versions arriving together are decided under the product's lock: the loser is told, not a 500", async () => {
    const product = await newProduct();
    const v1 = (await post(product.sku, pdf("lock-1"), "kind=certificate")).body.key as string;
    let attempts!: Promise<string[]>;
    await handle.db.transaction(async (tx) => {
      await tx.select({ id: products.id }).from(products).where(eq(products.id, product.id)).for("update");
      attempts = Promise.all(
        ["lock-a", "lock-b"].map((label) => uploadProductDocumentVersionAsAdmin(admin, product.sku, v1, { bytes: pdf(label), name: null }, { title: "" }, new Date()).then(() => "ok", (error: Error) => error.message)),
      );
      for (let waited = 0; ; waited += 20) {
        const [row] = await handle.query<{ waiting: number }>("select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'");
        if (row!.waiting >= 2 || waited > 3_000) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    });
    expect((await attempts).sort()).toEqual(["document_superseded", "ok"]);
    expect((await currentKeys(product.id)).length).toBe(1);
  });

  it("keeps account managers' keys out", async () => {
    const product = await newProduct();
    const v1 = (await post(product.sku, pdf("mgr-1"), "kind=manual")).body.key as string;
    expect((await post(product.sku, pdf("mgr-2"), `replaces=${v1}`, managerKey)).status).toBe(404);
    expect(await currentKeys(product.id)).toEqual([v1]);
  });
});

describe("the back office's New version form", () => {
  it("uploads a new version from the document's line and redirects back with the outcome", async () => {
    const product = await newProduct();
    const v1 = (await post(product.sku, pdf("form-1"), "kind=safety_data_sheet&language=en&title=SDS")).body.key as string;
    const data = new FormData();
    data.append("document", new File([new Uint8Array(pdf("form-2"))], "SDS rev 2.pdf", { type: "application/pdf" }));
    data.append("replaces", v1);
    data.append("version", "2");
    data.append("revisedOn", "2026-11-20");
    request.userId = admin.id;
    const upload = (form: FormData) =>
      uploadRoute.POST(new Request(`http://localhost/admin/products/${product.sku}/documents`, { method: "POST", body: form }), { params: Promise.resolve({ sku: product.sku }) });
    const response = await upload(data);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/admin/products/${product.sku}?documentOutcome=versionAdded#documents`);
    const [current] = await listProductDocuments(product.id);
    expect(current).toMatchObject({ key: productDocumentKey(pdf("form-2")), kind: "safety_data_sheet", language: "en", title: "SDS", version: "2", revisedOn: "2026-11-20", fileName: "SDS-rev-2.pdf" });

    const again = new FormData();
    again.append("document", new File([new Uint8Array(pdf("form-3"))], "x.pdf", { type: "application/pdf" }));
    again.append("replaces", v1);
    const refused = await upload(again);
    expect(refused.headers.get("location")).toBe(`/admin/products/${product.sku}?documentError=document_superseded&documentFile=x.pdf#documents`);
    const badDate = new FormData();
    badDate.append("document", new File([new Uint8Array(pdf("form-4"))], "y.pdf", { type: "application/pdf" }));
    badDate.append("replaces", current!.key);
    badDate.append("revisedOn", "20-11-2026");
    expect((await upload(badDate)).headers.get("location")).toBe(`/admin/products/${product.sku}?documentError=document_revised_on_invalid#documents`);
    expect((await listProductDocuments(product.id)).map((document) => document.key)).toEqual([current!.key]);
  });
});
