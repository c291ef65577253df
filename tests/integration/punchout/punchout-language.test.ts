import { eq } from "drizzle-orm";
import { NextRequest, type NextResponse } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { punchoutSessions } from "@/db/schema";
import { LOCALE_COOKIE } from "@/lib/i18n/locales";
import { PUNCHOUT_COOKIE } from "@/lib/punchout/browser-session";
import { handleCxmlSetup } from "@/lib/punchout/cxml-setup";
import { parseCxml, childText, firstChild } from "@/lib/punchout/cxml/xml";
import { GET as cxmlStart } from "@/app/punchout/cxml/start/route";
import { GET as ociEntry, POST as ociEntryPost } from "@/app/punchout/oci/route";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createOciConnection } from "../../support/oci-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * The punchout session opens in the buyer system's language (OCI LANGUAGE, cXML xml:lang) when it
 * is one of ours and the connection follows it (settings.shopLanguage: OCI by default, cXML when set,
 * since most cXML systems send en-US whatever their user reads), through the real entry and
 * StartPage routes: the language cookie the shop reads (lib/i18n/request.ts) comes with the
 * session's own cookies. Any other language leaves the browser's cookie (or the default) alone.
 */
let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const OCI_USER = `oci-language-${Date.now().toString(36)}`;
const OCI_PASSWORD = "oci-language-secret";
const FROM = { domain: "NetworkID", identity: `AN-LANG-${Date.now().toString(36)}` };
/** A second cXML connection with the default setting: the browser's choice, whatever xml:lang says. */
const FROM_DEFAULT = { domain: "NetworkID", identity: `AN-LANGDEF-${Date.now().toString(36)}` };
const OCI_FIXED = `oci-fixed-${Date.now().toString(36)}`;
const SECRET = "cxml-language-secret";
const BASE = "https://shop.example.nl";

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const customer = await createCompanyWithBuyer(handle);
  await createOciConnection(handle, customer.company.id, { username: OCI_USER, password: OCI_PASSWORD, origins: ["https://erp.example.com"] });
  await createCxmlConnection(handle, customer.company.id, { from: [FROM], sender: [FROM], secret: SECRET, origins: ["https://erp.example.com"], settings: { shopLanguage: "buyer_system" } });
  await createCxmlConnection(handle, customer.company.id, { from: [FROM_DEFAULT], sender: [FROM_DEFAULT], secret: SECRET, origins: ["https://erp.example.com"] });
  await createOciConnection(handle, customer.company.id, { username: OCI_FIXED, password: OCI_PASSWORD, origins: ["https://erp.example.com"], settings: { shopLanguage: "nl" } });
}, 120_000);
afterAll(() => fresh.dispose());

/** The routes answer with a NextResponse (cookies set through its cookie API); read them the same way. */
const oci = async (request: NextRequest) => (await ociEntry(request)) as NextResponse;

function ociRequest(extra: Record<string, string>, cookies: Record<string, string> = {}): NextRequest {
  const url = new URL(`${BASE}/punchout/oci`);
  for (const [name, value] of Object.entries({ USERNAME: OCI_USER, PASSWORD: OCI_PASSWORD, HOOK_URL: "https://erp.example.com/hook?sap-client=100", ...extra })) {
    url.searchParams.set(name, value);
  }
  const cookie = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join("; ");
  return new NextRequest(url, { headers: cookie ? { cookie } : {} });
}

