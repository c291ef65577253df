// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { customerArticleNumbers, orders } from "@/db/schema";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { issueInvoiceForOrder } from "@/lib/invoices/issue-invoice";
import { productDocumentPath } from "@/lib/catalog/product-document";
import { addCompanyUser } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { addTestDocument } from "../../support/document-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct, TEST_PASSWORD_HASH } from "../../support/fixtures";
import { createSupplierProfile } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * Object-level access on every file download, table-driven: the real route handlers with the real
 * guards (the signed-in user read from the session as on every request), each asked for a victim
 * company's document by someone who may not see it — another company's users, a colleague whose
 * scope is their own orders, another customer's account manager, nobody — and once by someone who may
 * (so a 404 is the rule's doing, not a broken request). A refusal is the same 404 as for a document
 * that does not exist; a list export leaves the victim's rows out.
 */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next-intl/server", () => ({ getLocale: async () => "nl", getTranslations: async () => (key: string) => key }));

const routes = {
  invoicePdf: (await import("@/app/(shop)/account/invoices/[number]/pdf/route")).GET,
  invoiceUbl: (await import("@/app/(shop)/account/invoices/[number]/ubl/route")).GET,
  orderCsv: (await import("@/app/(shop)/account/orders/export/route")).GET,
  articleCsv: (await import("@/app/(shop)/account/article-numbers/export/route")).GET,
  adminOrderCsv: (await import("@/app/admin/orders/export/route")).GET,
  adminArticleCsv: (await import("@/app/admin/customers/[id]/article-numbers/export/route")).GET,
  adminUblOrder: (await import("@/app/admin/orders/[id]/ubl-order/route")).GET,
  adminPriceListCsv: (await import("@/app/admin/price-lists/[id]/export-csv/route")).GET,
  productDocument: (await import("@/app/product-documents/[sku]/[key]/[file]/route")).GET,
};

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const now = new Date("2026-11-28T10:00:00Z");
const people: Record<string, number> = {};
const victim = { orderNumber: "", orderId: 0, invoiceNumber: "", companyId: 0, priceListId: 0, priceListCode: "", sku: "", otherSku: "", documentKey: "" };

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  await createSupplierProfile(handle);
  const category = await createCategory(handle);
  const paper = await createProduct(handle, category.id, { listPriceMinor: 1250 });
  const other = await createProduct(handle, category.id, { listPriceMinor: 500 });
  const company = await createCompanyWithBuyer(handle);
  const outsider = await createCompanyWithBuyer(handle, "company_admin");
  const hashed = { passwordHash: TEST_PASSWORD_HASH };
  Object.assign(people, {
    victimBuyer: company.user.id,
    victimColleague: (await addCompanyUser(handle, company, "buyer", hashed)).id,
    victimApprover: (await addCompanyUser(handle, company, "approver", hashed)).id,
    otherAdmin: outsider.user.id,
    otherApprover: (await addCompanyUser(handle, outsider, "approver", hashed)).id,
    victimManager: (await createStaff(handle, "account_manager", [company.company.id])).id,
    otherManager: (await createStaff(handle, "account_manager", [outsider.company.id])).id,
  });
  await handle.db.insert(customerArticleNumbers).values({ companyId: company.company.id, productId: paper.id, articleNumber: "VICTIM-ART-7", updatedByUserId: company.user.id });
  await addToCart(company.buyer, paper.sku, 3);
  const placed = await placeOrder(company.buyer, { shipToAddressId: company.shipTo.id, poNumber: "VICTIM-PO", costCenter: null, requestedDeliveryDate: null, note: null }, "nl", now);
  const order = await handle.db.query.orders.findFirst({ where: (o, { eq }) => eq(o.orderNumber, placed.orderNumber) });
  const issued = await issueInvoiceForOrder({ orderId: order!.id, userId: null, now });
  if (!issued.ok) throw new Error(`invoice not issued: ${issued.error}`);
  const list = await createPriceList(handle, company.company.id, [{ productId: paper.id, kind: "fixed", priceMinor: 999 }]);
  Object.assign(victim, {
    orderNumber: placed.orderNumber,
    orderId: order!.id,
    invoiceNumber: issued.invoice.number,
    companyId: company.company.id,
    priceListId: list.id,
    priceListCode: list.code,
    sku: paper.sku,
    otherSku: other.sku,
    documentKey: await addTestDocument(paper.id, "victim-sds", "safety_data_sheet", "nl", "Veiligheidsblad", now),
  });
}, 120_000);
afterAll(() => fresh.dispose());

type Outcome = { status: number; body: string };

/** A route's answer as status and text; a thrown notFound() is the 404 it renders, a redirect its 307. */
async function call(run: () => Promise<Response>): Promise<Outcome> {
  try {
    const response = await run();
    return { status: response.status, body: response.status === 200 && !/pdf/.test(response.headers.get("content-type") ?? "") ? await response.text() : "" };
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? "");
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return { status: 404, body: "" };
    if (digest.startsWith("NEXT_REDIRECT")) return { status: 307, body: digest.split(";")[2] ?? "" };
    throw error;
  }
}

const get = (path: string) => new Request(`http://localhost:3000${path}`);
const params = <T,>(value: T) => ({ params: Promise.resolve(value) });

