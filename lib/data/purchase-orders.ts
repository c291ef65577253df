import "server-only";
import { and, asc, desc, eq, ilike, inArray, isNotNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { deliveryChargeByRate } from "@/lib/pricing/delivery-charge";
import { summarizeVat } from "@/lib/pricing/vat";
import {
  addresses,
  companies,
  invoiceLines,
  invoices,
  orderEvents,
  orderShipments,
  outboundMessages,
  orderLines,
  orders,
  punchoutConnections,
  purchaseOrderDocuments,
  purchaseOrderLines,
  purchaseOrders,
  purchaseOrderSettings,
  quotes,
  users,
  type NewOrder,
  type NewOrderLine,
  type NewPurchaseOrderLine,
  type Order,
  type OrderLine,
  type OrderShipment,
  type OrderStatus,
  type PunchoutConnection,
  type PurchaseOrder,
  type PurchaseOrderDocument,
  type PurchaseOrderLine,
  type PurchaseOrderSettings,
} from "@/db/schema";
import type { ContractPriceCandidate } from "@/lib/pricing/resolve-price";
import { isAssortment, type Assortment } from "@/lib/catalog/assortment";
import { PRODUCT_ROW_COLUMNS, productRowFromJson, type ProductRow } from "./catalog";
import type { CreditUse } from "@/lib/orders/credit";
import { creditUseFromJson, creditUseJsonSql, lockedCreditUse } from "./credit";
import { database } from "./database";
import type { OrderLineCsvRow } from "@/lib/orders/order-lines-csv";
import { orderLineExportColumns } from "./order-history";
import { shownStatus, shownStatusIs } from "./order-shown-status";
import type { ShownOrderStatus } from "@/lib/orders/shown-status";
import { containsPattern } from "./sql";
import { contractCandidatesFromJson, contractCandidatesJsonSql } from "./prices";
import { cxmlFromIdentityFilter } from "./punchout-connections";
import type { QuoteLineTerms } from "./quotes";
import type { OutgoingMail } from "./user-accounts";
import { logRowsInsertSql, type ProtocolLogRow } from "./protocol-messages";
import { queueMailIn, type OutboxMessage } from "./mail-outbox";
import { queueOrderMail, type OrderForMail } from "./orders";
import { THROTTLE_ROWS_JSON, throttleStatusFromJson, type ThrottleStatus } from "./login-throttle";
import { jsonValue, preparedStatement, rowFromJson, runPrepared, runPreparedIn } from "./prepared-sql";

function orderAuthStateSql(withIntake: boolean): string {
  // Aliases that are neither a column name ("settings" is one: to_jsonb(settings) would read it) nor
  // one the intake's subqueries use themselves (they would shadow it).
  const intake = withIntake ? `, 'intake', ${orderIntakeJsonSql(`conn."id"`, `conn."company_id"`)}` : "";
  return `select ${THROTTLE_ROWS_JSON} as "throttle",
  (select coalesce(jsonb_agg(jsonb_build_object('connection', to_jsonb(conn), 'settings', to_jsonb(order_settings)${intake}) order by conn."id"), '[]'::jsonb)
     from "punchout_connections" conn left join "purchase_order_settings" order_settings on order_settings."connection_id" = conn."id"
     where (conn."protocol" = 'cxml' or order_settings."order_secret_hash" is not null) and ${cxmlFromIdentityFilter("conn", "$2")}) as "connections"`;
}

const ORDER_AUTH_STATE = orderAuthStateSql(false);
const ORDER_AUTH_STATE_WITH_INTAKE = orderAuthStateSql(true);

export interface OrderCredentialCandidate {
  connection: PunchoutConnection;
  secretHash: string;
  settings: PurchaseOrderSettings | null;
  /** getOrderIntakeState for this connection, when orderAuthState was given the request's intake. */
  intake: OrderIntakeState | null;
}

/**
 * What authenticating an OrderRequest reads, in one statement: throttleStatus(keys) and the
 * connections with one of `fromIdentities` in their cXML From credentials that may send OrderRequests,
 * with the hash to check the SharedSecret against: cXML connections (their order secret, else their
 * setup secret) and OCI connections that have cXML identities and an order secret configured. Each
 * comes with its purchase-order settings (null when none are stored), so an OrderRequest does not
 * read them again, and — given the request's `intake` — with its getOrderIntakeState, so an order
 * costs two round trips instead of three (issue 8). That state is read before the SharedSecret is
 * checked and must only be used for the connection that authenticated; reading it costs less than
 * parsing the document did, and far less than checking a wrong secret.
 */
export async function orderAuthState(
  keys: string[],
  fromIdentities: string[],
  now: Date,
  intake: OrderIntakeRequest | null = null,
): Promise<{ throttle: ThrottleStatus; candidates: OrderCredentialCandidate[] }> {
  const [row] = intake
    ? await runPrepared<{ throttle: unknown; connections: unknown }>(ORDER_AUTH_STATE_WITH_INTAKE, [keys, fromIdentities, ...orderIntakeParameters(intake)])
    : await runPrepared<{ throttle: unknown; connections: unknown }>(ORDER_AUTH_STATE, [keys, fromIdentities]);
  return {
    throttle: throttleStatusFromJson(row?.throttle, now),
    candidates: jsonValue<{ connection: unknown; settings: unknown; intake?: unknown }[]>(row?.connections ?? []).map((candidate) => {
      const connection = rowFromJson(punchoutConnections, candidate.connection);
      const settings = candidate.settings ? rowFromJson(purchaseOrderSettings, candidate.settings) : null;
      const intakeState = candidate.intake ? orderIntakeFromJson(candidate.intake) : null;
      return { connection, secretHash: settings?.orderSecretHash ?? connection.secretHash, settings, intake: intakeState };
    }),
  };
}

export async function getPurchaseOrderSettings(connectionId: number): Promise<PurchaseOrderSettings | null> {
  const db = await database();
  const [row] = await db.select().from(purchaseOrderSettings).where(eq(purchaseOrderSettings.connectionId, connectionId));
  return row ?? null;
}

export async function upsertPurchaseOrderSettings(
  connectionId: number,
  values: Partial<Omit<PurchaseOrderSettings, "connectionId" | "updatedAt">>,
): Promise<void> {
  const db = await database();
  await db
    .insert(purchaseOrderSettings)
    .values({ connectionId, ...values })
    .onConflictDoUpdate({ target: purchaseOrderSettings.connectionId, set: { ...values, updatedAt: new Date() } });
}

const documentByPayload = preparedStatement((db) =>
  db
    .select()
    .from(purchaseOrderDocuments)
    .where(and(eq(purchaseOrderDocuments.connectionId, sql.placeholder("connectionId")), eq(purchaseOrderDocuments.payloadId, sql.placeholder("payloadId"))))
    .prepare("purchase_order_document_by_payload"),
);

export async function getPurchaseOrderDocument(connectionId: number, payloadId: string): Promise<PurchaseOrderDocument | null> {
  const [row] = await (await documentByPayload()).execute({ connectionId, payloadId });
  return row ?? null;
}

/**
 * See getOrderIntakeState: what used to be eight lookups, as one JSON object, for the connection and
 * customer given as SQL expressions (parameters or an outer query's columns). Its own parameters are
 * $3 payloadID, $4 orderID, $5 references, $6 SKUs, $7 contact e-mail (ORDER_INTAKE_PARAMETERS).
 */
function orderIntakeJsonSql(connectionId: string, companyId: string): string {
  return `(with "snapshot" as (
  select l."reference", l."id", l."product_id", l."unit_price_minor", l."quantity",
      case when q."id" is null then null else jsonb_build_object('quoteLineId', ql."id", 'quoteId', q."id", 'quoteNumber', q."quote_number",
        'lineNumber', ql."line_number", 'companyId', q."company_id", 'productId', ql."product_id", 'quantity', ql."quantity",
        'quotedUnitPriceMinor', ql."quoted_unit_price_minor", 'status', q."status", 'validUntil', q."valid_until", 'orderId', q."order_id") end as "quote"
    from "punchout_transfer_lines" l join "punchout_transfers" t on t."id" = l."transfer_id"
      left join "quote_lines" ql on ql."id" = l."quote_line_id" left join "quotes" q on q."id" = ql."quote_id"
    where l."reference" = any($5::text[]) and t."company_id" = ${companyId}),
"wanted" as (
  select ${PRODUCT_ROW_COLUMNS} from "products"
    where "sku" = any($6::text[]) or "id" = any(array(select s."product_id" from "snapshot" s)))
select jsonb_build_object(
  'document', (select to_jsonb(d) from "purchase_order_documents" d where d."connection_id" = ${connectionId} and d."payload_id" = $3),
  'existing', (select jsonb_build_object('purchaseOrder', to_jsonb(po), 'order', to_jsonb(o))
     from "purchase_orders" po join "orders" o on o."id" = po."order_id"
     where po."connection_id" = ${connectionId} and po."buyer_order_id" = $4),
  'companyName', (select c."name" from "companies" c where c."id" = ${companyId}),
  'assortment', (select c."assortment" from "companies" c where c."id" = ${companyId}),
  'shipTo', (select coalesce(jsonb_agg(to_jsonb(a) order by a."is_default" desc, a."id" asc), '[]'::jsonb)
     from "addresses" a where a."company_id" = ${companyId} and a."kind" = 'ship_to'),
  'snapshot', (select coalesce(jsonb_agg(jsonb_build_object('reference', s."reference", 'id', s."id", 'productId', s."product_id",
       'unitPriceMinor', s."unit_price_minor", 'quantity', s."quantity", 'quote', s."quote")), '[]'::jsonb)
     from "snapshot" s),
  'products', (select coalesce(jsonb_agg(to_jsonb(w)), '[]'::jsonb) from "wanted" w),
  'candidates', (${contractCandidatesJsonSql(companyId, `select w."id" from "wanted" w`)}),
  'contactUserId', (select u."id" from "users" u where u."email" = $7 and u."active" and u."company_id" = ${companyId}),
  -- A new version of a purchase order replaces it: the credit check counts it with its new amount only.
  'credit', ${creditUseJsonSql(companyId, `(select po."order_id" from "purchase_orders" po where po."connection_id" = ${connectionId} and po."buyer_order_id" = $4)`)}))`;
}

const ORDER_INTAKE_STATE = `select ${orderIntakeJsonSql("$1::integer", "$2::integer")} as "intake"`;

/** The intake parameters $3–$7 of orderIntakeJsonSql. */
function orderIntakeParameters(query: OrderIntakeRequest): unknown[] {
  return [
    query.payloadId,
    query.buyerOrderId,
    [...new Set(query.references)],
    [...new Set(query.skus)],
    query.contactEmail?.trim().toLowerCase() || null,
  ];
}

function orderIntakeFromJson(json: unknown): OrderIntakeState {
  const intake = jsonValue<{
    document: unknown;
    existing: { purchaseOrder: unknown; order: unknown } | null;
    companyName: string | null;
    assortment: string | null;
    shipTo: unknown[];
    snapshot: (SnapshotLineMatch & { reference: string })[];
    products: unknown[];
    candidates: unknown;
    contactUserId: number | null;
    credit: unknown;
  }>(json);
  const existing = intake.existing;
  return {
    document: intake.document ? rowFromJson(purchaseOrderDocuments, intake.document) : null,
    existing: existing ? { purchaseOrder: rowFromJson(purchaseOrders, existing.purchaseOrder), order: rowFromJson(orders, existing.order) } : null,
    companyName: intake.companyName ?? "",
    assortment: isAssortment(intake.assortment) ? intake.assortment : "all",
    shipToAddresses: intake.shipTo.map((address) => rowFromJson(addresses, address)),
    snapshotLines: new Map(intake.snapshot.map(({ reference, ...line }) => [reference, line])),
    products: intake.products.map(productRowFromJson),
    contractCandidates: contractCandidatesFromJson(intake.candidates),
    contactUserId: intake.contactUserId ?? null,
    credit: creditUseFromJson(intake.credit ?? null),
  };
}

export type ShipToAddress = typeof addresses.$inferSelect;

export interface SnapshotLineMatch {
  id: number;
  productId: number;
  unitPriceMinor: number;
  quantity: number;
  /** The quote whose price the line carried when transferred (its state now), else null. */
  quote: QuoteLineTerms | null;
}

/** What an OrderRequest's intake reads by, besides its connection and customer. */
export interface OrderIntakeRequest {
  payloadId: string;
  buyerOrderId: string;
  /** The lines' SupplierPartAuxiliaryIDs: references of transferred cart lines (punchout_transfer_lines). */
  references: string[];
  /** The lines' SupplierPartIDs. */
  skus: string[];
  /** The first contact's e-mail address: the order is placed for this user of the customer when there is one. */
  contactEmail: string | null;
}

export interface OrderIntakeQuery extends OrderIntakeRequest {
  connectionId: number;
  companyId: number;
}

export interface OrderIntakeState {
  /** The document already stored for this payloadID: the request is a replay (getPurchaseOrderDocument). */
  document: PurchaseOrderDocument | null;
  /** The purchase order already stored for this orderID (getPurchaseOrderByBuyerId). */
  existing: { purchaseOrder: PurchaseOrder; order: Order } | null;
  /** The customer's name ("" when it is gone). */
  companyName: string;
  /** The customer's assortment (companies.assortment, lib/catalog/assortment.ts; "all" when it is gone). */
  assortment: Assortment;
  /** The customer's ship-to addresses, default first (listCompanyShipToAddresses). */
  shipToAddresses: ShipToAddress[];
  /** This customer's transferred cart lines by reference (the other customers' are never matched). */
  snapshotLines: Map<string, SnapshotLineMatch>;
  /** The products with one of the SKUs or referenced by a matched snapshot line (listProductsBySkus / listProductsByIds). */
  products: ProductRow[];
  /** The customer's contract-price candidates for those products (listContractCandidates). */
  contractCandidates: Map<number, ContractPriceCandidate[]>;
  /** The active user of the customer with the contact's e-mail address (getActiveCompanyUserByEmail). */
  contactUserId: number | null;
  /** The customer's credit use without this purchase order (null: no credit limit; lib/orders/credit.ts). */
  credit: CreditUse | null;
}

/**
 * Everything an incoming OrderRequest reads before it is reconciled, in one statement (issue 8:
 * each round trip to PostgreSQL costs the intake more than the reading itself): the document
 * already stored for its payloadID, the order already stored for its orderID (both unique per
 * connection), the customer's name, assortment and ship-to addresses, the transferred cart lines the order
 * refers to, the products of its lines (by reference or by SKU) with the customer's contract prices
 * for them, and the user the order is placed for.
 */
export async function getOrderIntakeState(query: OrderIntakeQuery): Promise<OrderIntakeState> {
  const [row] = await runPrepared<{ intake: unknown }>(ORDER_INTAKE_STATE, [query.connectionId, query.companyId, ...orderIntakeParameters(query)]);
  return orderIntakeFromJson(row!.intake);
}

export interface PurchaseOrderDocumentInput {
  connectionId: number;
  payloadId: string;
  type: "new" | "update" | "delete";
  buyerOrderId: string;
  documentSha256: string;
  rawDocument: string;
  responseXml: string;
}

export interface StoredOrderInput {
  order: Omit<NewOrder, "id" | "orderNumber" | "placedAt">;
  /** The quotes whose prices lines carry (accepted quotes become ordered with the order). */
  quoteIds?: number[];
  lines: Omit<NewOrderLine, "id" | "orderId">[];
  purchaseOrder: Omit<typeof purchaseOrders.$inferInsert, "orderId" | "revision" | "createdAt" | "updatedAt">;
  purchaseLines: Omit<NewPurchaseOrderLine, "id" | "orderId" | "revision">[];
  document: PurchaseOrderDocumentInput;
  eventComment: string | null;
}

/**
 * The whole new purchase order in ONE statement (data-modifying CTEs run atomically, like a
 * transaction, and the foreign keys between them are checked at its end): order, purchase order,
 * document, order lines, purchase order lines (revision 1) and the first event. Lines come as JSON
 * arrays, so the text (and the prepared statement) is the same for any number of lines.
 */
const CREATE_PURCHASE_ORDER = `with o as (
  insert into "orders" ("company_id", "user_id", "source", "status", "po_number", "cost_center", "requested_delivery_date", "note",
    "ship_to", "bill_to", "currency", "subtotal_minor", "vat_minor", "total_minor", "vat_breakdown")
  values ($1, $2, coalesce($3, 'web'), $4, $5, $6, $7::date, $8, $9::jsonb, $10::jsonb, coalesce($11, 'EUR'), $12, $13, $14, $15::jsonb)
  returning "id", "order_number", "status"
), po as (
  insert into "purchase_orders" ("order_id", "connection_id", "buyer_order_id", "order_date", "order_version", "revision", "payload_id",
    "document_sha256", "deployment_mode", "currency", "buyer_total_minor", "header")
  select o."id", $16, $17, $18, coalesce($19::integer, 1), 1, $20, $21, $22, $23, $24, coalesce($25::jsonb, '{}'::jsonb) from o
  returning "order_id"
), d as (
  insert into "purchase_order_documents" ("connection_id", "payload_id", "order_id", "type", "buyer_order_id", "document_sha256", "raw_document", "response_xml")
  select $26, $27, o."id", $28, $29, $30, $31, $32 from o
), ol as (
  insert into "order_lines" ("order_id", "line_number", "product_id", "sku", "name", "unit", "quantity", "unit_price_minor", "list_price_minor",
    "line_total_minor", "vat_rate_basis_points", "price_source", "customer_article_number")
  select o."id", x."line_number", x."product_id", x."sku", x."name", x."unit", x."quantity", x."unit_price_minor", x."list_price_minor",
    x."line_total_minor", x."vat_rate_basis_points", x."price_source", x."customer_article_number"
  from o cross join jsonb_to_recordset($33::jsonb) as x("line_number" integer, "product_id" integer, "sku" text, "name" text, "unit" text,
    "quantity" integer, "unit_price_minor" integer, "list_price_minor" integer, "line_total_minor" integer, "vat_rate_basis_points" integer,
    "price_source" jsonb, "customer_article_number" text)
), pl as (
  insert into "purchase_order_lines" ("order_id", "revision", "line_number", "supplier_part_id", "supplier_part_auxiliary_id", "quantity",
    "unit_of_measure", "buyer_unit_price_minor", "currency", "our_unit_price_minor", "description", "requested_delivery_date", "product_id",
    "transfer_line_id", "details", "reasons")
  select po."order_id", 1, x."line_number", x."supplier_part_id", x."supplier_part_auxiliary_id", x."quantity", x."unit_of_measure",
    x."buyer_unit_price_minor", x."currency", x."our_unit_price_minor", x."description", x."requested_delivery_date", x."product_id",
    x."transfer_line_id", coalesce(x."details", '{}'::jsonb), coalesce(x."reasons", '[]'::jsonb)
  from po cross join jsonb_to_recordset($34::jsonb) as x("line_number" integer, "supplier_part_id" text, "supplier_part_auxiliary_id" text,
    "quantity" text, "unit_of_measure" text, "buyer_unit_price_minor" integer, "currency" text, "our_unit_price_minor" integer,
    "description" text, "requested_delivery_date" text, "product_id" integer, "transfer_line_id" integer, "details" jsonb, "reasons" jsonb)
), e as (
  insert into "order_events" ("order_id", "status", "comment")
  select o."id", o."status", $35 from o
), q as (
  update "quotes" set "status" = 'ordered', "order_id" = o."id" from o
  where "quotes"."id" = any($37::integer[]) and "quotes"."status" = 'accepted'
), m as (
  ${logRowsInsertSql("$36", "o", {
    // The inbound document is the stored one ($31), sent once; the inbound row's summary gets the order number.
    payload: `coalesce(x."m"->>'payload', $31)`,
    summary: `case when x."m"->>'direction' = 'inbound' then x."m"->'summary' || jsonb_build_object('order', o."order_number") else x."m"->'summary' end`,
  })}
)
select "id", "order_number" from o`;

const jsonOrNull = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

/**
 * A new OrderRequest: order, lines, first event, the cXML header and lines, the document with its
 * Response, and its protocol log rows (`log`, in that order; the inbound row's summary gets the order
 * number) — one statement, so atomic. A parallel duplicate hits the unique indexes and writes nothing.
 *
 * `underCredit`: the customer has a credit limit, so its row is locked first and its credit read
 * again (lib/data/credit.ts lockedCreditUse) in the transaction that stores the order, and `rebuild`
 * makes the order for that credit: two purchase orders arriving at once cannot both fit into what is
 * left (the intake's own read is not locked). Returns the status the order was stored with.
 */
export async function createPurchaseOrder(
  given: StoredOrderInput & { log?: ProtocolLogRow[] },
  underCredit?: { companyId: number; rebuild: (credit: CreditUse | null) => StoredOrderInput & { log?: ProtocolLogRow[] } },
): Promise<{ orderId: number; orderNumber: string; status: OrderStatus }> {
  if (!underCredit) return { ...(await insertPurchaseOrder((text, params) => runPrepared(text, params), given)), status: given.order.status };
  const db = await database();
  return db.transaction(async (tx) => {
    const input = underCredit.rebuild(await lockedCreditUse(tx, underCredit.companyId));
    return { ...(await insertPurchaseOrder((text, params) => runPreparedIn(tx, text, params), input)), status: input.order.status };
  });
}

async function insertPurchaseOrder(
  run: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>,
  input: StoredOrderInput & { log?: ProtocolLogRow[] },
): Promise<{ orderId: number; orderNumber: string }> {
  const { order, purchaseOrder: po, document: doc } = input;
  const lines = input.lines.map((line) => ({
    line_number: line.lineNumber,
    product_id: line.productId ?? null,
    sku: line.sku,
    name: line.name,
    unit: line.unit,
    quantity: line.quantity,
    unit_price_minor: line.unitPriceMinor,
    list_price_minor: line.listPriceMinor,
    line_total_minor: line.lineTotalMinor,
    vat_rate_basis_points: line.vatRateBasisPoints,
    price_source: line.priceSource,
    customer_article_number: line.customerArticleNumber ?? null,
  }));
  const purchaseLines = input.purchaseLines.map((line) => ({
    line_number: line.lineNumber,
    supplier_part_id: line.supplierPartId,
    supplier_part_auxiliary_id: line.supplierPartAuxiliaryId ?? null,
    quantity: line.quantity,
    unit_of_measure: line.unitOfMeasure ?? null,
    buyer_unit_price_minor: line.buyerUnitPriceMinor ?? null,
    currency: line.currency ?? null,
    our_unit_price_minor: line.ourUnitPriceMinor ?? null,
    description: line.description ?? null,
    requested_delivery_date: line.requestedDeliveryDate ?? null,
    product_id: line.productId ?? null,
    transfer_line_id: line.transferLineId ?? null,
    details: line.details ?? null,
    reasons: line.reasons ?? null,
  }));
  const [created] = (await run(CREATE_PURCHASE_ORDER, [
    order.companyId,
    order.userId ?? null,
    order.source ?? null,
    order.status,
    order.poNumber ?? null,
    order.costCenter ?? null,
    order.requestedDeliveryDate ?? null,
    order.note ?? null,
    JSON.stringify(order.shipTo),
    jsonOrNull(order.billTo),
    order.currency ?? null,
    order.subtotalMinor,
    order.vatMinor,
    order.totalMinor,
    JSON.stringify(order.vatBreakdown),
    po.connectionId,
    po.buyerOrderId,
    po.orderDate ?? null,
    po.orderVersion ?? null,
    po.payloadId,
    po.documentSha256,
    po.deploymentMode,
    po.currency,
    po.buyerTotalMinor,
    jsonOrNull(po.header),
    doc.connectionId,
    doc.payloadId,
    doc.type,
    doc.buyerOrderId,
    doc.documentSha256,
    doc.rawDocument,
    doc.responseXml,
    JSON.stringify(lines),
    JSON.stringify(purchaseLines),
    input.eventComment,
    // The inbound document is the stored one: sent once (null here reads it from the document's parameter).
    JSON.stringify((input.log ?? []).map((row) => (row.direction === "inbound" && row.payload === doc.rawDocument ? { ...row, payload: null } : row))),
    // The quotes whose prices the order's lines carry: used up by it (lib/quotes).
    input.quoteIds ?? [],
  ])) as { id: number; order_number: string }[];
  if (!created) throw new Error("order insert returned nothing");
  return { orderId: Number(created.id), orderNumber: created.order_number };
}

const UPDATABLE: readonly OrderStatus[] = ["needs_review", "accepted", "confirmed"];

/**
 * type="update": replaces the order's lines (the earlier revision stays in purchase_order_lines),
 * re-decides the status, records an event and the document. Refused (null) once the order is no
 * longer open; the row lock serialises concurrent updates.
 */
export type ReplacementInput = Omit<StoredOrderInput, "order"> & {
  order: Pick<NewOrder, "status" | "subtotalMinor" | "vatMinor" | "totalMinor" | "vatBreakdown" | "currency" | "shipTo" | "billTo" | "requestedDeliveryDate" | "note" | "costCenter">;
};

/**
 * `underCredit`: the customer has a credit limit, so after the order's lock its row is locked too
 * and its credit read again without this order (as createPurchaseOrderUnderCreditLock does), and
 * `rebuild` makes the replacement for that credit.
 */
export async function replacePurchaseOrder(
  orderId: number,
  given: ReplacementInput,
  underCredit?: { companyId: number; rebuild: (credit: CreditUse | null) => ReplacementInput },
): Promise<{ status: OrderStatus } | { refused: OrderStatus }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).for("update");
    if (!current || !UPDATABLE.includes(current.status)) return { refused: current?.status ?? "cancelled" };
    const input = underCredit ? underCredit.rebuild(await lockedCreditUse(tx, underCredit.companyId, orderId)) : given;
    const [po] = await tx
      .update(purchaseOrders)
      .set({ ...input.purchaseOrder, revision: sql`${purchaseOrders.revision} + 1`, updatedAt: new Date() })
      .where(eq(purchaseOrders.orderId, orderId))
      .returning({ revision: purchaseOrders.revision });
    await tx.insert(purchaseOrderDocuments).values({ ...input.document, orderId });
    await tx.update(orders).set(input.order).where(eq(orders.id, orderId));
    await tx.delete(orderLines).where(eq(orderLines.orderId, orderId));
    if (input.lines.length) await tx.insert(orderLines).values(input.lines.map((line) => ({ ...line, orderId })));
    if (input.purchaseLines.length) {
      await tx.insert(purchaseOrderLines).values(input.purchaseLines.map((line) => ({ ...line, orderId, revision: po!.revision })));
    }
    await tx.insert(orderEvents).values({ orderId, status: input.order.status!, comment: input.eventComment });
    if (input.quoteIds?.length) {
      // A quote the changed order newly uses is used up by it, as with a new order.
      await tx
        .update(quotes)
        .set({ status: "ordered", orderId })
        .where(and(inArray(quotes.id, input.quoteIds), eq(quotes.status, "accepted")));
    }
    return { status: input.order.status! };
  });
}

