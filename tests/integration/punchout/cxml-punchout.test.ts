import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { priceListEntries, products, protocolMessages, punchoutSessions, punchoutTransferLines, users } from "@/db/schema";
import type { BuyerUser } from "@/lib/auth/guards";
import { hashPassword } from "@/lib/auth/password";
import { addToCart, getPricedCart, updateCartLineQuantity } from "@/lib/cart/cart-service";
import { updatePunchoutConnection } from "@/lib/data/punchout-connections";
import { getPunchoutSession } from "@/lib/data/punchout-sessions";
import { getActiveUserById } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { hashToken } from "@/lib/punchout/browser-session";
import type { CxmlAnswer } from "@/lib/punchout/cxml-endpoint";
import { handleCxmlProfile } from "@/lib/punchout/cxml-profile";
import { handleCxmlSetup, listUnmatchedSetupItems } from "@/lib/punchout/cxml-setup";
import { redeemCxmlStartPage } from "@/lib/punchout/cxml-start";
import { parseCxmlHeader } from "@/lib/punchout/cxml/parse-header";
import { parsePunchOutSetupRequest } from "@/lib/punchout/cxml/parse-setup-request";
import { attr, childElements, childText, deepText, directText, firstChild, parseCxml, type CxmlDocument, type XmlElement } from "@/lib/punchout/cxml/xml";
import { transferPunchoutCart } from "@/lib/punchout/transfer";
import { SHARED_FILES } from "../../unit/punchout/cxml/helpers";
import { createCxmlConnection, disableConnection, poomFromTransferPage, validateCxmlBatch, validatorReady } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-28T10:00:00Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const BASE_URL = "https://shop.example.nl";

const FROM = { domain: "NetworkID", identity: "AN-IT-BUYER" };
const TO = { domain: "NetworkID", identity: "KOPPEL-IT" };
const SECRET = "it-shared-secret";
const RETURN = "https://procurement.example.com/punchout/return?session=abc";

let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let connection: Awaited<ReturnType<typeof createCxmlConnection>>;
let contractProduct: { id: number; sku: string; nameNl: string };
let listProduct: { id: number; sku: string; nameNl: string };
let specialProduct: { id: number; sku: string; nameNl: string };
let packProduct: { id: number; sku: string };
/** Every document the shop produced in these tests; validated against the DTD in one batch at the end. */
const produced: Record<string, string> = {};

beforeAll(async () => {
  db = await useFreshDatabase();
  handle = db.handle;
  const category = await createCategory(handle);
  contractProduct = await createProduct(handle, category.id, { listPriceMinor: 1000, unspsc: "44121618" });
  listProduct = await createProduct(handle, category.id, { listPriceMinor: 2599, unspsc: "44122000", unit: "PK" });
  specialProduct = await createProduct(handle, category.id, {
    nameNl: `Kabel & stekker <"A"> 'B' — Größe Ü ß é ø 漢字 😀`,
    descriptionNl: `Lange omschrijving & <markup> ${"met veel tekst ".repeat(300)}`,
    manufacturer: "Müller & Söhne",
    listPriceMinor: 123,
    unspsc: null,
  });
  packProduct = await createProduct(handle, category.id, { listPriceMinor: 500, minOrderQuantity: 10, orderMultiple: 10 });
  // SKUs named by the shared examples and samples, so their ItemOut / SelectedItem lines resolve.
  await createProduct(handle, category.id, { sku: "ART-10001", listPriceMinor: 1234 });
  await createProduct(handle, category.id, { sku: "4545321", listPriceMinor: 76320 });
  customer = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle);
  await createPriceList(handle, customer.company.id, [{ productId: contractProduct.id, kind: "fixed", priceMinor: 450 }]);
  connection = await createCxmlConnection(handle, customer.company.id, {
    from: [FROM],
    to: TO,
    sender: [FROM],
    secret: SECRET,
    origins: ["https://procurement.example.com"],
  });
}, 120_000);
afterAll(() => db.dispose());

let sequence = 0;
const unique = (prefix: string) => `${prefix}-${Date.now()}-${sequence++}@it.buyer.example`;

interface PosrOptions {
  payloadId?: string;
  operation?: string;
  from?: { domain: string; identity: string };
  sender?: { domain: string; identity: string };
  secret?: string | null;
  deploymentMode?: "production" | "test";
  cookie?: string;
  formPost?: string | null;
  extrinsics?: Record<string, string>;
  items?: { sku: string; aux?: string | null; quantity: string }[];
  selectedItem?: string;
  payload?: string;
}

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function posr(options: PosrOptions = {}): string {
  const from = options.from ?? FROM;
  const sender = options.sender ?? FROM;
  const secret = options.secret === undefined ? SECRET : options.secret;
  const items = (options.items ?? [])
    .map(
      (item, index) => `<ItemOut quantity="${item.quantity}" lineNumber="${index + 1}"><ItemID><SupplierPartID>${esc(item.sku)}</SupplierPartID>${
        item.aux ? `<SupplierPartAuxiliaryID>${esc(item.aux)}</SupplierPartAuxiliaryID>` : ""
      }</ItemID><ItemDetail><UnitPrice><Money currency="EUR">0.01</Money></UnitPrice><Description xml:lang="en">x</Description><UnitOfMeasure>EA</UnitOfMeasure><Classification domain="UNSPSC">1</Classification></ItemDetail></ItemOut>`,
    )
    .join("\n");
  const payload =
    options.payload ??
    `<PunchOutSetupRequest operation="${options.operation ?? "create"}">
<BuyerCookie>${esc(options.cookie ?? `cookie-${sequence++}`)}</BuyerCookie>
${Object.entries(options.extrinsics ?? {})
  .map(([name, value]) => `<Extrinsic name="${name}">${esc(value)}</Extrinsic>`)
  .join("\n")}
${options.formPost === null ? "" : `<BrowserFormPost><URL>${esc(options.formPost ?? RETURN)}</URL></BrowserFormPost>`}
<ShipTo><Address addressID="NL-01" isoCountryCode="NL"><Name xml:lang="nl">Magazijn</Name><PostalAddress><Street>Keizersgracht 1</Street><City>Amsterdam</City><PostalCode>1015 AA</PostalCode><Country isoCountryCode="NL">Nederland</Country></PostalAddress></Address></ShipTo>
${options.selectedItem ? `<SelectedItem><ItemID><SupplierPartID>${esc(options.selectedItem)}</SupplierPartID></ItemID></SelectedItem>` : ""}
${items}
</PunchOutSetupRequest>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="${options.payloadId ?? unique("posr")}" timestamp="2026-11-28T11:00:00+01:00" xml:lang="en-US">
<Header>
<From><Credential domain="${from.domain}"><Identity>${from.identity}</Identity></Credential></From>
<To><Credential domain="${TO.domain}"><Identity>${TO.identity}</Identity></Credential></To>
<Sender><Credential domain="${sender.domain}"><Identity>${sender.identity}</Identity>${secret === null ? "" : `<SharedSecret>${esc(secret)}</SharedSecret>`}</Credential><UserAgent>IT buyer 1.0</UserAgent></Sender>
</Header>
<Request deploymentMode="${options.deploymentMode ?? "production"}">
${payload}
</Request>
</cXML>`;
}

