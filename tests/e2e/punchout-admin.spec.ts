import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
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
