import "server-only";
import { env } from "@/lib/env";
import type { PunchoutConnection } from "@/db/schema";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { punchoutSecretCache } from "@/lib/auth/verified-secret-cache";
import { priceCartLines } from "@/lib/cart/priced-cart";
import { smallestValidQuantity } from "@/lib/cart/quantity-rules";
import { contractAssortmentFilter, effectiveAssortment, type Assortment } from "@/lib/catalog/assortment";
import { productsOutsideAssortment } from "@/lib/catalog/priced-product";
import { getProductBySku, listCategories, searchProducts, type ProductRow } from "@/lib/data/catalog";
import { clearLoginFailures, recordLoginFailure, throttleStatus } from "@/lib/data/login-throttle";
import { logProtocolMessage } from "@/lib/data/protocol-messages";
import { getOciConnectionByUsername, type OciConnection } from "@/lib/data/punchout-connections";
import { listProductDocumentsOf } from "@/lib/data/product-documents";
import { createPunchoutSession } from "@/lib/data/punchout-sessions";
import { getActiveCompanyUserByEmail } from "@/lib/data/users";
import type { Locale } from "@/lib/i18n/locales";
import { redactParameters, renderPunchoutMessagePage } from "./html-page";
import { buildOciFields } from "./oci/build-fields";
import { ociConnectionSettingsSchema, type OciConnectionSettings } from "./oci/connection-settings";
import { OCI_PARAMS, type OciCharset } from "./oci/fields";
import { findOciParam, parseOciEntry, type OciEntry } from "./oci/parse-entry";
import { buildQuantityCheckResponse } from "./oci/quantity-check";
import { encodeOciTransferPage, renderOciTransferPage } from "./oci/render-transfer-form";
import { isReturnUrlAllowed } from "./return-url";
import { hashToken, newToken } from "./browser-session";
import { sessionLocale } from "./buyer-language";
import { toPunchoutCart } from "./to-punchout-cart";
import { newLineReference } from "./line-reference";

/** How long an OCI shopping session stays valid after the entry. */
const SESSION_TTL_MS = 4 * 60 * 60_000;
/**
 * The buyer system's language (PROTOCOLS.md §1.2: catalog-specific like USERNAME, matched
 * case-insensitively like every call-up parameter): the session opens in it when it is one of ours.
 */
const LANGUAGE_PARAM = "LANGUAGE";

export type OciEntryOutcome =
  /** `locale`: the shop language the buyer system asked for (LANGUAGE), null when none of ours. */
  | { kind: "session"; location: string; token: string; expiresAt: Date; frameOrigins: string[]; locale: Locale | null }
  | { kind: "html"; status: number; body: Buffer; charset: OciCharset; frameOrigins?: string[] }
  | { kind: "json"; status: number; body: unknown };

interface EntryContext {
  remoteAddress: string | null;
  now: Date;
  locale: "nl" | "en";
}

const page = (status: number, title: { nl: string; en: string }, text: { nl: string; en: string }): OciEntryOutcome => ({
  kind: "html",
  status,
  charset: "utf-8",
  body: Buffer.from(renderPunchoutMessagePage({ title, text })),
});

const UNAUTHORIZED = page(
  401,
  { nl: "Aanmelden mislukt", en: "Sign-in failed" },
  {
    nl: "De punchoutgegevens van uw inkoopsysteem worden niet herkend. Neem contact op met uw beheerder.",
    en: "The punchout credentials of your procurement system were not recognized. Please contact your administrator.",
  },
);

/**
 * `GET|POST /punchout/oci`: authenticates the procurement system, checks the return address and
 * either opens a NEW punchout shop session or answers a background FUNCTION (VALIDATE,
 * BACKGROUND_SEARCH, QUANTITYCHECK). Everything is written to the protocol message log.
 */
