import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, Frame, Page } from "playwright-core";
import { hashPassword } from "../../lib/auth/password";
import { attr, childElements, childText, directText, firstChild, parseCxml, type XmlElement } from "../../lib/punchout/cxml/xml";
import { pickListPriceProduct, pickTierProduct, type PricedFixture } from "./support/demo-products";
import { BASE_URL, launchBrowser } from "./support/browser";
import { openE2eDatabase } from "./support/database";
import { decodeCxmlPost, FakeProcurementSystem } from "./support/fake-procurement";
import { CXML_VALIDATOR } from "../support/shared-dir";

const sql = openE2eDatabase();
const fake = new FakeProcurementSystem();
let browser: Browser;

const SPECIAL_SKU = "E2E-CXML-SPECIAL";
const SPECIAL_NAME = `Kabel & stekker <"A"> 'B' — Größe Ü ß é ø 漢字`;
const VALIDATOR = CXML_VALIDATOR;

type Fixture = PricedFixture;
let tierProduct: Fixture;
let plainProduct: Fixture;
let specialProduct: Fixture;

/** The Coupa-shaped buyer of the second connection (created below, cxml-urlencoded). */
const COUPA = { domain: "DUNS", identity: `coupa-e2e-${Date.now()}`, secret: "coupa-e2e-secret" };

before(async () => {
  await fake.start();
  browser = await launchBrowser();
  tierProduct = await pickTierProduct(sql, 3);
  plainProduct = await pickListPriceProduct(sql, 1);
  await sql`
    insert into products (sku, category_id, name_nl, name_en, description_nl, description_en, brand, manufacturer,
                          manufacturer_part_number, unit, list_price_minor, vat_rate_basis_points, stock, unspsc)
    select ${SPECIAL_SKU}, id, ${SPECIAL_NAME}, ${SPECIAL_NAME}, 'Omschrijving & <meer>', 'Description & <more>', 'Merk & Zn',
           'Müller & Söhne', 'M&S-1', 'EA', 995, 2100, 40, '39121000'
    from categories order by id limit 1
    on conflict (sku) do nothing`;
  specialProduct = { sku: SPECIAL_SKU, quantity: 2, expectedPriceMinor: 995 };

  // A second, Coupa-style connection for Demo Facilities (production, cxml-urlencoded, mixed-case domains).
  const [demo] = await sql<{ company_id: number; technical_user_id: number }[]>`
    select company_id, technical_user_id from punchout_connections where protocol = 'cxml' and name = 'Ariba-style cXML (demo)'`;
  assert.ok(demo);
  await sql`
    insert into punchout_connections (company_id, protocol, name, preset_id, enabled, environment, secret_hash, cxml_from, cxml_to,
                                      cxml_sender, allowed_return_origins, technical_user_id, settings)
    values (${demo.company_id}, 'cxml', 'Coupa (e2e)', 'coupa', true, 'production', ${await hashPassword(COUPA.secret)},
            ${sql.json([{ domain: COUPA.domain, identity: COUPA.identity }])}, ${sql.json({ domain: "NetworkID", identity: "KOPPEL" })},
            ${sql.json([{ domain: COUPA.domain, identity: COUPA.identity }])}, ${sql.json(["http://127.0.0.1:*"])}, ${demo.technical_user_id},
            ${sql.json({ poomEncoding: "cxml-urlencoded", userMapping: "match-email" })})`;
});

after(async () => {
  await browser?.close();
  await fake.stop();
  await sql.end();
});

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
let sequence = 0;

interface ItemOut {
  sku: string;
  aux: string | null;
  quantity: string;
}

function itemsOut(items: ItemOut[]): string {
  return items
    .map(
      (item, i) => `<ItemOut quantity="${item.quantity}" lineNumber="${i + 1}"><ItemID><SupplierPartID>${esc(item.sku)}</SupplierPartID>${
        item.aux ? `<SupplierPartAuxiliaryID>${esc(item.aux)}</SupplierPartAuxiliaryID>` : ""
      }</ItemID></ItemOut>`,
    )
    .join("\n");
}

