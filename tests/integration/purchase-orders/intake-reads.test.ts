// The combined one-statement reads of the cXML endpoints (issue 8) return exactly what the separate
// drizzle reads they replace return: same rows, same property names, Dates, parsed JSON.
import { and, asc, desc, eq, inArray, isNotNull, or } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { addresses, companies, orders, punchoutConnections, punchoutSessions, punchoutTransferLines, punchoutTransfers, purchaseOrderSettings, purchaseOrders, users } from "@/db/schema";
import { listProductsByIds, listProductsBySkus } from "@/lib/data/catalog";
import { recordLoginFailure, throttleStatus } from "@/lib/data/login-throttle";
import { cxmlAuthState } from "@/lib/data/punchout-connections";
import { createPunchoutSessionOnce, hasSessionForPayload } from "@/lib/data/punchout-sessions";
import { listContractCandidates } from "@/lib/data/prices";
import { createPurchaseOrder, getOrderIntakeState, getPurchaseOrderDocument, orderAuthState, upsertPurchaseOrderSettings, type OrderIntakeQuery } from "@/lib/data/purchase-orders";
import { getActiveCompanyUserByEmail } from "@/lib/data/users";
import type { ContractPriceCandidate } from "@/lib/pricing/resolve-price";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
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
    .values({
      companyId: customer.company.id,
      protocol: "oci",
      name: "OCI",
      presetId: "generic",
      username: "oci-reads",
      secretHash: "x",
      cxmlFrom: [{ domain: "NetworkID", identity: "AN-OCI-ORDERS" }],
      allowedReturnOrigins: [],
    })
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

// The separate drizzle reads the combined statements replaced: the oracles of these tests. A connection
// is a candidate when one of its From credentials carries one of the identities (exact, any domain).
const hasFromIdentity = (connection: { cxmlFrom: { identity: string }[] }, identities: string[]) =>
  connection.cxmlFrom.some((credential) => identities.includes(credential.identity));
const listCxmlConnections = async (identities: string[]) =>
  (await handle.db.select().from(punchoutConnections).where(eq(punchoutConnections.protocol, "cxml"))).filter((c) => hasFromIdentity(c, identities));
const listOrderCredentialConnections = async (identities: string[]) =>
  (
    await handle.db
      .select({ connection: punchoutConnections, settings: purchaseOrderSettings })
      .from(punchoutConnections)
      .leftJoin(purchaseOrderSettings, eq(purchaseOrderSettings.connectionId, punchoutConnections.id))
      .where(or(eq(punchoutConnections.protocol, "cxml"), isNotNull(purchaseOrderSettings.orderSecretHash)))
  )
    .filter(({ connection }) => hasFromIdentity(connection, identities))
    .map(({ connection, settings }) => ({ connection, secretHash: settings?.orderSecretHash ?? connection.secretHash, settings }));
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

const intake = (payloadId: string, buyerOrderId: string, lines: Partial<Pick<OrderIntakeQuery, "references" | "skus" | "contactEmail">> = {}): OrderIntakeQuery => ({
  connectionId: connection.id,
  companyId: customer.company.id,
  payloadId,
  buyerOrderId,
  references: [],
  skus: [],
  contactEmail: null,
  ...lines,
});
const findSnapshotLines = async (companyId: number, references: string[]) =>
  new Map(
    (
      await handle.db
        .select({
          reference: punchoutTransferLines.reference,
          id: punchoutTransferLines.id,
          productId: punchoutTransferLines.productId,
          unitPriceMinor: punchoutTransferLines.unitPriceMinor,
          quantity: punchoutTransferLines.quantity,
        })
        .from(punchoutTransferLines)
        .innerJoin(punchoutTransfers, eq(punchoutTransfers.id, punchoutTransferLines.transferId))
        .where(and(eq(punchoutTransfers.companyId, companyId), inArray(punchoutTransferLines.reference, references)))
      // None of these lines was transferred at a quote (tests/integration/quotes covers those).
    ).map(({ reference, ...line }) => [reference, { ...line, quote: null }]),
  );
const byEntry = (map: Map<number, ContractPriceCandidate[]>) =>
  new Map([...map].sort(([a], [b]) => a - b).map(([id, list]) => [id, [...list].sort((x, y) => x.entryId - y.entryId)]));