export async function handleOciEntry(params: [string, string][], context: EntryContext): Promise<OciEntryOutcome> {
  const started = Date.now();
  let connection: PunchoutConnection | null = null;
  let outcome: OciEntryOutcome | undefined;
  let error: string | null = null;
  let sessionId: number | null = null;
  try {
    const result = await authenticate(params, context);
    connection = result.connection;
    if (!result.ok) {
      error = result.reason;
      outcome = result.outcome;
    } else {
      const handled = await dispatch(params, result.connection, context);
      outcome = handled.outcome;
      sessionId = handled.sessionId;
      error = handled.error;
    }
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
    throw caught;
  } finally {
    // The log write happens even when the entry fails; secrets are redacted first.
    await logProtocolMessage({
      protocol: "oci",
      direction: "inbound",
      type: "oci.entry",
      connectionId: connection?.id ?? null,
      companyId: connection?.companyId ?? null,
      sessionId,
      status: error === null ? "ok" : "rejected",
      httpStatus: outcome === undefined ? 500 : outcome.kind === "session" ? 303 : outcome.status,
      durationMs: Date.now() - started,
      remoteAddress: context.remoteAddress,
      contentType: "application/x-www-form-urlencoded",
      payload: new URLSearchParams(redactParameters(params, [OCI_PARAMS.password])).toString(),
      summary: { function: findParam(params, OCI_PARAMS.function) ?? "(none)", username: findParam(params, OCI_PARAMS.username) },
      error,
    }).catch(() => undefined);
  }
  return outcome;
}

function findParam(params: [string, string][], name: string): string | null {
  return params.find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? null;
}

type AuthResult =
  | { ok: true; connection: OciConnection }
  | { ok: false; connection: PunchoutConnection | null; outcome: OciEntryOutcome; reason: string };

async function authenticate(params: [string, string][], context: EntryContext): Promise<AuthResult> {
  const username = (findParam(params, OCI_PARAMS.username) ?? "").trim().toLowerCase();
  const password = findParam(params, OCI_PARAMS.password) ?? "";
  const keys = [`oci:user:${username.slice(0, 100)}`, ...(context.remoteAddress ? [`oci:ip:${context.remoteAddress}`] : [])];
  const throttle = await throttleStatus(keys, context.now);
  if (throttle.blocked) {
    return {
      ok: false,
      connection: null,
      reason: "throttled",
      outcome: page(
        429,
        { nl: "Te veel pogingen", en: "Too many attempts" },
        { nl: "Te veel mislukte aanmeldingen. Probeer het over een kwartier opnieuw.", en: "Too many failed sign-ins. Please try again in fifteen minutes." },
      ),
    };
  }
  const connection = username ? await getOciConnectionByUsername(username) : null;
  // Always verify against some hash so the response time does not reveal whether the username exists.
  // A password that verified in the last minutes is recognised from memory (verified-secret-cache.ts).
  const valid = connection
    ? await punchoutSecretCache.verify(password, connection.secretHash, context.now.getTime())
    : await verifyPassword(password, await dummyPasswordHash());
  if (!connection || !valid || !connection.enabled) {
    await recordLoginFailure(keys, context.now);
    return { ok: false, connection, outcome: UNAUTHORIZED, reason: "credentials" };
  }
  // Failures recorded between the status read and now are cleared by the next success.
  if (throttle.withFailures.has(keys[0]!)) await clearLoginFailures([keys[0]!]);
  return { ok: true, connection };
}