/** A PunchOutSetupRequest as SAP Ariba sends it (network ids, extrinsics, SupplierSetup, ShipTo), for the demo connection. */
function aribaSetup(options: { cookie: string; operation?: string; secret?: string; items?: ItemOut[]; selectedItem?: string; returnPath?: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.050/cXML.dtd">
<cXML payloadID="${Date.now()}.${sequence++}.e2e@ariba.example" timestamp="2026-11-28T10:00:00+01:00" xml:lang="en-US" version="1.2.050">
  <Header>
    <From><Credential domain="NetworkID"><Identity>AN-DEMO-BUYER</Identity></Credential></From>
    <To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
    <Sender>
      <Credential domain="NetworkID"><Identity>AN-DEMO-BUYER</Identity><SharedSecret>${esc(options.secret ?? "demo-cxml-secret")}</SharedSecret></Credential>
      <UserAgent>Ariba Buyer 1.0</UserAgent>
    </Sender>
  </Header>
  <Request deploymentMode="test">
    <PunchOutSetupRequest operation="${options.operation ?? "create"}">
      <BuyerCookie>${esc(options.cookie)}</BuyerCookie>
      <Extrinsic name="User">jdevries</Extrinsic>
      <Extrinsic name="UniqueName">jdevries</Extrinsic>
      <Extrinsic name="UserEmail">buyer@demo.test</Extrinsic>
      <Extrinsic name="CostCenter">4711</Extrinsic>
      <BrowserFormPost><URL>${esc(`${fake.origin}${options.returnPath ?? "/ariba/return"}?session=${options.cookie.length}`)}</URL></BrowserFormPost>
      <Contact role="endUser"><Name xml:lang="en-US">Jan de Vries</Name><Email>buyer@demo.test</Email></Contact>
      <SupplierSetup><URL>${BASE_URL}/punchout/cxml/setup</URL></SupplierSetup>
      <ShipTo><Address addressID="DF-AMS" isoCountryCode="NL"><Name xml:lang="nl">Demo Facilities Magazijn</Name>
        <PostalAddress><Street>Stationsplein 1</Street><City>Amsterdam</City><PostalCode>1012 AB</PostalCode><Country isoCountryCode="NL">Nederland</Country></PostalAddress></Address></ShipTo>
      ${options.selectedItem ? `<SelectedItem><ItemID><SupplierPartID>${esc(options.selectedItem)}</SupplierPartID></ItemID></SelectedItem>` : ""}
      ${itemsOut(options.items ?? [])}
    </PunchOutSetupRequest>
  </Request>
</cXML>`;
}

/** Coupa's shape: 1.2.014 DOCTYPE, non-ISO timestamp, mixed-case domain, Contact BEFORE BrowserFormPost, no deploymentMode. */
function coupaSetup(cookie: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">
<cXML payloadID="${Date.now()}.${sequence++}@ip-10-251-122-83" timestamp="Mon May 19 18:29:48 +0000 2008" xml:lang="en-US">
<Header>
<From><Credential domain="duns"><Identity>${COUPA.identity}</Identity></Credential></From>
<To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="Duns"><Identity>${COUPA.identity}</Identity><SharedSecret>${COUPA.secret}</SharedSecret></Credential><UserAgent>Coupa Procurement 1.0</UserAgent></Sender>
</Header>
<Request>
<PunchOutSetupRequest operation="create">
<BuyerCookie>${esc(cookie)}</BuyerCookie>
<Extrinsic name="FirstName">Jim</Extrinsic>
<Extrinsic name="LastName">Halpert</Extrinsic>
<Extrinsic name="UniqueName">jim</Extrinsic>
<Extrinsic name="UserEmail">jim@buyer.example</Extrinsic>
<Extrinsic name="User">jim</Extrinsic>
<Extrinsic name="BusinessUnit">COUPA</Extrinsic>
<Contact role="endUser"><Name xml:lang="en-US">jim</Name><Email>jim@buyer.example</Email></Contact>
<BrowserFormPost><URL>${fake.origin}/coupa/checkout/4</URL></BrowserFormPost>
</PunchOutSetupRequest>
</Request>
</cXML>`;
}

interface CxmlReply {
  status: number;
  contentType: string | null;
  setCookie: string | null;
  body: string;
  code: string;
  message: string;
  startPage: string | null;
}

/** The buyer's server-to-server POST of a cXML document. */
async function post(pathname: string, body: string): Promise<CxmlReply> {
  const response = await fetch(`${BASE_URL}${pathname}`, { method: "POST", headers: { "content-type": "text/xml; charset=UTF-8" }, body });
  const text = await response.text();
  const parsed = parseCxml(text);
  assert.ok(parsed.ok, `answer is well-formed cXML: ${text.slice(0, 300)}`);
  const status = parsed.value.status!;
  const setupResponse = firstChild(firstChild(parsed.value.root, "Response")!, "PunchOutSetupResponse");
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    setCookie: response.headers.get("set-cookie"),
    body: text,
    code: status.code,
    message: status.message,
    startPage: setupResponse ? (childText(firstChild(setupResponse, "StartPage")!, "URL") ?? null) : null,
  };
}

