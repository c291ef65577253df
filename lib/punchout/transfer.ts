import "server-only";
import type { BuyerUser } from "@/lib/auth/guards";
import { resolveCartId } from "@/lib/cart/cart-service";
import { priceCartLines } from "@/lib/cart/priced-cart";
import { listCartLines } from "@/lib/data/carts";
import { listCategories } from "@/lib/data/catalog";
import { logProtocolMessage } from "@/lib/data/protocol-messages";
import { getPunchoutConnection } from "@/lib/data/punchout-connections";
import { getPunchoutSession } from "@/lib/data/punchout-sessions";
import { recordPunchoutTransfer } from "@/lib/data/punchout-transfers";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { newLineReference } from "./line-reference";
import { buildOciFields } from "./oci/build-fields";
import { ociConnectionSettingsSchema } from "./oci/connection-settings";
import type { OciCharset, OciField } from "./oci/fields";
import { encodeOciTransferPage, renderOciTransferPage } from "./oci/render-transfer-form";
import { toPunchoutCart } from "./to-punchout-cart";
import type { PunchoutCart } from "./types";

export interface TransferPage {
  body: Buffer;
  charset: string;
  frameOrigins: string[];
}

/**
 * Sends the punchout cart back to the procurement system ("Transfer cart") or ends the session
 * with an empty cart ("Cancel punchout"). The cart is priced on the server with the pricing module,
 * snapshotted immutably with a reference per line, emptied, and the session is closed – then the
 * auto-submitting return page is built in the protocol and charset the buyer system asked for.
 */
export async function transferPunchoutCart(user: BuyerUser, mode: "transfer" | "cancel", locale: Locale, now: Date): Promise<TransferPage> {
  if (!user.punchout) throw new AppError("forbidden", "not_in_punchout");
  const started = Date.now();
  const session = await getPunchoutSession(user.punchout.sessionId);
  const connection = session ? await getPunchoutConnection(session.connectionId) : null;
  if (!session || !connection || session.companyId !== user.companyId) throw new AppError("not_found", "punchout_session_not_found");

  const cartId = await resolveCartId(user);
  const priced = await priceCartLines(mode === "cancel" ? [] : await listCartLines(cartId), { companyId: user.companyId, locale, now });
  if (mode === "transfer" && priced.lines.some((line) => !line.quantityCheck.ok)) throw new AppError("quantity_rule", "cart_has_invalid_quantities");
  const categoryCodes = new Map((await listCategories()).map((c) => [c.id, c.code]));
  const cart = toPunchoutCart(priced, { language: locale, newReference: newLineReference, categoryCodes });

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
    })),
  });

  const page = buildOciReturnPage(cart, session, connection.settings, locale);
  await logProtocolMessage({
    protocol: session.protocol,
    direction: "outbound",
    type: mode === "cancel" ? "oci.cancel" : "oci.transfer",
    connectionId: connection.id,
    companyId: session.companyId,
    sessionId: session.id,
    status: "ok",
    httpStatus: 200,
    durationMs: Date.now() - started,
    contentType: "application/x-www-form-urlencoded",
    payload: new URLSearchParams(page.fields.map(([name, value]) => [name, value])).toString(),
    summary: { lines: cart.items.length, totalMinor: cart.totalMinor, currency: cart.currency, returnUrl: session.returnUrl, charset: page.charset },
  });
  return { body: page.body, charset: page.charset, frameOrigins: connection.allowedReturnOrigins };
}

function buildOciReturnPage(
  cart: PunchoutCart,
  session: { returnUrl: string; returnParameters: [string, string][]; target: string | null; charset: string; context: Record<string, unknown> },
  rawSettings: Record<string, unknown>,
  locale: Locale,
): { body: Buffer; charset: OciCharset; fields: OciField[] } {
  const settings = ociConnectionSettingsSchema.parse(rawSettings);
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
  return { body: encodeOciTransferPage(html, charset), charset, fields };
}
