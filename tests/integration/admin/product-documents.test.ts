// Product documents: the admin API (GET/POST /admin/api/products/:sku/documents, PATCH/DELETE …/:key), the
// back office's upload and its actions' rules, the public document route, and the shop's read by SKU.
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { productDocuments, products } from "@/db/schema";
import { createStaffApiKey } from "@/lib/admin/api-keys";
import { updateProductDocumentAsAdmin, uploadProductDocumentAsAdmin } from "@/lib/admin/product-documents";
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_PER_PRODUCT, productDocumentKey } from "@/lib/catalog/product-document";
import { AppError } from "@/lib/errors";
import { listProductDocumentsBySku, listProductDocumentsOf } from "@/lib/data/product-documents";
import { createStaff } from "../../support/admin-fixtures";
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
let manager: Awaited<ReturnType<typeof createStaff>>;
let product: { id: number; sku: string };
let other: { id: number; sku: string };

/** A small but well-formed PDF; `marker` makes each one a different file. */
const pdf = (marker: string) =>
  new Uint8Array(Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${marker}\ntrailer<</Root 1 0 R>>\n%%EOF\n`, "latin1"));

const post = async (sku: string, body: Uint8Array, query: string, key = adminKey) => {
  const response = await documentsRoute.POST(
    new Request(`http://localhost/admin/api/products/${encodeURIComponent(sku)}/documents?${query}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/pdf" }, body: new Uint8Array(body) }),
    { params: Promise.resolve({ sku: encodeURIComponent(sku) }) },
  );
  return { status: response.status, body: await response.json() };
};
const list = async (sku = product.sku, key = adminKey) => {
  const response = await documentsRoute.GET(new Request(`http://localhost/admin/api/products/${sku}/documents`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({ sku }) });
  return { status: response.status, body: await response.json() };
};
const patch = (key: string, body: unknown) =>
  documentRoute.PATCH(new Request(`http://localhost/admin/api/products/${product.sku}/documents/${key}`, { method: "PATCH", headers: { authorization: `Bearer ${adminKey}` }, body: JSON.stringify(body) }), {
    params: Promise.resolve({ sku: product.sku, key }),
  });
const remove = (key: string, apiKey = adminKey) =>
  documentRoute.DELETE(new Request(`http://localhost/admin/api/products/${product.sku}/documents/${key}`, { method: "DELETE", headers: { authorization: `Bearer ${apiKey}` } }), {
    params: Promise.resolve({ sku: product.sku, key }),
  });
const fetchPublic = (sku: string, key: string, file = "x.pdf", headers: Record<string, string> = {}) =>
  publicRoute.GET(new Request(`http://localhost/product-documents/${sku}/${key}/${file}`, { headers }), { params: Promise.resolve({ sku, key, file }) });
const storedCount = async (productId = product.id) => (await handle.db.select({ id: productDocuments.id }).from(productDocuments).where(eq(productDocuments.productId, productId))).length;

async function appError(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle, { code: "DOC" });
  product = await createProduct(handle, category.id, { sku: "KP-OLIE" });
  other = await createProduct(handle, category.id, { sku: "KP-VET" });
  const now = new Date();
  admin = await createStaff(handle, "admin");
  adminKey = (await createStaffApiKey(admin, "PIM", now)).key;
  manager = await createStaff(handle, "account_manager");
  managerKey = (await createStaffApiKey(manager, "mine", now)).key;
}, 120_000);
afterAll(() => fresh.dispose());

