import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { deriveSecretKey, encryptSecret } from "../../lib/crypto/secret-box";
import { applyFilters, BASE_URL, launchBrowser, newContext } from "./support/browser";
import { openE2eDatabase } from "./support/database";
import { pickListPriceProduct } from "./support/demo-products";
import { FakeProcurementSystem } from "./support/fake-procurement";
import { SHARED_DIR } from "../support/shared-dir";

/**
 * Issue 9 end to end in Chromium against the real server: a web order is shipped and invoiced by
 * the account manager and the buyer downloads the PDF and a valid UBL from "My account"; a cXML
 * customer's buyer system receives a DTD-valid InvoiceDetailRequest for its OrderRequest; a credit
 * note for one line shows up in the buyer's list. One signed-in context per user for the file.
 */
const sql = openE2eDatabase();
const buyerSystem = new FakeProcurementSystem();
const VALIDATORS = path.join(SHARED_DIR, "validators");
const OUR_SECRET = "koppel-secret-at-demo-buyer";
const stamp = Date.now().toString(36);
let browser: Browser;
let buyer: Page;
let manager: Page;
const contexts: BrowserContext[] = [];
let company: { id: number; invoice_channels: string[]; invoice_on_shipment: boolean };
let connectionId = 0;
let previousSettings: Record<string, unknown> | undefined;
/** The journey 1 invoice, credited in journey 3. */
let webInvoice: { id: number; number: string } | undefined;

async function signIn(email: string, password: string, returnTo: string): Promise<Page> {
  const context = await newContext(browser, "en");
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === returnTo);
  return page;
}

