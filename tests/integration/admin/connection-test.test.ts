// The connection test: an account manager's own punchout session of a connection, whose transfer
// comes back to the admin workspace and is read back the way the buyer's system reads it.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { punchoutConnections, users } from "@/db/schema";
import { latestConnectionTestResult, startConnectionTest } from "@/lib/admin/connection-test";
import { addTestDocument } from "../../support/document-fixtures";
import type { BuyerUser, StaffUser } from "@/lib/auth/guards";
import { hashPassword } from "@/lib/auth/password";
import { addToCart } from "@/lib/cart/cart-service";
import { createPunchoutSession, getActivePunchoutSession } from "@/lib/data/punchout-sessions";
import { getActiveUserById } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { hashToken } from "@/lib/punchout/browser-session";
import { connectionTestReturnPath } from "@/lib/punchout/connection-test";
import { transferPunchoutCart } from "@/lib/punchout/transfer";
import { createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection, disableConnection } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-28T10:00:00Z");
const SHOP = "https://shop.example.nl";
let manager: StaffUser;
let otherManager: StaffUser;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let product: { id: number; sku: string };
let cxmlId: number;
let sheetKey: string;
let ociId: number;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  product = await createProduct(handle, category.id, { listPriceMinor: 1000, gtin: "8712345678906", nameNl: "Printpapier A4 80 g/m² – wit, pak à 500 vel (Océ)" });
  customer = await createCompanyWithBuyer(handle);
  await createPriceList(handle, customer.company.id, [{ productId: product.id, kind: "fixed", priceMinor: 450 }]);
  sheetKey = await addTestDocument(product.id, "vib-papier", "safety_data_sheet", "nl", "VIB Printpapier", NOW);
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
  otherManager = await createStaff(handle, "account_manager", []);
  const cxml = await createCxmlConnection(handle, customer.company.id, {
    from: [{ domain: "NetworkID", identity: "AN-TEST-BUYER" }],
    sender: [{ domain: "NetworkID", identity: "AN-TEST-BUYER" }],
    secret: "s",
    environment: "test",
    // No origin of the shop's own: the test's way back does not depend on one.
    origins: ["https://procurement.example.com"],
    settings: { itemExtrinsics: [{ name: "GTIN", source: "gtin" }], attachments: "all" },
  });
  cxmlId = cxml.id;
  const [technical] = await handle.db
    .insert(users)
    .values({ email: `punchout-oci-${Date.now()}@technical.test`, name: "Punchout OCI", role: "buyer", companyId: customer.company.id })
    .returning();
  const [oci] = await handle.db
    .insert(punchoutConnections)
    .values({
      companyId: customer.company.id,
      protocol: "oci",
      name: "SAP SRM",
      presetId: "sap-srm",
      username: `oci-test-${Date.now()}`,
      secretHash: await hashPassword("p"),
      allowedReturnOrigins: ["https://srm.example.com"],
      technicalUserId: technical!.id,
      settings: { defaultCharset: "iso-8859-1" },
    })
    .returning();
  ociId = oci!.id;
}, 120_000);
afterAll(() => fresh.dispose());

