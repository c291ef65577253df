// The combined one-statement reads of the cXML endpoints (issue 8) return exactly what the separate
// drizzle reads they replace return: same rows, same property names, Dates, parsed JSON.
import { and, asc, desc, eq, isNotNull, or } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { addresses, orders, punchoutConnections, purchaseOrderSettings, purchaseOrders } from "@/db/schema";
import { recordLoginFailure, throttleStatus } from "@/lib/data/login-throttle";
import { cxmlAuthState } from "@/lib/data/punchout-connections";
import { createPunchoutSessionOnce, hasSessionForPayload } from "@/lib/data/punchout-sessions";
import { createPurchaseOrder, getOrderIntakeState, getPurchaseOrderDocument, orderAuthState, upsertPurchaseOrderSettings } from "@/lib/data/purchase-orders";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let connection: Awaited<ReturnType<typeof createCxmlConnection>>;
const NOW = new Date("2026-11-28T10:00:00Z");

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  customer = await createCompanyWithBuyer(handle);
  connection = await createCxmlConnection(handle, customer.company.id, {
    from: [{ domain: "NetworkID", identity: "AN-READS" }],
    sender: [{ domain: "NetworkID", identity: "AN-READS" }],
    secret: "s",
    origins: ["https://procurement.example.com"],
    settings: { userMapping: "match-email", targetFrame: "_top" },
  });
  await createCxmlConnection(handle, customer.company.id, {
    from: [{ domain: "DUNS", identity: "123" }],
    sender: [{ domain: "DUNS", identity: "123" }],
    to: { domain: "NetworkID", identity: "KOPPEL" },
    secret: "t",
    environment: "test",
    enabled: false,
    origins: [],
    withTechnicalUser: false,
  });
  // An OCI connection with cXML order credentials also sends OrderRequests.
  const [oci] = await handle.db
    .insert(punchoutConnections)
    .values({ companyId: customer.company.id, protocol: "oci", name: "OCI", presetId: "generic", username: "oci-reads", secretHash: "x", allowedReturnOrigins: [] })
    .returning();
  await upsertPurchaseOrderSettings(oci!.id, { orderSecretHash: "order-hash", priceToleranceBasisPoints: 150, autoConfirm: true, outboundFrom: [{ domain: "a", identity: "b" }] });
  await upsertPurchaseOrderSettings(connection.id, { priceToleranceBasisPoints: 25, orderResponseUrl: "https://procurement.example.com/cxml" });
  await handle.db.insert(addresses).values({
    companyId: customer.company.id,
    kind: "ship_to",
    label: "Magazijn",
    name: "Magazijn",
    attention: "Receiving",
    street: "Havenweg 2",
    postalCode: "3011 AA",
    city: "Rotterdam",
    externalId: "NL-RTM",
  });
}, 120_000);
afterAll(() => db.dispose());

// The separate drizzle reads the combined statements replaced: the oracles of these tests.
const listCxmlConnections = () => handle.db.select().from(punchoutConnections).where(eq(punchoutConnections.protocol, "cxml"));
const listOrderCredentialConnections = async () =>
  (
    await handle.db
      .select({ connection: punchoutConnections, settings: purchaseOrderSettings })
      .from(punchoutConnections)
      .leftJoin(purchaseOrderSettings, eq(purchaseOrderSettings.connectionId, punchoutConnections.id))
      .where(or(eq(punchoutConnections.protocol, "cxml"), isNotNull(purchaseOrderSettings.orderSecretHash)))
  ).map(({ connection, settings }) => ({ connection, secretHash: settings?.orderSecretHash ?? connection.secretHash, settings }));
const listCompanyShipToAddresses = (companyId: number) =>
  handle.db
    .select()
    .from(addresses)
    .where(and(eq(addresses.companyId, companyId), eq(addresses.kind, "ship_to")))
    .orderBy(desc(addresses.isDefault), asc(addresses.id));
