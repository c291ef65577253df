import "server-only";
import { createHash } from "node:crypto";
import type { AddressSnapshot, NewOrderLine, NewPurchaseOrderLine, OrderStatus, PriceSourceSnapshot, PunchoutConnection, PurchaseOrderLineReason, PurchaseOrderSettings } from "@/db/schema";
import type { ProductRow } from "@/lib/data/catalog";
import {
  cancelPurchaseOrder,
  createPurchaseOrder,
  getOrderIntakeState,
  getPurchaseOrderDocument,
  getPurchaseOrderSettings,
  orderAuthState,
  replacePurchaseOrder,
  type ReplacementInput,
  type OrderIntakeRequest,
  type OrderIntakeState,
  type PurchaseOrderDocumentInput,
} from "@/lib/data/purchase-orders";
import { isUniqueViolation } from "@/lib/data/sql";
import { checkQuantity } from "@/lib/cart/quantity-rules";
import { resolvePrice, type ResolvedPrice } from "@/lib/pricing/resolve-price";
import { creditHoldDetail, exceedsCredit, type CreditUse } from "@/lib/orders/credit";
import { quotedPrice } from "@/lib/quotes/quote-rules";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { summarizeVat } from "@/lib/pricing/vat";
import { respondToOrder } from "@/lib/purchase-orders/order-responses";
import { assortmentReason } from "@/lib/purchase-orders/assortment-reason";
import { currencyReason, totalReason } from "@/lib/purchase-orders/header-reasons";
import { SHOP_CURRENCY } from "@/lib/pricing/money";
import { effectiveAssortment } from "@/lib/catalog/assortment";
import type { CxmlAuthLoader } from "./cxml-authenticate";
import { newPayloadId, runCxmlEndpoint, type AuthenticatedCxmlRequest, type CxmlAnswer, type CxmlBody, type CxmlEndpointContext, type CxmlHandled, type CxmlStoredAnswer } from "./cxml-endpoint";
import { buildStatusResponse } from "./cxml/build-response";
import type { CxmlAddress } from "./cxml/parse-common";
import { parseOrderRequest, type CxmlOrderLine, type CxmlOrderRequest } from "./cxml/parse-order-request";
import type { CxmlDocument } from "./cxml/xml";
import { matchesShipTo } from "@/lib/purchase-orders/ship-to-match";

/**
 * `POST /punchout/cxml/order`: OrderRequest (PROTOCOLS.md §2.8) in → authenticated like setup
 * requests (cXML connections and OCI connections with cXML order credentials) → stored with the
 * raw document and the Response in one transaction BEFORE the 200 is sent → reconciled against the
 * transferred cart and our prices ("accepted" or "needs_review" with reasons per line).
 * Idempotent on (connection, payloadID); the same orderID as "new" again is a 409.
 */
export async function handleCxmlOrder(body: CxmlBody, context: CxmlEndpointContext, replayAs?: PunchoutConnection): Promise<CxmlAnswer> {
  // Authentication reads, with each candidate connection, its purchase-order settings and this
  // request's intake state (one statement: issue 8): kept for this request, so the order is built
  // without reading them again. Only the authenticated connection's are used; a staff replay reads
  // them itself.
  const readWithCredentials = new Map<number, { settings: PurchaseOrderSettings | null; intake: OrderIntakeState | null }>();
  let parsed: { document: CxmlDocument; result: ReturnType<typeof parseOrderRequest> } | null = null;
  const parse = (document: CxmlDocument) =>
    parsed?.document === document ? parsed.result : (parsed = { document, result: parseOrderRequest(document) }).result;
  const credentials: CxmlAuthLoader = async (keys, fromIdentities, now, document) => {
    const order = parse(document);
    const state = await orderAuthState(keys, fromIdentities, now, order.ok ? intakeRequestOf(document, order.value) : null);
    for (const { connection, settings, intake } of state.candidates) readWithCredentials.set(connection.id, { settings, intake });
    return state;
  };
  return runCxmlEndpoint(body, context, (request) => receiveOrder(request, body, context, { parse, readWithCredentials }), {
    credentials,
    trustedConnection: replayAs,
  });
}

