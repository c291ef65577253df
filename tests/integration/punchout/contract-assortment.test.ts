import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, punchoutSessions } from "@/db/schema";
import type { BuyerUser } from "@/lib/auth/guards";
import { getPricedCart } from "@/lib/cart/cart-service";
import { getPunchoutSession } from "@/lib/data/punchout-sessions";
import { getActiveUserById } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { handleCxmlSetup, listUnmatchedSetupItems } from "@/lib/punchout/cxml-setup";
import { redeemCxmlStartPage } from "@/lib/punchout/cxml-start";
import { handleOciEntry } from "@/lib/punchout/oci-entry";
import { transferPunchoutCart } from "@/lib/punchout/transfer";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createOciConnection } from "../../support/oci-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * A customer whose assortment is its contract (companies.assortment, lib/catalog/assortment.ts) on
 * the punchout paths that do not go through the shop pages: the OCI background functions, which
 * answer without a session, and a cXML edit whose ItemOut lines put products into the cart.
 */

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-28T10:00:00Z");
const HOOK = "https://procurement.example.com/oci/hook?sap-client=100";
const PASSWORD = "oci-assortment-secret";

/** On both customers' price lists. */
let contractProduct: { id: number; sku: string };
/** On nobody's price list: in the whole catalogue only. */
let otherProduct: { id: number; sku: string };
/** On the contract customer's price list until yesterday. */
let lapsedProduct: { id: number; sku: string };
let contractCustomer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let allCustomer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;

const ociConnection = (companyId: number, username: string) =>
  createOciConnection(handle, companyId, { username, password: PASSWORD, origins: ["https://procurement.example.com"], withTechnicalUser: false });

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  contractProduct = await createProduct(handle, category.id, { nameNl: "Zwaluwstaart kopieerpapier wit", nameEn: "Dovetail copy paper white", stock: 40 });
  otherProduct = await createProduct(handle, category.id, { nameNl: "Zwaluwstaart kopieerpapier geel", nameEn: "Dovetail copy paper yellow", stock: 60 });
  lapsedProduct = await createProduct(handle, category.id, { nameNl: "Zwaluwstaart kopieerpapier blauw", nameEn: "Dovetail copy paper blue", stock: 80 });
  contractCustomer = await createCompanyWithBuyer(handle);
  allCustomer = await createCompanyWithBuyer(handle);
  await handle.db.update(companies).set({ assortment: "contract" }).where(eq(companies.id, contractCustomer.company.id));
  await createPriceList(handle, contractCustomer.company.id, [
    { productId: contractProduct.id, kind: "fixed", priceMinor: 450 },
    { productId: lapsedProduct.id, kind: "fixed", priceMinor: 500, validTo: "2026-11-27" },
  ]);
  await createPriceList(handle, allCustomer.company.id, [{ productId: contractProduct.id, kind: "fixed", priceMinor: 460 }]);
  await ociConnection(contractCustomer.company.id, "oci-contract");
  await ociConnection(allCustomer.company.id, "oci-all");
}, 120_000);
afterAll(() => db.dispose());

async function oci(username: string, fields: [string, string][]) {
  return handleOciEntry([["USERNAME", username], ["PASSWORD", PASSWORD], ["HOOK_URL", HOOK], ...fields], { remoteAddress: null, now: NOW, locale: "nl" });
}

/** The SKUs (NEW_ITEM-VENDORMAT[n]) of an OCI item-field page, in line order. */
async function itemSkus(username: string, fields: [string, string][]): Promise<string[]> {
  const outcome = await oci(username, fields);
  if (outcome.kind !== "html") throw new Error(`expected an item-field page, got ${outcome.kind}`);
  expect(outcome.status).toBe(200);
  return [...outcome.body.toString("utf8").matchAll(/name="NEW_ITEM-VENDORMAT\[\d+\]" value="([^"]*)"/g)].map((match) => match[1]!);
}

async function available(username: string, sku: string): Promise<unknown> {
  const outcome = await oci(username, [["FUNCTION", "QUANTITYCHECK"], ["PRODUCTID", sku], ["QUANTITY", "1"]]);
  if (outcome.kind !== "json") throw new Error(`expected JSON, got ${outcome.kind}`);
  return outcome.body;
}