async function dispatch(
  params: [string, string][],
  connection: OciConnection,
  context: EntryContext,
): Promise<{ outcome: OciEntryOutcome; sessionId: number | null; error: string | null }> {
  const settings = ociConnectionSettingsSchema.parse(connection.settings);
  const parsed = parseOciEntry(new URLSearchParams(params), { parameterNames: settings.parameterNames });
  if (!parsed.ok) {
    return {
      outcome: page(400, { nl: "Ongeldige punchoutaanroep", en: "Invalid punchout call" }, { nl: parsed.error.message, en: parsed.error.message }),
      sessionId: null,
      error: `${parsed.error.code}: ${parsed.error.message}`,
    };
  }
  const entry = parsed.entry;
  if (entry.hookUrl && !isReturnUrlAllowed(entry.hookUrl.href, connection.allowedReturnOrigins)) {
    const origin = new URL(entry.hookUrl.href).origin;
    return {
      outcome: page(
        400,
        { nl: "Retouradres geweigerd", en: "Return address refused" },
        {
          nl: `Het retouradres (HOOK_URL) ${origin} is niet toegestaan voor deze koppeling.`,
          en: `The return address (HOOK_URL) origin ${origin} is not allowed for this connection.`,
        },
      ),
      sessionId: null,
      error: `hook_url_not_allowed: ${origin}`,
    };
  }
  const charset: OciCharset = settings.charsetOverride ?? entry.charset ?? settings.defaultCharset;
  const fn = entry.function;
  // The customer's assortment, or its contract assortment when this connection is limited to it (lib/catalog/assortment.ts).
  const customer = { companyId: connection.companyId, assortment: effectiveAssortment(connection.companyAssortment, settings.assortment) };

  // The background functions answer without a shop session, so they apply the customer's assortment
  // here (lib/catalog/assortment.ts): a contract customer's system learns nothing orderable outside it.
  if (fn?.name === "QUANTITYCHECK") {
    const product = await getProductBySku(fn.productId);
    const orderable = product?.active === true && (await inAssortmentToday(customer, product, context.now));
    return {
      outcome: { kind: "json", status: 200, body: buildQuantityCheckResponse({ availableQuantity: orderable ? product.stock : 0, leadTimeDays: product?.leadTimeDays ?? 0 }) },
      sessionId: null,
      error: null,
    };
  }
  if (fn?.name === "VALIDATE" || fn?.name === "BACKGROUND_SEARCH") {
    let rows: { product: ProductRow; quantity: number }[];
    if (fn.name === "VALIDATE") {
      const product = await getProductBySku(fn.productId);
      // Outside a contract customer's assortment it is answered like a product we no longer sell.
      rows = product?.active && (await inAssortmentToday(customer, product, context.now)) ? [{ product, quantity: Math.max(1, Math.round(fn.quantity)) }] : [];
    } else {
      const contract = contractAssortmentFilter(customer.assortment, customer.companyId, context.now);
      const found = await searchProducts(fn.searchString, contract ? { contract } : {}, { offset: 0, limit: settings.backgroundSearch.maxResults });
      rows = found.items.map((product) => ({ product, quantity: smallestValidQuantity(product) }));
    }
    const body = await renderFieldsPage(entry, settings, connection, rows, {
      charset,
      autoSubmit: fn.name === "VALIDATE",
      locale: context.locale,
      now: context.now,
    });
    return { outcome: { kind: "html", status: 200, body, charset, frameOrigins: connection.allowedReturnOrigins }, sessionId: null, error: null };
  }
  if (fn && !["DETAIL", "DETAILADD", "SOURCING"].includes(fn.name)) {
    return {
      outcome: page(400, { nl: "Functie niet ondersteund", en: "Function not supported" }, { nl: `FUNCTION ${fn.name} wordt niet ondersteund.`, en: `FUNCTION ${fn.name} is not supported.` }),
      sessionId: null,
      error: `unsupported_function: ${fn.name}`,
    };
  }
  if (!entry.hookUrl) {
    return {
      outcome: page(400, { nl: "Retouradres ontbreekt", en: "Return address missing" }, { nl: "HOOK_URL ontbreekt in de aanroep.", en: "The call has no HOOK_URL." }),
      sessionId: null,
      error: "missing_hook_url",
    };
  }

  const userId = await resolveSessionUser(entry, settings, connection);
  if (userId === null) {
    return {
      outcome: page(403, { nl: "Gebruiker onbekend", en: "Unknown user" }, { nl: "Voor deze gebruiker bestaat geen account in de webshop.", en: "There is no shop account for this user." }),
      sessionId: null,
      error: "user_not_mapped",
    };
  }
  const token = newToken();
  const expiresAt = new Date(context.now.getTime() + SESSION_TTL_MS);
  const language = findParam(params, LANGUAGE_PARAM)?.trim().slice(0, 35) || null;
  const session = await createPunchoutSession({
    connectionId: connection.id,
    companyId: connection.companyId,
    userId,
    protocol: "oci",
    status: "active",
    sessionTokenHash: hashToken(token),
    returnUrl: entry.hookUrl.base,
    returnParameters: entry.hookUrl.query.map(([name, value]) => [name, value]),
    target: settings.returnTargetOverride ?? entry.returnTarget,
    charset,
    protocolVersion: entry.ociVersion ?? entry.opiVersion,
    context: {
      caller: entry.caller,
      okCode: entry.okCode,
      legacyReturnFields: entry.legacyReturnFields,
      function: fn?.name ?? null,
      language,
    },
    expiresAt,
  });
  const location =
    fn?.name === "DETAIL" || fn?.name === "DETAILADD"
      ? `/products/${encodeURIComponent(fn.productId)}`
      : fn?.name === "SOURCING"
        ? `/search?q=${encodeURIComponent(fn.searchString)}`
        : "/";
  return {
    outcome: { kind: "session", location, token, expiresAt, frameOrigins: connection.allowedReturnOrigins, locale: sessionLocale(settings.shopLanguage, language) },
    sessionId: session.id,
    error: null,
  };
}