/** type="delete": cancels unless shipped (or already cancelled, which is answered as done). */
export async function cancelPurchaseOrder(
  orderId: number,
  document: PurchaseOrderDocumentInput,
  comment: string,
): Promise<{ status: OrderStatus; changed: boolean } | { refused: OrderStatus }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).for("update");
    if (!current || current.status === "shipped") return { refused: current?.status ?? "shipped" };
    await tx.insert(purchaseOrderDocuments).values({ ...document, orderId });
    if (current.status === "cancelled") return { status: "cancelled" as const, changed: false };
    await tx.update(orders).set({ status: "cancelled" }).where(eq(orders.id, orderId));
    await tx.insert(orderEvents).values({ orderId, status: "cancelled", comment });
    return { status: "cancelled" as const, changed: true };
  });
}

export interface OutboundMessageInput {
  connectionId: number;
  kind: "confirmation" | "ship_notice";
  payloadId: string;
  url: string;
  bodyEncrypted: string;
}

/** What has been shipped of each order line, summed over the order's shipments. */
export function shippedByLine(shipments: readonly Pick<OrderShipment, "lines">[]): Map<number, number> {
  const shipped = new Map<number, number>();
  for (const shipment of shipments) {
    for (const line of shipment.lines) shipped.set(line.lineNumber, (shipped.get(line.lineNumber) ?? 0) + line.quantity);
  }
  return shipped;
}