const tmp = mkdtempSync(path.join(tmpdir(), "koppel-e2e-invoices-"));
function validate(script: "validate-ubl.sh" | "validate-cxml.sh", name: string, content: string | Buffer) {
  const file = path.join(tmp, name);
  writeFileSync(file, content);
  const run = spawnSync("sh", [path.join(VALIDATORS, script), file], { encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 40_000, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

before(async () => {
  await buyerSystem.start();
  browser = await launchBrowser();
  const [demo] = await sql<(typeof company)[]>`select id, invoice_channels, invoice_on_shipment from companies where name = 'Demo Facilities B.V.'`;
  assert.ok(demo, "the demo customer exists");
  company = demo;
  const [connection] = await sql<{ id: number }[]>`select id from punchout_connections where protocol = 'cxml' and name = 'Ariba-style cXML (demo)'`;
  assert.ok(connection);
  connectionId = connection.id;
  const [settings] = await sql<Record<string, unknown>[]>`select * from purchase_order_settings where connection_id = ${connectionId}`;
  previousSettings = settings;
  // Ship notices, confirmations and invoices of this connection go to the fake buyer system.
  const keyMaterial = process.env.CREDENTIALS_KEY ?? process.env.AUTH_SECRET;
  assert.ok(keyMaterial, "AUTH_SECRET (same as the server's) is needed to store our outbound secret");
  const sealed = encryptSecret(OUR_SECRET, deriveSecretKey(keyMaterial));
  await sql`
    insert into purchase_order_settings (connection_id, order_response_url, outbound_from, outbound_shared_secret_encrypted)
    values (${connectionId}, ${`${buyerSystem.origin}/cxml/invoices`}, ${sql.json([{ domain: "NetworkID", identity: "KOPPEL" }])}, ${sealed})
    on conflict (connection_id) do update set order_response_url = excluded.order_response_url, outbound_from = excluded.outbound_from,
      outbound_shared_secret_encrypted = excluded.outbound_shared_secret_encrypted`;
  await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = 'buyer@demo.test' and c.punchout_session_id is null)`;
  [buyer, manager] = await Promise.all([signIn("buyer@demo.test", "demo-buyer", "/account"), signIn("manager@demo.test", "demo-manager", "/admin")]);
});

after(async () => {
  await sql`update companies set invoice_channels = ${sql.json(company.invoice_channels)} where id = ${company.id}`;
  if (previousSettings) {
    await sql`update purchase_order_settings set order_response_url = ${previousSettings.order_response_url as string | null},
      outbound_from = ${sql.json(previousSettings.outbound_from as never)}, outbound_shared_secret_encrypted = ${previousSettings.outbound_shared_secret_encrypted as string | null}
      where connection_id = ${connectionId}`;
  }
  for (const context of contexts) await context.close();
  await browser?.close();
  await buyerSystem.stop();
  await sql.end();
  rmSync(tmp, { recursive: true, force: true });
});

/** On the admin order page: record a shipment of everything open, then make sure the shipment is invoiced. */
async function shipAndInvoice(orderId: number, trackingNumber: string): Promise<{ id: number; number: string }> {
  await manager.goto(`/admin/orders/${orderId}`);
  const ship = manager.getByTestId("ship-form");
  await ship.locator("input[name=carrier]").fill("PostNL");
  await ship.locator("input[name=trackingNumber]").fill(trackingNumber);
  await ship.locator("input[name=trackingUrl]").fill(`https://jouw.postnl.nl/track-and-trace/${trackingNumber}`);
  await ship.locator("button[type=submit]").click();
  // The ship form goes away once everything is shipped, so wait for the shipment itself.
  const shipment = await until("the shipment", () =>
    sql<{ id: number; shipment_number: string }[]>`select id, shipment_number from order_shipments where order_id = ${orderId} and tracking_number = ${trackingNumber}`.then((r) => r[0]),
  );
  // Customers with invoiceOnShipment get it automatically; otherwise staff press "Invoice this shipment".
  const auto = await sql<{ id: number }[]>`select id from invoices where shipment_id = ${shipment.id}`;
  if (!auto.length) {
    await manager.goto(`/admin/orders/${orderId}`);
    const invoiceShipment = manager.locator(`[data-testid=shipment-row][data-shipment-number="${shipment.shipment_number}"]`).getByTestId("invoice-shipment-form");
    await invoiceShipment.locator("button[type=submit]").click();
  }
  // On success the form gives way to an "invoiced" badge; an error stays on the page.
  const error = manager.getByTestId("form-error");
  return until("the invoice", async () => {
    if (await error.isVisible()) throw new Error(`invoicing the shipment failed: ${await error.innerText()}`);
    return sql<{ id: number; number: string }[]>`select id, number from invoices where shipment_id = ${shipment.id}`.then((r) => r[0]);
  });
}

async function downloadFrom(page: Page, link: ReturnType<Page["getByTestId"]>) {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const file = await download.path();
  assert.ok(file, "download saved");
  return { filename: download.suggestedFilename(), content: readFileSync(file) };
}

describe("invoices", () => {
  it("journey 1: web order → shipment → invoice → the buyer downloads PDF and a valid UBL from My account", async () => {
    const product = await pickListPriceProduct(sql, 5);
    await buyer.goto(`/products/${encodeURIComponent(product.sku)}`);
    const main = buyer.locator("main");
    await main.getByRole("spinbutton", { name: "Quantity" }).fill("2");
    await main.getByRole("button", { name: "Add to cart" }).click();
    await main.getByText("Added to cart.").waitFor();
    await buyer.goto("/checkout");
    await buyer.getByLabel("PO number").fill(`PO-INV-${stamp}`);
    await buyer.getByRole("button", { name: "Place order" }).click();
    await buyer.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
    const orderNumber = decodeURIComponent(new URL(buyer.url()).pathname.split("/").pop()!);
    const [order] = await sql<{ id: number; status: string }[]>`select id, status from orders where order_number = ${orderNumber}`;
    assert.ok(order);
    assert.equal(order.status, "placed", "below the buyer's approval limit");

    webInvoice = await shipAndInvoice(order.id, `3SINV${stamp}`);
    assert.match(webInvoice.number, /^F\d{4}-\d+$/);

    // The buyer was mailed the track & trace; their order shows the shipment with its link.
    const [shippedMail] = await sql<{ body_text: string }[]>`
      select body_text from mail_outbox where to_email = 'buyer@demo.test' and kind = 'order_shipped' and body_text like ${`%${orderNumber}%`}`;
    assert.match(shippedMail!.body_text, new RegExp(`Tracking: 3SINV${stamp} — https://jouw.postnl.nl/track-and-trace/3SINV${stamp}`));
    await buyer.goto(`/account/orders/${orderNumber}`);
    const shipment = buyer.getByTestId("order-shipment");
    assert.match(await shipment.innerText(), new RegExp(`PostNL · tracking number 3SINV${stamp}`));
    assert.equal(await shipment.getByTestId("track-and-trace").getAttribute("href"), `https://jouw.postnl.nl/track-and-trace/3SINV${stamp}`);

    // The buyer finds it under My account → Invoices, open.
    await buyer.goto("/account");
    await buyer.getByRole("navigation", { name: /account/i }).getByRole("link", { name: "Invoices" }).click();
    await buyer.waitForURL(/\/account\/invoices$/);
    const row = buyer.locator(`[data-testid=invoice-row][data-number="${webInvoice.number}"]`);
    assert.equal(await row.getByTestId("invoice-status").getAttribute("data-status"), "open");
    assert.match(await row.getByTestId("invoice-status").innerText(), /^Open$/);

    await row.getByRole("link", { name: webInvoice.number, exact: true }).click();
    await buyer.waitForURL((url) => url.pathname === `/account/invoices/${webInvoice!.number}`);
    const invoiceText = await buyer.getByTestId("invoice-document").innerText();
    assert.match(invoiceText, new RegExp(webInvoice.number));
    // The same due date as the invoice's own "by": paying on it is in time.
    await buyer.getByText(/^Due by \d/).waitFor();
    // The buyer's PO number as their purchase order, our order number as the order number (BT-13, BT-14),
    // in the document's language (Demo Facilities gets Dutch invoices) although the buyer reads English.
    assert.match(invoiceText, new RegExp(`Inkoopordernummer\\s+PO-INV-${stamp}`));
    assert.match(invoiceText, new RegExp(`Ordernummer\\s+${orderNumber}`));

    const pdf = await downloadFrom(buyer, buyer.getByTestId("download-pdf"));
    assert.equal(pdf.filename, `${webInvoice.number}.pdf`);
    assert.equal(pdf.content.subarray(0, 5).toString("latin1"), "%PDF-");
    assert.ok(pdf.content.includes(Buffer.from(webInvoice.number, "latin1")), "the PDF names the invoice number (document title)");

    const ubl = await downloadFrom(buyer, buyer.getByTestId("download-ubl"));
    assert.match(ubl.filename, /\.xml$/);
    const xml = ubl.content.toString("utf8");
    assert.match(xml, /<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/);
    assert.ok(xml.includes(`<cbc:ID>${webInvoice.number}</cbc:ID>`), "UBL carries the invoice number");
    assert.match(xml, new RegExp(`<cac:OrderReference>\\s*<cbc:ID>PO-INV-${stamp}</cbc:ID>\\s*<cbc:SalesOrderID>${orderNumber}</cbc:SalesOrderID>`), "BT-13 the PO number, BT-14 our order number");
    const check = validate("validate-ubl.sh", `${webInvoice.number}.xml`, ubl.content);
    assert.equal(check.status, 0, `UBL passes XSD, CEN and Peppol rules without fatal findings:\n${check.output}`);
    assert.doesNotMatch(check.output, /\] fatal /);

    // The order page lists the order's invoices too.
    await buyer.goto(`/account/orders/${orderNumber}`);
    await buyer.getByTestId("order-invoices").locator(`[data-testid=invoice-row][data-number="${webInvoice.number}"]`).waitFor();
    // On a phone the line totals and the invoice's downloads are within the screen, not cut off.
    {
      const viewport = buyer.viewportSize();
      await buyer.setViewportSize({ width: 390, height: 844 });
      const within = async (locator: Locator) => {
        const box = await locator.boundingBox();
        return box !== null && box.x >= 0 && box.x + box.width <= 390;
      };
      const line = buyer.getByTestId("order-line").first();
      assert.ok(await within(line.locator("td").last()), "the line total fits a 390 px screen");
      assert.match(await line.innerText(), /Total\s+€/);
      const invoiceRow = buyer.getByTestId("order-invoices").locator(`[data-testid=invoice-row][data-number="${webInvoice.number}"]`);
      assert.ok(await within(invoiceRow.getByRole("link", { name: /UBL/ })), "the downloads fit a 390 px screen");
      assert.ok(await within(invoiceRow.getByTestId("invoice-status")), "the status fits a 390 px screen");
      if (viewport) await buyer.setViewportSize(viewport);
    }
    // …and its history says when it was invoiced, after the shipment.
    const history = (await buyer.getByTestId("order-history").innerText()).split("\n");
    const invoiceNumber = webInvoice.number;
    const invoiced = history.findIndex((entry) => entry.endsWith(`Invoiced: invoice ${invoiceNumber}`));
    assert.ok(invoiced > 0, `the history names the invoice:\n${history.join("\n")}`);
    assert.ok(history.slice(0, invoiced).some((entry) => /Shipped/.test(entry)), `shipped before invoiced:\n${history.join("\n")}`);
  });

  it("journey 2: cXML OrderRequest → confirmed, shipped, invoiced → the buyer system receives a DTD-valid InvoiceDetailRequest", async () => {
    const product = await pickListPriceProduct(sql, 6);
    const [shipTo] = await sql<{ name: string; street: string; postal_code: string; city: string; country_code: string }[]>`
      select name, street, postal_code, city, country_code from addresses where company_id = ${company.id} and kind = 'ship_to' order by is_default desc, id limit 1`;
    assert.ok(shipTo);
    // Procurement systems send the full invoice address in BillTo; the invoice is addressed to it.
    const [billTo] = await sql<{ street: string; postal_code: string; city: string }[]>`
      select street, postal_code, city from addresses where company_id = ${company.id} and kind = 'bill_to' order by is_default desc, id limit 1`;
    assert.ok(billTo, "demo company has a bill-to address");
    // From now on the customer also receives invoices as cXML (next to what the seed configured; restored after the file).
    await sql`update companies set invoice_channels = ${sql.json([...new Set([...company.invoice_channels, "cxml"])])} where id = ${company.id}`;
    const orderId = `PO-INV-${stamp}`;
    const payloadId = `${orderId}@ariba.example`;
    const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const price = (product.expectedPriceMinor / 100).toFixed(2);
    const total = ((product.expectedPriceMinor * 3) / 100).toFixed(2);
    const request = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd">
<cXML payloadID="${payloadId}" timestamp="2026-11-28T12:00:00+01:00" xml:lang="en-US">
<Header>
<From><Credential domain="NetworkID"><Identity>AN-DEMO-BUYER</Identity></Credential></From>
<To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="NetworkID"><Identity>AN-DEMO-BUYER</Identity><SharedSecret>demo-cxml-secret</SharedSecret></Credential><UserAgent>Ariba Buyer 1.0</UserAgent></Sender>
</Header>
<Request deploymentMode="test"><OrderRequest><OrderRequestHeader orderID="${orderId}" orderDate="${new Date().toISOString()}" type="new">
<Total><Money currency="EUR">${total}</Money></Total>
<ShipTo><Address isoCountryCode="${shipTo.country_code}"><Name xml:lang="nl">${esc(shipTo.name)}</Name><PostalAddress><Street>${esc(shipTo.street)}</Street><City>${esc(shipTo.city)}</City><PostalCode>${esc(shipTo.postal_code)}</PostalCode><Country isoCountryCode="${shipTo.country_code}">NL</Country></PostalAddress></Address></ShipTo>
<BillTo><Address isoCountryCode="NL" addressID="AP-1"><Name xml:lang="nl">Demo Facilities B.V.</Name><PostalAddress><DeliverTo>Crediteurenadministratie</DeliverTo><Street>${esc(billTo.street)}</Street><City>${esc(billTo.city)}</City><PostalCode>${esc(billTo.postal_code)}</PostalCode><Country isoCountryCode="NL">Netherlands</Country></PostalAddress></Address></BillTo>
</OrderRequestHeader>
<ItemOut quantity="3" lineNumber="1"><ItemID><SupplierPartID>${esc(product.sku)}</SupplierPartID></ItemID>
<ItemDetail><UnitPrice><Money currency="EUR">${price}</Money></UnitPrice><Description xml:lang="nl">E2E invoice item</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>
</OrderRequest></Request></cXML>`;
    const response = await fetch(`${BASE_URL}/punchout/cxml/order`, { method: "POST", headers: { "content-type": "text/xml; charset=UTF-8" }, body: request });
    const answer = await response.text();
    assert.match(answer, /<Status code="200"/, answer);
    const [order] = await sql<{ id: number }[]>`select o.id from orders o join purchase_orders p on p.order_id = o.id where p.buyer_order_id = ${orderId}`;
    assert.ok(order);

    // Staff confirm (accept) the order, ship it and invoice the shipment.
    await manager.goto(`/admin/orders/${order.id}`);
    const confirm = manager.getByTestId("confirm-form");
    // The order waits for review (not from a transferred cart): nothing is chosen beforehand.
    await confirm.getByRole("radio", { name: "Confirm all" }).check();
    await confirm.locator("button[type=submit]").click();
    // Once confirmed the form is gone; the status tells, and the form's message stays.
    await manager.getByTestId("order-status").filter({ hasText: "Confirmed" }).waitFor();
    await manager.getByTestId("outliving-notice").filter({ hasText: "Confirmed. The confirmation is queued for sending to the procurement system." }).waitFor();
    const invoice = await shipAndInvoice(order.id, `3SCX${stamp}`);

    // The delivery worker queues the InvoiceDetailRequest; the outbound worker posts it.
    const post = await until("the InvoiceDetailRequest", async () =>
      buyerSystem.posts.find((p) => p.body.toString("utf8").includes("<InvoiceDetailRequest") && p.body.toString("utf8").includes(invoice.number)),
    );
    const detail = post.body.toString("utf8");
    assert.equal(post.path, "/cxml/invoices");
    assert.match(detail, /InvoiceDetail\.dtd/);
    assert.match(detail, new RegExp(`invoiceID="${invoice.number}"`));
    assert.match(detail, new RegExp(`orderID="${orderId}"`));
    assert.ok(detail.includes(`payloadID="${payloadId}"`), "references the OrderRequest payloadID");
    assert.ok(detail.includes(`<SharedSecret>${OUR_SECRET}</SharedSecret>`), "authenticated with our outbound secret");
    const dtd = validate("validate-cxml.sh", `${invoice.number}-cxml.xml`, detail);
    assert.equal(dtd.status, 0, `InvoiceDetailRequest is DTD-valid:\n${dtd.output}`);

    // The admin invoice page shows the cXML delivery as sent.
    await manager.goto(`/admin/invoices/${invoice.id}`);
    const cxmlRow = manager.locator('[data-testid=delivery-row][data-channel="cxml"]');
    await until("the cXML delivery marked sent", async () => {
      if ((await cxmlRow.getByTestId("delivery-status").getAttribute("data-status")) === "sent") return true;
      await manager.reload();
      return false;
    });
    assert.match(await cxmlRow.innerText(), /Sent/);
  });

  it("journey 3: staff credit one line of an invoice and mark it paid; the buyer sees the credit note and the paid status", async () => {
    assert.ok(webInvoice, "journey 1 issued an invoice");
    await manager.goto("/admin/invoices");
    await manager.locator(`[data-testid=invoice-row][data-number="${webInvoice.number}"]`).getByRole("link", { name: webInvoice.number, exact: true }).click();
    await manager.waitForURL((url) => url.pathname === `/admin/invoices/${webInvoice!.id}`);
    const form = manager.getByTestId("credit-note-form");
    const firstLine = form.getByTestId("credit-line").first();
    await firstLine.locator("input[name=quantity]").fill("1");
    await form.getByLabel(/^Reason/).fill("One pack arrived damaged");
    await form.locator("button[type=submit]").click();
    await form.getByTestId("form-success").waitFor();
    await form.getByTestId("created-link").click();
    await manager.getByTestId("credited-invoice").waitFor();
    const creditNumber = (await manager.getByTestId("invoice-number").innerText()).replace(/^Credit note /, "").trim();
    assert.match(creditNumber, /^C\d{4}-\d+$/);

    // The invoice is paid (less the credit): staff mark it, the buyer sees it as paid.
    await manager.goto(`/admin/invoices/${webInvoice.id}`);
    // The credit form says what was credited already and what is left of the line.
    const creditedLine = manager.getByTestId("credit-note-form").getByTestId("credit-line").first();
    assert.match(await creditedLine.getByTestId("already-credited").innerText(), /^1 already credited$/);
    await manager.getByTestId("mark-paid-form").locator("button[type=submit]").click();
    await manager.getByTestId("mark-unpaid-form").waitFor();

    await buyer.goto("/account/invoices");
    const row = buyer.locator(`[data-testid=invoice-row][data-number="${creditNumber}"]`);
    assert.equal(await row.getAttribute("data-kind"), "credit_note");
    assert.match(await row.innerText(), /Credit note/);
    // Money back, to be settled: a negative amount, not an "Open" that reads like a debt.
    assert.match(await row.getByTestId("invoice-amount").innerText(), /^[-−]\s?€|^€\s?[-−]/);
    assert.equal(await row.getByTestId("invoice-status").innerText(), "To be settled");
    const paid = buyer.locator(`[data-testid=invoice-row][data-number="${webInvoice.number}"]`).getByTestId("invoice-status");
    assert.equal(await paid.getAttribute("data-status"), "paid");
    await buyer.getByLabel("Status").selectOption("paid");
    await applyFilters(buyer, buyer.getByRole("button", { name: "Filter" }), /status=paid/);
    assert.deepEqual(await buyer.locator("[data-testid=invoice-row]").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-number"))), [webInvoice.number]);
  });
});

describe("partial shipment", () => {
  it("the buyer sees a partly shipped order as such, with what is still to come; at phone width the page stays within the screen", async () => {
    const product = await pickListPriceProduct(sql, 7);
    await buyer.goto(`/products/${encodeURIComponent(product.sku)}`);
    const main = buyer.locator("main");
    await main.getByRole("spinbutton", { name: "Quantity" }).fill("3");
    await main.getByRole("button", { name: "Add to cart" }).click();
    await main.getByText("Added to cart.").waitFor();
    await buyer.goto("/checkout");
    await buyer.getByLabel("PO number").fill(`PO-PART-${stamp}`);
    await buyer.getByRole("button", { name: "Place order" }).click();
    await buyer.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
    const orderNumber = decodeURIComponent(new URL(buyer.url()).pathname.split("/").pop()!);
    const [order] = await sql<{ id: number }[]>`select id from orders where order_number = ${orderNumber}`;

    // Two of the three ship now.
    await manager.goto(`/admin/orders/${order!.id}`);
    const ship = manager.getByTestId("ship-form");
    await ship.locator("input[name=carrier]").fill("PostNL");
    await ship.locator("input[name=trackingNumber]").fill(`3SPART${stamp}`);
    await ship.locator("input[name=ship_1]").fill("2");
    await ship.locator("button[type=submit]").click();
    // One status on the staff page too: "Partly shipped", not "Shipped" beside a "Partly shipped" badge.
    await manager.getByTestId("order-status").filter({ hasText: "Partly shipped" }).waitFor();
    assert.equal(await manager.getByTestId("partly-shipped").count(), 0);
    // The history tells it in the reader's language from the shipments; the event stores facts only.
    assert.match(await manager.getByTestId("order-history").innerText(), new RegExp(`Partly shipped · .+ · ${orderNumber}-S1, PostNL 3SPART${stamp}`));

    await buyer.goto(`/account/orders/${orderNumber}`);
    // One status, not "Shipped" beside a "Partly shipped" badge.
    assert.equal((await buyer.getByTestId("order-status").innerText()).trim(), "Partly shipped");
    assert.equal(await buyer.getByTestId("partly-shipped").count(), 0);
    const toCome = await buyer.getByTestId("still-to-ship").innerText();
    assert.match(toCome, /^Still to come/);
    assert.match(toCome, new RegExp(`\\b1 .+ ${product.sku}`));
    const history = await buyer.getByTestId("order-history").innerText();
    assert.match(history, new RegExp(`Partly shipped by .+: ${orderNumber}-S1, PostNL 3SPART${stamp}`));
    assert.doesNotMatch(history, /\(partial\)/);

    // On a phone each line is a block (product, then quantity and total): the page is never wider than the screen.
    const viewport = buyer.viewportSize();
    await buyer.setViewportSize({ width: 390, height: 844 });
    await buyer.reload();
    const width = await buyer.evaluate(() => document.documentElement.scrollWidth);
    if (viewport) await buyer.setViewportSize(viewport);
    assert.ok(width <= 390, `the order page fits a 390 px screen (${width} px)`);
  });
});