const context = (overrides: { now?: Date; remoteAddress?: string | null } = {}) => ({
  remoteAddress: null,
  now: NOW,
  baseUrl: BASE_URL,
  contentType: "text/xml",
  ...overrides,
});

interface Answer extends CxmlAnswer {
  document: CxmlDocument;
  code: string;
  text: string;
  message: string;
  startPage: string | null;
}

function read(answer: CxmlAnswer): Answer {
  const parsed = parseCxml(answer.body);
  if (!parsed.ok) throw new Error(`answer is not well-formed cXML: ${parsed.error.message}\n${answer.body}`);
  const document = parsed.value;
  const setupResponse = firstChild(firstChild(document.root, "Response")!, "PunchOutSetupResponse");
  const startPage = setupResponse ? childText(firstChild(setupResponse, "StartPage")!, "URL") ?? null : null;
  return { ...answer, document, code: document.status!.code, text: document.status!.text, message: document.status!.message, startPage };
}

async function setup(xml: string | Buffer, overrides: Parameters<typeof context>[0] = {}): Promise<Answer> {
  const answer = read(await handleCxmlSetup({ bytes: typeof xml === "string" ? Buffer.from(xml, "utf8") : xml, truncated: false }, context(overrides)));
  expect(answer.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  return answer;
}

const tokenOf = (startPage: string) => new URL(startPage).searchParams.get("token")!;

/** The shop user of a redeemed punchout session, as getCurrentUser() would return it. */
async function shopperFor(sessionId: number): Promise<BuyerUser> {
  const session = (await getPunchoutSession(sessionId))!;
  const user = (await getActiveUserById(session.userId))!;
  const { passwordHash: _hash, ...rest } = user;
  return {
    ...rest,
    companyId: user.companyId!,
    companyName: user.companyName!,
    punchout: { sessionId, connectionName: "IT", presetId: "generic", protocol: "cxml", operation: session.operation },
    impersonatedBy: null,
  };
}

/** setup → StartPage redeemed: the session id and its shop user. */
async function punchIn(options: PosrOptions = {}): Promise<{ sessionId: number; shopper: BuyerUser; landing: string }> {
  const payloadId = options.payloadId ?? unique("posr");
  const answer = await setup(posr({ ...options, payloadId }));
  expect(answer.code, answer.message).toBe("200");
  const start = await redeemCxmlStartPage(tokenOf(answer.startPage!), { now: later(1), remoteAddress: null });
  if (start.kind !== "session") throw new Error("StartPage refused");
  const [session] = await handle.db.select().from(punchoutSessions).where(eq(punchoutSessions.requestPayloadId, payloadId));
  expect(session!.status).toBe("active");
  return { sessionId: session!.id, shopper: await shopperFor(session!.id), landing: start.location };
}

interface PoomLine {
  quantity: string;
  sku: string;
  aux: string;
  price: string;
  currency: string;
  description: string;
  shortName: string;
  lang: string;
  unit: string;
  classification: string;
}

function readPoom(xml: string) {
  const parsed = parseCxml(xml);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const message = parsed.value.payload!;
  const header = firstChild(message, "PunchOutOrderMessageHeader")!;
  const lines: PoomLine[] = childElements(message, "ItemIn").map((itemIn: XmlElement) => {
    const itemId = firstChild(itemIn, "ItemID")!;
    const detail = firstChild(itemIn, "ItemDetail")!;
    const money = firstChild(firstChild(detail, "UnitPrice")!, "Money")!;
    const description = firstChild(detail, "Description")!;
    return {
      quantity: attr(itemIn, "quantity")!,
      sku: childText(itemId, "SupplierPartID")!,
      aux: childText(itemId, "SupplierPartAuxiliaryID")!,
      price: directText(money),
      currency: attr(money, "currency")!,
      description: directText(description),
      shortName: childText(description, "ShortName")!,
      lang: attr(description, "xml:lang")!,
      unit: childText(detail, "UnitOfMeasure")!,
      classification: deepText(firstChild(detail, "Classification")!),
    };
  });
  return {
    document: parsed.value,
    header: unwrapHeader(parsed.value),
    buyerCookie: directText(firstChild(message, "BuyerCookie")!),
    operationAllowed: attr(header, "operationAllowed"),
    total: directText(firstChild(firstChild(header, "Total")!, "Money")!),
    lines,
  };
}

function unwrapHeader(document: CxmlDocument) {
  const header = parseCxmlHeader(document);
  if (!header.ok) throw new Error(header.error.message);
  return header.value;
}

async function transfer(shopper: BuyerUser, mode: "transfer" | "cancel" = "transfer", now = later(2)) {
  const page = await transferPunchoutCart(shopper, mode, "nl", now, { baseUrl: BASE_URL });
  return { ...poomFromTransferPage(page.body.toString("utf8")), page };
}

async function expectAppError(promise: Promise<unknown>, code: string, message: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code, message });
}

