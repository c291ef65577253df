import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { hashPassword } from "../../lib/auth/password";
import { applyFilters, BASE_URL, launchBrowser, newContext } from "./support/browser";
import { openE2eDatabase } from "./support/database";
import { pickListPriceProduct } from "./support/demo-products";

const sql = openE2eDatabase();
let browser: Browser;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await sql.end();
});

async function signIn(page: Page, email: string, password: string, target: string) {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${BASE_URL}${target}`);
}

function entry(username: string, password: string) {
  const query = new URLSearchParams({ USERNAME: username, PASSWORD: password, HOOK_URL: "https://srm.bouw.example/sap/bc/hook?sap-client=200" });
  return fetch(`${BASE_URL}/punchout/oci?${query}`, { redirect: "manual" });
}

describe("punchout connections in /admin", () => {
  it("an account manager creates an OCI connection, the password is shown once and works; rotating it retires the old one", async () => {
    const context = await newContext(browser, "en");
    const page = await context.newPage();
    await signIn(page, "manager@demo.test", "demo-manager", "/admin/connections");
    await page.getByRole("link", { name: "New connection" }).click();
    await page.getByLabel("Customer", { exact: true }).selectOption({ label: "Bouwbedrijf Van der Meer & Zonen B.V." });
    await page.getByLabel("Protocol", { exact: true }).selectOption("oci");
    await page.getByLabel("Preset", { exact: true }).selectOption("sap-s4hana");
    await page.getByLabel("Name", { exact: true }).fill("S/4HANA productie");
    const username = `vdmeer-${Date.now().toString(36)}`;
    await page.getByLabel("OCI USERNAME").fill(username);
    await page.getByLabel("Allowed return origins").fill("not an origin");
    await page.getByRole("button", { name: "Create connection" }).click();
    await page.getByTestId("form-error").waitFor();
    assert.match(await page.getByTestId("form-error").innerText(), /origin/i);

    await page.getByLabel("Allowed return origins").fill("https://srm.bouw.example");
    await page.getByRole("button", { name: "Create connection" }).click();
    const secret = (await page.getByTestId("secret-value").innerText()).trim();
    assert.ok(secret.length >= 20);
    // Beside the one-time password: what the customer's system is set up with, each with a copy button.
    const handover = page.getByTestId("connection-handover");
    assert.match(await handover.getByTestId("handover-ociEntryUrl").getByTestId("handover-value").innerText(), /^https?:\/\/[^/]+\/punchout\/oci$/);
    assert.equal(await handover.getByTestId("handover-ociUsername").getByTestId("handover-value").innerText(), username);
    assert.ok((await handover.getByTestId("handover-secret").textContent())?.includes(secret));
    await page.getByTestId("secret-notice").getByRole("button", { name: "Copy PASSWORD" }).first().waitFor();
    const [stored] = await sql<{ secret_hash: string; settings: Record<string, unknown> }[]>`select secret_hash, settings from punchout_connections where username = ${username}`;
    assert.ok(stored && !stored.secret_hash.includes(secret), "only a hash is stored");

    assert.equal((await entry(username, secret)).status, 303, "the new password opens a punchout session");
    assert.equal((await entry(username.toUpperCase(), secret)).status, 303, "USERNAME is matched case-insensitively");

    await page.getByRole("link", { name: "Open the connection" }).click();
    // The connection page names and links its customer, and the preset by its name.
    const customerLine = page.getByTestId("connection-customer");
    assert.match(await customerLine.innerText(), /Bouwbedrijf Van der Meer & Zonen B\.V\. · Preset: SAP S\/4HANA/);
    assert.match((await customerLine.getByRole("link").getAttribute("href")) ?? "", /^\/admin\/customers\/\d+$/);
    assert.equal(await page.getByTestId("connection-handover").getByTestId("handover-ociUsername").getByTestId("handover-value").innerText(), username);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "New password" }).click();
    const rotated = (await page.getByTestId("secret-value").innerText()).trim();
    assert.notEqual(rotated, secret);
    assert.equal((await entry(username, secret)).status, 401, "the old password stops working at once");
    assert.equal((await entry(username, rotated)).status, 303);

    // The message log shows those entries, password redacted.
    await page.goto("/admin/messages?type=oci.entry");
    await page.getByTestId("message-row").first().waitFor();
    await page.getByTestId("message-row").first().getByRole("link").click();
    const payload = await page.getByTestId("payload").innerText();
    assert.match(payload, /PASSWORD = \*\*\*/);
    assert.ok(!payload.includes(rotated) && !payload.includes(secret));

    // Filtered by the connection, found by its USERNAME: its entries only, labelled with customer and name.
    await page.goto("/admin/messages?type=oci.entry");
    await page.getByLabel("Connection", { exact: true }).fill(username.toUpperCase());
    await applyFilters(page, page.getByRole("button", { name: "Filter" }), /[?&]search=/);
    const rows = await page.getByTestId("message-row").allInnerTexts();
    assert.ok(rows.length >= 3, `${rows.length} rows`);
    assert.ok(rows.every((row) => row.includes("Bouwbedrijf Van der Meer & Zonen B.V. · S/4HANA productie")), rows.join("\n"));
    // The old password's refusal, in words: outcome, HTTP status and the reason.
    const refused = rows.filter((row) => row.includes("Refused · HTTP 401"));
    assert.equal(refused.length, 1, rows.join("\n"));
    assert.match(refused[0]!, /Inbound[\s\S]*Unknown USERNAME or wrong PASSWORD[\s\S]*credentials/);
    assert.ok(rows.filter((row) => row !== refused[0]).every((row) => row.includes("Processed · HTTP 303")), rows.join("\n"));
    await page.goto("/admin/messages?type=oci.entry&search=no-such-connection");
    await page.getByText("No messages.").waitFor();
    assert.equal(await page.getByTestId("message-row").count(), 0);
    await context.close();
  });

  it("a manager only sees connections of assigned customers; a buyer gets 404", async () => {
    const context = await newContext(browser, "en");
    const page = await context.newPage();
    await signIn(page, "manager@demo.test", "demo-manager", "/admin/connections");
    const customers = await page.getByTestId("connection-row").allInnerTexts();
    assert.ok(customers.some((row) => row.includes("Demo Facilities B.V.")));
    // Searched by the cXML From identity: the demo cXML connection only.
    await page.getByRole("searchbox").fill("an-demo-buyer");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/[?&]q=an-demo-buyer/);
    const found = await page.getByTestId("connection-row").allInnerTexts();
    assert.equal(found.length, 1);
    assert.match(found[0]!, /Demo Facilities B\.V\..*cXML/s);
    assert.equal(await page.getByTestId("connection-count").innerText(), "1 connection");
    const [foreign] = await sql<{ id: number }[]>`
      insert into punchout_connections (company_id, protocol, name, preset_id, username, secret_hash)
      select c.id, 'oci', 'Not yours', 'generic-oci-4', ${`foreign-${Date.now().toString(36)}`}, 'x' from companies c
      where not exists (select 1 from account_manager_customers a join users u on u.id = a.staff_user_id
                        where a.company_id = c.id and u.email = 'manager@demo.test')
      limit 1 returning id`;
    assert.ok(foreign);
    const response = await page.goto(`/admin/connections/${foreign.id}`);
    assert.equal(response?.status(), 404);
    await context.close();

    const buyer = await newContext(browser, "en");
    const buyerPage = await buyer.newPage();
    await signIn(buyerPage, "buyer@demo.test", "demo-buyer", "/");
    for (const path of ["/admin/connections", "/admin/messages", `/admin/connections/${foreign.id}`]) {
      assert.equal((await buyerPage.goto(path))?.status(), 404, path);
    }
    const download = await buyerPage.request.get("/admin/messages/1/download");
    assert.equal(download.status(), 404);
    await buyer.close();
  });

  it("a customer's system set up wrong: the account manager finds its refused purchase orders by PO number, in words, and sees what is missing", async () => {
    // A new Coupa-style connection of Demo Facilities (a fresh identity per run: failures are throttled per sender).
    const identity = `zaanstad-e2e-${Date.now().toString(36)}`;
    const [demo] = await sql<{ company_id: number; technical_user_id: number }[]>`
      select company_id, technical_user_id from punchout_connections where protocol = 'cxml' and name = 'Ariba-style cXML (demo)'`;
    assert.ok(demo);
    const [created] = await sql<{ id: number }[]>`
      insert into punchout_connections (company_id, protocol, name, preset_id, enabled, environment, secret_hash, cxml_from, cxml_to,
                                        cxml_sender, allowed_return_origins, technical_user_id, settings)
      values (${demo.company_id}, 'cxml', 'Coupa nieuw (e2e)', 'coupa', true, 'production', ${await hashPassword("the-agreed-secret")},
              ${sql.json([{ domain: "DUNS", identity }])}, ${sql.json({ domain: "DUNS", identity: "KOPPEL" })},
              ${sql.json([{ domain: "DUNS", identity }])}, ${sql.json(["https://zaanstad.coupahost.example"])}, ${demo.technical_user_id}, ${sql.json({})})
      returning id`;
    assert.ok(created);
    const poNumber = `PO-E2E-${Date.now().toString(36)}`;
    const orderRequest = (fromDomain: string, secret: string, payloadId: string) => `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd">
<cXML payloadID="${payloadId}" timestamp="2026-11-28T12:00:00+01:00" xml:lang="en-US">
<Header><From><Credential domain="${fromDomain}"><Identity>${identity}</Identity></Credential></From>
<To><Credential domain="DUNS"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="DUNS"><Identity>${identity}</Identity><SharedSecret>${secret}</SharedSecret></Credential><UserAgent>Coupa Procurement 1.0</UserAgent></Sender></Header>
<Request><OrderRequest><OrderRequestHeader orderID="${poNumber}" orderDate="2026-11-28T12:00:00+01:00" type="new"><Total><Money currency="EUR">10.00</Money></Total>
<BillTo><Address><Name xml:lang="nl">Demo Facilities B.V.</Name></Address></BillTo></OrderRequestHeader>
<ItemOut quantity="1" lineNumber="1"><ItemID><SupplierPartID>X-1</SupplierPartID></ItemID><ItemDetail><UnitPrice><Money currency="EUR">10.00</Money></UnitPrice><Description xml:lang="nl">x</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>
</OrderRequest></Request></cXML>`;
    const send = async (xml: string) => {
      const response = await fetch(`${BASE_URL}/punchout/cxml/order`, { method: "POST", headers: { "content-type": "text/xml; charset=UTF-8" }, body: xml });
      return /<Status code="(\d+)"/.exec(await response.text())?.[1];
    };
    // Their system has NetworkID where DUNS was agreed; then the domain is right but the secret is not.
    assert.equal(await send(orderRequest("NetworkID", "the-agreed-secret", `${poNumber}.1@coupa.example`)), "401");
    assert.equal(await send(orderRequest("DUNS", "a-typo", `${poNumber}.2@coupa.example`)), "401");
    // Broken XML (a closing tag mistyped): refused as unreadable, but still listed under this customer.
    assert.equal(await send(orderRequest("DUNS", "the-agreed-secret", `${poNumber}.b@coupa.example`).replace("</OrderRequestHeader>", "</OrderRequestHeadr>")), "406");
    // Corrected: it comes through (its unknown product waits for review).
    assert.equal(await send(orderRequest("DUNS", "the-agreed-secret", `${poNumber}.3@coupa.example`)), "200");

    const context = await newContext(browser, "en");
    const page = await context.newPage();
    await signIn(page, "manager@demo.test", "demo-manager", "/admin/messages");
    // "Did you get our order?": found by its number, every attempt, each refusal in words with what differed.
    await page.getByLabel("PO number or payloadID").fill(poNumber);
    await applyFilters(page, page.getByRole("button", { name: "Filter" }), /[?&]document=/);
    const rows = await page.getByTestId("message-row").allInnerTexts();
    const inbound = rows.filter((row) => row.includes("Purchase order (cXML)"));
    assert.equal(inbound.length, 3, rows.join("\n"));
    assert.equal(inbound.filter((row) => row.includes("Processed")).length, 1, inbound.join("\n"));
    assert.ok(rows.every((row) => row.includes("Demo Facilities B.V. · Coupa nieuw (e2e)")), rows.join("\n"));
    assert.ok(inbound.some((row) => row.includes("From (the customer's identity) differs") && row.includes(`from: sent NetworkID:${identity}; expected DUNS:${identity}`)), inbound.join("\n"));
    assert.ok(inbound.some((row) => row.includes("Wrong SharedSecret")), inbound.join("\n"));
    assert.ok(rows.some((row) => row.includes("Unreadable document (cXML)") && row.includes("Not readable as cXML")), rows.join("\n"));
    assert.ok(!rows.join("\n").includes("a-typo"), "no secret in the log");
    // Its order says, before the decision, that the customer's system will not hear of it.
    await page.getByTestId("message-order-link").first().click();
    await page.waitForURL(/\/admin\/orders\/\d+$/);
    assert.match(await page.getByTestId("no-response-address").first().innerText(), /Coupa nieuw \(e2e\) has no address for order confirmations/);
    await page.goto(`/admin/messages?document=${poNumber}-never-sent`);
    await page.getByText(/Nothing came in or went out under .*-never-sent/).waitFor();

    // The connection says what it still lacks before any order is decided: where confirmations go.
    await page.goto(`/admin/connections/${created.id}`);
    const missing = page.getByTestId("no-response-address");
    assert.match(await missing.innerText(), /no address for order confirmations, ship notices and cXML invoices/);
    await missing.getByRole("link", { name: "Purchase orders" }).click();
    await page.waitForURL(new RegExp(`/admin/orders/settings/${created.id}$`));
    // The settings page explains itself, leads back, and shows the identity our documents use (the connection's To).
    assert.equal(await page.getByLabel("Our domain (Credential domain)").inputValue(), "DUNS");
    assert.equal(await page.getByLabel("Our identity at this customer").inputValue(), "KOPPEL");
    await page.getByTestId("back-to-connection").waitFor();
    await context.close();
  });

  it("a municipality's order to a ship-to address we do not know: on the overview, fixed from the order page; a PCard order refused in words", async () => {
    const identity = `zeestad-e2e-${Date.now().toString(36)}`;
    const [demo] = await sql<{ company_id: number; technical_user_id: number }[]>`
      select company_id, technical_user_id from punchout_connections where protocol = 'cxml' and name = 'Ariba-style cXML (demo)'`;
    assert.ok(demo);
    const [created] = await sql<{ id: number }[]>`
      insert into punchout_connections (company_id, protocol, name, preset_id, enabled, environment, secret_hash, cxml_from, cxml_to,
                                        cxml_sender, allowed_return_origins, technical_user_id, settings)
      values (${demo.company_id}, 'cxml', 'Zeestad (e2e)', 'coupa', true, 'production', ${await hashPassword("zeestad-secret")},
              ${sql.json([{ domain: "DUNS", identity }])}, ${sql.json({ domain: "DUNS", identity: "KOPPEL" })},
              ${sql.json([{ domain: "DUNS", identity }])}, ${sql.json([])}, ${demo.technical_user_id}, ${sql.json({})})
      returning id`;
    assert.ok(created);
    const poNumber = `ZS-E2E-${Date.now().toString(36)}`;
    const addressId = `ZS-STADHUIS-${Date.now().toString(36)}`.toUpperCase();
    const orderRequest = (orderId: string, extra = "") => `<?xml version="1.0" encoding="UTF-8"?>
<cXML payloadID="${orderId}.${Math.random().toString(36).slice(2)}@zeestad.example" timestamp="2026-11-28T12:00:00+01:00" xml:lang="nl-NL">
<Header><From><Credential domain="DUNS"><Identity>${identity}</Identity></Credential></From>
<To><Credential domain="DUNS"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="DUNS"><Identity>${identity}</Identity><SharedSecret>zeestad-secret</SharedSecret></Credential><UserAgent>Coupa</UserAgent></Sender></Header>
<Request><OrderRequest><OrderRequestHeader orderID="${orderId}" orderDate="2026-11-28T12:00:00+01:00" type="new"><Total><Money currency="EUR">10.00</Money></Total>
<ShipTo><Address addressID="${addressId}" isoCountryCode="NL"><Name xml:lang="nl">Gemeente Zeestad, Stadhuis</Name><PostalAddress><Street>Markt 1</Street><City>Zeestad</City><PostalCode>9999 ZS</PostalCode><Country isoCountryCode="NL">Nederland</Country></PostalAddress></Address></ShipTo>
<BillTo><Address><Name xml:lang="nl">Demo Facilities B.V.</Name></Address></BillTo>${extra}</OrderRequestHeader>
<ItemOut quantity="1" lineNumber="1"><ItemID><SupplierPartID>X-1</SupplierPartID></ItemID><ItemDetail><UnitPrice><Money currency="EUR">10.00</Money></UnitPrice><Description xml:lang="nl">x</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>
</OrderRequest></Request></cXML>`;
    const send = async (xml: string) => {
      const response = await fetch(`${BASE_URL}/punchout/cxml/order`, { method: "POST", headers: { "content-type": "text/xml; charset=UTF-8" }, body: xml });
      return /<Status code="(\d+)"/.exec(await response.text())?.[1];
    };
    assert.equal(await send(orderRequest(`${poNumber}-PCARD`, `<Payment><PCard number="4111111111111111" expiration="2027-12-31"/></Payment>`)), "400");
    assert.equal(await send(orderRequest(poNumber)), "200");

    const context = await newContext(browser, "en");
    const page = await context.newPage();
    await signIn(page, "manager@demo.test", "demo-manager", "/admin");
    try {
      // The overview lists the oldest orders waiting for review of the manager's customers, with why.
      const [oldest] = await sql<{ order_number: string }[]>`
        select o.order_number from orders o
        join account_manager_customers a on a.company_id = o.company_id join users u on u.id = a.staff_user_id and u.email = 'manager@demo.test'
        where o.status = 'needs_review' order by o.placed_at, o.id limit 1`;
      assert.ok(oldest);
      const reviewRows = page.getByTestId("to-review-row");
      assert.match(await reviewRows.first().innerText(), new RegExp(oldest.order_number));
      const [held] = await sql<{ id: number; order_number: string }[]>`
        select o.id, o.order_number from orders o join purchase_orders p on p.order_id = o.id where p.connection_id = ${created.id} and p.buyer_order_id = ${poNumber}`;
      assert.ok(held);
      const ours = reviewRows.filter({ hasText: held.order_number });
      if ((await ours.count()) > 0) assert.match(await ours.innerText(), /Unknown ship-to address/);

      // The order page offers to add the address; the form comes filled in from the ShipTo and leads back.
      await page.goto(`/admin/orders/${held.id}`);
      assert.match(await page.getByTestId("header-reasons").innerText(), new RegExp(`Unknown ship-to address.*${addressId}`));
      await page.getByTestId("ship-to-unknown").getByRole("link", { name: "Add address to customer" }).click();
      await page.waitForURL(new RegExp(`/admin/customers/${demo.company_id}/addresses/new\\?order=${held.id}$`));
      const form = page.getByTestId("address-from-order");
      assert.equal(await form.getByLabel("Name", { exact: true }).inputValue(), "Gemeente Zeestad, Stadhuis");
      assert.equal(await form.getByLabel("Street and number").inputValue(), "Markt 1");
      assert.equal(await form.getByLabel("Postal code").inputValue(), "9999 ZS");
      assert.equal(await form.getByLabel("City").inputValue(), "Zeestad");
      assert.equal(await form.getByLabel(/^Country \(ISO\)/).inputValue(), "NL");
      assert.equal(await form.getByLabel(/^External address id/).inputValue(), addressId);
      await form.getByRole("button", { name: "Add address" }).click();
      await page.waitForURL(new RegExp(`/admin/orders/${held.id}$`));
      assert.match(await page.getByTestId("ship-to-added").innerText(), new RegExp(`now one of the customer's addresses \\(${addressId}\\)`));
      assert.equal(await page.getByTestId("ship-to-unknown").count(), 0);

      // The PCard order was refused: the log says so in words, not only as the protocol text.
      await page.goto(`/admin/messages?document=${poNumber}-PCARD`);
      const rows = await page.getByTestId("message-row").allInnerTexts();
      assert.ok(rows.some((row) => row.includes("We do not accept payment card (PCard) data")), rows.join("\n"));
    } finally {
      await context.close();
      // Demo Facilities' addresses stay as the shop journey expects them.
      await sql`delete from addresses where company_id = ${demo.company_id} and external_id = ${addressId}`;
    }
  });

  it("an account manager tests the demo OCI and cXML connections: the shop as their buyer, the cart back in /admin field by field", async () => {
    const product = await pickListPriceProduct(sql, 8);
    const price = (product.expectedPriceMinor / 100).toFixed(2);
    const [oci] = await sql<{ id: number }[]>`select id from punchout_connections where username = 'demo-oci'`;
    const [cxml] = await sql<{ id: number }[]>`select id from punchout_connections where protocol = 'cxml' and cxml_from @> '[{"identity": "AN-DEMO-BUYER"}]'`;
    const [manager] = await sql<{ name: string }[]>`select name from users where email = 'manager@demo.test'`;
    assert.ok(oci && cxml && manager);
    const context = await newContext(browser, "en");
    const page = await context.newPage();
    await signIn(page, "manager@demo.test", "demo-manager", "/admin/connections");
    for (const connection of [oci, cxml]) {
      await page.goto(`/admin/connections/${connection.id}`);
      await page.getByRole("link", { name: "Test this connection" }).click();
      await page.getByRole("heading", { name: /Test this connection/ }).waitFor();
      await page.getByRole("button", { name: "Start test session" }).click();
      await page.waitForURL(`${BASE_URL}/`);
      assert.match(await page.getByTestId("punchout-banner").innerText(), /^Connection test of .*\(demo\)/, "the shop in a test session of the connection");

      await page.goto(`/products/${encodeURIComponent(product.sku)}`);
      await page.locator("main").getByRole("spinbutton", { name: "Quantity" }).fill(String(product.quantity));
      await page.locator("main").getByRole("button", { name: "Add to cart" }).click();
      await page.locator("main").getByText("Added to cart.").waitFor();
      await page.goto("/cart");
      await page.locator("main").getByRole("button", { name: "Transfer cart" }).click();

      // Back on the test page, signed in as the manager again: the cart as the buyer's system would get it.
      await page.waitForURL(new RegExp(`/admin/connections/${connection.id}/test`));
      const result = page.getByTestId("connection-test-result");
      await result.waitFor();
      const text = await result.innerText();
      assert.ok(text.includes(`tested by ${manager!.name}`), text.split("\n")[0]);
      assert.ok(text.includes(product.sku), "the SKU is in the transferred cart");
      if (connection === oci) {
        assert.match(text, /1 line, charset/);
        assert.match(text, new RegExp(`NEW_ITEM-PRICE\\[1\\]\\s+${price.replace(".", "\\.")}`));
        assert.match(text, new RegExp(`NEW_ITEM-QUANTITY\\[1\\]\\s+${product.quantity}\\b`));
      } else {
        assert.match(text, /1 ItemIn/);
        await page.getByText("The PunchOutOrderMessage as sent").click();
        assert.ok((await result.innerText()).includes(`<Money currency="EUR">${price}</Money>`), "the unit price in the raw message");
      }
      // The test session has ended: the shop is the manager's again, nothing of the test remains open.
      const sessions: { status: string }[] = await sql`select status from punchout_sessions where connection_id = ${connection.id} and context ? 'connectionTest' order by id desc limit 1`;
      assert.equal(sessions[0]?.status, "transferred");
    }
    await context.close();
  });
});