describe("authentication reads", () => {
  it("cxmlAuthState = throttleStatus + the cXML connections with one of the From identities", async () => {
    const keys = ["cxml:sender:an-reads", "cxml:ip:198.51.100.7"];
    const both = ["AN-READS", "123"];
    expect(await cxmlAuthState(keys, both, NOW)).toEqual({ throttle: await throttleStatus(keys, NOW), connections: await listCxmlConnections(both) });
    for (const identities of [["AN-READS"], ["123", "AN-UNKNOWN"], ["an-reads"], ["NetworkID"], ["AN-OCI-ORDERS"], []]) {
      const ids = (list: { id: number }[]) => list.map((c) => c.id).sort();
      expect(ids((await cxmlAuthState(keys, identities, NOW)).connections), identities.join()).toEqual(ids(await listCxmlConnections(identities)));
    }
    expect((await cxmlAuthState(keys, ["AN-READS"], NOW)).connections.map((c) => c.id)).toEqual([connection.id]);
    expect((await cxmlAuthState(keys, ["an-reads"], NOW)).connections).toEqual([]); // identities are exact
    for (let i = 0; i < 5; i++) await recordLoginFailure(keys, NOW);
    const state = await cxmlAuthState(keys, both, NOW);
    expect(state.throttle).toEqual(await throttleStatus(keys, NOW));
    expect(state.throttle.blocked).toBe(true);
    expect([...state.throttle.withFailures].sort()).toEqual([...keys].sort());
    expect(state.connections.length).toBe(2);
    expect(state.connections[0]!.createdAt).toBeInstanceOf(Date);
  });

  it("orderAuthState = throttleStatus + listOrderCredentialConnections (with the settings)", async () => {
    const keys = ["cxml:sender:nobody"];
    const all = ["AN-READS", "123", "AN-OCI-ORDERS"];
    const state = await orderAuthState(keys, all, NOW);
    expect(state.throttle).toEqual(await throttleStatus(keys, NOW));
    const byId = (list: { connection: { id: number } }[]) =>
      [...list].sort((a, b) => a.connection.id - b.connection.id).map(({ intake, ...candidate }: { connection: { id: number }; intake?: unknown }) => {
        expect(intake ?? null).toBeNull(); // read only when asked for
        return candidate;
      });
    expect(byId(state.candidates)).toEqual(byId(await listOrderCredentialConnections(all)));
    expect(state.candidates).toHaveLength(3);
    for (const identities of [["AN-OCI-ORDERS"], ["123"], ["AN-READS", "nobody"], ["an-oci-orders"], []]) {
      expect(byId((await orderAuthState(keys, identities, NOW)).candidates), identities.join()).toEqual(byId(await listOrderCredentialConnections(identities)));
    }
    expect((await orderAuthState(keys, ["AN-OCI-ORDERS"], NOW)).candidates.map((c) => c.connection.protocol)).toEqual(["oci"]);
    const oci = state.candidates.find((c) => c.connection.protocol === "oci")!;
    expect(oci.secretHash).toBe("order-hash");
    expect(oci.settings).toMatchObject({ priceToleranceBasisPoints: 150, autoConfirm: true, outboundFrom: [{ domain: "a", identity: "b" }] });
    expect(oci.settings!.updatedAt).toBeInstanceOf(Date);
    expect(state.candidates.find((c) => c.connection.id === connection.id)!.secretHash).toBe(connection.secretHash);
  });
});