describe("OCI background functions for a contract-assortment customer", () => {
  it("BACKGROUND_SEARCH finds only the contract's products; the whole-catalogue customer finds every one", async () => {
    const search: [string, string][] = [["FUNCTION", "BACKGROUND_SEARCH"], ["SEARCHSTRING", "zwaluwstaart"]];
    expect(await itemSkus("oci-contract", search)).toEqual([contractProduct.sku]);
    expect((await itemSkus("oci-all", search)).sort()).toEqual([contractProduct.sku, otherProduct.sku, lapsedProduct.sku].sort());
    // By its SKU (an identifier search) no better.
    expect(await itemSkus("oci-contract", [["FUNCTION", "BACKGROUND_SEARCH"], ["SEARCHSTRING", otherProduct.sku]])).toEqual([]);
  });

  it("VALIDATE returns no item for a product outside the contract (as for one we no longer sell)", async () => {
    const validate = (sku: string): [string, string][] => [["FUNCTION", "VALIDATE"], ["PRODUCTID", sku], ["QUANTITY", "2"]];
    expect(await itemSkus("oci-contract", validate(contractProduct.sku))).toEqual([contractProduct.sku]);
    expect(await itemSkus("oci-contract", validate(otherProduct.sku))).toEqual([]);
    expect(await itemSkus("oci-contract", validate(lapsedProduct.sku))).toEqual([]);
    expect(await itemSkus("oci-all", validate(otherProduct.sku))).toEqual([otherProduct.sku]);
  });

  it("QUANTITYCHECK answers 0 available outside the contract, the stock otherwise", async () => {
    expect(await available("oci-contract", contractProduct.sku)).toMatchObject({ AVAILABLE_QUANTITY: 40 });
    expect(await available("oci-contract", otherProduct.sku)).toMatchObject({ AVAILABLE_QUANTITY: 0 });
    expect(await available("oci-contract", lapsedProduct.sku)).toMatchObject({ AVAILABLE_QUANTITY: 0 });
    expect(await available("oci-all", otherProduct.sku)).toMatchObject({ AVAILABLE_QUANTITY: 60 });
  });
});

describe("cXML edit for a contract-assortment customer", () => {
  const FROM = { domain: "NetworkID", identity: "AN-ASSORTMENT" };
  const SECRET = "cxml-assortment-secret";

  function editRequest(payloadId: string, skus: string[]): string {
    const items = skus
      .map(
        (sku, index) =>
          `<ItemOut quantity="2" lineNumber="${index + 1}"><ItemID><SupplierPartID>${sku}</SupplierPartID></ItemID><ItemDetail><UnitPrice><Money currency="EUR">1.00</Money></UnitPrice><Description xml:lang="nl">x</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>`,
      )
      .join("\n");
    return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="${payloadId}" timestamp="2026-11-28T11:00:00+01:00" xml:lang="en-US">
<Header><From><Credential domain="NetworkID"><Identity>${FROM.identity}</Identity></Credential></From>
<To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="NetworkID"><Identity>${FROM.identity}</Identity><SharedSecret>${SECRET}</SharedSecret></Credential><UserAgent>IT</UserAgent></Sender></Header>
<Request deploymentMode="production"><PunchOutSetupRequest operation="edit">
<BuyerCookie>assortment-edit</BuyerCookie>
<BrowserFormPost><URL>https://procurement.example.com/cxml-return</URL></BrowserFormPost>
${items}
</PunchOutSetupRequest></Request></cXML>`;
  }

  it("puts an ItemOut outside the contract into the cart marked 'not in your contract assortment', and does not transfer it", async () => {
    await createCxmlConnection(handle, contractCustomer.company.id, { from: [FROM], sender: [FROM], secret: SECRET, origins: ["https://procurement.example.com"] });
    const payloadId = "assortment-edit-1@buyer.example";
    const answer = await handleCxmlSetup(
      { bytes: Buffer.from(editRequest(payloadId, [contractProduct.sku, otherProduct.sku]), "utf8"), truncated: false },
      { remoteAddress: null, now: NOW, baseUrl: "https://shop.example.nl", contentType: "text/xml" },
    );
    const token = /token=([^<&"]+)/.exec(answer.body)?.[1];
    expect(token, answer.body).toBeTruthy();
    const start = await redeemCxmlStartPage(token!, { now: NOW, remoteAddress: null });
    expect(start.kind).toBe("session");
    const [session] = await handle.db.select().from(punchoutSessions).where(eq(punchoutSessions.requestPayloadId, payloadId));
    const user = (await getActiveUserById(session!.userId))!;
    const shopper: BuyerUser = {
      ...user,
      companyId: user.companyId!,
      companyName: user.companyName!,
      punchout: { sessionId: session!.id, connectionName: "IT", presetId: "generic", protocol: "cxml", operation: "edit" },
      impersonatedBy: null,
    };
    expect(shopper.companyAssortment).toBe("contract");

    // Nothing silently dropped: both lines are in the cart, the other one visibly not orderable.
    const cart = await getPricedCart(shopper, "nl", NOW);
    expect(cart.lines.map((line) => [line.product.sku, line.available, line.unavailableReason])).toEqual([
      [contractProduct.sku, true, null],
      [otherProduct.sku, false, "not_in_assortment"],
    ]);
    expect(await listUnmatchedSetupItems(session!.id)).toEqual([]);
    const refused = await transferPunchoutCart(shopper, "transfer", "nl", NOW, { baseUrl: "https://shop.example.nl" }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "conflict", message: "cart_has_unavailable_products" });
    expect((await getPunchoutSession(session!.id))!.status).toBe("active");
  });
});