/** Per order line the quantity not shipped yet (lines with nothing open are left out). */
export function openToShip(lines: readonly Pick<OrderLine, "lineNumber" | "quantity">[], shipments: readonly Pick<OrderShipment, "lines">[]): Map<number, number> {
  const shipped = shippedByLine(shipments);
  const open = new Map<number, number>();
  for (const line of lines) {
    const rest = line.quantity - (shipped.get(line.lineNumber) ?? 0);
    if (rest > 0) open.set(line.lineNumber, rest);
  }
  return open;
}

/**
 * Everything the admin order detail needs about any order (web shop, OCI or cXML): the purchase
 * order parts (cXML header, buyer lines, connection) are null/empty for orders placed in the shop.
 * `invoicedShipmentIds` are the shipments an invoice was issued for; `invoicedByLine` sums the
 * order lines' quantities on invoices of this order (credit notes do not re-open lines, as in
 * lib/data/invoices.ts).
 */
export async function getOrderDetail(orderId: number) {
  const db = await database();
  const [row] = await db
    .select({
      order: orders,
      company: { id: companies.id, name: companies.name, invoiceOnShipment: companies.invoiceOnShipment, assortment: companies.assortment },
      buyer: { id: users.id, name: users.name, email: users.email },
      purchaseOrder: purchaseOrders,
      connection: punchoutConnections,
    })
    .from(orders)
    .innerJoin(companies, eq(companies.id, orders.companyId))
    .leftJoin(users, eq(users.id, orders.userId))
    .leftJoin(purchaseOrders, eq(purchaseOrders.orderId, orders.id))
    .leftJoin(punchoutConnections, eq(punchoutConnections.id, purchaseOrders.connectionId))
    .where(eq(orders.id, orderId));
  if (!row) return null;
  const eventUsers = alias(users, "event_users");
  const [lines, purchaseLines, events, shipments, invoicedShipments, invoicedLines] = await Promise.all([
    db.select().from(orderLines).where(eq(orderLines.orderId, orderId)).orderBy(asc(orderLines.lineNumber)),
    row.purchaseOrder
      ? db
          .select()
          .from(purchaseOrderLines)
          .where(and(eq(purchaseOrderLines.orderId, orderId), eq(purchaseOrderLines.revision, row.purchaseOrder.revision)))
          .orderBy(asc(purchaseOrderLines.lineNumber))
      : Promise.resolve([] as PurchaseOrderLine[]),
    db
      .select({
        id: orderEvents.id,
        orderId: orderEvents.orderId,
        status: orderEvents.status,
        kind: orderEvents.kind,
        userId: orderEvents.userId,
        userName: eventUsers.name,
        comment: orderEvents.comment,
        createdAt: orderEvents.createdAt,
      })
      .from(orderEvents)
      .leftJoin(eventUsers, eq(eventUsers.id, orderEvents.userId))
      .where(eq(orderEvents.orderId, orderId))
      .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id)),
    db.select().from(orderShipments).where(eq(orderShipments.orderId, orderId)).orderBy(asc(orderShipments.id)),
    db
      .selectDistinct({ shipmentId: invoices.shipmentId })
      .from(invoices)
      .where(and(eq(invoices.orderId, orderId), eq(invoices.kind, "invoice"), isNotNull(invoices.shipmentId))),
    db
      .select({
        lineNumber: invoiceLines.orderLineNumber,
        quantity: sql<number>`coalesce(sum(${invoiceLines.quantity}), 0)::int`,
      })
      .from(invoiceLines)
      .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
      .where(and(eq(invoices.orderId, orderId), eq(invoices.kind, "invoice"), isNotNull(invoiceLines.orderLineNumber)))
      .groupBy(invoiceLines.orderLineNumber),
  ]);
  return {
    ...row,
    lines,
    purchaseLines,
    events,
    shipments,
    invoicedShipmentIds: invoicedShipments.flatMap((r) => (r.shipmentId === null ? [] : [r.shipmentId])),
    invoicedByLine: new Map(invoicedLines.flatMap((r) => (r.lineNumber === null ? [] : [[r.lineNumber, Number(r.quantity)] as const]))),
  };
}

