import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { decryptSecret, deriveSecretKey, encryptSecret } from "../../lib/crypto/secret-box";
import { attr, childElements, childText, directText, firstChild, parseCxml } from "../../lib/punchout/cxml/xml";
import { BASE_URL, launchBrowser, newContext, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";
import { decodeCxmlPost, FakeProcurementSystem } from "./support/fake-procurement";
import { CXML_VALIDATOR } from "../support/shared-dir";

const sql = openE2eDatabase();
const fake = new FakeProcurementSystem();
let browser: Browser;
const VALIDATOR = CXML_VALIDATOR;
const OUR_SECRET = "koppel-secret-at-demo-buyer";
let sku = "";
/** A second product, for the line the review test rejects. */
let otherSku = "";
let secretKey: ReturnType<typeof deriveSecretKey>;
let shipTo: { name: string; street: string; postal_code: string; city: string; country_code: string };

before(async () => {
  await fake.start();
  browser = await launchBrowser();
  const [plain, other] = await sql<{ sku: string }[]>`
    select p.sku from products p
    where p.min_order_quantity = 1 and p.order_multiple = 1 and p.stock > 5 and p.active and p.list_price_tiers = '[]'::jsonb
    order by p.id offset 2 limit 2`;
  assert.ok(plain && other);
  sku = plain.sku;
  otherSku = other.sku;
  const [connection] = await sql<{ id: number; company_id: number }[]>`
    select id, company_id from punchout_connections where protocol = 'cxml' and name = 'Ariba-style cXML (demo)'`;
  assert.ok(connection);
  const [address] = await sql<(typeof shipTo)[]>`
    select name, street, postal_code, city, country_code from addresses where company_id = ${connection.company_id} and kind = 'ship_to'
    order by is_default desc, id limit 1`;
  assert.ok(address, "demo company has a ship-to address");
  shipTo = address;
  const keyMaterial = process.env.CREDENTIALS_KEY ?? process.env.AUTH_SECRET;
  assert.ok(keyMaterial, "AUTH_SECRET (same as the server's) is needed to store our outbound secret");
  secretKey = deriveSecretKey(keyMaterial);
  const sealed = encryptSecret(OUR_SECRET, secretKey);
  await sql`
    insert into purchase_order_settings (connection_id, order_response_url, outbound_from, outbound_shared_secret_encrypted)
    values (${connection.id}, ${`${fake.origin}/cxml/orders`}, ${sql.json([{ domain: "NetworkID", identity: "KOPPEL" }])}, ${sealed})
    on conflict (connection_id) do update set order_response_url = excluded.order_response_url, outbound_from = excluded.outbound_from,
      outbound_shared_secret_encrypted = excluded.outbound_shared_secret_encrypted`;
});

after(async () => {
  await browser?.close();
  await fake.stop();
  await sql.end();
});

const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const HEADER = `<Header>
<From><Credential domain="NetworkID"><Identity>AN-DEMO-BUYER</Identity></Credential></From>
<To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="NetworkID"><Identity>AN-DEMO-BUYER</Identity><SharedSecret>demo-cxml-secret</SharedSecret></Credential><UserAgent>Ariba Buyer 1.0</UserAgent></Sender>
</Header>`;

async function postCxml(pathname: string, body: string) {
  const response = await fetch(`${BASE_URL}${pathname}`, { method: "POST", headers: { "content-type": "text/xml; charset=UTF-8" }, body });
  const text = await response.text();
  const parsed = parseCxml(text);
  assert.ok(parsed.ok, text.slice(0, 300));
  return { status: response.status, text, document: parsed.value };
}

function dtdValid(xml: string, name: string) {
  const dir = mkdtempSync(path.join(tmpdir(), "koppel-e2e-order-"));
  try {
    const file = path.join(dir, `${name}.xml`);
    writeFileSync(file, xml, "utf8");
    const run = spawnSync("sh", [VALIDATOR, file], { encoding: "utf8" });
    assert.equal(run.status, 0, `${name} is DTD-valid:\n${run.stdout}\n${run.stderr}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("cXML purchase order round trip", () => {
  it("punchout → transfer → OrderRequest from the POOM → accepted → manager ships → buyer receives a valid ShipNoticeRequest", async () => {
    // 1. Punchout: setup request, StartPage, add to cart, transfer.
    const cookie = `po-roundtrip-${Date.now()}`;
    const setup = await postCxml(
      "/punchout/cxml/setup",
      `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="${cookie}.setup@ariba.example" timestamp="2026-11-28T10:00:00+01:00" xml:lang="en-US">${HEADER}
<Request deploymentMode="test"><PunchOutSetupRequest operation="create"><BuyerCookie>${cookie}</BuyerCookie>
<Extrinsic name="UserEmail">buyer@demo.test</Extrinsic>
<BrowserFormPost><URL>${fake.origin}/ariba/return</URL></BrowserFormPost>
</PunchOutSetupRequest></Request></cXML>`,
    );
    const startPage = childText(firstChild(firstChild(firstChild(setup.document.root, "Response")!, "PunchOutSetupResponse")!, "StartPage")!, "URL");
    assert.ok(startPage, setup.text);
    const buyer = await newContext(browser, "en");
    let poomXml: string;
    try {
      const page = await buyer.newPage();
      await page.goto(startPage);
      await page.getByTestId("punchout-banner").waitFor();
      await page.goto(`${BASE_URL}/products/${encodeURIComponent(sku)}`);
      const main = page.locator("main");
      await main.getByRole("spinbutton", { name: /^(Quantity|Aantal)$/ }).fill("3");
      await main.getByRole("button", { name: /^(Add to cart|In winkelwagen)$/ }).click();
      await main.getByText(/^(Added to cart\.|Toegevoegd aan winkelwagen\.)$/).waitFor();
      await page.goto(`${BASE_URL}/cart`);
      const posted = fake.posts.length;
      await page.locator("main").getByRole("button", { name: /^(Transfer cart|Winkelwagen overdragen)$/ }).click();
      poomXml = decodeCxmlPost(await fake.waitForPosts(posted + 1)).xml;
    } finally {
      await buyer.close();
    }

    // 2. The buyer's system turns the POOM into an OrderRequest, as Ariba does after approval.
    const poom = parseCxml(poomXml);
    assert.ok(poom.ok);
    const items = childElements(poom.value.payload!, "ItemIn");
    assert.equal(items.length, 1);
    const itemOuts = items.map((itemIn, index) => {
      const itemId = firstChild(itemIn, "ItemID")!;
      const detail = firstChild(itemIn, "ItemDetail")!;
      const money = firstChild(firstChild(detail, "UnitPrice")!, "Money")!;
      return `<ItemOut quantity="${attr(itemIn, "quantity")}" lineNumber="${index + 1}"><ItemID><SupplierPartID>${esc(childText(itemId, "SupplierPartID")!)}</SupplierPartID><SupplierPartAuxiliaryID>${esc(childText(itemId, "SupplierPartAuxiliaryID")!)}</SupplierPartAuxiliaryID></ItemID>
<ItemDetail><UnitPrice><Money currency="${attr(money, "currency")}">${directText(money)}</Money></UnitPrice><Description xml:lang="nl">${esc(childText(firstChild(detail, "Description")!, "ShortName") ?? "x")}</Description><UnitOfMeasure>${childText(detail, "UnitOfMeasure")}</UnitOfMeasure></ItemDetail></ItemOut>`;
    });
    const total = directText(firstChild(firstChild(firstChild(poom.value.payload!, "PunchOutOrderMessageHeader")!, "Total")!, "Money")!);
    const orderId = `PO-E2E-${Date.now()}`;
    const orderPayloadId = `${orderId}@ariba.example`;
    const orderRequest = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="${orderPayloadId}" timestamp="2026-11-28T12:00:00+01:00" xml:lang="en-US">${HEADER}
<Request deploymentMode="test"><OrderRequest><OrderRequestHeader orderID="${orderId}" orderDate="${new Date().toISOString()}" type="new">
<Total><Money currency="EUR">${total}</Money></Total>
<ShipTo><Address isoCountryCode="${shipTo.country_code}"><Name xml:lang="nl">${esc(shipTo.name)}</Name><PostalAddress><Street>${esc(shipTo.street)}</Street><City>${esc(shipTo.city)}</City><PostalCode>${esc(shipTo.postal_code)}</PostalCode><Country isoCountryCode="${shipTo.country_code}">NL</Country></PostalAddress></Address></ShipTo>
<BillTo><Address><Name xml:lang="nl">Demo Facilities B.V.</Name></Address></BillTo>
</OrderRequestHeader>
${itemOuts.join("\n")}
</OrderRequest></Request></cXML>`;
    const answer = await postCxml("/punchout/cxml/order", orderRequest);
    assert.equal(answer.status, 200);
    assert.equal(answer.document.status?.code, "200", answer.text);
    const again = await postCxml("/punchout/cxml/order", orderRequest);
    assert.equal(again.text, answer.text, "a retry gets the same Response");

    const [order] = await sql<{ id: number; status: string }[]>`
      select o.id, o.status from orders o join purchase_orders p on p.order_id = o.id where p.buyer_order_id = ${orderId}`;
    assert.ok(order);
    const reasons = await sql`select line_number, reasons from purchase_order_lines where order_id = ${order.id}`;
    assert.equal(order.status, "accepted", JSON.stringify(reasons));

    // 3. The account manager records the shipment in the order inbox.
    const manager = await newContext(browser, "en");
    try {
      const page = await manager.newPage();
      const target = `/admin/orders/${order.id}`;
      await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
      await page.locator("input[name=email]").fill("manager@demo.test");
      await page.locator("input[name=password]").fill("demo-manager");
      await page.getByRole("button", { name: /^(Sign in|Inloggen)$/ }).click();
      await page.waitForURL((url) => url.pathname === target);
      assert.match(await page.getByTestId("order-status").innerText(), /Accepted|Geaccepteerd/);
      // This connection has an address for confirmations and ship notices: no warning that the buyer hears nothing.
      assert.equal(await page.getByTestId("no-response-address").count(), 0);

      // Replay of the logged OrderRequest from the message log: idempotent, nothing new.
      const [logged] = await sql<{ id: number }[]>`
        select id from protocol_messages where direction = 'inbound' and type = 'cxml.OrderRequest' and payload like ${`%orderID="${orderId}"%`}
        order by id limit 1`;
      assert.ok(logged);
      await page.goto(`/admin/messages/${logged.id}`);
      assert.ok(!(await page.getByTestId("payload").innerText()).includes("demo-cxml-secret"), "secret redacted in the log");
      // What the log noted reads as fields (the buyer's order id, the cXML status), not as raw JSON.
      const summary = await page.getByTestId("message-summary").innerText();
      assert.match(summary, new RegExp(`orderId\\s+${orderId}`));
      assert.match(summary, /cxmlStatus\s+200/);
      assert.ok(!summary.includes("{"), summary);
      // The message names its connection and customer, and links the order it created.
      assert.match(await page.getByTestId("message-customer").innerText(), /Demo Facilities B\.V\./);
      assert.equal(await page.getByTestId("message-order-link").getAttribute("href"), target);
      assert.equal(await page.getByTestId("summary-order-link").getAttribute("href"), target);
      await page.getByTestId("replay-form").locator("button[type=submit]").click();
      await page.getByTestId("replay-form").getByTestId("form-success").waitFor();
      assert.match(await page.getByTestId("replay-form").getByTestId("form-success").innerText(), /the order already existed \(K\d+\) and was not created twice/);
      const [counted] = await sql<{ count: string }[]>`select count(*) from purchase_orders where buyer_order_id = ${orderId}`;
      assert.equal(Number(counted?.count), 1, "replay created nothing");
      await page.goto(target);

      const form = page.getByTestId("ship-form");
      await form.locator("input[name=carrier]").fill("PostNL");
      await form.locator("input[name=trackingNumber]").fill("3SKOPPEL123");
      await form.locator("input[name=trackingUrl]").fill("https://postnl.example/track/3SKOPPEL123");
      await form.locator("button[type=submit]").click();
      // The page re-renders with the new status (the ship form is gone once shipped).
      await page.getByTestId("order-status").filter({ hasText: /Shipped|Verzonden/ }).waitFor();
      await page.reload();
      assert.match(await page.getByTestId("order-status").innerText(), /Shipped|Verzonden/);
      assert.equal(await page.getByTestId("ship-form").count(), 0);
    } finally {
      await manager.close();
    }

    // 4. The outbox worker delivers the ShipNoticeRequest to the buyer's order-response URL.
    const before = fake.posts.length;
    const notice = await fake.waitForPosts(before + 1, 30_000).catch(async () => fake.posts.find((p) => p.path === "/cxml/orders")!);
    assert.ok(notice, "a ship notice arrived");
    const shipNotice = notice.body.toString("utf8");
    assert.equal(notice.path, "/cxml/orders");
    assert.match(shipNotice, /<ShipNoticeRequest>/);
    assert.match(shipNotice, new RegExp(`orderID="${orderId}"`));
    assert.match(shipNotice, new RegExp(`payloadID="${orderPayloadId.replace(/\./g, "\\.")}"`));
    assert.match(shipNotice, /3SKOPPEL123/);
    assert.match(shipNotice, new RegExp(`<SharedSecret>${OUR_SECRET}</SharedSecret>`));
    dtdValid(shipNotice, "ship-notice");
    const [message] = await sql<{ status: string }[]>`select status from outbound_messages where order_id = ${order.id} and kind = 'ship_notice'`;
    for (let i = 0; i < 20 && message?.status !== "sent"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const [row] = await sql<{ status: string }[]>`select status from outbound_messages where order_id = ${order.id} and kind = 'ship_notice'`;
      if (row) message!.status = row.status;
    }
    assert.equal(message?.status, "sent");
  });

  it("an order under review: nothing is chosen for the manager; a rejection without a reason is refused at its field and stays chosen; confirmed with another price and a line at 0, the lines and the history say so in words", async () => {
    // Not from a transferred cart (no SupplierPartAuxiliaryID) and far above our price: it waits for review.
    const orderId = `PO-E2E-REVIEW-${Date.now()}`;
    const request = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="${orderId}@ariba.example" timestamp="2026-11-28T12:00:00+01:00" xml:lang="en-US">${HEADER}
<Request deploymentMode="test"><OrderRequest><OrderRequestHeader orderID="${orderId}" orderDate="2026-11-28T10:59:00+01:00" type="new">
<Total><Money currency="EUR">20007.99</Money></Total>
<ShipTo><Address isoCountryCode="${shipTo.country_code}"><Name xml:lang="nl">${esc(shipTo.name)}</Name><PostalAddress><Street>${esc(shipTo.street)}</Street><City>${esc(shipTo.city)}</City><PostalCode>${esc(shipTo.postal_code)}</PostalCode><Country isoCountryCode="${shipTo.country_code}">NL</Country></PostalAddress></Address></ShipTo>
<BillTo><Address><Name xml:lang="nl">Demo Facilities B.V.</Name></Address></BillTo>
</OrderRequestHeader>
<ItemOut quantity="2" lineNumber="1" requestedDeliveryDate="2026-12-10"><ItemID><SupplierPartID>${esc(sku)}</SupplierPartID></ItemID>
<ItemDetail><UnitPrice><Money currency="EUR">9999.00</Money></UnitPrice><Description xml:lang="nl">E2E review item</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>
<ItemOut quantity="1" lineNumber="2"><ItemID><SupplierPartID>${esc(otherSku)}</SupplierPartID></ItemID>
<ItemDetail><UnitPrice><Money currency="EUR">9.99</Money></UnitPrice><Description xml:lang="nl">E2E rejected item</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>
</OrderRequest></Request></cXML>`;
    const answer = await postCxml("/punchout/cxml/order", request);
    assert.equal(answer.document.status?.code, "200", answer.text);
    const [order] = await sql<{ id: number; status: string }[]>`
      select o.id, o.status from orders o join purchase_orders p on p.order_id = o.id where p.buyer_order_id = ${orderId}`;
    assert.equal(order?.status, "needs_review");

    const page = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/orders/${order.id}`);
    const focusedName = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name ?? null);
    try {
      // The buyer's dates and our reasons read as the page's words and formats, not as stored.
      assert.equal((await page.getByTestId("order-date").innerText()).trim(), "28 Nov 2026");
      assert.match(await page.getByTestId("order-lines").innerText(), /10 Dec 2026/);
      const reasons = await page.getByTestId("line-reasons-1").innerText();
      assert.match(reasons, /Price higher than ours \(€9,999\.00 > €[\d,]+\.\d{2}\)/);
      const history = await page.getByTestId("order-history").innerText();
      // Each reason once, in words (a credit-limit reason of the demo customer may come first).
      assert.match(history, /Needs review · (.+; )?Line is not from a transferred cart; Price higher than ours(; Price lower than ours)?(\n|$)/);
      assert.doesNotMatch(history, /not_in_transfer|price_higher/);

      const form = page.getByTestId("confirm-form");
      const price = form.getByLabel("Price 1", { exact: true });
      // Nothing is chosen on an order under review, and a line's price cannot be edited before "Confirm with changes".
      for (const option of ["Confirm all", "Confirm with changes", "Reject"]) assert.equal(await form.getByRole("radio", { name: option }).isChecked(), false, option);
      assert.equal(await price.isDisabled(), true);

      // Send without a choice: asked for at the choice, which gets the focus; nothing is confirmed.
      await form.getByRole("button", { name: "Send" }).click();
      await form.getByTestId("field-error-decision").getByText("Choose what to do with this order.").waitFor();
      assert.equal(await form.getByRole("radiogroup").getAttribute("aria-invalid"), "true");
      assert.equal(await focusedName(), "decision");
      assert.equal(await form.getByTestId("form-error").count(), 0);
      assert.equal((await page.getByTestId("order-status").innerText()).trim(), "Needs review");

      // Rejected without a reason: refused at the comment field, which gets the focus, and still a rejection.
      await form.getByRole("radio", { name: "Reject" }).check();
      await form.getByRole("button", { name: "Send" }).click();
      await form.getByTestId("field-error-comment").getByText("Give a reason when you reject.").waitFor();
      const comment = form.locator("textarea[name=comment]");
      assert.equal(await comment.getAttribute("aria-invalid"), "true");
      assert.equal(await comment.getAttribute("aria-describedby"), await form.getByTestId("field-error-comment").getAttribute("id"));
      assert.equal(await focusedName(), "comment");
      assert.equal(await form.getByTestId("form-error").count(), 0);
      assert.equal(await form.getByRole("radio", { name: "Reject" }).isChecked(), true);
      assert.equal((await page.getByTestId("order-status").innerText()).trim(), "Needs review");

      // Confirmed with a lower price for line 1 (on the buyer's requested date, prefilled) and line 2 rejected with 0.
      await form.getByRole("radio", { name: "Confirm with changes" }).check();
      assert.equal(await price.isDisabled(), false);
      assert.equal(await form.getByLabel("Delivery date 1", { exact: true }).inputValue(), "2026-12-10");
      // Refused at two fields: the focus goes to the first. Changing it takes its refusal away and the
      // focus stays where it is typed in (not on to the other refused field, which stays marked).
      const quantity1 = form.getByLabel("Quantity 1", { exact: true });
      const ordered = await quantity1.inputValue();
      await quantity1.fill("1.5");
      await price.fill("abc");
      await form.getByRole("button", { name: "Send" }).click();
      await form.getByTestId("field-error-line_1_quantity").waitFor();
      assert.equal(await focusedName(), "line_1_quantity");
      assert.equal(await price.getAttribute("aria-invalid"), "true");
      await quantity1.fill(ordered);
      await form.getByTestId("field-error-line_1_quantity").waitFor({ state: "detached" });
      assert.equal(await quantity1.getAttribute("aria-invalid"), null);
      assert.equal(await focusedName(), "line_1_quantity");
      assert.equal(await price.getAttribute("aria-invalid"), "true");
      assert.equal(await form.getByTestId("field-error-line_1_price").count(), 1);
      await price.fill("1.00");
      await form.getByLabel("Quantity 2", { exact: true }).fill("0");
      await form.getByRole("button", { name: "Send" }).click();
      await page.getByTestId("order-status").filter({ hasText: "Confirmed" }).waitFor();
      await page.getByTestId("outliving-notice").filter({ hasText: "Confirmed. The confirmation is queued for sending to the procurement system." }).waitFor();
      assert.equal((await page.getByTestId("line-confirmed-1").innerText()).trim(), "2 × €1.00\ndelivery 10 Dec 2026");
      assert.equal((await page.getByTestId("line-confirmed-2").innerText()).trim(), "Rejected");
      assert.match(await page.getByTestId("order-history").innerText(), /· Confirmed with changes/);
      // Nothing of the rejected line is left to ship.
      assert.deepEqual(
        (await page.getByTestId("ship-lines").locator("input[name^=ship_]").evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).name))),
        ["ship_1"],
      );
      const [totals] = await sql<{ subtotal_minor: number }[]>`select subtotal_minor from orders where id = ${order.id}`;
      assert.equal(totals?.subtotal_minor, 200);
      // The buyer's system is told line 2 is rejected, line 1 confirmed at 1.00 for 10 December.
      const [queued] = await sql<{ body_encrypted: string }[]>`select body_encrypted from outbound_messages where order_id = ${order.id} and kind = 'confirmation'`;
      assert.ok(queued);
      const confirmation = decryptSecret(queued.body_encrypted, secretKey);
      assert.match(confirmation, /<ConfirmationItem quantity="1" lineNumber="2">[\s\S]*?<ConfirmationStatus quantity="1" type="reject"/);
      assert.match(confirmation, /<ConfirmationItem quantity="2" lineNumber="1">[\s\S]*?<ConfirmationStatus quantity="2" type="detail" deliveryDate="2026-12-10T/);
      dtdValid(confirmation, "confirmation-line-rejected");
    } finally {
      await page.context().close();
    }
  });
});