describe("every PunchOutSetupRequest among the shared examples and samples", () => {
  const setupRequests = SHARED_FILES.filter(([, bytes]) => {
    const parsed = parseCxml(bytes);
    return parsed.ok && parsed.value.payload?.name === "PunchOutSetupRequest";
  });

  it("finds the examples and the real-world samples (Coupa, IESA, FriendsOfCXML)", () => {
    expect(setupRequests.map(([file]) => file)).toEqual(
      expect.arrayContaining([
        "examples/PunchOutSetupRequest.xml",
        "examples/PunchOutSetupRequest_edit.xml",
        "samples/officeluv-cxml/punch_out_setup_request_doc_coupa.xml",
        "samples/officeluv-cxml/punch_out_setup_request_doc.xml",
        "samples/officeluv-cxml/punch_out_setup_request_doc_with_ship_to.xml",
        "samples/friendsofcxml-cxml-php/PunchOutSetupRequest.xml",
      ]),
    );
  });

  it.each(setupRequests)("accepts %s once a matching connection exists", async (_file, bytes) => {
    const document = (parseCxml(bytes) as { ok: true; value: CxmlDocument }).value;
    const header = unwrapHeader(document);
    const request = parsePunchOutSetupRequest(document);
    if (!request.ok) throw new Error(request.error.message);
    const sender = header.sender[0]!;
    const company = await createCompanyWithBuyer(handle);
    const sample = await createCxmlConnection(handle, company.company.id, {
      from: header.from.map(({ domain, identity }) => ({ domain, identity })),
      to: { domain: header.to[0]!.domain, identity: header.to[0]!.identity },
      sender: [{ domain: sender.domain, identity: sender.identity }],
      secret: sender.sharedSecret!,
      environment: document.deploymentMode,
      origins: request.value.browserFormPostUrl ? [new URL(request.value.browserFormPostUrl).origin] : [],
    });
    try {
      const answer = await setup(bytes);
      expect(answer.code, answer.message).toBe("200");
      expect(answer.httpStatus).toBe(200);
      expect(answer.startPage).toMatch(/^https:\/\/shop\.example\.nl\/punchout\/cxml\/start\?token=[\w-]{43}$/);
      const [session] = await handle.db.select().from(punchoutSessions).where(eq(punchoutSessions.connectionId, sample.id));
      expect(session).toMatchObject({
        status: "pending",
        protocol: "cxml",
        buyerCookie: request.value.buyerCookie,
        operation: request.value.operation,
        returnUrl: request.value.browserFormPostUrl,
        requestPayloadId: document.payloadId,
      });
      expect(session!.startTokenExpiresAt!.getTime() - NOW.getTime()).toBeLessThanOrEqual(5 * 60_000);
      const stored = session!.context as Record<string, unknown>;
      expect(stored.extrinsics).toEqual(request.value.extrinsics);
      expect(stored.shipTo).toEqual(request.value.shipTo);
      expect(stored.selectedItem).toEqual(request.value.selectedItem);
      expect((stored.items as unknown[]).length).toBe(request.value.items.length);
      expect(JSON.stringify(stored)).not.toContain(sender.sharedSecret!);
      produced[`setup-response-${_file}`] = answer.body;
    } finally {
      await disableConnection(handle, sample.id);
    }
  });
});

describe("authentication", () => {
  it("answers a wrong secret and an unknown sender with the same generic 401, and opens no session", async () => {
    const before = await handle.db.select().from(punchoutSessions);
    const wrong = await setup(posr({ secret: "guess" }));
    const unknown = await setup(posr({ from: { domain: "NetworkID", identity: "AN-NOBODY" }, sender: { domain: "NetworkID", identity: "AN-NOBODY" } }));
    const missing = await setup(posr({ secret: null }));
    for (const answer of [wrong, unknown, missing]) {
      expect([answer.code, answer.text, answer.message, answer.httpStatus]).toEqual(["401", "Unauthorized", "Credentials not recognized", 200]);
      expect(answer.startPage).toBeNull();
    }
    expect(await handle.db.select().from(punchoutSessions)).toHaveLength(before.length);
    produced["status-401"] = wrong.body;
  });

  it("matches the From domain case-insensitively and the identity exactly", async () => {
    expect((await setup(posr({ from: { domain: "networkid", identity: FROM.identity } }))).code).toBe("200");
    expect((await setup(posr({ from: { domain: "NetworkID", identity: FROM.identity.toLowerCase() } }))).code).toBe("401");
  });

  it("finds each customer's connection behind one network hub by any of its From identities, never another's", async () => {
    // Ariba Network style: the hub is the Sender of every customer's documents, with one SharedSecret;
    // only From tells the customers apart (issue 8: looked up by identity, not read in full per request).
    const hub = { domain: "NetworkID", identity: "AN-IT-HUB" };
    const customers = [];
    for (const n of [1, 2, 3]) {
      const company = await createCompanyWithBuyer(handle);
      const from = [{ domain: "NetworkID", identity: `AN-IT-HUB-BUYER-${n}` }, { domain: "DUNS", identity: `40000000${n}` }];
      customers.push({ companyId: company.company.id, connection: await createCxmlConnection(handle, company.company.id, { from, sender: [hub], secret: "hub-secret", origins: ["https://procurement.example.com"] }) });
    }
    const sessionOf = async (xml: string) => {
      const answer = await setup(xml);
      expect(answer.code, answer.message).toBe("200");
      const [session] = await handle.db.select().from(punchoutSessions).where(eq(punchoutSessions.requestPayloadId, /payloadID="([^"]+)"/.exec(xml)![1]!));
      return { connectionId: session!.connectionId, companyId: session!.companyId };
    };
    // The second From credential is the one we know (an unknown NetworkID first, then customer 2's DUNS).
    const second = posr({ from: { domain: "NetworkID", identity: "AN-NOT-OURS" }, sender: hub, secret: "hub-secret" }).replace(
      "</Credential></From>",
      `</Credential><Credential domain="DUNS"><Identity>400000002</Identity></Credential></From>`,
    );
    expect(await sessionOf(second)).toEqual({ connectionId: customers[1]!.connection.id, companyId: customers[1]!.companyId });
    expect(await sessionOf(posr({ from: { domain: "networkid", identity: "AN-IT-HUB-BUYER-3" }, sender: hub, secret: "hub-secret" }))).toEqual({
      connectionId: customers[2]!.connection.id,
      companyId: customers[2]!.companyId,
    });
    expect((await setup(posr({ from: { domain: "NetworkID", identity: "AN-IT-HUB-BUYER-1" }, sender: hub, secret: "not-the-hub-secret" }))).code).toBe("401");
    expect((await setup(posr({ from: { domain: "NetworkID", identity: "an-it-hub-buyer-1" }, sender: hub, secret: "hub-secret" }))).code).toBe("401");
    expect((await setup(posr({ from: { domain: "DUNS", identity: "AN-IT-HUB-BUYER-1" }, sender: hub, secret: "hub-secret" }))).code).toBe("401");
  });

  it("refuses a deploymentMode that does not match the connection's environment", async () => {
    const answer = await setup(posr({ deploymentMode: "test" }));
    expect(answer.code).toBe("403");
    expect(answer.message).toContain("deploymentMode");
  });

  it("throttles a sender after five failures, even with the right secret afterwards", async () => {
    const sender = { domain: "NetworkID", identity: "AN-THROTTLE" };
    await createCxmlConnection(handle, customer.company.id, { from: [sender], sender: [sender], secret: "right", origins: ["https://procurement.example.com"] });
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await setup(posr({ from: sender, sender, secret: "wrong" }))).code);
    const blocked = await setup(posr({ from: sender, sender, secret: "right" }));
    expect(codes).toEqual(["401", "401", "401", "401", "401"]);
    expect([blocked.code, blocked.message]).toEqual(["401", "Too many failed attempts; try again in 15 minutes"]);
  });

  it("remembers a verified secret, but a replaced secret stops working at once and a wrong one never passes", async () => {
    const sender = { domain: "NetworkID", identity: "AN-ROTATE" };
    const rotating = await createCxmlConnection(handle, customer.company.id, { from: [sender], sender: [sender], secret: "first", origins: ["https://procurement.example.com"] });
    // Verified by scrypt, then from the cache (same answer).
    expect((await setup(posr({ from: sender, sender, secret: "first" }))).code).toBe("200");
    expect((await setup(posr({ from: sender, sender, secret: "first" }))).code).toBe("200");
    expect((await setup(posr({ from: sender, sender, secret: "firs" }))).code).toBe("401");
    await updatePunchoutConnection(rotating.id, { secretHash: await hashPassword("second") });
    expect((await setup(posr({ from: sender, sender, secret: "first" }))).code).toBe("401");
    expect((await setup(posr({ from: sender, sender, secret: "second" }))).code).toBe("200");
  });

  it("throttles a sender whose right secret is remembered", async () => {
    const sender = { domain: "NetworkID", identity: "AN-THROTTLE-CACHED" };
    await createCxmlConnection(handle, customer.company.id, { from: [sender], sender: [sender], secret: "right", origins: ["https://procurement.example.com"] });
    expect((await setup(posr({ from: sender, sender, secret: "right" }))).code).toBe("200");
    for (let i = 0; i < 5; i++) await setup(posr({ from: sender, sender, secret: "wrong" }));
    expect((await setup(posr({ from: sender, sender, secret: "right" }))).message).toBe("Too many failed attempts; try again in 15 minutes");
  });

  it("refuses a disabled connection like an unknown one", async () => {
    const sender = { domain: "DUNS", identity: "disabled-buyer" };
    await createCxmlConnection(handle, customer.company.id, { from: [sender], sender: [sender], secret: "s", origins: ["https://procurement.example.com"], enabled: false });
    expect((await setup(posr({ from: sender, sender, secret: "s" }))).message).toBe("Credentials not recognized");
  });
});