function intakeRequestOf(document: CxmlDocument, request: CxmlOrderRequest): OrderIntakeRequest {
  return {
    payloadId: document.payloadId,
    buyerOrderId: request.orderId,
    references: request.lines.flatMap((line) => (line.supplierPartAuxiliaryId ? [line.supplierPartAuxiliaryId] : [])),
    skus: request.lines.map((line) => line.supplierPartId),
    contactEmail: contactEmailOf(request),
  };
}

async function receiveOrder(
  { document, connection, logRows, redactedDocument }: AuthenticatedCxmlRequest,
  body: CxmlBody,
  context: CxmlEndpointContext,
  known: {
    parse: (document: CxmlDocument) => ReturnType<typeof parseOrderRequest>;
    readWithCredentials: ReadonlyMap<number, { settings: PurchaseOrderSettings | null; intake: OrderIntakeState | null }>;
  },
): Promise<CxmlHandled> {
  // A replay (a document stored for this payloadID) is answered with the stored Response, whatever
  // it holds; when the request parses, that lookup, the order stored for its orderID and the
  // customer's name and ship-to addresses come from one statement (read with the credentials).
  const parsed = known.parse(document);
  if (!parsed.ok) {
    const replay = await getPurchaseOrderDocument(connection.id, document.payloadId);
    if (replay) return replayOf(replay);
    return { code: parsed.error.code, message: parsed.error.message };
  }
  const request = parsed.value;
  const read = known.readWithCredentials.get(connection.id);
  const state =
    read?.intake ?? (await getOrderIntakeState({ connectionId: connection.id, companyId: connection.companyId, ...intakeRequestOf(document, request) }));
  if (state.document) return replayOf(state.document);

  const summary: Record<string, unknown> = { orderId: request.orderId, type: request.type, lines: request.lines.length };
  if (request.hasPayment) return { code: 400, message: "Payment (PCard) data is not accepted; send the order without Payment", summary };
  const connectionSettings = async () => (read ? read.settings : getPurchaseOrderSettings(connection.id));

  const sha = createHash("sha256").update(body.bytes).digest("hex");
  const responsePayload = newPayloadId(context.now, context.baseUrl);
  const responseXml = buildStatusResponse({ payloadId: responsePayload, timestamp: context.now, code: 200, message: `Order ${request.orderId} received` });
  const documentRow: PurchaseOrderDocumentInput = {
    connectionId: connection.id,
    payloadId: document.payloadId,
    type: request.type,
    buyerOrderId: request.orderId,
    documentSha256: sha,
    rawDocument: redactedDocument(),
    responseXml,
  };
  const ok = (extra: Record<string, unknown>): CxmlStoredAnswer => ({ code: 200, stored: { payloadId: responsePayload, xml: responseXml }, summary: { ...summary, ...extra } });

  try {
    const existing = state.existing;
    if (request.type === "new") {
      if (existing) {
        if (existing.purchaseOrder.documentSha256 !== sha) {
          return { code: 409, message: `Order ${request.orderId} already exists; send type="update" to change it`, summary };
        }
        // Byte-identical (so the same payloadID) and committed since our first look: its Response.
        const first = await getPurchaseOrderDocument(connection.id, document.payloadId);
        return first
          ? { code: 200, stored: { payloadId: responsePayloadId(first.responseXml), xml: first.responseXml }, summary: { ...summary, replay: true } }
          : { code: 200, summary: { ...summary, duplicate: true } };
      }
      const settings = await connectionSettings();
      const buildFor = (credit: CreditUse | null) => {
        const built = buildOrder(connection, request, document.deploymentMode, document.payloadId, sha, context.now, settings, { ...state, credit });
        // The protocol log rows are written with the order (the statement adds the order number).
        return { ...built, document: documentRow, log: logRows(ok({ status: built.order.status })) };
      };
      const given = buildFor(state.credit);
      // A customer with a credit limit is checked again under its lock; everybody else's order is one statement.
      const created = await createPurchaseOrder(given, state.credit === null ? undefined : { companyId: connection.companyId, rebuild: buildFor });
      const answer = ok({ status: created.status });
      if (created.status === "accepted" && given.autoConfirm) {
        // Stored first; a failure here leaves an accepted order for staff to confirm by hand.
        await respondToOrder(created.orderId, null, { kind: "accept" }, context.now).catch((failure: unknown) =>
          console.error("[koppel] auto-confirm failed", failure),
        );
      }
      return { ...answer, summary: { ...answer.summary, order: created.orderNumber }, logged: true };
    }
    if (!existing) return { code: 400, message: `Unknown order ${request.orderId}: nothing to ${request.type}`, summary };
    if (request.type === "delete") {
      const result = await cancelPurchaseOrder(existing.order.id, documentRow, `Cancelled by the buyer (payloadID ${document.payloadId})`);
      if ("refused" in result) return { code: 400, message: `Order ${request.orderId} has already shipped and can no longer be cancelled`, summary };
      return ok({ order: existing.order.orderNumber, status: result.status });
    }
    const settings = await connectionSettings();
    const replacementFor = (credit: CreditUse | null): ReplacementInput => {
      const built = buildOrder(
        connection,
        request,
        document.deploymentMode,
        existing.purchaseOrder.payloadId,
        existing.purchaseOrder.documentSha256,
        context.now,
        settings,
        { ...state, credit },
      );
      const { companyId: _c, userId: _u, source: _s, poNumber: _p, ...orderChanges } = built.order;
      return {
        ...built,
        order: orderChanges,
        eventComment: `Updated by the buyer (orderVersion ${request.orderVersion ?? "?"}, payloadID ${document.payloadId})`,
        document: documentRow,
      };
    };
    const result = await replacePurchaseOrder(
      existing.order.id,
      replacementFor(state.credit),
      state.credit === null ? undefined : { companyId: connection.companyId, rebuild: replacementFor },
    );
    if ("refused" in result) return { code: 400, message: `Order ${request.orderId} is ${result.refused} and can no longer be changed`, summary };
    return ok({ order: existing.order.orderNumber, status: result.status });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A parallel copy of this request won the race: answer exactly what it answered.
    const winner = await getPurchaseOrderDocument(connection.id, document.payloadId);
    if (winner) return { code: 200, stored: { payloadId: responsePayloadId(winner.responseXml), xml: winner.responseXml }, summary: { ...summary, replay: true } };
    return { code: 409, message: `Order ${request.orderId} already exists; send type="update" to change it`, summary };
  }
}

