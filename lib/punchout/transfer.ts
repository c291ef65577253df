import "server-only";
import type { BuyerUser } from "@/lib/auth/guards";
import { resolveCartId } from "@/lib/cart/cart-service";
import { priceCartLines } from "@/lib/cart/priced-cart";
import { listCartLines } from "@/lib/data/carts";
import { listCategories } from "@/lib/data/catalog";
import { listProductDocumentsOf } from "@/lib/data/product-documents";
import { logProtocolMessage } from "@/lib/data/protocol-messages";
import { getPunchoutConnection } from "@/lib/data/punchout-connections";
import { getPunchoutSession } from "@/lib/data/punchout-sessions";
import { recordPunchoutTransfer } from "@/lib/data/punchout-transfers";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { isConnectionTestReturn, readConnectionTestMark } from "./connection-test";
import { CXML_USER_AGENT, newPayloadId } from "./cxml-endpoint";
import { readCxmlSessionContext } from "./cxml-session-context";
import { replyHeaderParties } from "./cxml/build-header";
import { buildPunchOutOrderMessage } from "./cxml/build-order-message";
import { parseCxmlConnectionSettings, type CxmlConnectionSettings } from "./cxml/connection-settings";
import { renderCxmlTransferPage } from "./cxml/encode-order-message";
import { newLineReference } from "./line-reference";
import { buildOciFields } from "./oci/build-fields";
import { ociConnectionSettingsSchema, type OciConnectionSettings } from "./oci/connection-settings";
import type { OciCharset, OciField } from "./oci/fields";
import { encodeOciTransferPage, renderOciTransferPage } from "./oci/render-transfer-form";
import { isReturnUrlAllowed } from "./return-url";
import { toPunchoutCart } from "./to-punchout-cart";
import { transferRefusal } from "./transfer-refusal";
import type { PunchoutCart } from "./types";

export interface TransferPage {
  body: Buffer;
  charset: string;
  frameOrigins: string[];
}

/**
 * Sends the punchout cart back to the procurement system ("Transfer cart", inspect "Return") or
 * ends the session with an empty cart ("Cancel punchout"). The cart is priced on the server with
 * the pricing module, the auto-submitting return page is built in the session's protocol (OCI
 * fields in the buyer's charset, or the cXML PunchOutOrderMessage), then the cart is snapshotted
 * immutably with a reference per line, emptied, and the session closed.
 */
export async function transferPunchoutCart(
  user: BuyerUser,
  mode: "transfer" | "cancel",
  locale: Locale,
  now: Date,
  options: { baseUrl?: string } = {},
): Promise<TransferPage> {
  if (!user.punchout) throw new AppError("forbidden", "not_in_punchout");
  const started = Date.now();
  const session = await getPunchoutSession(user.punchout.sessionId);
  const connection = session ? await getPunchoutConnection(session.connectionId) : null;
  if (!session || !connection || session.companyId !== user.companyId) throw new AppError("not_found", "punchout_session_not_found");
  const returnAllowed = isConnectionTestReturn(session, connection.id, options.baseUrl ?? env.APP_URL) || isReturnUrlAllowed(session.returnUrl, connection.allowedReturnOrigins);
  if (!returnAllowed) {
    // cXML inspect without BrowserFormPost; or, either protocol, the connection's origins changed since
    // the entry (an account manager took a wrong or compromised host off): the cart, with the customer's
    // prices, goes only where the connection allows now.
    throw new AppError("conflict", "punchout_no_return_url");
  }

  const cartId = await resolveCartId(user);
  const priced = await priceCartLines(mode === "cancel" ? [] : await listCartLines(cartId), {
    companyId: user.companyId,
    locale,
    now,
    companyKeepsArticleNumbers: user.companyKeepsArticleNumbers,
    assortment: user.companyAssortment,
  });
  // The cart page tells the same before anybody presses Transfer (lib/punchout/transfer-refusal.ts).
  const refusal = mode === "transfer" ? transferRefusal(priced.lines, session.operation) : null;
  if (refusal) throw new AppError(refusal === "cart_has_invalid_quantities" ? "quantity_rule" : "conflict", refusal);
  const baseUrl = options.baseUrl ?? env.APP_URL ?? null;
  // Every line's documents in one statement, beside the categories; not read for a cancel, an empty cart,
  // without a shop origin to link them from, or for a connection that attaches none (the default).
  // The connection's mapping, parsed once: it decides the documents read here and the page built below.
  const settings =
    session.protocol === "cxml"
      ? { protocol: "cxml" as const, cxml: parseCxmlConnectionSettings(connection.settings) }
      : { protocol: "oci" as const, oci: ociConnectionSettingsSchema.parse(connection.settings) };
  const attaches = settings.protocol === "cxml" ? settings.cxml.attachments !== "none" : settings.oci.attachment !== "none";
  const readDocuments = priced.lines.length > 0 && baseUrl !== null && attaches;
  const [categories, documents] = await Promise.all([
    listCategories(),
    readDocuments ? listProductDocumentsOf(priced.lines.map((line) => line.product.id)) : new Map(),
  ]);
  const categoryCodes = new Map(categories.map((c) => [c.id, c.code]));
  const cart = toPunchoutCart(priced, { language: locale, newReference: newLineReference, categoryCodes, imageBaseUrl: baseUrl, documents });

  // Built before the snapshot is stored: a document that cannot be built ends nothing.
  const page =
    settings.protocol === "cxml"
      ? buildCxmlReturnPage(cart, session, settings.cxml, { locale, now, baseUrl: options.baseUrl })
      : buildOciReturnPage(cart, session, settings.oci, locale);

  await recordPunchoutTransfer({
    sessionId: session.id,
    companyId: session.companyId,
    cartId,
    outcome: mode === "cancel" ? "cancelled" : "transferred",
    currency: cart.currency,
    totalMinor: cart.totalMinor,
    lines: cart.items.map((item, index) => ({
      reference: item.lineReference,
      lineNumber: index + 1,
      productId: priced.lines[index]!.product.id,
      sku: item.sku,
      description: item.description,
      quantity: item.quantity,
      unit: item.unit,
      unitPriceMinor: item.unitPriceMinor,
      priceBasisQuantity: item.priceBasisQuantity,
      vatRateBasisPoints: item.vatRateBasisPoints,
      quoteLineId: item.quote ? priced.lines[index]!.quote!.quoteLineId : null,
    })),
  });

  const testedBy = readConnectionTestMark(session.context);
  const summary = {
    mode,
    lines: cart.items.length,
    totalMinor: cart.totalMinor,
    currency: cart.currency,
    returnUrl: session.returnUrl,
    // A connection test's transfer (lib/punchout/connection-test.ts) reads as one in the message log.
    ...(testedBy ? { connectionTestBy: testedBy.staffId } : {}),
  };
  await logProtocolMessage({
    protocol: session.protocol,
    direction: "outbound",
    type: session.protocol === "cxml" ? "cxml.PunchOutOrderMessage" : mode === "cancel" ? "oci.cancel" : "oci.transfer",
    connectionId: connection.id,
    companyId: session.companyId,
    sessionId: session.id,
    status: "ok",
    httpStatus: 200,
    durationMs: Date.now() - started,
    contentType: page.kind === "cxml" ? "text/xml; charset=UTF-8" : "application/x-www-form-urlencoded",
    payload: page.kind === "cxml" ? page.xml : new URLSearchParams(page.fields.map(([name, value]) => [name, value])).toString(),
    summary:
      page.kind === "cxml"
        ? { ...summary, payloadId: page.payloadId, buyerCookie: session.buyerCookie, operationAllowed: page.operationAllowed, encoding: page.encoding, target: page.target }
        : { ...summary, charset: page.charset },
  });
  return { body: page.body, charset: page.charset, frameOrigins: connection.allowedReturnOrigins };
}