describe("content errors: a well-formed cXML Response with the reason, never HTML or 5xx", () => {
  it.each([
    ["malformed XML", "<cXML payloadID='x'><Header></cXML>", "406"],
    ["not XML at all", "hello", "406"],
    ["an empty body", "", "406"],
    ["an entity declaration (billion laughs)", `<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><cXML payloadID="x" timestamp="t"><Header/></cXML>`, "406"],
    ["an external entity (XXE)", `<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><cXML>&x;</cXML>`, "406"],
  ])("%s → 406 with HTTP 400", async (_label, body, code) => {
    const answer = await setup(body);
    expect([answer.code, answer.httpStatus]).toEqual([code, 400]);
    produced[`status-406-${_label}`] = answer.body;
  });

  it("refuses a body over 1 MB without reading it (406, HTTP 400)", async () => {
    const answer = read(await handleCxmlSetup({ bytes: Buffer.from("<cXML>"), truncated: true }, context()));
    expect([answer.code, answer.httpStatus]).toEqual(["406", 400]);
    expect(answer.message).toContain("1048576");
  });

  it.each([
    ["a BrowserFormPost outside the allowed origins → 400", posr({ formPost: "https://evil.example/steal" }), "400", "https://evil.example"],
    ["no BuyerCookie → 400", posr({ payload: `<PunchOutSetupRequest operation="create"><BrowserFormPost><URL>${RETURN}</URL></BrowserFormPost></PunchOutSetupRequest>` }), "400", "BuyerCookie"],
    ["no BrowserFormPost for create → 400", posr({ formPost: null }), "400", "BrowserFormPost"],
    ["operation source → 450", posr({ operation: "source" }), "450", "source"],
    ["an unknown operation → 400", posr({ operation: "teleport" }), "400", "teleport"],
    ["a ProfileRequest sent to the setup URL → 400", posr({ payload: "<ProfileRequest/>" }), "400", "Expected PunchOutSetupRequest"],
  ])("%s", async (_label, xml, code, reason) => {
    const answer = await setup(xml);
    expect([answer.code, answer.httpStatus]).toEqual([code, 200]);
    expect(answer.message).toContain(reason);
    produced[`status-${code}-${_label}`] = answer.body;
  });

  it("checks allowed operations and required extrinsics per connection (GHX: UniqueName)", async () => {
    const ghx = { domain: "NetworkID", identity: "GHXUser" };
    await createCxmlConnection(handle, customer.company.id, {
      from: [ghx],
      sender: [ghx],
      secret: "ghx",
      origins: ["https://procurement.example.com"],
      settings: { operationAllowed: "create", requiredExtrinsics: ["UniqueName"], userMapping: "match-unique-name" },
    });
    const edit = await setup(posr({ from: ghx, sender: ghx, secret: "ghx", operation: "edit", extrinsics: { UniqueName: "x" } }));
    expect([edit.code, edit.message]).toEqual(["450", 'PunchOutSetupRequest operation "edit" is not enabled']);
    const missing = await setup(posr({ from: ghx, sender: ghx, secret: "ghx" }));
    expect([missing.code, missing.message]).toEqual(["400", "Missing required Extrinsic: UniqueName"]);
    const ok = await setup(posr({ from: ghx, sender: ghx, secret: "ghx", extrinsics: { UniqueName: customer.user.email } }));
    expect(ok.code).toBe("200");
    const [session] = await handle.db.select().from(punchoutSessions).where(eq(punchoutSessions.startTokenHash, hashToken(tokenOf(ok.startPage!))));
    expect(session!.userId).toBe(customer.user.id);
  });

  it("does not open a second session for a replayed payloadID (409)", async () => {
    const xml = posr({ payloadId: "replayed@it.buyer.example" });
    expect((await setup(xml)).code).toBe("200");
    const replay = await setup(xml);
    expect([replay.code, replay.text, replay.httpStatus]).toEqual(["409", "Conflict", 200]);
    const sessions = await handle.db.select().from(punchoutSessions).where(eq(punchoutSessions.requestPayloadId, "replayed@it.buyer.example"));
    expect(sessions).toHaveLength(1);
    produced["status-409"] = replay.body;
  });

  it("answers a replay 409 whatever its user resolves to now, and a connection that creates users creates nobody for it", async () => {
    const sender = { domain: "NetworkID", identity: "AN-REPLAYS" };
    await createCxmlConnection(handle, customer.company.id, {
      from: [sender],
      sender: [sender],
      secret: "r",
      origins: ["https://procurement.example.com"],
      withTechnicalUser: false,
    });
    const first = posr({ from: sender, sender, secret: "r", payloadId: "replay-user@it.buyer.example", extrinsics: { UserEmail: customer.user.email } });
    expect((await setup(first)).code).toBe("200");
    // The same payloadID again, now naming nobody this connection can use: still the replay answer.
    const stranger = posr({ from: sender, sender, secret: "r", payloadId: "replay-user@it.buyer.example", extrinsics: { UserEmail: "nobody@buyer.example" } });
    expect([(await setup(stranger)).code, (await setup(first)).code]).toEqual(["409", "409"]);
    expect(await handle.db.select().from(punchoutSessions).where(eq(punchoutSessions.requestPayloadId, "replay-user@it.buyer.example"))).toHaveLength(1);

    const creator = { domain: "NetworkID", identity: "AN-REPLAYS-CREATE" };
    await createCxmlConnection(handle, customer.company.id, {
      from: [creator],
      sender: [creator],
      secret: "c",
      origins: ["https://procurement.example.com"],
      settings: { userMapping: "match-or-create-email" },
      withTechnicalUser: false,
    });
    const created = posr({ from: creator, sender: creator, secret: "c", payloadId: "replay-create@it.buyer.example", extrinsics: { UserEmail: "first.creator@buyer.example" } });
    expect((await setup(created)).code).toBe("200");
    const replay = posr({ from: creator, sender: creator, secret: "c", payloadId: "replay-create@it.buyer.example", extrinsics: { UserEmail: "second.creator@buyer.example" } });
    expect((await setup(replay)).code).toBe("409");
    expect(await handle.db.select().from(users).where(eq(users.email, "second.creator@buyer.example"))).toHaveLength(0);
    expect(await handle.db.select().from(punchoutSessions).where(eq(punchoutSessions.requestPayloadId, "replay-create@it.buyer.example"))).toHaveLength(1);
  });
});