function replayOf(stored: { responseXml: string; orderId: number | null }): CxmlHandled {
  return { code: 200, stored: { payloadId: responsePayloadId(stored.responseXml), xml: stored.responseXml }, summary: { replay: true, orderId: stored.orderId } };
}

function responsePayloadId(xml: string): string {
  return /payloadID="([^"]+)"/.exec(xml)?.[1] ?? "";
}

/** The first contact with an e-mail address: the order is placed for the customer's user with that address. */
function contactEmailOf(request: CxmlOrderRequest): string | null {
  return request.contacts.map((contact) => contact.email).find((email): email is string => Boolean(email)) ?? null;
}

const CALENDAR_DATE = /^(\d{4}-\d{2}-\d{2})/;

function toDate(value: string | null, fallback: Date): Date {
  if (!value) return fallback;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? fallback : date;
}

function toSnapshot(address: CxmlAddress, fallbackName: string): AddressSnapshot {
  return {
    name: address.name ?? fallbackName,
    attention: address.deliverTo.join(", ") || null,
    street: address.street.join(", "),
    postalCode: address.postalCode ?? "",
    city: address.city ?? "",
    countryCode: (address.countryCode ?? "NL").toUpperCase().slice(0, 2),
    externalId: address.addressId,
  };
}

const normalise = (text: string | null | undefined) => (text ?? "").replace(/\s+/g, "").toUpperCase();