const getPurchaseOrderByBuyerId = async (connectionId: number, buyerOrderId: string) =>
  (
    await handle.db
      .select({ purchaseOrder: purchaseOrders, order: orders })
      .from(purchaseOrders)
      .innerJoin(orders, eq(orders.id, purchaseOrders.orderId))
      .where(and(eq(purchaseOrders.connectionId, connectionId), eq(purchaseOrders.buyerOrderId, buyerOrderId)))
  )[0] ?? null;

describe("authentication reads", () => {
  it("cxmlAuthState = throttleStatus + listCxmlConnections", async () => {
    const keys = ["cxml:sender:an-reads", "cxml:ip:198.51.100.7"];
    expect(await cxmlAuthState(keys, NOW)).toEqual({ throttle: await throttleStatus(keys, NOW), connections: await listCxmlConnections() });
    for (let i = 0; i < 5; i++) await recordLoginFailure(keys, NOW);
    const state = await cxmlAuthState(keys, NOW);
    expect(state.throttle).toEqual(await throttleStatus(keys, NOW));
    expect(state.throttle.blocked).toBe(true);
    expect([...state.throttle.withFailures].sort()).toEqual([...keys].sort());
    expect(state.connections.length).toBe(2);
    expect(state.connections[0]!.createdAt).toBeInstanceOf(Date);
  });

  it("orderAuthState = throttleStatus + listOrderCredentialConnections (with the settings)", async () => {
    const keys = ["cxml:sender:nobody"];
    const state = await orderAuthState(keys, NOW);
    expect(state.throttle).toEqual(await throttleStatus(keys, NOW));
    const byId = (list: { connection: { id: number } }[]) => [...list].sort((a, b) => a.connection.id - b.connection.id);
    expect(byId(state.candidates)).toEqual(byId(await listOrderCredentialConnections()));
    expect(state.candidates).toHaveLength(3);
    const oci = state.candidates.find((c) => c.connection.protocol === "oci")!;
    expect(oci.secretHash).toBe("order-hash");
    expect(oci.settings).toMatchObject({ priceToleranceBasisPoints: 150, autoConfirm: true, outboundFrom: [{ domain: "a", identity: "b" }] });
    expect(oci.settings!.updatedAt).toBeInstanceOf(Date);
    expect(state.candidates.find((c) => c.connection.id === connection.id)!.secretHash).toBe(connection.secretHash);
  });
});