describe("product documents through the API", () => {
  let sds: string;

  it("stores a safety data sheet and serves it as an inline PDF under a URL that may be cached forever", async () => {
    const bytes = pdf("vib");
    const { status, body } = await post(product.sku, bytes, "kind=safety_data_sheet&language=nl&filename=VIB%20Smeerolie%20SAE%2030.pdf");
    expect(status).toBe(201);
    sds = productDocumentKey(bytes);
    expect(body).toMatchObject({ key: sds, kind: "safety_data_sheet", language: "nl", title: "VIB Smeerolie SAE 30", fileName: "VIB-Smeerolie-SAE-30.pdf", byteSize: bytes.byteLength });
    expect(body.url).toMatch(new RegExp(`/product-documents/KP-OLIE/${sds}/VIB-Smeerolie-SAE-30\\.pdf$`));

    const served = await fetchPublic(product.sku, sds, "VIB-Smeerolie-SAE-30.pdf");
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("application/pdf");
    expect(served.headers.get("content-disposition")).toBe('inline; filename="VIB-Smeerolie-SAE-30.pdf"');
    expect(served.headers.get("cache-control")).toContain("immutable");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(bytes))).toBe(true);
    expect((await fetchPublic(product.sku, sds, "x.pdf", { "if-none-match": served.headers.get("etag")! })).status).toBe(304);
  });

  it("answers the same file again with the stored document, not a second one (its kind and title unchanged)", async () => {
    const { status, body } = await post(product.sku, pdf("vib"), "kind=datasheet&title=Anders");
    expect(status).toBe(200);
    expect(body).toMatchObject({ key: sds, kind: "safety_data_sheet", title: "VIB Smeerolie SAE 30" });
    expect(await storedCount()).toBe(1);
  });

  it("changes what a document is, lists them, and deletes one", async () => {
    const { body } = await post(product.sku, pdf("blad"), "kind=datasheet");
    // No title and no file name: the kind's name in the document's language (here: every language → Dutch).
    expect(body).toMatchObject({ kind: "datasheet", language: null, title: "Productblad", fileName: "Productblad.pdf" });
    expect((await patch(body.key, { kind: "datasheet", language: "en", title: "Technical datasheet" })).status).toBe(204);
    // An empty title keeps the current one.
    expect((await patch(body.key, { kind: "manual", language: "en", title: "" })).status).toBe(204);
    expect((await list()).body.documents.map((d: { kind: string; language: string | null; title: string }) => [d.kind, d.language, d.title])).toEqual([
      ["safety_data_sheet", "nl", "VIB Smeerolie SAE 30"],
      ["manual", "en", "Technical datasheet"],
    ]);
    expect((await patch(body.key, { kind: "brochure" })).status).toBe(400);
    expect((await patch("0".repeat(24), { kind: "other" })).status).toBe(404);
    expect((await remove(body.key)).status).toBe(204);
    expect((await remove(body.key)).status).toBe(404);
    expect((await fetchPublic(product.sku, body.key)).status).toBe(404);
    expect(await storedCount()).toBe(1);
  });

  it("refuses what is not a PDF, an empty body, a body over 20 MB, an unknown kind and an unknown product, storing nothing", async () => {
    expect(await post(product.sku, new Uint8Array(Buffer.from("<!doctype html><script>alert(1)</script>")), "kind=datasheet&filename=blad.pdf")).toMatchObject({
      status: 400,
      body: { error: "document_not_pdf", details: { file: "blad.pdf" } },
    });
    expect((await post(product.sku, new Uint8Array(0), "kind=datasheet")).body.error).toBe("document_empty");
    const huge = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    huge.set(pdf("groot"));
    expect(await post(product.sku, huge, "kind=datasheet")).toMatchObject({ status: 413, body: { error: "document_too_large" } });
    expect((await post(product.sku, pdf("x"), "kind=brochure")).status).toBe(400);
    expect((await post(product.sku, pdf("x"), "kind=datasheet&language=de")).status).toBe(400);
    expect((await post(product.sku, pdf("x"), `kind=datasheet&title=${"t".repeat(121)}`)).status).toBe(400);
    expect((await post("KP-BESTAAT-NIET", pdf("x"), "kind=datasheet")).status).toBe(404);
    expect(await storedCount()).toBe(1);
  });

  it("is the admins': an account manager's key finds nothing and changes nothing", async () => {
    expect((await list(product.sku, managerKey)).status).toBe(404);
    expect((await post(product.sku, pdf("am"), "kind=datasheet", managerKey)).status).toBe(404);
    expect((await remove(sds, managerKey)).status).toBe(404);
    expect(await appError(updateProductDocumentAsAdmin(manager, product.sku, sds, { kind: "other", language: null, title: "" }))).toMatchObject({ code: "not_found" });
    expect(await storedCount()).toBe(1);
  });

  it("keeps at most MAX_DOCUMENTS_PER_PRODUCT per product, also with uploads at the same time", async () => {
    const uploads = Array.from({ length: MAX_DOCUMENTS_PER_PRODUCT + 3 }, (_, i) =>
      uploadProductDocumentAsAdmin(admin, other.sku, { bytes: pdf(`many-${i}`), name: `doc-${i}.pdf` }, { kind: "certificate", language: null, title: "" }, new Date()).then(
        () => "added",
        (error: AppError) => error.message,
      ),
    );
    const outcomes = await Promise.all(uploads);
    expect(outcomes.filter((outcome) => outcome === "added")).toHaveLength(MAX_DOCUMENTS_PER_PRODUCT);
    expect(outcomes.filter((outcome) => outcome === "document_too_many")).toHaveLength(3);
    expect(await storedCount(other.id)).toBe(MAX_DOCUMENTS_PER_PRODUCT);
  });

  it("serves a document only under its own product's SKU and a well-formed key", async () => {
    expect((await fetchPublic(product.sku, sds)).status).toBe(200);
    expect((await fetchPublic(other.sku, sds)).status).toBe(404);
    expect((await fetchPublic(product.sku, "../../etc")).status).toBe(404);
  });

  it("is read by SKU for the shop's product page and by product ids for transfers and catalogue files", async () => {
    expect((await listProductDocumentsBySku(product.sku)).map((d) => d.key)).toEqual([sds]);
    expect(await listProductDocumentsBySku("KP-BESTAAT-NIET")).toEqual([]);
    const byProduct = await listProductDocumentsOf([product.id, other.id, product.id, 999_999]);
    expect([byProduct.get(product.id)!.length, byProduct.get(other.id)!.length, byProduct.get(999_999)]).toEqual([1, MAX_DOCUMENTS_PER_PRODUCT, []]);
    // A product's deletion takes its documents along.
    await handle.db.delete(productDocuments).where(eq(productDocuments.productId, other.id));
    expect(await storedCount(other.id)).toBe(0);
    expect((await handle.db.select().from(products).where(eq(products.id, other.id))).length).toBe(1);
  });

  it("takes the product page's multipart upload from a signed-in admin and redirects back with the outcome", async () => {
    const form = (bytes: Uint8Array, name: string, fields: Record<string, string>) => {
      const data = new FormData();
      data.append("document", new File([new Uint8Array(bytes)], name, { type: "application/pdf" }));
      for (const [key, value] of Object.entries(fields)) data.append(key, value);
      return data;
    };
    const upload = (data: FormData, headers: Record<string, string> = {}) =>
      uploadRoute.POST(new Request(`http://localhost/admin/products/${product.sku}/documents`, { method: "POST", body: data, headers }), { params: Promise.resolve({ sku: product.sku }) });

    request.userId = admin.id;
    const added = await upload(form(pdf("handleiding"), "Handleiding pomp.pdf", { kind: "manual", language: "nl", title: "" }));
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/admin/products/KP-OLIE?documentOutcome=added#documents");
    const again = await upload(form(pdf("handleiding"), "kopie.pdf", { kind: "manual", language: "", title: "Kopie" }));
    expect(again.headers.get("location")).toBe("/admin/products/KP-OLIE?documentOutcome=present#documents");
    expect(await storedCount()).toBe(2);

    const refused = await upload(form(new Uint8Array(Buffer.from("GIF89a")), "plaatje.pdf", { kind: "manual" }));
    expect(refused.headers.get("location")).toBe("/admin/products/KP-OLIE?documentError=document_not_pdf&documentFile=plaatje.pdf#documents");
    expect((await upload(form(pdf("y"), "y.pdf", { kind: "folder" }))).headers.get("location")).toBe("/admin/products/KP-OLIE?documentError=invalid_input#documents");
    expect((await upload(form(pdf("y"), "y.pdf", { kind: "manual", title: "t".repeat(121) }))).headers.get("location")).toBe(
      "/admin/products/KP-OLIE?documentError=document_title_too_long#documents",
    );
    expect((await upload(form(pdf("z"), "z.pdf", { kind: "manual" }), { origin: "https://evil.example" })).status).toBe(403);
    request.userId = manager.id;
    expect((await upload(form(pdf("w"), "w.pdf", { kind: "manual" }))).status).toBe(404);
    expect(await storedCount()).toBe(2);
    request.userId = null;
  });
});