/** Whether the buyer-side unit price is within tolerance of ours; the reason otherwise. */
export function priceReason(buyerMinor: number | null, ourMinor: number, toleranceBasisPoints: number): PurchaseOrderLineReason | null {
  if (buyerMinor === null) return { code: "price_missing" };
  const allowed = Math.floor((ourMinor * toleranceBasisPoints) / 10_000);
  // Detail in minor units ("337 > 270"): the order page formats the amounts in the viewer's money format (lib/orders/history-comment.ts).
  if (buyerMinor > ourMinor + allowed) return { code: "price_higher", detail: `${buyerMinor} > ${ourMinor}` };
  if (buyerMinor < ourMinor - allowed) return { code: "price_lower", detail: `${buyerMinor} < ${ourMinor}` };
  return null;
}

interface ReconciledLine {
  line: CxmlOrderLine;
  product: ProductRow | null;
  transferLineId: number | null;
  price: ResolvedPrice | null;
  /** Set when the line carries our quote's price (`price.unitPriceMinor` is then the quoted price). */
  quote: { quoteId: number; quoteNumber: string } | null;
  quantity: number;
  reasons: PurchaseOrderLineReason[];
}

function reconcileLines(
  request: CxmlOrderRequest,
  orderDate: Date,
  toleranceBasisPoints: number,
  state: OrderIntakeState,
  customer: { companyId: number; orderId?: number },
): ReconciledLine[] {
  const { snapshotLines: snapshot, contractCandidates: candidates } = state;
  const byId = new Map(state.products.map((product) => [product.id, product]));
  const bySku = new Map(state.products.map((product) => [product.sku, product]));

  return request.lines.map((line) => {
    const reasons: PurchaseOrderLineReason[] = [];
    const match = line.supplierPartAuxiliaryId ? snapshot.get(line.supplierPartAuxiliaryId) : undefined;
    if (!match) reasons.push({ code: "not_in_transfer", detail: line.supplierPartAuxiliaryId ?? undefined });
    const raw = Number(line.quantity);
    const quantity = Number.isFinite(raw) && raw > 0 ? Math.min(Math.ceil(raw), 1_000_000_000) : 1;
    // A line from a transferred cart is the product it was transferred as; any other line is looked up by SKU.
    let product = (match ? byId.get(match.productId) : bySku.get(line.supplierPartId)) ?? null;
    if (product && (!product.active || (match === undefined && normalise(product.sku) !== normalise(line.supplierPartId)))) product = null;
    let price: ResolvedPrice | null = null;
    let quote: ReconciledLine["quote"] = null;
    if (!product) {
      reasons.push({ code: "unknown_product", detail: line.supplierPartId });
    } else {
      const check = checkQuantity(raw, product);
      if (!check.ok) reasons.push({ code: "invalid_quantity", detail: `${line.quantity} (${check.reason}, e.g. ${check.suggestedQuantity})` });
      price = resolvePrice({ product: { ...product, currency: product.currency }, candidates: candidates.get(product.id) ?? [], quantity, now: orderDate });
      // A line transferred at our quote is held to the quote while it holds on the order date.
      const quoted = match?.quote
        ? quotedPrice(match.quote, { ...customer, productId: product.id, quantity, day: calendarDate(orderDate) })
        : null;
      if (quoted?.applies) {
        quote = { quoteId: match!.quote!.quoteId, quoteNumber: match!.quote!.quoteNumber };
        price = { ...price, unitPriceMinor: quoted.unitPriceMinor };
      } else if (quoted) {
        reasons.push({ code: "quote_lapsed", detail: `${match!.quote!.quoteNumber}: ${quoted.reason}` });
      }
      // A contract-assortment customer's order for anything else waits for the account manager.
      const outside = assortmentReason({ assortment: state.assortment, product, candidates: candidates.get(product.id) ?? [], orderDate, quoteApplies: quote !== null });
      if (outside) reasons.push(outside);
      if (line.unitPrice && line.unitPrice.currency !== product.currency) {
        reasons.push({ code: "currency", detail: `${line.unitPrice.currency} ≠ ${product.currency}` });
      } else {
        const reason = priceReason(line.unitPrice?.amountMinor ?? null, price.unitPriceMinor, toleranceBasisPoints);
        if (reason) reasons.push(reason);
      }
    }
    if (!Number.isInteger(raw) && !reasons.some((r) => r.code === "invalid_quantity")) {
      reasons.push({ code: "invalid_quantity", detail: line.quantity });
    }
    return { line, product, transferLineId: match?.id ?? null, price, quote, quantity, reasons };
  });
}

