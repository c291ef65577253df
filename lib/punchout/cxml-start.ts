import "server-only";
import { logProtocolMessage } from "@/lib/data/protocol-messages";
import type { Locale } from "@/lib/i18n/locales";
import { getPunchoutConnection } from "@/lib/data/punchout-connections";
import { redeemStartToken } from "@/lib/data/punchout-sessions";
import { hashToken, newToken } from "./browser-session";
import { sessionLocale } from "./buyer-language";
import { cxmlConnectionSettingsSchema } from "./cxml/connection-settings";
import { readCxmlSessionContext } from "./cxml-session-context";
import { renderPunchoutMessagePage } from "./html-page";

export type CxmlStartOutcome =
  /** `locale`: the shop language the setup request's xml:lang asked for, null when none of ours. */
  | { kind: "session"; location: string; token: string; expiresAt: Date; frameOrigins: string[]; locale: Locale | null }
  | { kind: "html"; status: number; body: string };

const REFUSED: CxmlStartOutcome = {
  kind: "html",
  status: 410,
  body: renderPunchoutMessagePage({
    title: { nl: "Deze punchoutlink is niet meer geldig", en: "This punchout link is no longer valid" },
    text: {
      nl: "Een punchoutlink kan maar één keer en maar vijf minuten worden gebruikt. Start de punchout opnieuw vanuit uw inkoopsysteem.",
      en: "A punchout link works only once and only for five minutes. Please start the punchout again from your procurement system.",
    },
  }),
};

/**
 * `GET /punchout/cxml/start?token=…` (the StartPage of a PunchOutSetupResponse): redeems the
 * single-use token atomically and opens a NEW browser session in punchout mode, landing where the
 * setup request pointed (SelectedItem's product, the cart for edit/inspect, else the shop), in the
 * language its xml:lang named when we have it (the setup request came server-to-server; this is
 * the first request from the buyer's browser).
 * A second use, an expired or an unknown token gets a clear page instead.
 */
export async function redeemCxmlStartPage(token: string | null, context: { now: Date; remoteAddress: string | null }): Promise<CxmlStartOutcome> {
  const started = Date.now();
  const sessionToken = newToken();
  const session = token && token.length <= 100 ? await redeemStartToken(hashToken(token), hashToken(sessionToken), context.now) : null;
  const connection = session ? await getPunchoutConnection(session.connectionId) : null;
  let landing = "/";
  if (session) {
    try {
      landing = readCxmlSessionContext(session.context).landing;
    } catch {
      landing = "/";
    }
  }
  // Only same-site paths, never "//host" (stored by us, but a redirect target all the same).
  if (!landing.startsWith("/") || landing.startsWith("//")) landing = "/";
  const outcome: CxmlStartOutcome =
    session && connection?.enabled
      ? {
          kind: "session",
          location: landing,
          token: sessionToken,
          expiresAt: session.expiresAt,
          frameOrigins: connection.allowedReturnOrigins,
          // xml:lang only where the connection follows it (settings.shopLanguage; most systems always send en-US).
          locale: sessionLocale(shopLanguageOf(connection.settings), typeof session.context.language === "string" ? session.context.language : null),
        }
      : REFUSED;
  await logProtocolMessage({
    protocol: "cxml",
    direction: "inbound",
    type: "cxml.StartPage",
    connectionId: connection?.id ?? null,
    companyId: session?.companyId ?? null,
    sessionId: session?.id ?? null,
    status: outcome.kind === "session" ? "ok" : "rejected",
    httpStatus: outcome.kind === "session" ? 303 : outcome.status,
    durationMs: Date.now() - started,
    remoteAddress: context.remoteAddress,
    contentType: null,
    payload: "GET /punchout/cxml/start?token=***",
    summary: outcome.kind === "session" ? { landing, locale: outcome.locale } : { landing: null },
    error: outcome.kind === "session" ? null : token ? "start token unknown, used or expired" : "start token missing",
  }).catch((failure: unknown) => console.error("[koppel] cXML message log write failed", failure));
  return outcome;
}

/** The connection's language setting; a settings object that no longer parses keeps the browser's choice. */
function shopLanguageOf(settings: unknown) {
  const parsed = cxmlConnectionSettingsSchema.safeParse(settings);
  return parsed.success ? parsed.data.shopLanguage : "browser";
}