async function setupOk(body: string): Promise<string> {
  const reply = await post("/punchout/cxml/setup", body);
  assert.equal(reply.code, "200", reply.body);
  assert.equal(reply.status, 200);
  assert.equal(reply.contentType, "text/xml; charset=UTF-8");
  assert.match(reply.startPage!, new RegExp(`^${BASE_URL}/punchout/cxml/start\\?token=[\\w-]{43}$`));
  return reply.startPage!;
}

/** Opens the StartPage inside the buyer's page (iframe on 127.0.0.1, another site than the shop). */
async function openInBuyerFrame(page: Page, startPage: string): Promise<Frame> {
  await page.goto(`${fake.origin}/frame?src=${encodeURIComponent(startPage)}`);
  await page.frameLocator("#catalog").getByTestId("punchout-banner").waitFor().catch(async (error: unknown) => {
    await page.screenshot({ path: "test-results/cxml-iframe.png" });
    throw error;
  });
  return page.frame({ name: "catalog" })!;
}

async function addToCart(shop: Frame | Page, product: Fixture) {
  await shop.goto(`${BASE_URL}/products/${encodeURIComponent(product.sku)}`);
  const main = shop.locator("main");
  await main.getByRole("spinbutton", { name: /^(Quantity|Aantal)$/ }).fill(String(product.quantity));
  await main.getByRole("button", { name: /^(Add to cart|In winkelwagen)$/ }).click();
  await main.getByText(/^(Added to cart\.|Toegevoegd aan winkelwagen\.)$/).waitFor();
}

interface PoomLine {
  sku: string;
  aux: string;
  quantity: string;
  price: string;
  currency: string;
  shortName: string;
}

function readPoom(xml: string) {
  const parsed = parseCxml(xml);
  assert.ok(parsed.ok, `POOM parses: ${parsed.ok ? "" : parsed.error.message}`);
  const message = parsed.value.payload!;
  assert.equal(message.name, "PunchOutOrderMessage");
  const header = firstChild(message, "PunchOutOrderMessageHeader")!;
  const lines: PoomLine[] = childElements(message, "ItemIn").map((itemIn: XmlElement) => {
    const itemId = firstChild(itemIn, "ItemID")!;
    const detail = firstChild(itemIn, "ItemDetail")!;
    const money = firstChild(firstChild(detail, "UnitPrice")!, "Money")!;
    return {
      shortName: childText(firstChild(detail, "Description")!, "ShortName")!,
      sku: childText(itemId, "SupplierPartID")!,
      aux: childText(itemId, "SupplierPartAuxiliaryID")!,
      quantity: attr(itemIn, "quantity")!,
      price: directText(money),
      currency: attr(money, "currency")!,
    };
  });
  return {
    deploymentMode: parsed.value.deploymentMode,
    buyerCookie: directText(firstChild(message, "BuyerCookie")!),
    operationAllowed: attr(header, "operationAllowed"),
    total: directText(firstChild(firstChild(header, "Total")!, "Money")!),
    lines,
  };
}