function toPriceSource(price: ResolvedPrice | null): PriceSourceSnapshot {
  if (!price) return { kind: "list" };
  const source = price.source;
  if (source.kind === "list") return { kind: "list" };
  if (source.kind === "list_tier") return { kind: "list_tier", tierMinQuantity: source.tierMinQuantity };
  return {
    kind: source.kind,
    priceListId: source.priceListId,
    priceListCode: source.priceListCode,
    ...(source.tierMinQuantity === undefined ? {} : { tierMinQuantity: source.tierMinQuantity }),
  };
}

/** Reconciles the request and maps it to order, order lines and the cXML header/lines to store. */
function buildOrder(
  connection: PunchoutConnection,
  request: CxmlOrderRequest,
  deploymentMode: "test" | "production",
  payloadId: string,
  documentSha256: string,
  now: Date,
  settings: PurchaseOrderSettings | null,
  state: OrderIntakeState,
) {
  const { companyName, shipToAddresses } = state;
  const orderDate = toDate(request.orderDate, now);
  // The connection may limit the customer to its contract assortment (lib/catalog/assortment.ts).
  const assortment = effectiveAssortment(state.assortment, connection.settings.assortment) ?? "all";
  const reconciled = reconcileLines(request, orderDate, settings?.priceToleranceBasisPoints ?? 0, { ...state, assortment }, {
    companyId: connection.companyId,
    ...(state.existing ? { orderId: state.existing.order.id } : {}),
  });

  const headerReasons: PurchaseOrderLineReason[] = [];
  const cxmlShipTo = request.shipTo ?? request.lines.find((line) => line.shipTo)?.shipTo ?? null;
  const knownShipTo = cxmlShipTo
    ? shipToAddresses.find((address) => matchesShipTo(address, cxmlShipTo))
    : shipToAddresses[0];
  if (!knownShipTo) headerReasons.push({ code: "unknown_ship_to", detail: cxmlShipTo?.addressId ?? cxmlShipTo?.postalCode ?? undefined });
  // Amounts in another currency than we invoice in, or a Total that is not its lines: the account
  // manager looks first (lib/purchase-orders/header-reasons.ts); the order keeps what the buyer sent.
  for (const reason of [currencyReason(request, SHOP_CURRENCY), totalReason(request)]) if (reason) headerReasons.push(reason);
  const shipTo: AddressSnapshot = cxmlShipTo
    ? toSnapshot(cxmlShipTo, companyName)
    : knownShipTo
      ? { name: knownShipTo.name, attention: knownShipTo.attention, street: knownShipTo.street, postalCode: knownShipTo.postalCode, city: knownShipTo.city, countryCode: knownShipTo.countryCode, externalId: knownShipTo.externalId }
      : { name: companyName, attention: null, street: "", postalCode: "", city: "", countryCode: "NL" };

  const currency = request.total.currency;
  const lines: Omit<NewOrderLine, "id" | "orderId">[] = reconciled.map(({ line, product, price, quote, quantity }) => {
    // The PO price is what the buyer committed to; ours is kept next to it for review.
    const unitPriceMinor = line.unitPrice?.amountMinor ?? price?.unitPriceMinor ?? 0;
    return {
      lineNumber: line.lineNumber,
      productId: product?.id ?? null,
      sku: product?.sku ?? line.supplierPartId,
      name: (line.description ?? product?.nameNl ?? line.supplierPartId).slice(0, 500),
      unit: line.unitOfMeasure ?? product?.unit ?? "EA",
      quantity,
      unitPriceMinor,
      listPriceMinor: price?.listPriceMinor ?? unitPriceMinor,
      lineTotalMinor: unitPriceMinor * quantity,
      vatRateBasisPoints: product?.vatRateBasisPoints ?? 2100,
      priceSource: quote ? { kind: "quote", quoteNumber: quote.quoteNumber } : toPriceSource(price),
      // The buyer's own item id on their PO (ItemID/BuyerPartID) is what their invoice matching looks for (UBL BT-156).
      customerArticleNumber: line.buyerPartId,
    };
  });
  const totals = summarizeVat(lines.map((line) => ({ netMinor: line.lineTotalMinor!, vatRateBasisPoints: line.vatRateBasisPoints })));
  // Beyond the customer's credit limit the purchase order waits for the account manager, like any other doubt.
  if (state.credit && exceedsCredit(state.credit, totals.totalMinor)) {
    headerReasons.push({ code: "credit_limit", detail: creditHoldDetail(state.credit, totals.totalMinor) });
  }
  const clean = headerReasons.length === 0 && reconciled.every((line) => line.reasons.length === 0);
  const status: OrderStatus = clean ? "accepted" : "needs_review";

  const purchaseLines: Omit<NewPurchaseOrderLine, "id" | "orderId" | "revision">[] = reconciled.map(({ line, product, price, transferLineId, reasons }) => ({
    lineNumber: line.lineNumber,
    supplierPartId: line.supplierPartId,
    supplierPartAuxiliaryId: line.supplierPartAuxiliaryId,
    quantity: line.quantity,
    unitOfMeasure: line.unitOfMeasure,
    buyerUnitPriceMinor: line.unitPrice?.amountMinor ?? null,
    currency: line.unitPrice?.currency ?? null,
    ourUnitPriceMinor: price?.unitPriceMinor ?? null,
    description: line.description,
    requestedDeliveryDate: line.requestedDeliveryDate,
    productId: product?.id ?? null,
    transferLineId,
    details: {
      buyerPartId: line.buyerPartId,
      shipTo: line.shipTo,
      distributions: line.distributions,
      comments: line.comments,
      extrinsics: line.extrinsics,
      classifications: line.classifications,
      manufacturerPartId: line.manufacturerPartId,
      manufacturerName: line.manufacturerName,
    },
    reasons,
  }));

  const costCenter =
    request.lines
      .flatMap((line) => line.distributions)
      .flatMap((d) => d.segments)
      .find((segment) => /cost/i.test(segment.name ?? ""))?.id ?? null;
  const version = Number.parseInt(request.orderVersion ?? "1", 10);

  return {
    order: {
      companyId: connection.companyId,
      userId: state.contactUserId,
      source: "cxml" as const,
      status,
      poNumber: request.orderId,
      costCenter,
      requestedDeliveryDate: CALENDAR_DATE.exec(request.requestedDeliveryDate ?? "")?.[1] ?? null,
      note: request.comments.map((comment) => comment.text).filter(Boolean).join("\n") || null,
      shipTo,
      billTo: request.billTo ? toSnapshot(request.billTo, companyName) : null,
      currency,
      subtotalMinor: totals.subtotalMinor,
      vatMinor: totals.vatMinor,
      totalMinor: totals.totalMinor,
      vatBreakdown: totals.breakdown,
    },
    lines,
    quoteIds: [...new Set(reconciled.flatMap((line) => (line.quote ? [line.quote.quoteId] : [])))],
    purchaseOrder: {
      connectionId: connection.id,
      buyerOrderId: request.orderId,
      orderDate: request.orderDate,
      orderVersion: Number.isSafeInteger(version) && version > 0 ? version : 1,
      payloadId,
      documentSha256,
      deploymentMode,
      currency,
      buyerTotalMinor: request.total.amountMinor,
      header: {
        orderType: request.orderType,
        requisitionId: request.requisitionId,
        requestedDeliveryDate: request.requestedDeliveryDate,
        shipTo: request.shipTo,
        billTo: request.billTo,
        contacts: request.contacts,
        comments: request.comments,
        extrinsics: request.extrinsics,
        shipping: request.shipping,
        tax: request.tax,
        documentReferencePayloadId: request.documentReferencePayloadId,
        reasons: headerReasons,
      },
    },
    purchaseLines,
    autoConfirm: settings?.autoConfirm ?? false,
    // The reasons' codes, each once: the order page says them in the viewer's words (lib/orders/history-comment.ts).
    eventComment: clean ? null : [...new Set([...headerReasons, ...reconciled.flatMap((line) => line.reasons)].map((r) => r.code))].join(", "),
  };
}