export type OrderDetail = NonNullable<Awaited<ReturnType<typeof getOrderDetail>>>;

/** An order that came in as a purchase order (cXML OrderRequest), with its header and connection. */
export async function getPurchaseOrderDetail(orderId: number) {
  const detail = await getOrderDetail(orderId);
  if (!detail?.purchaseOrder || !detail.connection) return null;
  return { ...detail, purchaseOrder: detail.purchaseOrder, connection: detail.connection };
}

/** A status history entry without a status change (e.g. a failed automatic invoice). */
export async function addOrderEvent(input: { orderId: number; userId: number | null; comment: string }): Promise<void> {
  const db = await database();
  await db.transaction(async (tx) => {
    const [current] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, input.orderId));
    if (!current) return;
    await tx.insert(orderEvents).values({ orderId: input.orderId, status: current.status, userId: input.userId, comment: input.comment });
  });
}

/**
 * A status change by staff (confirm / confirm with changes / reject) and, when the connection can
 * receive it, the ConfirmationRequest in the outbox — one transaction. `from` guards the transition.
 */
export async function changePurchaseOrderStatus(input: {
  orderId: number;
  from: readonly OrderStatus[];
  to: OrderStatus;
  userId: number | null;
  comment: string | null;
  /**
   * Confirmed with changes: per line the confirmed quantity, unit price and delivery date
   * (YYYY-MM-DD or null). Quantity 0 rejects the line: it leaves the order (an order line is never
   * 0, as with a staff edit), so nothing of it is shipped or invoiced; the buyer's line stays in
   * purchase_order_lines, which is how the order page tells it was rejected.
   */
  lineChanges?: { lineNumber: number; quantity: number; unitPriceMinor: number; deliveryDate?: string | null }[];
  outbound: OutboundMessageInput | null;
  /** The orderer's mail, from the order as changed and the status it had (null: none); queued with the change. */
  mail?: (order: OrderForMail, from: OrderStatus) => OutboxMessage | null;
}): Promise<boolean> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, input.orderId)).for("update");
    if (!current || !input.from.includes(current.status)) return false;
    for (const change of input.lineChanges ?? []) {
      const line = and(eq(orderLines.orderId, input.orderId), eq(orderLines.lineNumber, change.lineNumber));
      if (change.quantity === 0) {
        await tx.delete(orderLines).where(line);
        continue;
      }
      await tx
        .update(orderLines)
        .set({
          quantity: change.quantity,
          unitPriceMinor: change.unitPriceMinor,
          lineTotalMinor: change.quantity * change.unitPriceMinor,
          confirmedDeliveryDate: change.deliveryDate ?? null,
        })
        .where(line);
    }
    if (input.lineChanges?.length) {
      const [order] = await tx.select({ deliveryChargeMinor: orders.deliveryChargeMinor }).from(orders).where(eq(orders.id, input.orderId));
      const lines = await tx.select().from(orderLines).where(eq(orderLines.orderId, input.orderId));
      // Rejecting every line is rejecting the order (the caller refuses it); never leave an order without lines.
      if (lines.length === 0) throw new Error(`confirming order ${input.orderId} with changes would leave it without lines`);
      const goods = lines.map((line) => ({ netMinor: line.lineTotalMinor, vatRateBasisPoints: line.vatRateBasisPoints }));
      // The order's delivery charge stays, spread over the remaining lines' rates as when it was placed.
      const totals = summarizeVat([...goods, ...deliveryChargeByRate(order?.deliveryChargeMinor ?? 0, goods)]);
      await tx
        .update(orders)
        .set({ subtotalMinor: totals.subtotalMinor, vatMinor: totals.vatMinor, totalMinor: totals.totalMinor, vatBreakdown: totals.breakdown })
        .where(eq(orders.id, input.orderId));
    }
    await tx.update(orders).set({ status: input.to }).where(eq(orders.id, input.orderId));
    await tx.insert(orderEvents).values({ orderId: input.orderId, status: input.to, userId: input.userId, comment: input.comment });
    if (input.outbound) await tx.insert(outboundMessages).values({ ...input.outbound, orderId: input.orderId });
    const mail = input.mail;
    await queueOrderMail(tx, input.orderId, mail && ((order) => mail(order, current.status)), new Date());
    return true;
  });
}