/** The shop user of the session this token opened, as the guards would resolve it. */
async function shopperOf(token: string): Promise<BuyerUser> {
  const session = (await getActivePunchoutSession(hashToken(token), NOW))!;
  const { passwordHash: _hash, ...user } = (await getActiveUserById(session.userId))!;
  return {
    ...user,
    companyId: user.companyId!,
    companyName: user.companyName!,
    punchout: { sessionId: session.id, connectionName: session.connectionName, presetId: session.presetId, protocol: session.protocol, operation: session.operation },
    impersonatedBy: null,
  };
}

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("connection test", () => {
  it("cXML: a session as the technical user whose PunchOutOrderMessage comes back to the test page, read item by item", async () => {
    expect(await latestConnectionTestResult(manager, cxmlId)).toBeNull();
    const { token, expiresAt } = await startConnectionTest(manager, cxmlId, { now: NOW, baseUrl: SHOP });
    expect(expiresAt.getTime() - NOW.getTime()).toBe(60 * 60_000);
    const shopper = await shopperOf(token);
    expect(shopper.companyId).toBe(customer.company.id);
    expect(shopper.punchout?.protocol).toBe("cxml");
    await addToCart(shopper, product.sku, 3);
    const page = await transferPunchoutCart(shopper, "transfer", "nl", NOW, { baseUrl: SHOP });
    expect(page.body.toString("utf8")).toContain(`action="${SHOP}${connectionTestReturnPath(cxmlId)}"`);

    const result = await latestConnectionTestResult(manager, cxmlId);
    if (result?.kind !== "cxml") expect.fail(`expected a cXML result, got ${result?.kind}`);
    expect(result.staffName).toBe(manager.name);
    expect(result.summary.connectionTestBy).toBe(manager.id);
    // The connection's operationAllowed (the generic default: edit).
    expect(result.message.operationAllowed).toBe("edit");
    expect(result.message.buyerCookie).toMatch(/^koppel-test-[0-9a-f]{16}$/);
    expect(result.message.total).toEqual({ amountMinor: 1350, currency: "EUR" });
    expect(result.message.items).toHaveLength(1);
    expect(result.message.items[0]).toMatchObject({ supplierPartId: product.sku, quantity: "3", unitPrice: { amountMinor: 450, currency: "EUR" } });
    expect(result.message.items[0]!.extrinsics.map((e) => e.name)).toEqual(["GTIN"]);
    // The connection attaches documents: the test page shows what the buyer's system gets.
    expect(result.message.items[0]!.attachments).toEqual([
      { name: "vib-papier.pdf", description: "VIB Printpapier", internalId: sheetKey, url: `${SHOP}/product-documents/${product.sku}/${sheetKey}/vib-papier.pdf`, length: expect.stringMatching(/^\d+$/) },
    ]);
    // Mirrors the connection: its environment as deploymentMode, its buyer as To.
    expect(result.payload).toContain('deploymentMode="test"');
    expect(result.payload).toContain("AN-TEST-BUYER");
  });

  it("OCI: the fields in the connection's charset, read back line by line with SAP's lengths", async () => {
    const { token } = await startConnectionTest(manager, ociId, { now: NOW, baseUrl: SHOP });
    const shopper = await shopperOf(token);
    await addToCart(shopper, product.sku, 2);
    const page = await transferPunchoutCart(shopper, "transfer", "nl", NOW, { baseUrl: SHOP });
    expect(page.charset).toBe("iso-8859-1");
    const result = await latestConnectionTestResult(manager, ociId);
    if (result?.kind !== "oci") expect.fail(`expected an OCI result, got ${result?.kind}`);
    expect(result.summary.charset).toBe("iso-8859-1");
    expect(result.cart.items).toHaveLength(1);
    const fields = Object.fromEntries(result.cart.items[0]!.values.map((v) => [v.field, v]));
    expect(fields.QUANTITY!.value).toBe("2");
    expect(fields.PRICE!.value).toBe("4.50");
    expect(fields.DESCRIPTION!.value.length).toBeLessThanOrEqual(40);
    expect(fields.DESCRIPTION!.maxLength).toBe(40);
  });

  it("is only for staff who may see the customer, and only on an enabled connection", async () => {
    expect((await appError(startConnectionTest(otherManager, cxmlId, { now: NOW, baseUrl: SHOP }))).message).toBe("connection_not_found");
    expect((await appError(latestConnectionTestResult(otherManager, cxmlId))).message).toBe("connection_not_found");
    await disableConnection(handle, ociId);
    expect((await appError(startConnectionTest(manager, ociId, { now: NOW, baseUrl: SHOP }))).message).toBe("connection_disabled");
    await handle.db.update(punchoutConnections).set({ enabled: true }).where(eq(punchoutConnections.id, ociId));
  });

  it("a buyer's own session cannot send its cart to the test page: the way back is the test mark's alone", async () => {
    const { buyer } = customer;
    const session = await createPunchoutSession({
      connectionId: cxmlId,
      companyId: customer.company.id,
      userId: buyer.id,
      protocol: "cxml",
      status: "active",
      sessionTokenHash: hashToken("buyer-session-token"),
      returnUrl: `${SHOP}${connectionTestReturnPath(cxmlId)}`,
      buyerCookie: "c",
      context: { header: { from: [{ domain: "NetworkID", identity: "AN-TEST-BUYER" }], to: [{ domain: "NetworkID", identity: "KOPPEL" }] }, deploymentMode: "test" },
      expiresAt: new Date(NOW.getTime() + 3_600_000),
    });
    const shopper = await shopperOf("buyer-session-token");
    expect(shopper.punchout?.sessionId).toBe(session.id);
    expect((await appError(transferPunchoutCart(shopper, "transfer", "nl", NOW, { baseUrl: SHOP }))).message).toBe("punchout_no_return_url");
  });
});