/** Each download, asked for the victim's document; `secret` is what only an allowed viewer's file holds. */
const downloads = {
  "invoice PDF": () => ({ run: () => routes.invoicePdf(get("/"), params({ number: victim.invoiceNumber })), secret: null }),
  "invoice UBL": () => ({ run: () => routes.invoiceUbl(get("/"), params({ number: victim.invoiceNumber })), secret: victim.invoiceNumber }),
  "order lines CSV": () => ({ run: () => routes.orderCsv(get("/account/orders/export")), secret: victim.orderNumber }),
  "article numbers CSV": () => ({ run: () => routes.articleCsv(), secret: "VICTIM-ART-7" }),
  "admin order lines CSV": () => ({ run: () => routes.adminOrderCsv(get("/admin/orders/export")), secret: victim.orderNumber }),
  "admin article numbers CSV": () => ({ run: () => routes.adminArticleCsv(get("/"), params({ id: String(victim.companyId) })), secret: "VICTIM-ART-7" }),
  "admin UBL order": () => ({ run: () => routes.adminUblOrder(get("/"), params({ id: String(victim.orderId) })), secret: null }),
  "admin price list CSV": () => ({ run: () => routes.adminPriceListCsv(get("/"), params({ id: String(victim.priceListId) })), secret: victim.sku }),
};
type Download = keyof typeof downloads;

// [download, who asks, may they?] — "may not" is a 404 for one document and the rows left out of a list.
const cases: [Download, string | null, boolean][] = [
  ["invoice PDF", "victimColleague", true],
  ["invoice PDF", "otherAdmin", false],
  ["invoice PDF", "otherManager", false],
  ["invoice PDF", "victimManager", true],
  ["invoice UBL", "victimBuyer", true],
  ["invoice UBL", "otherApprover", false],
  ["invoice UBL", "otherManager", false],
  ["order lines CSV", "victimBuyer", true],
  ["order lines CSV", "victimApprover", true],
  ["order lines CSV", "victimColleague", false],
  ["order lines CSV", "otherAdmin", false],
  ["order lines CSV", "victimManager", false],
  ["order lines CSV", null, false],
  ["article numbers CSV", "victimColleague", true],
  ["article numbers CSV", "otherAdmin", false],
  ["article numbers CSV", null, false],
  ["admin order lines CSV", "victimManager", true],
  ["admin order lines CSV", "otherManager", false],
  ["admin order lines CSV", "victimApprover", false],
  ["admin article numbers CSV", "victimManager", true],
  ["admin article numbers CSV", "otherManager", false],
  ["admin article numbers CSV", "otherAdmin", false],
  ["admin UBL order", "victimManager", true],
  ["admin UBL order", "otherManager", false],
  ["admin UBL order", "victimBuyer", false],
  ["admin price list CSV", "victimManager", true],
  ["admin price list CSV", "otherManager", false],
  ["admin price list CSV", "victimApprover", false],
];

describe("downloads of another company's (or another manager's customer's) documents", () => {
  it.each(cases)("%s as %s: allowed %s", async (download, who, allowed) => {
    request.userId = who === null ? null : people[who]!;
    const { run, secret } = downloads[download]();
    const outcome = await call(run);
    if (allowed) {
      expect(outcome.status, JSON.stringify(outcome).slice(0, 300)).not.toBe(404);
      expect([200, 409]).toContain(outcome.status);
      if (secret) expect(outcome.body).toContain(secret);
    } else {
      // One document: the 404 of a document that does not exist (an anonymous visitor of an invoice: sent to sign in).
      // A list: nothing of the victim's in it.
      expect(outcome.status === 404 || outcome.status === 307 || (outcome.status === 200 && secret !== null && !outcome.body.includes(secret)), JSON.stringify(outcome).slice(0, 300)).toBe(true);
      if (outcome.status === 307) expect(outcome.body).toMatch(/^\/(login|account\/profile)/);
    }
  });

  it("an anonymous visitor asking for an invoice file is sent to sign in, with the file as the way back", async () => {
    request.userId = null;
    const outcome = await call(() => routes.invoicePdf(get("/"), params({ number: victim.invoiceNumber })));
    expect(outcome).toEqual({ status: 307, body: `/login?callbackUrl=${encodeURIComponent(`/account/invoices/${victim.invoiceNumber}/pdf`)}` });
  });

  it("a product document is served under its own product's SKU only (public by design: its key is a hash of the file)", async () => {
    request.userId = null;
    const path = (sku: string) => productDocumentPath(sku, victim.documentKey, "victim-sds.pdf").split("/").map(decodeURIComponent);
    const ask = (sku: string) => {
      const [, , rawSku, key, file] = path(sku);
      return call(() => routes.productDocument(get("/"), params({ sku: encodeURIComponent(rawSku!), key: key!, file: file! })));
    };
    expect((await ask(victim.sku)).status).toBe(200);
    expect((await ask(victim.otherSku)).status).toBe(404);
    expect((await call(() => routes.productDocument(get("/"), params({ sku: victim.sku, key: "0".repeat(24), file: "x.pdf" })))).status).toBe(404);
  });
});