/**
 * The ConfirmationRequest of a decision that queued none (the connection had no address for it then)
 * into the outbox, once: under the order's row lock, only while the order is in `from` and has no
 * confirmation in the outbox yet, so a second press or a parallel one queues nothing more. With it,
 * in the same transaction, the order's history says who sent it when (a `confirmation_sent` event,
 * status unchanged); a press that queues nothing writes nothing.
 */
export async function queueMissedConfirmation(input: {
  orderId: number;
  from: readonly OrderStatus[];
  outbound: OutboundMessageInput;
  userId: number | null;
  now: Date;
}): Promise<"queued" | "invalid_status" | "already_sent"> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ status: orders.status }).from(orders).where(eq(orders.id, input.orderId)).for("update");
    if (!current || !input.from.includes(current.status)) return "invalid_status";
    const [sent] = await tx
      .select({ id: outboundMessages.id })
      .from(outboundMessages)
      .where(and(eq(outboundMessages.orderId, input.orderId), eq(outboundMessages.kind, "confirmation")))
      .limit(1);
    if (sent) return "already_sent";
    await tx.insert(outboundMessages).values({ ...input.outbound, kind: "confirmation", orderId: input.orderId });
    await tx.insert(orderEvents).values({ orderId: input.orderId, status: current.status, kind: "confirmation_sent", userId: input.userId, createdAt: input.now });
    return "queued";
  });
}