describe("user mapping", () => {
  const sessionUserOf = async (answer: Answer) => {
    const [session] = await handle.db.select().from(punchoutSessions).where(eq(punchoutSessions.startTokenHash, hashToken(tokenOf(answer.startPage!))));
    return session!.userId;
  };

  it("uses the customer's user named by UserEmail, else the technical user – never another company's user", async () => {
    expect(await sessionUserOf(await setup(posr({ extrinsics: { UserEmail: customer.user.email.toUpperCase() } })))).toBe(customer.user.id);
    expect(await sessionUserOf(await setup(posr({ extrinsics: { UserEmail: "stranger@buyer.example" } })))).toBe(connection.technicalUserId);
    expect(await sessionUserOf(await setup(posr({ extrinsics: { UserEmail: other.user.email } })))).toBe(connection.technicalUserId);
  });

  it("creates the user only when the connection says so, with names from FirstName/LastName", async () => {
    const sender = { domain: "NetworkID", identity: "AN-AUTOCREATE" };
    await createCxmlConnection(handle, customer.company.id, {
      from: [sender],
      sender: [sender],
      secret: "s",
      origins: ["https://procurement.example.com"],
      settings: { userMapping: "match-or-create-email" },
      withTechnicalUser: false,
    });
    const email = "New.Colleague@Buyer.example";
    const created = await sessionUserOf(await setup(posr({ from: sender, sender, secret: "s", extrinsics: { UserEmail: email, FirstName: "Nieuwe", LastName: "Collega" } })));
    const [user] = await handle.db.select().from(users).where(eq(users.id, created));
    expect(user).toMatchObject({ email: "new.colleague@buyer.example", name: "Nieuwe Collega", companyId: customer.company.id, role: "buyer", passwordHash: null });
    // The second time the same user is found, not created again.
    expect(await sessionUserOf(await setup(posr({ from: sender, sender, secret: "s", extrinsics: { UserEmail: email } })))).toBe(created);
    // Another company's address is never taken over; without a technical user the session is refused.
    const refused = await setup(posr({ from: sender, sender, secret: "s", extrinsics: { UserEmail: other.user.email } }));
    expect([refused.code, refused.message]).toEqual(["403", "No shop account is available for this user on this connection"]);
  });
});

describe("StartPage", () => {
  it("is single-use, valid for five minutes, and lands on SelectedItem's product", async () => {
    const answer = await setup(posr({ selectedItem: listProduct.sku }));
    const token = tokenOf(answer.startPage!);
    const first = await redeemCxmlStartPage(token, { now: later(4), remoteAddress: null });
    expect(first).toMatchObject({ kind: "session", location: `/products/${listProduct.sku}`, frameOrigins: ["https://procurement.example.com"] });
    const second = await redeemCxmlStartPage(token, { now: later(4), remoteAddress: null });
    expect(second).toMatchObject({ kind: "html", status: 410 });
    if (second.kind === "html") expect(second.body).toContain("maar één keer");

    const expired = await setup(posr());
    expect(await redeemCxmlStartPage(tokenOf(expired.startPage!), { now: later(6), remoteAddress: null })).toMatchObject({ kind: "html", status: 410 });
    expect(await redeemCxmlStartPage("made-up", { now: later(1), remoteAddress: null })).toMatchObject({ kind: "html", status: 410 });
    expect(await redeemCxmlStartPage(null, { now: later(1), remoteAddress: null })).toMatchObject({ kind: "html", status: 410 });
  });
});