/** The received POOM through ../shared/validators/validate-cxml.sh (official DTD, offline). */
function assertDtdValid(xml: string, name: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "koppel-e2e-cxml-"));
  try {
    const file = path.join(dir, `${name}.xml`);
    writeFileSync(file, xml, "utf8");
    const run = spawnSync("sh", [VALIDATOR, file], { encoding: "utf8" });
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /: OK \(DTD 1\.2\.063\/cXML\.dtd/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const price = (minor: number) => (minor / 100).toFixed(2);

function assertLine(line: PoomLine | undefined, product: Fixture) {
  assert.ok(line, `line ${product.sku} transferred`);
  assert.equal(line.quantity, String(product.quantity));
  assert.equal(line.price, price(product.expectedPriceMinor), `price of ${product.sku} from the pricing module`);
  assert.equal(line.currency, "EUR");
  assert.match(line.aux, /^KL-/);
}

async function snapshotReferences(sessionId: number): Promise<Map<string, string>> {
  const rows = await sql<{ reference: string; sku: string }[]>`
    select l.reference, l.sku from punchout_transfer_lines l join punchout_transfers t on t.id = l.transfer_id where t.session_id = ${sessionId}`;
  return new Map(rows.map((row) => [row.reference, row.sku]));
}

async function sessionByCookie(cookie: string) {
  const [session] = await sql<{ id: number; status: string; operation: string; user_id: number }[]>`
    select id, status, operation, user_id from punchout_sessions where buyer_cookie = ${cookie}`;
  assert.ok(session, `session for ${cookie}`);
  return session;
}

let firstPoom: ReturnType<typeof readPoom> | null = null;

describe("cXML punchout", () => {
  it("Ariba-shaped setup → StartPage in the buyer's iframe → add items → Transfer: the buyer decodes cxml-base64", async () => {
    const cookie = `ariba-${Date.now()}  <&> "cookie"`;
    const startPage = await setupOk(aribaSetup({ cookie }));
    const context = await browser.newContext({ locale: "en-GB" });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const shop = await openInBuyerFrame(page, startPage);
      assert.match(await page.frameLocator("#catalog").getByTestId("punchout-banner").innerText(), /Ariba-style cXML \(demo\)/);
      await addToCart(shop, tierProduct);
      await addToCart(shop, plainProduct);
      await addToCart(shop, specialProduct);
      await shop.goto(`${BASE_URL}/cart`);
      const frame = page.frameLocator("#catalog");
      assert.equal(await frame.getByRole("link", { name: /^(Checkout|Afrekenen)$/ }).count(), 0, "no direct checkout in punchout");
      const posted = fake.posts.length;
      await frame.locator("main").getByRole("button", { name: /^(Transfer cart|Winkelwagen overdragen)$/ }).click();
      const received = await fake.waitForPosts(posted + 1);
      // target _top: the buyer's page itself (not only the frame) went to the BrowserFormPost URL.
      await page.waitForURL(/127\.0\.0\.1:\d+\/ariba\/return/);
      assert.equal(received.path, "/ariba/return");
      assert.equal(received.query.get("session"), String(cookie.length), "BrowserFormPost query kept");

      const { field, xml } = decodeCxmlPost(received);
      assert.equal(field, "cxml-base64");
      const poom = readPoom(xml);
      assert.equal(poom.buyerCookie, cookie, "BuyerCookie echoed byte for byte");
      assert.equal(poom.operationAllowed, "edit");
      assert.equal(poom.deploymentMode, "test");
      assert.ok(!xml.includes("SharedSecret") && !xml.includes("demo-cxml-secret"), "no secret in the browser-carried POOM");
      assert.equal(poom.lines.length, 3);
      assertLine(poom.lines.find((l) => l.sku === tierProduct.sku), tierProduct);
      assertLine(poom.lines.find((l) => l.sku === plainProduct.sku), plainProduct);
      assertLine(poom.lines.find((l) => l.sku === specialProduct.sku), specialProduct);
      assert.equal(poom.lines.find((l) => l.sku === specialProduct.sku)!.shortName, SPECIAL_NAME, "special characters survive");
      const expectedTotal = [tierProduct, plainProduct, specialProduct].reduce((sum, p) => sum + p.quantity * p.expectedPriceMinor, 0);
      assert.equal(poom.total, price(expectedTotal));
      assertDtdValid(xml, "ariba-create");

      // Server side: snapshot lines are exactly the SupplierPartAuxiliaryIDs; the log has no secret.
      const session = await sessionByCookie(cookie);
      assert.equal(session.status, "transferred");
      const references = await snapshotReferences(session.id);
      assert.deepEqual(new Map(poom.lines.map((l) => [l.aux, l.sku])), references);
      const log = await sql<{ type: string; payload: string; direction: string }[]>`
        select type, payload, direction from protocol_messages where session_id = ${session.id} order by id`;
      assert.deepEqual(
        log.map((m) => m.type),
        ["cxml.PunchOutSetupRequest", "cxml.PunchOutSetupResponse", "cxml.StartPage", "cxml.PunchOutOrderMessage"],
      );
      assert.ok(log[0]!.payload.includes("<SharedSecret>***</SharedSecret>") && !log[0]!.payload.includes("demo-cxml-secret"));
      firstPoom = poom;
    } finally {
      await context.close();
    }
  });

  it("edit round trip: the cart comes back from the ItemOut lines, the user changes a quantity, and transfers again", async () => {
    assert.ok(firstPoom, "needs the first transfer");
    const cookie = `ariba-edit-${Date.now()}`;
    const startPage = await setupOk(
      aribaSetup({ cookie, operation: "edit", items: firstPoom.lines.map((l) => ({ sku: l.sku, aux: l.aux, quantity: l.quantity })) }),
    );
    const context = await browser.newContext({ locale: "en-GB" });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const shop = await openInBuyerFrame(page, startPage);
      await shop.waitForURL(`${BASE_URL}/cart`);
      const frame = page.frameLocator("#catalog");
      for (const product of [tierProduct, plainProduct, specialProduct]) {
        await frame.locator(`[data-testid=cart-line][data-sku="${product.sku}"]`).waitFor();
      }
      const row = frame.locator(`[data-testid=cart-line][data-sku="${plainProduct.sku}"]`);
      await row.getByRole("spinbutton").fill("3");
      await row.getByRole("button", { name: /^(Update|Bijwerken)$/ }).click();
      const session = await sessionByCookie(cookie);
      for (let i = 0; ; i++) {
        const [line] = await sql<{ quantity: number }[]>`
          select c.quantity from cart_lines c join carts k on k.id = c.cart_id join products p on p.id = c.product_id
          where k.punchout_session_id = ${session.id} and p.sku = ${plainProduct.sku}`;
        if (line?.quantity === 3) break;
        assert.ok(i < 50, "quantity update reached the server-side cart");
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const posted = fake.posts.length;
      await frame.locator("main").getByRole("button", { name: /^(Transfer cart|Winkelwagen overdragen)$/ }).click();
      const { xml } = decodeCxmlPost(await fake.waitForPosts(posted + 1));
      const poom = readPoom(xml);
      assert.equal(poom.buyerCookie, cookie);
      assert.equal(poom.operationAllowed, "edit");
      assertLine(poom.lines.find((l) => l.sku === tierProduct.sku), tierProduct);
      assertLine(poom.lines.find((l) => l.sku === plainProduct.sku), { ...plainProduct, quantity: 3 });
      assertLine(poom.lines.find((l) => l.sku === specialProduct.sku), specialProduct);
      assert.equal(poom.lines.filter((l) => firstPoom!.lines.some((f) => f.aux === l.aux)).length, 0, "a new snapshot, new references");
      assertDtdValid(xml, "ariba-edit");
    } finally {
      await context.close();
    }
  });

  it("inspect: a read-only cart whose Return sends the same cart back with operationAllowed inspect", async () => {
    assert.ok(firstPoom);
    const cookie = `ariba-inspect-${Date.now()}`;
    const startPage = await setupOk(
      aribaSetup({ cookie, operation: "inspect", items: firstPoom.lines.map((l) => ({ sku: l.sku, aux: l.aux, quantity: l.quantity })) }),
    );
    const context = await browser.newContext({ locale: "en-GB" });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const shop = await openInBuyerFrame(page, startPage);
      await shop.waitForURL(`${BASE_URL}/cart`);
      const frame = page.frameLocator("#catalog");
      await frame.getByTestId("cart-read-only").waitFor();
      assert.equal(await frame.locator("main").getByRole("spinbutton").count(), 0, "no quantity fields");
      assert.equal(await frame.getByRole("button", { name: /^(Transfer cart|Winkelwagen overdragen|Cancel punchout|Punchout annuleren)$/ }).count(), 0);
      await shop.goto(`${BASE_URL}/products/${encodeURIComponent(plainProduct.sku)}`);
      assert.equal(await frame.locator("main").getByRole("button", { name: /^(Add to cart|In winkelwagen)$/ }).count(), 0, "no add to cart");
      const posted = fake.posts.length;
      await frame.getByTestId("punchout-banner").getByRole("button", { name: /^(Return to procurement system|Terug naar inkoopsysteem)$/ }).click();
      const { xml } = decodeCxmlPost(await fake.waitForPosts(posted + 1));
      const poom = readPoom(xml);
      assert.equal(poom.buyerCookie, cookie);
      assert.equal(poom.operationAllowed, "inspect");
      assert.deepEqual(
        poom.lines.map((l) => [l.sku, l.quantity, l.price]).sort(),
        firstPoom.lines.map((l) => [l.sku, l.quantity, l.price]).sort(),
        "the same cart (same prices today)",
      );
      assertDtdValid(xml, "ariba-inspect");
    } finally {
      await context.close();
    }
  });

  it("Coupa-shaped setup (second connection, cxml-urlencoded) in a new window: the buyer decodes cxml-urlencoded", async () => {
    const cookie = `c64af92dc27e68172e030d3dfd1bc944-${Date.now()}`;
    const startPage = await setupOk(coupaSetup(cookie));
    const context = await browser.newContext({ locale: "nl-NL" });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(startPage);
      await page.waitForURL(`${BASE_URL}/`);
      assert.match(await page.getByTestId("punchout-banner").innerText(), /Coupa \(e2e\)/);
      // The setup request said xml:lang="en-US", as nearly every cXML system does whatever its user reads:
      // a connection keeps the browser's language unless set to follow the buyer system (shopLanguage).
      assert.equal(await page.locator("html").getAttribute("lang"), "nl");
      await addToCart(page, specialProduct);
      await addToCart(page, tierProduct);
      await page.goto(`${BASE_URL}/cart`);
      const posted = fake.posts.length;
      await page.locator("main").getByRole("button", { name: /^(Transfer cart|Winkelwagen overdragen)$/ }).click();
      const received = await fake.waitForPosts(posted + 1);
      assert.equal(received.path, "/coupa/checkout/4");
      const { field, xml } = decodeCxmlPost(received);
      assert.equal(field, "cxml-urlencoded");
      const poom = readPoom(xml);
      assert.equal(poom.buyerCookie, cookie);
      assert.equal(poom.deploymentMode, "production");
      assert.equal(poom.lines.length, 2);
      assertLine(poom.lines.find((l) => l.sku === specialProduct.sku), specialProduct);
      assertLine(poom.lines.find((l) => l.sku === tierProduct.sku), tierProduct);
      assert.ok(xml.includes('<Description xml:lang="nl">'), "descriptions in the session's language");
      assertDtdValid(xml, "coupa-urlencoded");
    } finally {
      await context.close();
    }
  });

  it("lands on SelectedItem's product (level-2 punchout); Cancel sends an empty POOM", async () => {
    const cookie = `ariba-selected-${Date.now()}`;
    const startPage = await setupOk(aribaSetup({ cookie, selectedItem: plainProduct.sku }));
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(startPage);
      await page.waitForURL(`${BASE_URL}/products/${encodeURIComponent(plainProduct.sku)}`);
      const posted = fake.posts.length;
      await page.getByTestId("punchout-banner").getByRole("button", { name: /^(Cancel punchout|Punchout annuleren)$/ }).click();
      const poom = readPoom(decodeCxmlPost(await fake.waitForPosts(posted + 1)).xml);
      assert.equal(poom.buyerCookie, cookie);
      assert.deepEqual([poom.lines.length, poom.total], [0, "0.00"]);
      assert.equal((await sessionByCookie(cookie)).status, "cancelled");
    } finally {
      await context.close();
    }
  });

  it("refuses a reused StartPage token with a clear page", async () => {
    const startPage = await setupOk(aribaSetup({ cookie: `ariba-reuse-${Date.now()}` }));
    const first = await fetch(startPage, { redirect: "manual" });
    assert.equal(first.status, 303);
    assert.match(first.headers.get("set-cookie") ?? "", /koppel_punchout=.*SameSite=none.*Partitioned/i);
    const context = await browser.newContext({ locale: "en-GB" });
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const response = await page.goto(startPage);
      assert.equal(response?.status(), 410);
      assert.equal(response?.headers()["content-security-policy"], "frame-ancestors *", "the message may show in any buyer frame");
      assert.match(await page.locator("body").innerText(), /no longer valid[\s\S]*only once/);
      assert.equal((await context.cookies(BASE_URL)).filter((c) => c.name === "koppel_punchout").length, 0, "no session for a reused token");
      // Where the buyer really shows it: inside its own page.
      await page.goto(`${fake.origin}/frame?src=${encodeURIComponent(startPage)}`);
      await page.frameLocator("#catalog").getByText(/Deze punchoutlink is niet meer geldig/).waitFor();
    } finally {
      await context.close();
    }
  });

  it("answers a wrong secret and an unknown sender with the same cXML 401, and malformed XML with 406 (HTTP 400)", async () => {
    const wrong = await post("/punchout/cxml/setup", aribaSetup({ cookie: "x", secret: "wrong-secret" }));
    // A fresh unknown identity per run: failures are throttled per sender (the database outlives a run locally).
    const unknown = await post("/punchout/cxml/setup", aribaSetup({ cookie: "x" }).replace(/AN-DEMO-BUYER/g, `AN-NOBODY-${Date.now()}`));
    for (const reply of [wrong, unknown]) {
      assert.deepEqual([reply.code, reply.message, reply.status, reply.startPage, reply.setCookie], ["401", "Credentials not recognized", 200, null, null]);
      assert.equal(reply.contentType, "text/xml; charset=UTF-8");
    }
    const strip = (xml: string) => xml.replace(/payloadID="[^"]*"/, "").replace(/timestamp="[^"]*"/, "");
    assert.equal(strip(wrong.body), strip(unknown.body), "nothing tells a wrong secret from an unknown sender");

    const malformed = await post("/punchout/cxml/setup", "<cXML><Header></cXML>");
    assert.deepEqual([malformed.status, malformed.code, malformed.contentType], [400, "406", "text/xml; charset=UTF-8"]);
    const entity = await post("/punchout/cxml/setup", `<?xml version="1.0"?><!DOCTYPE cXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><cXML>&x;</cXML>`);
    assert.deepEqual([entity.status, entity.code], [400, "406"]);
    const huge = await post("/punchout/cxml/setup", `<cXML>${"x".repeat(1024 * 1024 + 10)}</cXML>`);
    assert.deepEqual([huge.status, huge.code], [400, "406"]);
  });

  it("answers a ProfileRequest with the transactions and URLs that exist", async () => {
    const profile = await post(
      "/punchout/cxml/profile",
      aribaSetup({ cookie: "p" }).replace(/<PunchOutSetupRequest[\s\S]*<\/PunchOutSetupRequest>/, "<ProfileRequest/>"),
    );
    assert.equal(profile.code, "200", profile.body);
    assert.ok(profile.body.includes(`<Transaction requestName="PunchOutSetupRequest"><URL>${BASE_URL}/punchout/cxml/setup</URL>`));
    assert.ok(profile.body.includes(`<Transaction requestName="ProfileRequest"><URL>${BASE_URL}/punchout/cxml/profile</URL>`));
    assert.ok(profile.body.includes(`<Transaction requestName="OrderRequest"><URL>${BASE_URL}/punchout/cxml/order</URL>`));
    assertDtdValid(profile.body, "profile-response");
  });
});