export interface ShipmentRecordInput {
  orderId: number;
  /** Statuses a shipment may be recorded in ("shipped" allows further shipments of what is still open). */
  from: readonly OrderStatus[];
  userId: number | null;
  carrier: string;
  trackingNumber: string;
  trackingUrl: string | null;
  /** Lines and quantities shipped; null = everything still open. */
  lines: { lineNumber: number; quantity: number }[] | null;
  /** Builds the ShipNoticeRequest for the outbox (null: none), from the shipment as it will be stored. */
  outbound: (shipment: ShipmentAsStored) => OutboundMessageInput | null;
  /** Builds the orderer's e-mail for the mail outbox (null: none), from the shipment as it will be stored. */
  mail?: (shipment: ShipmentAsStored) => (OutgoingMail & { userId?: number }) | null;
  /**
   * The ERP's API: a shipment of this order with the same carrier and tracking number is this one
   * sent again (a retry after a timeout) and is answered as stored, not recorded twice; with other
   * lines it is refused (tracking_in_use). Staff's form leaves it off.
   */
  replayByTracking?: boolean;
}

/**
 * A shipment as the transaction stores it, with the order's lines as read under its lock: staff may
 * have changed them (lib/orders/order-edit.ts) after the caller read the order.
 */
export interface ShipmentAsStored {
  shipmentNumber: string;
  lines: { lineNumber: number; quantity: number }[];
  complete: boolean;
  orderLines: ReadonlyMap<number, { sku: string; name: string; unit: string }>;
}