let created: { xml: string; references: string[] } | null = null;

describe("transfer: the PunchOutOrderMessage from the server-side cart", () => {
  const COOKIE = `  Cookie & <co> "okie" ü 😀  `;

  it("create: BuyerCookie echoed exactly, contract prices, snapshot references, no secret", async () => {
    const { sessionId, shopper, landing } = await punchIn({ cookie: COOKIE });
    expect(landing).toBe("/");
    await addToCart(shopper, contractProduct.sku, 3);
    await addToCart(shopper, listProduct.sku, 2);
    await addToCart(shopper, specialProduct.sku, 1);
    const { xml, field, action, target } = await transfer(shopper);
    expect([field, action, target]).toEqual(["cxml-base64", RETURN, "_top"]);
    const poom = readPoom(xml);
    expect(poom.buyerCookie).toBe(COOKIE);
    expect(poom.operationAllowed).toBe("edit");
    expect(poom.document.deploymentMode).toBe("production");
    expect(poom.header.from).toMatchObject([TO]);
    expect(poom.header.to).toMatchObject([FROM]);
    expect(xml).not.toContain("SharedSecret");
    expect(xml).not.toContain(SECRET);
    expect(poom.lines.map((l) => [l.sku, l.quantity, l.price, l.currency, l.unit])).toEqual([
      [contractProduct.sku, "3", "4.50", "EUR", "EA"],
      [listProduct.sku, "2", "25.99", "EUR", "PK"],
      [specialProduct.sku, "1", "1.23", "EUR", "EA"],
    ]);
    expect(poom.total).toBe(((3 * 450 + 2 * 2599 + 123) / 100).toFixed(2));
    expect(poom.lines[2]!.shortName).toBe(specialProduct.nameNl);
    expect(poom.lines[2]!.lang).toBe("nl");
    expect(poom.lines[0]!.classification).toBe("44121618");
    const snapshot = await handle.db.select().from(punchoutTransferLines).orderBy(punchoutTransferLines.id);
    const references = poom.lines.map((l) => l.aux);
    expect(snapshot.filter((l) => references.includes(l.reference)).map((l) => [l.reference, l.sku, l.unitPriceMinor])).toEqual(
      poom.lines.map((l, i) => [l.aux, l.sku, [450, 2599, 123][i]]),
    );
    // Every column of the snapshot (written from one JSON parameter, lib/data/punchout-transfers.ts).
    const stored = snapshot.filter((l) => references.includes(l.reference));
    expect(stored.map((l) => [l.lineNumber, l.productId, l.quantity, l.unit, l.priceBasisQuantity, l.description])).toEqual([
      [1, contractProduct.id, 3, "EA", 1, contractProduct.nameNl],
      [2, listProduct.id, 2, "PK", 1, listProduct.nameNl],
      [3, specialProduct.id, 1, "EA", 1, specialProduct.nameNl],
    ]);
    expect(stored.every((l) => l.vatRateBasisPoints === 2100 && l.transferId === stored[0]!.transferId)).toBe(true);
    expect((await getPunchoutSession(sessionId))!.status).toBe("transferred");
    created = { xml, references };
    produced["poom-create-3-lines"] = xml;
  });

  it("edit: the cart is rebuilt from the ItemOut lines at TODAY's price; the quantity can change and the cart goes back again", async () => {
    expect(created).not.toBeNull();
    const before = readPoom(created!.xml);
    // The contract price changed since the first transfer: the rebuilt cart uses today's.
    await handle.db.update(priceListEntries).set({ priceMinor: 475 }).where(eq(priceListEntries.productId, contractProduct.id));
    const { sessionId, shopper, landing } = await punchIn({
      operation: "edit",
      items: [
        ...before.lines.map((l) => ({ sku: "IGNORED-SKU", aux: l.aux, quantity: l.quantity })),
        { sku: listProduct.sku, aux: null, quantity: "1" }, // by SKU; adds up with the snapshot line
        { sku: "NO-SUCH-SKU", aux: "KL-unknown", quantity: "4" },
      ],
    });
    expect(landing).toBe("/cart");
    const cart = await getPricedCart(shopper, "nl", later(2));
    expect(cart.lines.map((l) => [l.product.sku, l.quantity, l.unitPriceMinor])).toEqual([
      [contractProduct.sku, 3, 475],
      [listProduct.sku, 3, 2599],
      [specialProduct.sku, 1, 123],
    ]);
    expect(await listUnmatchedSetupItems(sessionId)).toEqual(["NO-SUCH-SKU"]);
    await updateCartLineQuantity(shopper, cart.lines[0]!.lineId, 5);
    const { xml } = await transfer(shopper);
    const poom = readPoom(xml);
    expect(poom.operationAllowed).toBe("edit");
    expect(poom.lines.map((l) => [l.sku, l.quantity, l.price])).toEqual([
      [contractProduct.sku, "5", "4.75"],
      [listProduct.sku, "3", "25.99"],
      [specialProduct.sku, "1", "1.23"],
    ]);
    // New snapshot lines: new references.
    expect(poom.lines.some((l) => created!.references.includes(l.aux))).toBe(false);
    produced["poom-edit"] = xml;
  });

  it("never resolves another customer's snapshot reference (falls back to the SKU)", async () => {
    const foreign = await createCxmlConnection(handle, other.company.id, {
      from: [{ domain: "NetworkID", identity: "AN-OTHER" }],
      sender: [{ domain: "NetworkID", identity: "AN-OTHER" }],
      secret: "o",
      origins: ["https://procurement.example.com"],
    });
    const { shopper } = await punchIn({
      operation: "edit",
      from: { domain: "NetworkID", identity: "AN-OTHER" },
      sender: { domain: "NetworkID", identity: "AN-OTHER" },
      secret: "o",
      items: [{ sku: "NOT-A-SKU", aux: created!.references[0]!, quantity: "7" }],
    });
    expect(shopper.companyId).toBe(foreign.companyId);
    expect((await getPricedCart(shopper, "nl", later(2))).lines).toEqual([]);
  });

  it("inspect: a read-only cart; Return sends the same cart back with operationAllowed inspect", async () => {
    const { shopper, landing } = await punchIn({
      operation: "inspect",
      items: [
        { sku: contractProduct.sku, quantity: "2" },
        { sku: packProduct.sku, quantity: "3" }, // off the order multiple: still returned unchanged
      ],
    });
    expect(landing).toBe("/cart");
    await expectAppError(addToCart(shopper, listProduct.sku, 1), "forbidden", "punchout_cart_read_only");
    const cart = await getPricedCart(shopper, "nl", later(2));
    await expectAppError(updateCartLineQuantity(shopper, cart.lines[0]!.lineId, 9), "forbidden", "punchout_cart_read_only");
    const { xml } = await transfer(shopper);
    const poom = readPoom(xml);
    expect(poom.operationAllowed).toBe("inspect");
    expect(poom.lines.map((l) => [l.sku, l.quantity])).toEqual([
      [contractProduct.sku, "2"],
      [packProduct.sku, "3"],
    ]);
    produced["poom-inspect"] = xml;
  });

  it("cancel: an empty PunchOutOrderMessage", async () => {
    const { shopper } = await punchIn();
    await addToCart(shopper, listProduct.sku, 1);
    const { xml } = await transfer(shopper, "cancel");
    const poom = readPoom(xml);
    expect([poom.lines.length, poom.total]).toEqual([0, "0.00"]);
    produced["poom-cancel-empty"] = xml;
  });

  it("refuses a second transfer of the same session (double click)", async () => {
    const { shopper } = await punchIn();
    await addToCart(shopper, listProduct.sku, 1);
    await transfer(shopper);
    await expectAppError(transfer(shopper), "conflict", "punchout_session_not_active");
  });

  it("posts cxml-urlencoded to a connection that asks for it, with the configured target frame and unit map", async () => {
    const sender = { domain: "NetworkID", identity: "AN-URLENC" };
    await createCxmlConnection(handle, customer.company.id, {
      from: [sender],
      sender: [sender],
      secret: "u",
      origins: ["https://procurement.example.com"],
      settings: { poomEncoding: "cxml-urlencoded", targetFrame: "_parent", unitMap: { PK: "PA" }, operationAllowed: "inspect", echoShipTo: true },
    });
    const { shopper } = await punchIn({ from: sender, sender, secret: "u" });
    await addToCart(shopper, specialProduct.sku, 2);
    await addToCart(shopper, listProduct.sku, 1);
    const { xml, field, target } = await transfer(shopper);
    expect([field, target]).toEqual(["cxml-urlencoded", "_parent"]);
    const poom = readPoom(xml);
    expect(poom.operationAllowed).toBe("inspect");
    expect(poom.lines.map((l) => l.unit)).toEqual(["EA", "PA"]);
    expect(xml).toContain("<ShipTo>");
    produced["poom-urlencoded-shipto"] = xml;
  });

  it("does not transfer a product taken out of the shop since it was put in the cart; the session stays open", async () => {
    const category = await createCategory(handle);
    const gone = await createProduct(handle, category.id, { listPriceMinor: 300, unspsc: "44122000" });
    const { sessionId, shopper } = await punchIn();
    await addToCart(shopper, listProduct.sku, 1);
    await addToCart(shopper, gone.sku, 1);
    await handle.db.update(products).set({ active: false }).where(eq(products.id, gone.id));
    await expectAppError(transfer(shopper), "conflict", "cart_has_unavailable_products");
    expect((await getPunchoutSession(sessionId))!.status).toBe("active");
    expect((await getPricedCart(shopper, "nl", later(2))).lines).toHaveLength(2);
  });

  it("links a product's main photo in an Extrinsic the connection maps to imageUrl (absolute, on the shop's URL)", async () => {
    const sender = { domain: "NetworkID", identity: "AN-IMAGES" };
    await createCxmlConnection(handle, customer.company.id, {
      from: [sender],
      sender: [sender],
      secret: "i",
      origins: ["https://procurement.example.com"],
      settings: { itemExtrinsics: [{ name: "ImageURL", source: "imageUrl" }] },
    });
    const key = "0123456789abcdef01234567";
    await handle.db.update(products).set({ imageKey: key }).where(eq(products.id, specialProduct.id));
    try {
      const { shopper } = await punchIn({ from: sender, sender, secret: "i" });
      await addToCart(shopper, specialProduct.sku, 1);
      await addToCart(shopper, listProduct.sku, 1);
      const { xml } = await transfer(shopper);
      const items = childElements(firstChild(firstChild(readPoom(xml).document.root, "Message")!, "PunchOutOrderMessage")!, "ItemIn");
      const extrinsics = items.map((item) => childElements(firstChild(item, "ItemDetail")!, "Extrinsic").map((e) => [attr(e, "name"), directText(e)]));
      // A product without a photo has no such Extrinsic (an empty one would say "no image" to the buyer's system).
      expect(extrinsics).toEqual([[["ImageURL", `${BASE_URL}/product-images/${specialProduct.sku}/${key}.jpg`]], []]);
      produced["poom-image-url"] = xml;
    } finally {
      await handle.db.update(products).set({ imageKey: null }).where(eq(products.id, specialProduct.id));
    }
  });

  it("builds a 200-line cart", async () => {
    const category = await createCategory(handle);
    const rows = await handle.db
      .insert(products)
      .values(
        Array.from({ length: 200 }, (_, i) => ({
          sku: `BULK-${String(i).padStart(4, "0")}`,
          categoryId: category.id,
          nameNl: `Bulkartikel ${i} & co`,
          nameEn: `Bulk item ${i}`,
          descriptionNl: "Omschrijving",
          descriptionEn: "Description",
          brand: "Merk",
          manufacturer: "Fabriek",
          manufacturerPartNumber: `MPN-${i}`,
          unit: "EA",
          listPriceMinor: 100 + i,
          vatRateBasisPoints: 2100,
          stock: 100,
          unspsc: "44121600",
        })),
      )
      .returning({ sku: products.sku });
    const { shopper } = await punchIn();
    for (const row of rows) await addToCart(shopper, row.sku, 1);
    const { xml } = await transfer(shopper);
    expect(readPoom(xml).lines).toHaveLength(200);
    produced["poom-200-lines"] = xml;
  });
});

