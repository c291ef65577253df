// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { orders, purchaseOrderLines } from "@/db/schema";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createOciConnection } from "../../support/oci-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * A punchout connection whose settings say `assortment: "contract"` limits its sessions, its OCI
 * background functions and its purchase orders to the customer's contract assortment, while the
 * customer itself (and its other connections, and its direct buyers) see the whole catalogue.
 */

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { getCurrentUser } = await import("@/lib/auth/guards");
const { handleOciEntry } = await import("@/lib/punchout/oci-entry");
const { handleCxmlOrder } = await import("@/lib/punchout/cxml-order");
const { PUNCHOUT_COOKIE } = await import("@/lib/punchout/browser-session");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
// The sessions are read back by getCurrentUser at the real time: they must not have expired by then.
const NOW = new Date();
const PASSWORD = "oci-connection-assortment";
const HOOK = "https://procurement.example.com/oci/hook";
const FROM = { domain: "NetworkID", identity: "AN-CONNECTION-CONTRACT" };
const SECRET = "po-connection-assortment";
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let inContract: { id: number; sku: string };
let outside: { id: number; sku: string };

const ociConnection = (username: string, settings: Record<string, unknown>) =>
  createOciConnection(handle, customer.company.id, { username, password: PASSWORD, origins: ["https://procurement.example.com"], settings });

const oci = (username: string, fields: [string, string][]) =>
  handleOciEntry([["USERNAME", username], ["PASSWORD", PASSWORD], ["HOOK_URL", HOOK], ...fields], { remoteAddress: null, now: NOW, locale: "nl" });

async function searchSkus(username: string): Promise<string[]> {
  const outcome = await oci(username, [["FUNCTION", "BACKGROUND_SEARCH"], ["SEARCHSTRING", "vleugelmoer"]]);
  if (outcome.kind !== "html") throw new Error(`expected an item-field page, got ${outcome.kind}`);
  return [...outcome.body.toString("utf8").matchAll(/name="NEW_ITEM-VENDORMAT\[\d+\]" value="([^"]*)"/g)].map((match) => match[1]!).sort();
}

/** The shop user a punchout session of this connection runs as (getCurrentUser with its cookie). */
async function sessionUser(username: string) {
  const outcome = await oci(username, []);
  if (outcome.kind !== "session") throw new Error(`expected a session, got ${outcome.kind}`);
  request.cookies.set(PUNCHOUT_COOKIE, outcome.token);
  try {
    return await getCurrentUser();
  } finally {
    request.cookies.clear();
  }
}

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  inContract = await createProduct(handle, category.id, { nameNl: "Vleugelmoer M6", nameEn: "Wing nut M6", stock: 30 });
  outside = await createProduct(handle, category.id, { nameNl: "Vleugelmoer M8", nameEn: "Wing nut M8", stock: 50 });
  customer = await createCompanyWithBuyer(handle);
  await createPriceList(handle, customer.company.id, [{ productId: inContract.id, kind: "fixed", priceMinor: 45 }]);
  await ociConnection("oci-contract-only", { assortment: "contract" });
  await ociConnection("oci-as-customer", {});
  await createCxmlConnection(handle, customer.company.id, { from: [FROM], sender: [FROM], secret: SECRET, origins: ["https://procurement.example.com"], settings: { assortment: "contract" } });
}, 120_000);
afterAll(() => fresh.dispose());

describe("a connection limited to the contract assortment of a customer who sees everything", () => {
  it("its sessions' shop user has the contract assortment; the customer's other connection's has the whole catalogue", async () => {
    expect(await sessionUser("oci-contract-only")).toMatchObject({ companyId: customer.company.id, companyAssortment: "contract", punchout: { protocol: "oci" } });
    expect(await sessionUser("oci-as-customer")).toMatchObject({ companyId: customer.company.id, companyAssortment: "all" });
  });

  it("its OCI background search and quantity check keep to the contract", async () => {
    expect(await searchSkus("oci-contract-only")).toEqual([inContract.sku]);
    expect(await searchSkus("oci-as-customer")).toEqual([inContract.sku, outside.sku].sort());
    const check = await oci("oci-contract-only", [["FUNCTION", "QUANTITYCHECK"], ["PRODUCTID", outside.sku], ["QUANTITY", "1"]]);
    expect(check.kind === "json" && check.body).toMatchObject({ AVAILABLE_QUANTITY: 0 });
  });

  it("its purchase order for a product outside the contract waits for review, naming it", async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="connection-assortment-1@buyer.example" timestamp="2026-11-28T11:00:00+01:00" xml:lang="en-US">
<Header><From><Credential domain="${FROM.domain}"><Identity>${FROM.identity}</Identity></Credential></From>
<To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="${FROM.domain}"><Identity>${FROM.identity}</Identity><SharedSecret>${SECRET}</SharedSecret></Credential><UserAgent>IT</UserAgent></Sender></Header>
<Request deploymentMode="production"><OrderRequest>
<OrderRequestHeader orderID="PO-CONN-1" orderDate="2026-11-28T10:59:00+01:00" type="new"><Total><Money currency="EUR">1.45</Money></Total></OrderRequestHeader>
<ItemOut quantity="1" lineNumber="1"><ItemID><SupplierPartID>${inContract.sku}</SupplierPartID></ItemID><ItemDetail><UnitPrice><Money currency="EUR">0.45</Money></UnitPrice><Description xml:lang="nl">M6</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>
<ItemOut quantity="1" lineNumber="2"><ItemID><SupplierPartID>${outside.sku}</SupplierPartID></ItemID><ItemDetail><UnitPrice><Money currency="EUR">10.00</Money></UnitPrice><Description xml:lang="nl">M8</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>
</OrderRequest></Request></cXML>`;
    const answer = await handleCxmlOrder(
      { bytes: new TextEncoder().encode(xml), truncated: false },
      { remoteAddress: "203.0.113.9", now: NOW, baseUrl: "https://shop.example.nl", contentType: "text/xml" },
    );
    expect(answer.cxmlCode).toBe(200);
    const [order] = await handle.db.select().from(orders).where(and(eq(orders.companyId, customer.company.id), eq(orders.poNumber, "PO-CONN-1")));
    expect(order!.status).toBe("needs_review");
    const lines = await handle.db.select().from(purchaseOrderLines).where(eq(purchaseOrderLines.orderId, order!.id)).orderBy(purchaseOrderLines.lineNumber);
    expect(lines.map((line) => line.reasons.filter((reason) => reason.code === "not_in_assortment"))).toEqual([[], [{ code: "not_in_assortment", detail: outside.sku }]]);
  });
});
