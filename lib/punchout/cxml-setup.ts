import "server-only";
import type { PunchoutConnection } from "@/db/schema";
import { getProductBySku, listProductsByIds, listProductsBySkus, type ProductRow } from "@/lib/data/catalog";
import { createPunchoutSessionOnce, getPunchoutSession, hasSessionForPayload } from "@/lib/data/punchout-sessions";
import { findTransferLinesByReference } from "@/lib/data/punchout-transfers";
import { createPunchoutCompanyUser, getActiveCompanyUserByEmail, getActiveUserById } from "@/lib/data/users";
import { hashToken, newToken } from "./browser-session";
import { newPayloadId, runCxmlEndpoint, type AuthenticatedCxmlRequest, type CxmlAnswer, type CxmlBody, type CxmlEndpointContext, type CxmlHandled, type CxmlStoredAnswer } from "./cxml-endpoint";
import type { CxmlSessionContext, UnmatchedSetupItem } from "./cxml-session-context";
import { buildPunchOutSetupResponse } from "./cxml/build-setup-response";
import {
  checkSetupRequest,
  parseCxmlConnectionSettings,
  sessionFieldsFromSetup,
  type CxmlConnectionSettings,
  type SessionField,
} from "./cxml/connection-settings";
import { parsePunchOutSetupRequest, type CxmlSetupItem, type CxmlSetupRequest } from "./cxml/parse-setup-request";
import { isReturnUrlAllowed } from "./return-url";

/** The StartPage token is single-use and valid this long (PROTOCOLS.md §2.6: ≤ 5 minutes). */
export const START_TOKEN_TTL_MS = 5 * 60_000;
/** How long the shopping session stays open after the setup request. */
const SESSION_TTL_MS = 4 * 60 * 60_000;
/** The cart's own per-line limit (cart actions use the same). */
const MAX_LINE_QUANTITY = 100_000;

/**
 * `POST /punchout/cxml/setup`: PunchOutSetupRequest in → authenticated against a cXML connection →
 * a pending punchout session (BuyerCookie, BrowserFormPost, operation, ItemOut lines, extrinsics,
 * ShipTo, SelectedItem, payloadID; for edit/inspect a cart rebuilt at today's prices) → a
 * PunchOutSetupResponse whose StartPage carries a single-use token valid for five minutes.
 */
export async function handleCxmlSetup(body: CxmlBody, context: CxmlEndpointContext): Promise<CxmlAnswer> {
  return runCxmlEndpoint(body, context, (request) => setUp(request, context));
}