/**
 * The PunchOutOrderMessage (PROTOCOLS.md §2.7) in its auto-posting page: BuyerCookie echoed
 * exactly, Header mirrored from the setup request without any secret, operationAllowed from the
 * connection (an inspect session answers with inspect), each line's snapshot reference as
 * SupplierPartAuxiliaryID, encoded (cxml-base64 / cxml-urlencoded) and targeted as configured.
 */
function buildCxmlReturnPage(
  cart: PunchoutCart,
  session: { returnUrl: string; target: string | null; buyerCookie: string | null; operation: "create" | "edit" | "inspect"; context: Record<string, unknown> },
  settings: CxmlConnectionSettings,
  options: { locale: Locale; now: Date; baseUrl?: string },
) {
  const context = readCxmlSessionContext(session.context);
  if (session.buyerCookie === null) throw new Error("cXML punchout session without BuyerCookie");
  const operationAllowed = session.operation === "inspect" ? "inspect" : settings.operationAllowed;
  const payloadId = newPayloadId(options.now, options.baseUrl ?? env.APP_URL ?? "http://koppel.invalid");
  const lang = options.locale === "en" ? "en-US" : "nl-NL";
  const xml = buildPunchOutOrderMessage({
    payloadId,
    timestamp: options.now,
    header: replyHeaderParties(context.header, CXML_USER_AGENT),
    deploymentMode: context.deploymentMode,
    buyerCookie: session.buyerCookie,
    cart,
    settings: { ...settings, operationAllowed },
    shipTo: settings.echoShipTo ? context.shipTo : null,
    lang,
  });
  const target = session.target ?? settings.targetFrame;
  const html = renderCxmlTransferPage({
    action: session.returnUrl,
    target,
    encoding: settings.poomEncoding,
    xml,
    lang: options.locale,
    title: options.locale === "en" ? "Transferring your cart…" : "Winkelwagen wordt overgedragen…",
    buttonLabel: options.locale === "en" ? "Transfer cart" : "Winkelwagen overdragen",
  });
  return {
    kind: "cxml" as const,
    body: Buffer.from(html, "utf8"),
    charset: "utf-8",
    xml,
    payloadId,
    operationAllowed,
    encoding: settings.poomEncoding,
    target,
  };
}

function buildOciReturnPage(
  cart: PunchoutCart,
  session: { returnUrl: string; returnParameters: [string, string][]; target: string | null; charset: string; context: Record<string, unknown> },
  settings: OciConnectionSettings,
  locale: Locale,
): { kind: "oci"; body: Buffer; charset: OciCharset; fields: OciField[] } {
  const charset: OciCharset = session.charset === "iso-8859-1" ? "iso-8859-1" : "utf-8";
  const legacy = Array.isArray(session.context.legacyReturnFields) ? (session.context.legacyReturnFields as OciField[]) : [];
  const fields = buildOciFields(cart, settings, { charset, hookUrl: { query: session.returnParameters }, legacyReturnFields: legacy });
  const html = renderOciTransferPage({
    action: session.returnUrl,
    target: session.target ?? "_top",
    fields,
    charset,
    autoSubmit: true,
    title: locale === "en" ? "Transferring your cart…" : "Winkelwagen wordt overgedragen…",
    buttonLabel: locale === "en" ? "Transfer cart" : "Winkelwagen overdragen",
  });
  return { kind: "oci", body: encodeOciTransferPage(html, charset), charset, fields };
}