export type ShipmentRecordResult =
  | { ok: true; shipmentId: number; shipmentNumber: string; lines: { lineNumber: number; quantity: number }[]; complete: boolean; queued: boolean; replayed?: boolean }
  | { ok: false; error: "invalid_status" | "invalid_input" | "exceeds_open" | "tracking_in_use"; detail?: string };

/**
 * Records a (partial) shipment, marks the order shipped and queues the ShipNoticeRequest — one
 * transaction. The order row lock serialises concurrent shipments, so the open quantities checked
 * here are the ones the shipment is stored against (no line is ever shipped more than ordered).
 * An order with nothing left to ship is refused as invalid_status (it is completely shipped).
 */
export async function recordOrderShipment(input: ShipmentRecordInput): Promise<ShipmentRecordResult> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: orders.status, orderNumber: orders.orderNumber })
      .from(orders)
      .where(eq(orders.id, input.orderId))
      .for("update");
    if (!current) return { ok: false as const, error: "invalid_status" as const };
    const [lines, shipments] = await Promise.all([
      tx
        .select({ lineNumber: orderLines.lineNumber, quantity: orderLines.quantity, sku: orderLines.sku, name: orderLines.name, unit: orderLines.unit })
        .from(orderLines)
        .where(eq(orderLines.orderId, input.orderId)),
      tx
        .select({ id: orderShipments.id, shipmentNumber: orderShipments.shipmentNumber, carrier: orderShipments.carrier, trackingNumber: orderShipments.trackingNumber, lines: orderShipments.lines })
        .from(orderShipments)
        .where(eq(orderShipments.orderId, input.orderId))
        .orderBy(orderShipments.id),
    ]);
    const open = openToShip(lines, shipments);
    if (input.replayByTracking) {
      // Read under the order's lock: two copies of one call at once find each other, never both insert.
      const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
      const earlier = shipments.find((shipment) => same(shipment.carrier, input.carrier) && same(shipment.trackingNumber, input.trackingNumber));
      if (earlier) {
        const key = (ls: readonly { lineNumber: number; quantity: number }[]) =>
          ls
            .filter((l) => l.quantity !== 0)
            .map((l) => `${l.lineNumber}:${l.quantity}`)
            .sort()
            .join(",");
        if (input.lines !== null && key(input.lines) !== key(earlier.lines)) return { ok: false as const, error: "tracking_in_use" as const, detail: earlier.shipmentNumber };
        return { ok: true as const, replayed: true, shipmentId: earlier.id, shipmentNumber: earlier.shipmentNumber, lines: earlier.lines, complete: open.size === 0, queued: false };
      }
    }
    if (!input.from.includes(current.status)) return { ok: false as const, error: "invalid_status" as const };
    if (open.size === 0) return { ok: false as const, error: "invalid_status" as const };
    const requested = input.lines ?? [...open].map(([lineNumber, quantity]) => ({ lineNumber, quantity }));
    const shipped = requested.filter((line) => line.quantity !== 0);
    const seen = new Set<number>();
    for (const line of shipped) {
      if (!lines.some((l) => l.lineNumber === line.lineNumber) || seen.has(line.lineNumber) || !Number.isInteger(line.quantity) || line.quantity < 0) {
        return { ok: false as const, error: "invalid_input" as const, detail: String(line.lineNumber) };
      }
      seen.add(line.lineNumber);
      if (line.quantity > (open.get(line.lineNumber) ?? 0)) return { ok: false as const, error: "exceeds_open" as const, detail: String(line.lineNumber) };
    }
    if (shipped.length === 0) return { ok: false as const, error: "invalid_input" as const };
    shipped.sort((a, b) => a.lineNumber - b.lineNumber);
    const complete = [...open].every(([lineNumber, quantity]) => shipped.find((l) => l.lineNumber === lineNumber)?.quantity === quantity);
    const shipmentNumber = `${current.orderNumber}-S${shipments.length + 1}`;
    const [row] = await tx
      .insert(orderShipments)
      .values({ orderId: input.orderId, shipmentNumber, carrier: input.carrier, trackingNumber: input.trackingNumber, trackingUrl: input.trackingUrl, lines: shipped })
      .returning({ id: orderShipments.id });
    if (current.status !== "shipped") await tx.update(orders).set({ status: "shipped" }).where(eq(orders.id, input.orderId));
    // Facts only, in no language: whether it was partial, the pages tell from the shipments (lib/orders/order-story.ts shipmentEvent).
    const comment = `${shipmentNumber}: ${input.carrier} ${input.trackingNumber}`;
    await tx.insert(orderEvents).values({ orderId: input.orderId, status: "shipped", userId: input.userId, comment });
    const stored = { shipmentNumber, lines: shipped, complete, orderLines: new Map(lines.map((line) => [line.lineNumber, line])) };
    const outbound = input.outbound(stored);
    if (outbound) await tx.insert(outboundMessages).values({ ...outbound, orderId: input.orderId });
    const mail = input.mail?.(stored);
    if (mail) await queueMailIn(tx, [mail], new Date());
    return { ok: true as const, shipmentId: row!.id, shipmentNumber, lines: shipped, complete, queued: outbound !== null };
  });
}