async function setUp({ document, header, connection, logRows }: AuthenticatedCxmlRequest, context: CxmlEndpointContext): Promise<CxmlHandled> {
  const parsed = parsePunchOutSetupRequest(document);
  if (!parsed.ok) return { code: parsed.error.code, message: parsed.error.message };
  const setup = parsed.value;
  const summary: Record<string, unknown> = {
    operation: setup.operation,
    buyerCookie: setup.buyerCookie,
    browserFormPost: setup.browserFormPostUrl,
    from: header.from.map((c) => `${c.domain}:${c.identity}`),
    sender: header.sender.map((c) => `${c.domain}:${c.identity}`),
    userAgent: header.userAgent,
    items: setup.items.length,
    extrinsics: setup.extrinsics.map((e) => e.name),
    selectedItem: setup.selectedItem?.supplierPartId ?? null,
  };
  const reject = (code: CxmlHandled["code"], message: string): CxmlHandled => ({ code, message, summary });

  const settings = parseCxmlConnectionSettings(connection.settings);
  const refused = checkSetupRequest(setup, settings);
  if (refused) return reject(refused.code, refused.message);
  if (setup.browserFormPostUrl !== null && !isReturnUrlAllowed(setup.browserFormPostUrl, connection.allowedReturnOrigins)) {
    return reject(400, `BrowserFormPost URL ${describeOrigin(setup.browserFormPostUrl)} is not allowed for this connection`);
  }
  // A replayed payloadID gets 409. Where resolving the user may create one, that is checked first
  // (a replay creates nobody). Otherwise everything up to the session insert only reads, and the
  // insert itself recognises the replay (unique index, ON CONFLICT DO NOTHING): one statement less
  // per request. A replay whose user no longer resolves still gets the 409, as before.
  const replayed = () => hasSessionForPayload(connection.id, document.payloadId);
  const replayMessage = `payloadID ${document.payloadId} was already used for a PunchOutSetupRequest`;
  const mayCreateUser = settings.userMapping === "match-or-create-email";
  if (mayCreateUser && (await replayed())) return reject(409, replayMessage);

  const sessionFields = sessionFieldsFromSetup(setup, settings);
  const userId = await resolveSessionUser(sessionFields, settings, connection);
  if (userId === null) {
    if (!mayCreateUser && (await replayed())) return reject(409, replayMessage);
    return reject(403, "No shop account is available for this user on this connection");
  }

  const rebuild = setup.operation === "create" ? { lines: [], unmatched: [] } : await rebuildCartLines(connection.companyId, setup.items);
  const landing = setup.operation !== "create" ? "/cart" : await selectedItemPath(connection.companyId, setup.selectedItem);

  const token = newToken();
  const sessionContext: CxmlSessionContext = {
    header: {
      from: header.from.map(({ domain, identity }) => ({ domain, identity })),
      to: header.to.map(({ domain, identity }) => ({ domain, identity })),
      userAgent: header.userAgent,
    },
    deploymentMode: header.deploymentMode,
    timestamp: header.timestamp,
    extrinsics: setup.extrinsics,
    sessionFields,
    contacts: setup.contacts,
    shipTo: setup.shipTo,
    selectedItem: setup.selectedItem,
    supplierSetupUrl: setup.supplierSetupUrl,
    items: setup.items,
    unmatchedItems: rebuild.unmatched,
    landing,
    // The StartPage opens the session in it (cxml-start.ts): the browser is not here yet.
    language: document.lang?.slice(0, 35) ?? null,
  };
  // The Response is rendered before the session is stored, so that its log rows are written with it.
  const startPageUrl = `${context.baseUrl.replace(/\/+$/, "")}/punchout/cxml/start?token=${token}`;
  const payloadId = newPayloadId(context.now, context.baseUrl);
  const answer: CxmlStoredAnswer = {
    code: 200,
    responseType: "PunchOutSetupResponse",
    stored: { payloadId, xml: buildPunchOutSetupResponse({ payloadId, timestamp: context.now, startPageUrl }) },
    summary: { ...summary, userId, cartLines: rebuild.lines.length, unmatchedItems: rebuild.unmatched.length, landing },
  };
  const session = await createPunchoutSessionOnce(
    {
      connectionId: connection.id,
      companyId: connection.companyId,
      userId,
      protocol: "cxml",
      status: "pending",
      startTokenHash: hashToken(token),
      startTokenExpiresAt: new Date(context.now.getTime() + START_TOKEN_TTL_MS),
      // inspect may come without BrowserFormPost: then there is no way back, only a read-only view.
      returnUrl: setup.browserFormPostUrl ?? "",
      target: settings.targetFrame,
      charset: "utf-8",
      protocolVersion: document.version ?? document.doctype?.version ?? null,
      buyerCookie: setup.buyerCookie,
      operation: setup.operation,
      requestPayloadId: document.payloadId,
      context: { ...sessionContext },
      expiresAt: new Date(context.now.getTime() + SESSION_TTL_MS),
    },
    rebuild.lines,
    logRows(answer),
  );
  if (!session) return reject(409, replayMessage);
  return { ...answer, sessionId: session.id, logged: true };
}

function describeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(not a URL)";
  }
}

const EMAIL = /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+$/;
const isEmail = (value: string | undefined): value is string => value !== undefined && value.length <= 254 && EMAIL.test(value);

/**
 * The shop user of the session, per the connection's `userMapping` (connection-settings.ts):
 * the buyer's own account when the request names one of the customer's users (by UserEmail or
 * Contact e-mail; GHX-style UniqueName is matched against the account's login e-mail), created
 * under the customer only with `match-or-create-email`; otherwise the technical user. Null when
 * nobody fits — the session is then refused. Users of other companies are never used.
 */
async function resolveSessionUser(
  fields: Partial<Record<SessionField, string>>,
  settings: CxmlConnectionSettings,
  connection: PunchoutConnection,
): Promise<number | null> {
  const mode = settings.userMapping;
  if (mode !== "connection-user") {
    const keys = mode === "match-unique-name" ? [fields.uniqueName, fields.email] : [fields.email];
    for (const key of keys) {
      if (!isEmail(key)) continue;
      const user = await getActiveCompanyUserByEmail(connection.companyId, key);
      if (user) return user.id;
    }
    if (mode === "match-or-create-email" && isEmail(fields.email)) {
      const name = [fields.firstName, fields.lastName].filter(Boolean).join(" ") || fields.fullName || fields.email;
      const created = await createPunchoutCompanyUser(connection.companyId, fields.email, name.slice(0, 200));
      if (created) return created.id;
    }
  }
  if (connection.technicalUserId === null) return null;
  const technical = await getActiveUserById(connection.technicalUserId);
  return technical && technical.companyId === connection.companyId ? technical.id : null;
}