describe("OCI entry with the buyer system's LANGUAGE", () => {
  it.each(["EN", "en", "E"])("LANGUAGE=%s opens the session in English, with the session's cookies", async (language) => {
    const response = await oci(ociRequest({ LANGUAGE: language }));
    expect(response.status).toBe(303);
    expect(response.cookies.get(PUNCHOUT_COOKIE)?.value).toBeTruthy();
    const locale = response.cookies.get(LOCALE_COOKIE);
    // Set like the language switch sets it in a punchout session (the buyer's iframe), for the session's lifetime.
    expect(locale).toMatchObject({ value: "en", path: "/", sameSite: "none", secure: true, partitioned: true });
    expect(locale?.expires).toEqual(response.cookies.get(PUNCHOUT_COOKIE)?.expires);
  });

  it("also from a form post (SAP SRM), and the session remembers what was asked", async () => {
    const body = new URLSearchParams({ USERNAME: OCI_USER, PASSWORD: OCI_PASSWORD, HOOK_URL: "https://erp.example.com/hook", language: "NL" });
    const response = (await ociEntryPost(
      new NextRequest(`${BASE}/punchout/oci`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${LOCALE_COOKIE}=en` } }),
    )) as NextResponse;
    expect(response.status).toBe(303);
    expect(response.cookies.get(LOCALE_COOKIE)?.value).toBe("nl");
    const [session] = await handle.db.select().from(punchoutSessions).orderBy(punchoutSessions.id).then((rows) => rows.slice(-1));
    expect(session!.context).toMatchObject({ language: "NL" });
  });

  it.each<Record<string, string>>([{ LANGUAGE: "DE" }, { LANGUAGE: "" }, {}])("%o keeps the browser's language: no language cookie is set", async (extra) => {
    const response = await oci(ociRequest(extra, { [LOCALE_COOKIE]: "en" }));
    expect(response.status).toBe(303);
    expect(response.cookies.get(PUNCHOUT_COOKIE)?.value).toBeTruthy();
    expect(response.cookies.get(LOCALE_COOKIE)).toBeUndefined();
  });

  it("a connection set to Dutch opens in Dutch whatever LANGUAGE says", async () => {
    const response = await oci(ociRequest({ USERNAME: OCI_FIXED, LANGUAGE: "EN" }, { [LOCALE_COOKIE]: "en" }));
    expect(response.status).toBe(303);
    expect(response.cookies.get(LOCALE_COOKIE)?.value).toBe("nl");
  });

  it("sets no language on an answer that opens no session (wrong password)", async () => {
    const response = await oci(ociRequest({ PASSWORD: "wrong", LANGUAGE: "EN" }));
    expect(response.status).toBe(401);
    expect(response.cookies.get(LOCALE_COOKIE)).toBeUndefined();
  });
});

let sequence = 0;
function posr(lang: string | null, from = FROM): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<cXML payloadID="lang-${Date.now()}-${sequence++}@buyer.example" timestamp="2026-11-28T11:00:00+01:00"${lang === null ? "" : ` xml:lang="${lang}"`}>
<Header>
<From><Credential domain="${from.domain}"><Identity>${from.identity}</Identity></Credential></From>
<To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="${from.domain}"><Identity>${from.identity}</Identity><SharedSecret>${SECRET}</SharedSecret></Credential><UserAgent>IT</UserAgent></Sender>
</Header>
<Request deploymentMode="production"><PunchOutSetupRequest operation="create">
<BuyerCookie>lang-${sequence}</BuyerCookie>
<BrowserFormPost><URL>https://erp.example.com/cxml-return</URL></BrowserFormPost>
</PunchOutSetupRequest></Request>
</cXML>`;
}

/** The setup request server-to-server, then the StartPage in "the browser" (the real route). */
async function startPageResponse(lang: string | null, cookies: Record<string, string> = {}, from = FROM) {
  const answer = await handleCxmlSetup(
    { bytes: Buffer.from(posr(lang, from), "utf8"), truncated: false },
    { remoteAddress: null, now: new Date(), baseUrl: BASE, contentType: "text/xml" },
  );
  const parsed = parseCxml(answer.body);
  if (!parsed.ok) throw new Error(answer.body);
  const response = firstChild(parsed.value.root, "Response")!;
  const startPage = childText(firstChild(firstChild(response, "PunchOutSetupResponse")!, "StartPage")!, "URL")!;
  const cookie = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join("; ");
  return (await cxmlStart(new NextRequest(startPage, { headers: cookie ? { cookie } : {} }))) as NextResponse;
}

describe("cXML StartPage with the setup request's xml:lang", () => {
  it("by default the connection keeps the browser's language: en-US is what nearly every system sends", async () => {
    const response = await startPageResponse("en-US", { [LOCALE_COOKIE]: "nl" }, FROM_DEFAULT);
    expect(response.status).toBe(303);
    expect(response.cookies.get(PUNCHOUT_COOKIE)?.value).toBeTruthy();
    expect(response.cookies.get(LOCALE_COOKIE)).toBeUndefined();
  });

  it("xml:lang en-US: the StartPage opens the session in English", async () => {
    const response = await startPageResponse("en-US", { [LOCALE_COOKIE]: "nl" });
    expect(response.status).toBe(303);
    expect(response.cookies.get(PUNCHOUT_COOKIE)?.value).toBeTruthy();
    expect(response.cookies.get(LOCALE_COOKIE)).toMatchObject({ value: "en", sameSite: "none", secure: true, partitioned: true });
    // Stored with the session by the setup request, which came without the browser.
    const [session] = await handle.db.select().from(punchoutSessions).where(eq(punchoutSessions.protocol, "cxml")).orderBy(punchoutSessions.id).then((rows) => rows.slice(-1));
    expect(session!.context).toMatchObject({ language: "en-US" });
  });

  it("xml:lang nl-NL: Dutch, also over a browser set to English", async () => {
    const response = await startPageResponse("nl-NL", { [LOCALE_COOKIE]: "en" });
    expect(response.cookies.get(LOCALE_COOKIE)?.value).toBe("nl");
  });

  it.each(["de", "fr-FR", null])("xml:lang %s: the default, or the browser's cookie — none is set", async (lang) => {
    const response = await startPageResponse(lang);
    expect(response.status).toBe(303);
    expect(response.cookies.get(PUNCHOUT_COOKIE)?.value).toBeTruthy();
    expect(response.cookies.get(LOCALE_COOKIE)).toBeUndefined();
  });

  it("a refused StartPage (unknown token) sets no language", async () => {
    const response = (await cxmlStart(new NextRequest(`${BASE}/punchout/cxml/start?token=made-up`))) as NextResponse;
    expect(response.status).toBe(410);
    expect(response.cookies.get(LOCALE_COOKIE)).toBeUndefined();
  });
});