describe("ProfileRequest", () => {
  const profile = (xml: string) =>
    handleCxmlProfile({ bytes: Buffer.from(xml), truncated: false }, context()).then((answer) => ({ answer, parsed: read(answer) }));

  it("lists the transactions that exist here and their URLs", async () => {
    const { parsed, answer } = await profile(posr({ payload: "<ProfileRequest/>" }));
    expect(parsed.code).toBe("200");
    const response = firstChild(firstChild(parsed.document.root, "Response")!, "ProfileResponse")!;
    const transactions = childElements(response, "Transaction").map((t) => [attr(t, "requestName"), childText(t, "URL")]);
    expect(transactions).toEqual([
      ["PunchOutSetupRequest", `${BASE_URL}/punchout/cxml/setup`],
      ["OrderRequest", `${BASE_URL}/punchout/cxml/order`],
      ["ProfileRequest", `${BASE_URL}/punchout/cxml/profile`],
    ]);
    expect(answer.body).toContain('<Option name="operations">create inspect edit</Option>');
    produced["profile-response"] = answer.body;
  });

  it("authenticates like every request", async () => {
    const { parsed } = await profile(posr({ payload: "<ProfileRequest/>", secret: "nope" }));
    expect(parsed.code).toBe("401");
  });
});

describe("message log", () => {
  it("logs inbound (SharedSecret redacted) and outbound documents with a summary", async () => {
    const cookie = "log-cookie";
    const answer = await setup(posr({ cookie, extrinsics: { CostCenter: "4711" } }));
    const logged = await handle.db.select().from(protocolMessages).where(and(eq(protocolMessages.protocol, "cxml"))).orderBy(protocolMessages.id);
    const inbound = logged.filter((m) => m.type === "cxml.PunchOutSetupRequest" && (m.summary as { buyerCookie?: string }).buyerCookie === cookie)[0]!;
    const outbound = logged.find((m) => m.direction === "outbound" && m.sessionId === inbound.sessionId && m.type === "cxml.PunchOutSetupResponse")!;
    expect(inbound).toMatchObject({ direction: "inbound", status: "ok", httpStatus: 200, connectionId: connection.id, companyId: customer.company.id });
    // Written with the session in one statement: the rows carry its id, request before Response.
    const [session] = await handle.db.select().from(punchoutSessions).where(eq(punchoutSessions.buyerCookie, cookie));
    expect(inbound.sessionId).toBe(session!.id);
    expect(outbound.id).toBeGreaterThan(inbound.id);
    expect(inbound.payload).toContain("<SharedSecret>***</SharedSecret>");
    expect(inbound.payload).not.toContain(SECRET);
    expect(inbound.summary).toMatchObject({ operation: "create", buyerCookie: cookie, browserFormPost: RETURN, extrinsics: ["CostCenter"], cxmlStatus: 200 });
    expect(outbound.payload).toBe(answer.body);
    expect(outbound.summary).toMatchObject({ cxmlStatus: 200, payloadId: answer.document.payloadId, inReplyTo: expect.stringMatching(/^posr-/) });

    const wrong = await setup(posr({ secret: "a-wrong-secret" }));
    expect(wrong.code).toBe("401");
    const rejected = (await handle.db.select().from(protocolMessages).orderBy(protocolMessages.id)).filter((m) => m.type === "cxml.PunchOutSetupRequest").at(-1)!;
    expect(rejected).toMatchObject({ status: "rejected", error: "401: Credentials not recognized (secret)" });
    expect(rejected.payload).not.toContain("a-wrong-secret");

    // Set up with another domain than agreed: still the generic 401 for the buyer, but the log names the
    // connection (its account manager sees it) and what differs. A test document on this production
    // connection: both sides named.
    const lastSetupRequest = async () => (await handle.db.select().from(protocolMessages).orderBy(protocolMessages.id)).filter((m) => m.type === "cxml.PunchOutSetupRequest").at(-1)!;
    const otherDomain = await setup(posr({ from: { domain: "DUNS", identity: FROM.identity } }));
    expect([otherDomain.code, otherDomain.message]).toEqual(["401", "Credentials not recognized"]);
    expect(await lastSetupRequest()).toMatchObject({
      status: "rejected",
      connectionId: connection.id,
      companyId: customer.company.id,
      error: `401: Credentials not recognized (from: sent DUNS:${FROM.identity}; expected ${FROM.domain}:${FROM.identity})`,
    });
    expect((await setup(posr({ deploymentMode: "test" }))).code).toBe("403");
    expect((await lastSetupRequest()).error).toMatch(/\(deployment-mode: sent test; connection is production\)$/);
    // An identity no connection has stays without one (nobody's log but the administrator's).
    await setup(posr({ from: { domain: "NetworkID", identity: "AN-NOBODY-LOGGED" }, sender: { domain: "NetworkID", identity: "AN-NOBODY-LOGGED" } }));
    expect(await lastSetupRequest()).toMatchObject({ connectionId: null, companyId: null, error: "401: Credentials not recognized (sender)" });
    // An identity two customers have (under different domains) puts a near miss in neither's log.
    const sharedId = "SHARED-IT-ID";
    const under = (domain: string) => ({ from: [{ domain, identity: sharedId }], sender: [{ domain, identity: sharedId }], secret: "s", origins: ["https://procurement.example.com"] });
    await createCxmlConnection(handle, customer.company.id, under("NetworkID"));
    await createCxmlConnection(handle, other.company.id, under("DUNS"));
    await setup(posr({ from: { domain: "GLN", identity: sharedId }, sender: { domain: "GLN", identity: sharedId }, secret: "s" }));
    expect(await lastSetupRequest()).toMatchObject({ connectionId: null, companyId: null });

    const transfers = logged.filter((m) => m.type === "cxml.PunchOutOrderMessage");
    expect(transfers.length).toBeGreaterThan(0);
    expect(transfers[0]!.summary).toMatchObject({ encoding: "cxml-base64", operationAllowed: "edit" });
  });
});

describe.runIf(validatorReady || (Boolean(process.env.CI) && process.env.CI !== "false"))("DTD validity of what the shop sent", () => {
  it("validates every POOM, PunchOutSetupResponse, ProfileResponse and status Response above in one validate-cxml.sh run", () => {
    expect(validatorReady, "xmllint and ../shared/validators/validate-cxml.sh are required").toBe(true);
    const names = Object.keys(produced);
    expect(names.filter((n) => n.startsWith("poom-")).length).toBeGreaterThanOrEqual(6);
    const result = validateCxmlBatch(produced);
    expect(result.status, result.output).toBe(0);
    expect(result.output.match(/: OK \(DTD /g)?.length, result.output).toBe(result.files);
  });
});