export const ORDER_SOURCES = ["web", "oci", "cxml"] as const;
export type OrderSource = (typeof ORDER_SOURCES)[number];

export interface OrderListRow {
  id: number;
  orderNumber: string;
  /** As people read it: "partly_shipped" for a shipped order with quantities still to come. */
  status: ShownOrderStatus;
  source: OrderSource;
  poNumber: string | null;
  /** The buyer system's order id (purchase orders only). */
  buyerOrderId: string | null;
  companyId: number;
  companyName: string;
  /** The punchout connection a purchase order came through; null for web orders. */
  connectionName: string | null;
  totalMinor: number;
  currency: string;
  placedAt: Date;
}

/** @deprecated name kept for callers of the purchase-order inbox; every order is listed now. */
export type PurchaseOrderListRow = OrderListRow;

export interface OrderListFilters {
  /** "shipped" finds orders shipped in full, "partly_shipped" the others. */
  status?: ShownOrderStatus;
  source?: OrderSource;
  /** Restricts to these customers (account managers); undefined = all. */
  companyIds?: number[];
  /** Part of the order number, the PO number, the buyer system's order id or our ERP's number (case-insensitive). */
  search?: string;
}

/** The inbox's filters as SQL (the query joins purchase_orders for the buyer system's order id). */
function orderListConditions(filters: OrderListFilters) {
  const search = filters.search?.trim();
  const like = search ? containsPattern(search) : null;
  const conditions = [
    filters.status ? shownStatusIs(filters.status) : undefined,
    filters.source ? eq(orders.source, filters.source) : undefined,
    filters.companyIds ? inArray(orders.companyId, filters.companyIds.length ? filters.companyIds : [-1]) : undefined,
    like
      ? or(ilike(orders.orderNumber, like), ilike(orders.poNumber, like), ilike(purchaseOrders.buyerOrderId, like), ilike(orders.erpReference, like))
      : undefined,
  ].filter((c) => c !== undefined);
  return conditions.length ? and(...conditions) : undefined;
}

/**
 * Every line of the orders the inbox's filters find, oldest order first, at most `limit` rows (the
 * caller asks one more than it allows, to tell that the filters are too wide): the staff CSV.
 */
export async function listOrderLinesForExport(filters: OrderListFilters, limit: number): Promise<OrderLineCsvRow[]> {
  const db = await database();
  return db
    .select({ ...orderLineExportColumns, customerName: companies.name, source: orders.source, erpReference: orders.erpReference })
    .from(orders)
    .innerJoin(orderLines, eq(orderLines.orderId, orders.id))
    .innerJoin(companies, eq(companies.id, orders.companyId))
    .leftJoin(users, eq(users.id, orders.userId))
    .leftJoin(purchaseOrders, eq(purchaseOrders.orderId, orders.id))
    .where(orderListConditions(filters))
    .orderBy(asc(orders.placedAt), asc(orders.id), asc(orderLines.lineNumber))
    .limit(limit);
}

/** The admin order inbox: every order (web, OCI, cXML), newest first. */
export async function listOrders(filters: OrderListFilters, limit = 200): Promise<OrderListRow[]> {
  const db = await database();
  return db
    .select({
      id: orders.id,
      orderNumber: orders.orderNumber,
      status: shownStatus,
      source: orders.source,
      poNumber: orders.poNumber,
      buyerOrderId: purchaseOrders.buyerOrderId,
      companyId: orders.companyId,
      companyName: companies.name,
      connectionName: punchoutConnections.name,
      totalMinor: orders.totalMinor,
      currency: orders.currency,
      placedAt: orders.placedAt,
    })
    .from(orders)
    .innerJoin(companies, eq(companies.id, orders.companyId))
    .leftJoin(purchaseOrders, eq(purchaseOrders.orderId, orders.id))
    .leftJoin(punchoutConnections, eq(punchoutConnections.id, purchaseOrders.connectionId))
    .where(orderListConditions(filters))
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(limit);
}