describe("OrderRequest intake reads and the one-statement writes", () => {
  it("getOrderIntakeState = document + order by buyer id + company name + ship-to addresses", async () => {
    const empty = await getOrderIntakeState(connection.id, customer.company.id, "none@buyer", "NONE");
    expect(empty).toEqual({
      document: null,
      existing: null,
      companyName: customer.company.name,
      shipToAddresses: await listCompanyShipToAddresses(customer.company.id),
    });
    expect(empty.shipToAddresses.map((a) => a.externalId)).toEqual([null, "NL-RTM"]);

    const created = await createPurchaseOrder({
      order: {
        companyId: customer.company.id,
        source: "cxml",
        status: "needs_review",
        poNumber: "PO-READS",
        requestedDeliveryDate: "2026-12-05",
        shipTo: { name: "Magazijn", attention: null, street: "Havenweg 2", postalCode: "3011 AA", city: "Rotterdam", countryCode: "NL" },
        currency: "EUR",
        subtotalMinor: 0,
        vatMinor: 0,
        totalMinor: 0,
        vatBreakdown: [],
      },
      lines: [],
      purchaseOrder: { connectionId: connection.id, buyerOrderId: "PO-READS", payloadId: "reads@buyer", documentSha256: "ab", deploymentMode: "test", currency: "EUR", buyerTotalMinor: 0 },
      purchaseLines: [],
      document: { connectionId: connection.id, payloadId: "reads@buyer", type: "new", buyerOrderId: "PO-READS", documentSha256: "ab", rawDocument: "<cXML/>", responseXml: "<cXML/>" },
      eventComment: "no lines",
    });
    const state = await getOrderIntakeState(connection.id, customer.company.id, "reads@buyer", "PO-READS");
    expect(state.document).toEqual(await getPurchaseOrderDocument(connection.id, "reads@buyer"));
    expect(state.existing).toEqual(await getPurchaseOrderByBuyerId(connection.id, "PO-READS"));
    expect(state.existing!.order).toMatchObject({ id: created.orderId, orderNumber: created.orderNumber, requestedDeliveryDate: "2026-12-05", billTo: null });
    expect(state.existing!.purchaseOrder).toMatchObject({ revision: 1, orderVersion: 1, header: {}, orderDate: null });
    // Another orderID: only the replay document is found, and the reverse.
    expect((await getOrderIntakeState(connection.id, customer.company.id, "reads@buyer", "OTHER")).existing).toBeNull();
    expect((await getOrderIntakeState(connection.id, customer.company.id, "other@buyer", "PO-READS")).document).toBeNull();
    // A second order with the same orderID (or payloadID) writes nothing at all.
    await expect(createPurchaseOrder({ ...(await baseInput()), purchaseOrder: { ...(await baseInput()).purchaseOrder, buyerOrderId: "PO-READS" } })).rejects.toThrow();
    expect((await getOrderIntakeState(connection.id, customer.company.id, "reads-2@buyer", "PO-READS")).document).toBeNull();
  });

  it("createPunchoutSessionOnce writes session, cart and lines once; a replay writes nothing", async () => {
    const values = {
      connectionId: connection.id,
      companyId: customer.company.id,
      userId: customer.user.id,
      protocol: "cxml" as const,
      status: "pending" as const,
      startTokenHash: "start-hash-reads",
      startTokenExpiresAt: new Date(NOW.getTime() + 60_000),
      returnUrl: "https://procurement.example.com/return",
      requestPayloadId: "session-reads@buyer",
      context: { landing: "/cart" },
      expiresAt: new Date(NOW.getTime() + 3_600_000),
    };
    const first = await createPunchoutSessionOnce(values, []);
    expect(first).toEqual({ id: expect.any(Number) });
    expect(await hasSessionForPayload(connection.id, "session-reads@buyer")).toBe(true);
    expect(await createPunchoutSessionOnce({ ...values, startTokenHash: "other-hash" }, [])).toBeNull();
    const carts = await handle.query<{ n: number }>(`select count(*)::int as n from carts where punchout_session_id = $1`, [first!.id]);
    expect(carts[0]!.n).toBe(1);
    const [session] = await handle.query<{ charset: string; operation: string; return_parameters: unknown; context: unknown }>(
      `select charset, operation, return_parameters, context from punchout_sessions where id = $1`,
      [first!.id],
    );
    expect(session).toMatchObject({ charset: "utf-8", operation: "create", return_parameters: [], context: { landing: "/cart" } });
  });
});

async function baseInput() {
  return {
    order: {
      companyId: customer.company.id,
      source: "cxml" as const,
      status: "needs_review" as const,
      shipTo: { name: "X", attention: null, street: "", postalCode: "", city: "", countryCode: "NL" },
      subtotalMinor: 0,
      vatMinor: 0,
      totalMinor: 0,
      vatBreakdown: [],
    },
    lines: [],
    purchaseOrder: { connectionId: connection.id, buyerOrderId: "PO-READS-2", payloadId: "reads-2@buyer", documentSha256: "cd", deploymentMode: "test" as const, currency: "EUR", buyerTotalMinor: 0 },
    purchaseLines: [],
    document: { connectionId: connection.id, payloadId: "reads-2@buyer", type: "new" as const, buyerOrderId: "PO-READS-2", documentSha256: "cd", rawDocument: "<cXML/>", responseXml: "<cXML/>" },
    eventComment: null,
  };
}