describe("OrderRequest intake reads and the one-statement writes", () => {
  it("getOrderIntakeState = document + order by buyer id + company name + ship-to addresses", async () => {
    const empty = await getOrderIntakeState(intake("none@buyer", "NONE"));
    expect(empty).toEqual({
      document: null,
      existing: null,
      companyName: customer.company.name,
      assortment: "all",
      shipToAddresses: await listCompanyShipToAddresses(customer.company.id),
      snapshotLines: new Map(),
      products: [],
      contractCandidates: new Map(),
      contactUserId: null,
      // No credit limit: nothing summed (lib/data/credit.ts).
      credit: null,
    });
    expect(empty.shipToAddresses.map((a) => a.externalId)).toEqual([null, "NL-RTM"]);
    // The customer's assortment comes with its name (lib/punchout/cxml-order.ts holds lines outside a contract).
    await handle.db.update(companies).set({ assortment: "contract" }).where(eq(companies.id, customer.company.id));
    expect((await getOrderIntakeState(intake("none@buyer", "NONE"))).assortment).toBe("contract");
    await handle.db.update(companies).set({ assortment: "all" }).where(eq(companies.id, customer.company.id));

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
    const state = await getOrderIntakeState(intake("reads@buyer", "PO-READS"));
    expect(state.document).toEqual(await getPurchaseOrderDocument(connection.id, "reads@buyer"));
    expect(state.existing).toEqual(await getPurchaseOrderByBuyerId(connection.id, "PO-READS"));
    expect(state.existing!.order).toMatchObject({ id: created.orderId, orderNumber: created.orderNumber, requestedDeliveryDate: "2026-12-05", billTo: null });
    expect(state.existing!.purchaseOrder).toMatchObject({ revision: 1, orderVersion: 1, header: {}, orderDate: null });
    // Another orderID: only the replay document is found, and the reverse.
    expect((await getOrderIntakeState(intake("reads@buyer", "OTHER"))).existing).toBeNull();
    expect((await getOrderIntakeState(intake("other@buyer", "PO-READS"))).document).toBeNull();
    // A second order with the same orderID (or payloadID) writes nothing at all.
    await expect(createPurchaseOrder({ ...(await baseInput()), purchaseOrder: { ...(await baseInput()).purchaseOrder, buyerOrderId: "PO-READS" } })).rejects.toThrow();
    expect((await getOrderIntakeState(intake("reads-2@buyer", "PO-READS"))).document).toBeNull();
  });

  it("getOrderIntakeState also reads the lines' snapshot, products, contract prices and contact user, as the separate reads do", async () => {
    const category = await createCategory(handle);
    const [bySku, byReference, transferredElsewhere, inactive] = await Promise.all([
      createProduct(handle, category.id, { listPriceMinor: 1000, listPriceTiers: [{ minQuantity: 10, priceMinor: 900 }] }),
      createProduct(handle, category.id, { listPriceMinor: 2500 }),
      createProduct(handle, category.id),
      createProduct(handle, category.id, { active: false }),
    ]);
    await createPriceList(handle, customer.company.id, [
      { productId: bySku.id, kind: "fixed", priceMinor: 800, tiers: [{ minQuantity: 5, priceMinor: 750 }], validFrom: "2026-01-01", validTo: "2026-12-31" },
      { productId: byReference.id, kind: "discount", discountBasisPoints: 1000 },
    ], { priority: 5, validFrom: "2026-06-01" });
    await createPriceList(handle, customer.company.id, [{ productId: bySku.id, kind: "fixed", priceMinor: 850 }], { priority: 20 });
    const other = await createCompanyWithBuyer(handle);
    await createPriceList(handle, other.company.id, [{ productId: byReference.id, kind: "fixed", priceMinor: 1 }]);
    const transferLine = async (companyId: number, reference: string, productId: number) => {
      const [session] = await handle.db
        .insert(punchoutSessions)
        .values({ connectionId: connection.id, companyId, userId: customer.user.id, protocol: "cxml", status: "transferred", returnUrl: "https://procurement.example.com/r", expiresAt: NOW })
        .returning();
      const [transfer] = await handle.db.insert(punchoutTransfers).values({ sessionId: session!.id, companyId, currency: "EUR", totalMinor: 0 }).returning();
      await handle.db
        .insert(punchoutTransferLines)
        .values({ transferId: transfer!.id, reference, lineNumber: 1, productId, sku: "x", description: "x", quantity: 3, unit: "EA", unitPriceMinor: 2250, vatRateBasisPoints: 2100 });
    };
    await transferLine(customer.company.id, "REF-READS-1", byReference.id);
    await transferLine(other.company.id, "REF-READS-OTHER", transferredElsewhere.id);

    const references = ["REF-READS-1", "REF-READS-OTHER", "REF-UNKNOWN"];
    const skus = [bySku.sku, inactive.sku, "NO-SUCH-SKU", bySku.sku];
    const state = await getOrderIntakeState(intake("lines@buyer", "PO-LINES", { references, skus, contactEmail: `  ${customer.user.email.toUpperCase()} ` }));

    // Only this customer's transferred lines; the other customer's reference is not matched.
    expect(state.snapshotLines).toEqual(await findSnapshotLines(customer.company.id, references));
    expect([...state.snapshotLines.keys()]).toEqual(["REF-READS-1"]);
    // Products by SKU (inactive ones too: reconciliation refuses them) and by matched reference.
    const expected = [...(await listProductsBySkus(skus)).values(), ...(await listProductsByIds([byReference.id]))];
    const sorted = <T extends { id: number }>(rows: T[]) => [...rows].sort((a, b) => a.id - b.id);
    expect(sorted(state.products)).toEqual(sorted(expected));
    expect(state.products.map((p) => p.id).sort()).toEqual([bySku.id, byReference.id, inactive.id].sort());
    expect(state.products.find((p) => p.id === bySku.id)!.listPriceTiers).toEqual([{ minQuantity: 10, priceMinor: 900 }]);
    // This customer's contract prices of those products, with dates as strings and tiers parsed.
    expect(byEntry(state.contractCandidates)).toEqual(byEntry(await listContractCandidates(customer.company.id, [bySku.id, byReference.id, inactive.id])));
    expect(state.contractCandidates.get(bySku.id)).toHaveLength(2);
    expect(state.contractCandidates.get(bySku.id)!.find((c) => c.priority === 5)).toMatchObject({ validFrom: "2026-01-01", listValidFrom: "2026-06-01", tiers: [{ minQuantity: 5, priceMinor: 750 }] });
    expect(state.contractCandidates.get(byReference.id)!.map((c) => c.discountBasisPoints)).toEqual([1000]);
    // The contact: an active user of this customer (e-mail trimmed, any case), like getActiveCompanyUserByEmail.
    expect(state.contactUserId).toBe((await getActiveCompanyUserByEmail(customer.company.id, customer.user.email))!.id);
    expect((await getOrderIntakeState(intake("lines@buyer", "PO-LINES", { contactEmail: other.user.email }))).contactUserId).toBeNull();
    await handle.db.update(users).set({ active: false }).where(eq(users.id, customer.user.id));
    expect((await getOrderIntakeState(intake("lines@buyer", "PO-LINES", { contactEmail: customer.user.email }))).contactUserId).toBeNull();
    await handle.db.update(users).set({ active: true }).where(eq(users.id, customer.user.id));
  });

  it("orderAuthState given the request's intake reads each candidate's getOrderIntakeState in the same statement", async () => {
    const category = await createCategory(handle);
    const product = await createProduct(handle, category.id, { listPriceMinor: 1200 });
    await createPriceList(handle, customer.company.id, [{ productId: product.id, kind: "fixed", priceMinor: 1100 }]);
    const request = { payloadId: "reads@buyer", buyerOrderId: "PO-READS", references: ["REF-READS-1"], skus: [product.sku, "NO-SUCH-SKU"], contactEmail: customer.user.email };
    const keys = ["cxml:sender:an-reads"];
    const state = await orderAuthState(keys, ["AN-READS", "123", "AN-OCI-ORDERS"], NOW, request);
    expect(state.throttle).toEqual(await throttleStatus(keys, NOW));
    expect(state.candidates).toHaveLength(3);
    for (const candidate of state.candidates) {
      const separate = await getOrderIntakeState({ ...request, connectionId: candidate.connection.id, companyId: candidate.connection.companyId });
      expect(candidate.intake, candidate.connection.name).toEqual(separate);
    }
    // Per connection: the document and order stored for this payloadID / orderID (previous test) belong
    // to one connection only; company data is the customer's for all three.
    const of = (id: number) => state.candidates.find((c) => c.connection.id === id)!.intake!;
    expect(of(connection.id).document?.payloadId).toBe("reads@buyer");
    expect(of(connection.id).existing?.purchaseOrder.buyerOrderId).toBe("PO-READS");
    const others = state.candidates.filter((c) => c.connection.id !== connection.id);
    expect(others.map((c) => [c.intake!.document, c.intake!.existing])).toEqual([[null, null], [null, null]]);
    for (const { intake: read } of state.candidates) {
      expect(read!.companyName).toBe(customer.company.name);
      expect(read!.products.map((p) => p.sku)).toContain(product.sku); // and the referenced line's product
      expect(read!.contractCandidates.get(product.id)!.map((c) => c.priceMinor)).toEqual([1100]);
      expect(read!.snapshotLines.get("REF-READS-1")).toBeDefined();
      expect(read!.contactUserId).toBe(customer.user.id);
    }
    // No candidate, no intake read; the throttle status is read all the same.
    expect((await orderAuthState(keys, ["AN-UNKNOWN"], NOW, request)).candidates).toEqual([]);
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
