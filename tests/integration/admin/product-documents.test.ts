// Product documents: the admin API (GET/POST /admin/api/products/:sku/documents, PATCH/DELETE …/:key), the
// back office's upload and its actions' rules, the public document route, and the shop's read by SKU.
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, mailOutbox, orderShipments, orders, productDocumentNotices, productDocuments, products, users, type OrderStatus } from "@/db/schema";
import { createStaffApiKey } from "@/lib/admin/api-keys";
import { productDocumentsPageAsAdmin, sendSafetyDataSheetAsAdmin, updateProductDocumentAsAdmin, uploadProductDocumentAsAdmin } from "@/lib/admin/product-documents";
import { createOrder } from "@/lib/data/orders";
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENTS_PER_PRODUCT, productDocumentKey } from "@/lib/catalog/product-document";
import { AppError } from "@/lib/errors";
import { deleteProductDocument, listProductDocuments, listProductDocumentsOf, listSafetyDataSheetRecipients } from "@/lib/data/product-documents";
import { createStaff } from "../../support/admin-fixtures";
import { addCompanyUser } from "../../support/account-fixtures";
import { tinyPdf as pdf } from "../../support/document-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));

const documentsRoute = await import("@/app/admin/api/products/[sku]/documents/route");
const documentRoute = await import("@/app/admin/api/products/[sku]/documents/[key]/route");
const noticesRoute = await import("@/app/admin/api/products/[sku]/documents/[key]/notices/route");
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

  it("marks the product as having documents while it has any, and is read by product ids for transfers and catalogue files", async () => {
    const hasDocuments = async (id: number) => (await handle.db.select({ has: products.hasDocuments }).from(products).where(eq(products.id, id)))[0]!.has;
    expect((await listProductDocuments(product.id)).map((d) => d.key)).toEqual([sds]);
    expect([await hasDocuments(product.id), await hasDocuments(other.id)]).toEqual([true, true]);
    const byProduct = await listProductDocumentsOf([product.id, other.id, product.id, 999_999]);
    expect([byProduct.get(product.id)!.length, byProduct.get(other.id)!.length, byProduct.get(999_999)]).toEqual([1, MAX_DOCUMENTS_PER_PRODUCT, []]);
    // The last one removed, the product has none again (the product page stops reading them).
    const keys = byProduct.get(other.id)!.map((document) => document.key);
    for (const [index, key] of keys.entries()) {
      expect(await deleteProductDocument(other.id, key)).toEqual({ restored: null });
      expect(await hasDocuments(other.id)).toBe(index < keys.length - 1);
    }
    expect(await storedCount(other.id)).toBe(0);
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

describe("a safety data sheet to the product's buyers of the last twelve months (REACH art. 31(9))", () => {
  // The clock's own time, not a fixed date: the API route asks `new Date()`, and its twelve months must be the
  // same window as the library calls' (a fixed NOW let the 364-day order drop out once the real day moved on).
  const NOW = new Date();
  let grease: { id: number; sku: string };
  let sheetKey: string;
  const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

  /** An order of `productId` by `userId` (null: a procurement system's), placed `days` ago, in `status`. */
  async function ordered(companyId: number, userId: number | null, productId: number, days: number, status: OrderStatus = "shipped") {
    const { id } = await createOrder({
      approval: { at: daysAgo(days), reasons: () => [] },
      order: { companyId, userId, shipTo: { name: "x", attention: null, street: "s", postalCode: "1", city: "c", countryCode: "NL" }, subtotalMinor: 995, vatMinor: 209, totalMinor: 1204, vatBreakdown: [] },
      lines: [{ lineNumber: 1, productId, sku: "x", name: "x", unit: "EA", quantity: 1, unitPriceMinor: 995, listPriceMinor: 995, lineTotalMinor: 995, vatRateBasisPoints: 2100, priceSource: { kind: "list" } }],
    });
    await handle.db.update(orders).set({ status }).where(eq(orders.id, id));
  }
  const sheetStatus = async (now: Date) => (await productDocumentsPageAsAdmin(admin, grease.sku, now)).sheets;
  const mails = async () =>
    (await handle.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "safety_data_sheet"))).map((mail) => ({ to: mail.toEmail, subject: mail.subject, body: mail.bodyText }));

  let recent: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
  let colleague: Awaited<ReturnType<typeof addCompanyUser>>;
  let leaver: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
  let leaverAdmin: Awaited<ReturnType<typeof addCompanyUser>>;
  let viaProcurement: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
  let procurementAdmin: Awaited<ReturnType<typeof addCompanyUser>>;
  let orphan: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
  const audience = () => ({ people: 4, companies: 3, unreached: [orphan.company.name] });

  beforeAll(async () => {
    const [category] = await handle.db.select({ id: products.categoryId }).from(products).where(eq(products.id, product.id));
    grease = await createProduct(handle, category!.id, { sku: "KP-LAGERVET" });
    // Bought it recently: the orderer and a colleague who ordered it too (English), one line each.
    recent = await createCompanyWithBuyer(handle);
    colleague = await addCompanyUser(handle, recent, "buyer");
    await handle.db.update(users).set({ locale: "en" }).where(eq(users.id, colleague.id));
    await ordered(recent.company.id, recent.user.id, grease.id, 30);
    await ordered(recent.company.id, recent.user.id, grease.id, 200, "placed");
    await ordered(recent.company.id, colleague.id, grease.id, 364);
    // The orderer has left: the customer's company admin hears of it instead.
    leaver = await createCompanyWithBuyer(handle);
    leaverAdmin = await addCompanyUser(handle, leaver, "company_admin");
    await ordered(leaver.company.id, leaver.user.id, grease.id, 90);
    await handle.db.update(users).set({ active: false }).where(eq(users.id, leaver.user.id));
    // A procurement system's order (no person): the company admins.
    viaProcurement = await createCompanyWithBuyer(handle);
    procurementAdmin = await addCompanyUser(handle, viaProcurement, "company_admin");
    await ordered(viaProcurement.company.id, null, grease.id, 10, "confirmed");
    // Its only orderer has left and it has no company admin: nobody to mail, and the page says so.
    orphan = await createCompanyWithBuyer(handle);
    await ordered(orphan.company.id, orphan.user.id, grease.id, 40);
    await handle.db.update(users).set({ active: false }).where(eq(users.id, orphan.user.id));
    // Not supplied in the last twelve months: too long ago, cancelled, still at the approver, rejected; or another product.
    const old = await createCompanyWithBuyer(handle);
    await ordered(old.company.id, old.user.id, grease.id, 366);
    for (const status of ["cancelled", "awaiting_approval", "rejected"] as const) {
      const customer = await createCompanyWithBuyer(handle);
      await ordered(customer.company.id, customer.user.id, grease.id, 5, status);
    }
    const otherProduct = await createCompanyWithBuyer(handle);
    await ordered(otherProduct.company.id, otherProduct.user.id, product.id, 5);
  });

  it("shows who a sheet would reach, mails each of them in their language with the permanent link, and records it", async () => {
    expect(await sheetStatus(NOW)).toBeNull();
    const { document, notified } = await uploadProductDocumentAsAdmin(admin, grease.sku, { bytes: pdf("vib-lagervet"), name: "VIB Lagervet.pdf" }, { kind: "safety_data_sheet", language: "nl", title: "" }, NOW);
    expect(notified).toBeNull();
    sheetKey = document.key;
    expect(await sheetStatus(NOW)).toEqual({ audience: audience(), lastSent: new Map() });
    expect(await mails()).toEqual([]);

    expect(await sendSafetyDataSheetAsAdmin(admin, grease.sku, sheetKey, NOW)).toEqual(audience());
    const sent = await mails();
    expect(sent.map((mail) => mail.to).sort()).toEqual([recent.user.email, colleague.email, leaverAdmin.email, procurementAdmin.email].sort());
    const dutch = sent.find((mail) => mail.to === recent.user.email)!;
    const [greaseRow] = await handle.db.select({ nameNl: products.nameNl, nameEn: products.nameEn }).from(products).where(eq(products.id, grease.id));
    expect(dutch.subject).toBe(`Veiligheidsinformatieblad: ${greaseRow!.nameNl} (KP-LAGERVET)`);
    expect(dutch.body).toContain(`VIB Lagervet: http://localhost:3000/product-documents/KP-LAGERVET/${sheetKey}/VIB-Lagervet.pdf`);
    expect(dutch.body).toContain("REACH-verordening (artikel 31)");
    expect(sent.find((mail) => mail.to === colleague.email)!.subject).toBe(`Safety data sheet: ${greaseRow!.nameEn} (KP-LAGERVET)`);

    const notices = await handle.db.select().from(productDocumentNotices).where(eq(productDocumentNotices.productId, grease.id));
    expect(notices.map((notice) => [notice.companyId, notice.email, notice.documentKey, notice.documentTitle, notice.sentByUserId, notice.sentAt.toISOString()]).sort()).toEqual(
      [
        [recent.company.id, recent.user.email, sheetKey, "VIB Lagervet", admin.id, NOW.toISOString()],
        [recent.company.id, colleague.email, sheetKey, "VIB Lagervet", admin.id, NOW.toISOString()],
        [leaver.company.id, leaverAdmin.email, sheetKey, "VIB Lagervet", admin.id, NOW.toISOString()],
        [viaProcurement.company.id, procurementAdmin.email, sheetKey, "VIB Lagervet", admin.id, NOW.toISOString()],
      ].sort(),
    );
    const status = await sheetStatus(NOW);
    expect(status!.lastSent.get(sheetKey)).toEqual({ sentAt: NOW, people: 4, companies: 3 });
  });

  it("a new sheet uploaded with notify goes out at once; the same file again does not", async () => {
    const before = (await mails()).length;
    const { notified } = await uploadProductDocumentAsAdmin(admin, grease.sku, { bytes: pdf("sds-grease-en"), name: "SDS grease.pdf" }, { kind: "safety_data_sheet", language: "en", title: "" }, NOW, { notify: true });
    expect(notified).toEqual(audience());
    expect((await mails()).length).toBe(before + 4);
    const again = await uploadProductDocumentAsAdmin(admin, grease.sku, { bytes: pdf("sds-grease-en"), name: "SDS grease.pdf" }, { kind: "safety_data_sheet", language: "en", title: "" }, NOW, { notify: true });
    expect([again.alreadyPresent, again.notified]).toEqual([true, null]);
    // A datasheet is not a safety data sheet: notify does nothing, and it cannot be sent.
    const datasheet = await uploadProductDocumentAsAdmin(admin, grease.sku, { bytes: pdf("blad-grease"), name: "Blad.pdf" }, { kind: "datasheet", language: null, title: "" }, NOW, { notify: true });
    expect(datasheet.notified).toBeNull();
    expect(await appError(sendSafetyDataSheetAsAdmin(admin, grease.sku, datasheet.document.key, NOW))).toMatchObject({ message: "document_not_safety_data_sheet" });
    expect((await mails()).length).toBe(before + 4);
  });

  it("through the API: POST sends and answers the counts, GET lists the record; account managers find nothing", async () => {
    const send = (apiKey: string) =>
      noticesRoute.POST(new Request(`http://localhost/admin/api/products/${grease.sku}/documents/${sheetKey}/notices`, { method: "POST", headers: { authorization: `Bearer ${apiKey}` } }), {
        params: Promise.resolve({ sku: grease.sku, key: sheetKey }),
      });
    expect((await send(managerKey)).status).toBe(404);
    const response = await send(adminKey);
    expect([response.status, await response.json()]).toEqual([200, audience()]);
    const record = await noticesRoute.GET(new Request(`http://localhost/admin/api/products/${grease.sku}/documents/${sheetKey}/notices`, { headers: { authorization: `Bearer ${adminKey}` } }), {
      params: Promise.resolve({ sku: grease.sku, key: sheetKey }),
    });
    const { notices } = (await record.json()) as { notices: { email: string; companyName: string }[] };
    // Sent twice (once by hand above, once now): eight rows for this sheet.
    expect(notices).toHaveLength(8);
    expect(new Set(notices.map((notice) => notice.companyName))).toEqual(
      new Set((await handle.db.select({ name: companies.name }).from(companies).where(eq(companies.id, recent.company.id))).map((c) => c.name).concat([leaver.company.name, viaProcurement.company.name])),
    );
  });

  it("counts an order placed before the twelve months but shipped within them (a backorder): supplied then", async () => {
    const [category] = await handle.db.select({ id: products.categoryId }).from(products).where(eq(products.id, product.id));
    const backordered = await createProduct(handle, category!.id, { sku: "KP-NALEVERING" });
    const shippedLate = await createCompanyWithBuyer(handle);
    const shippedEarly = await createCompanyWithBuyer(handle);
    const neverShipped = await createCompanyWithBuyer(handle);
    for (const [customer, shippedDaysAgo] of [[shippedLate, 100], [shippedEarly, 380], [neverShipped, null]] as const) {
      await ordered(customer.company.id, customer.user.id, backordered.id, 400);
      const [order] = await handle.db.select({ id: orders.id }).from(orders).where(eq(orders.companyId, customer.company.id));
      if (shippedDaysAgo !== null) {
        await handle.db.insert(orderShipments).values({ orderId: order!.id, shipmentNumber: `SH-${customer.company.id}`, carrier: "PostNL", trackingNumber: "3S1", lines: [{ lineNumber: 1, quantity: 1 }], createdAt: daysAgo(shippedDaysAgo) });
      }
    }
    const { recipients, buyers } = await listSafetyDataSheetRecipients(backordered.id, daysAgo(365));
    expect(buyers.map((buyer) => buyer.companyId)).toEqual([shippedLate.company.id]);
    expect(recipients.map((recipient) => recipient.email)).toEqual([shippedLate.user.email]);
  });

  it("nobody who bought it in the last twelve months: nothing is sent or recorded", async () => {
    const later = new Date("2028-01-01T10:00:00Z");
    const before = (await mails()).length;
    expect(await sendSafetyDataSheetAsAdmin(admin, grease.sku, sheetKey, later)).toEqual({ people: 0, companies: 0, unreached: [] });
    expect((await mails()).length).toBe(before);
    expect((await sheetStatus(later))!.audience).toEqual({ people: 0, companies: 0, unreached: [] });
  });
});