/**
 * edit/inspect: the cart from the ItemOut lines, at today's prices (the cart is priced by the
 * pricing module whenever it is shown or transferred; the buyer's UnitPrice is ignored). A line
 * is found by its SupplierPartAuxiliaryID (our snapshot line reference, this customer's only),
 * else by SupplierPartID = SKU. Lines of one product are added up; what cannot be found is kept
 * in the session context and shown to the user. A snapshot line that carried a quote brings its
 * quote line back: the cart prices it at the quote while the quote holds for that quantity
 * (lib/quotes/quote-rules.ts quotedPrice), else as any line, with the reason shown.
 */
async function rebuildCartLines(
  companyId: number,
  items: CxmlSetupItem[],
): Promise<{ lines: { productId: number; quantity: number; quoteLineId: number | null }[]; unmatched: UnmatchedSetupItem[] }> {
  const snapshot = await findTransferLinesByReference(
    companyId,
    items.flatMap((item) => (item.supplierPartAuxiliaryId ? [item.supplierPartAuxiliaryId] : [])),
  );
  const referenced = await listProductsByIds([...new Set([...snapshot.values()].map((line) => line.productId))]);
  const byId = new Map(referenced.map((product) => [product.id, product]));
  // Items that are not from one of our transfers are looked up by SKU, all in one query.
  const bySku = await listProductsBySkus(
    items.filter((item) => !(item.supplierPartAuxiliaryId && snapshot.has(item.supplierPartAuxiliaryId))).map((item) => item.supplierPartId),
  );
  const quantities = new Map<number, number>();
  const quoteLines = new Map<number, number>();
  const unmatched: UnmatchedSetupItem[] = [];
  for (const item of items) {
    const fromSnapshot = item.supplierPartAuxiliaryId ? snapshot.get(item.supplierPartAuxiliaryId) : undefined;
    const product: ProductRow | null | undefined = fromSnapshot ? byId.get(fromSnapshot.productId) : bySku.get(item.supplierPartId);
    const miss = (reason: UnmatchedSetupItem["reason"]) =>
      unmatched.push({ supplierPartId: item.supplierPartId, supplierPartAuxiliaryId: item.supplierPartAuxiliaryId, quantity: item.quantity, reason });
    if (!product?.active) {
      miss("unknown_product");
      continue;
    }
    // Our quantities are whole units; a fraction (never in our own POOMs) is rounded up.
    const quantity = Math.ceil(Number(item.quantity));
    const total = (quantities.get(product.id) ?? 0) + quantity;
    if (!Number.isSafeInteger(quantity) || quantity < 1 || total > MAX_LINE_QUANTITY) {
      miss("quantity");
      continue;
    }
    quantities.set(product.id, total);
    if (fromSnapshot?.quoteLineId != null && !quoteLines.has(product.id)) quoteLines.set(product.id, fromSnapshot.quoteLineId);
  }
  return {
    lines: [...quantities].map(([productId, quantity]) => ({ productId, quantity, quoteLineId: quoteLines.get(productId) ?? null })),
    unmatched,
  };
}

/** Product-level ("level 2") punchout: the SelectedItem's product page, if we sell it. */
async function selectedItemPath(companyId: number, selected: CxmlSetupRequest["selectedItem"]): Promise<string> {
  if (!selected) return "/";
  const line = selected.supplierPartAuxiliaryId
    ? (await findTransferLinesByReference(companyId, [selected.supplierPartAuxiliaryId])).get(selected.supplierPartAuxiliaryId)
    : undefined;
  const product = await getProductBySku(line?.sku ?? selected.supplierPartId);
  return product?.active ? `/products/${encodeURIComponent(product.sku)}` : `/search?q=${encodeURIComponent(selected.supplierPartId)}`;
}

/** SKUs of setup lines that did not make it into the session's cart (shown on the cart page). */
export async function listUnmatchedSetupItems(sessionId: number): Promise<string[]> {
  const session = await getPunchoutSession(sessionId);
  const unmatched = session?.protocol === "cxml" ? (session.context as Partial<CxmlSessionContext>).unmatchedItems : undefined;
  return Array.isArray(unmatched) ? unmatched.map((item) => String(item.supplierPartId)) : [];
}