/** Whether the customer may order the product today (no query unless its assortment is its contract). */
async function inAssortmentToday(customer: { companyId: number; assortment?: Assortment }, product: ProductRow, now: Date): Promise<boolean> {
  return !(await productsOutsideAssortment(customer, [product], now)).has(product.id);
}

async function resolveSessionUser(entry: OciEntry, settings: OciConnectionSettings, connection: PunchoutConnection): Promise<number | null> {
  if (settings.userMapping.mode === "email-parameter") {
    const email = findOciParam(entry, settings.userMapping.parameters);
    const user = email ? await getActiveCompanyUserByEmail(connection.companyId, email) : null;
    if (user) return user.id;
    if (!settings.userMapping.fallbackToTechnicalUser) return null;
  }
  return connection.technicalUserId;
}

/** A page of OCI item fields for products priced for the connection's customer (VALIDATE, BACKGROUND_SEARCH). */
async function renderFieldsPage(
  entry: OciEntry,
  settings: OciConnectionSettings,
  connection: PunchoutConnection,
  rows: { product: ProductRow; quantity: number }[],
  options: { charset: OciCharset; autoSubmit: boolean; locale: "nl" | "en"; now: Date },
): Promise<Buffer> {
  const priced = await priceCartLines(
    rows.map((row, index) => ({ lineId: index + 1, quantity: row.quantity, product: row.product })),
    { companyId: connection.companyId, locale: options.locale, now: options.now },
  );
  const baseUrl = env.APP_URL ?? null;
  // The items as a transfer sends them: with the documents of every result, in one statement, when the
  // connection attaches them.
  const readDocuments = priced.lines.length > 0 && baseUrl !== null && settings.attachment !== "none";
  const [categoryRows, documents] = await Promise.all([
    listCategories(),
    readDocuments ? listProductDocumentsOf(priced.lines.map((line) => line.product.id)) : new Map(),
  ]);
  const categories = new Map(categoryRows.map((c) => [c.id, c.code]));
  const cart = toPunchoutCart(priced, { language: options.locale, newReference: newLineReference, categoryCodes: categories, imageBaseUrl: baseUrl, documents });
  const fields = buildOciFields(cart, settings, { charset: options.charset, hookUrl: entry.hookUrl, legacyReturnFields: entry.legacyReturnFields });
  const html = renderOciTransferPage({
    action: entry.hookUrl!.base,
    target: settings.returnTargetOverride ?? entry.returnTarget,
    fields,
    charset: options.charset,
    autoSubmit: options.autoSubmit,
    title: "Koppel",
    buttonLabel: options.locale === "en" ? "Transfer" : "Overdragen",
  });
  return encodeOciTransferPage(html, options.charset);
}
