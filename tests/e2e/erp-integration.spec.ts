import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { BASE_URL, launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";
import { FakeProcurementSystem } from "./support/fake-procurement";
import { PEPPOL_ORDER_VALIDATOR } from "../support/shared-dir";

/**
 * The supplier's ERP both ways, in Chromium against the running server. Orders out: an admin adds a
 * webhook endpoint (the fake ERP middleware on 127.0.0.1), a buyer checks out, and the server's
 * worker delivers a Standard Webhooks call the receiver's library verifies with the secret the admin
 * was shown once (the endpoint is switched off afterwards so later spec files queue nothing). Stock
 * in: the ERP pushes a level with an admin's API key and the buyer sees it on the product page.
 */
let browser: Browser;
const sql = openE2eDatabase();
const erp = new FakeProcurementSystem();
let endpointId: number | null = null;
const dir = mkdtempSync(path.join(tmpdir(), "koppel-e2e-erp-"));

before(async () => {
  await erp.start();
  browser = await launchBrowser();
});
after(async () => {
  if (endpointId !== null) await sql`update webhook_endpoints set enabled = false, disabled_reason = 'e2e done' where id = ${endpointId}`;
  await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = 'companyadmin@demo.test' and c.punchout_session_id is null)`;
  await browser?.close();
  await erp.stop();
  rmSync(dir, { recursive: true, force: true });
  await sql.end();
});

describe("ERP integration", () => {
  it("admin adds an endpoint → buyer checks out → the ERP receives a signed order.created it can verify", async () => {
    const admin = await signIn(browser, "admin@koppel.test", "demo-admin", "/admin/settings/webhooks");
    const form = admin.getByTestId("webhook-create-form");
    await form.locator("input[name=name]").fill("ERP middleware (e2e)");
    await form.locator("input[name=url]").fill(`${erp.origin}/erp/orders`);
    await form.getByRole("button", { name: "Create endpoint" }).click();
    const secret = (await admin.getByTestId("webhook-secret").innerText()).trim();
    assert.match(secret, /^whsec_/);
    const [endpoint] = await sql<{ id: number }[]>`select id from webhook_endpoints where name = 'ERP middleware (e2e)' order by id desc limit 1`;
    assert.ok(endpoint);
    endpointId = endpoint.id;

    const [product] = await sql<{ sku: string }[]>`
      select sku from products where active and min_order_quantity = 1 and order_multiple = 1 and stock > 20 order by id offset 40 limit 1`;
    assert.ok(product);
    const buyer = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", "/");
    await buyer.goto(`${BASE_URL}/products/${encodeURIComponent(product.sku)}`);
    const main = buyer.locator("main");
    await main.getByRole("spinbutton", { name: /^(Quantity|Aantal)$/ }).fill("2");
    await main.getByRole("button", { name: /^(Add to cart|In winkelwagen)$/ }).click();
    await main.getByText(/^(Added to cart\.|Toegevoegd aan winkelwagen\.)$/).waitFor();
    await buyer.goto(`${BASE_URL}/checkout`);
    await buyer.locator("input[name=poNumber]").fill("PO-WEBHOOK-E2E");
    const posted = erp.posts.length;
    await buyer.getByRole("button", { name: "Place order" }).click();
    await buyer.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
    const orderNumber = /\/account\/orders\/(K\d+)/.exec(buyer.url())![1]!;

    // The worker polls every few seconds.
    const call = await erp.waitForPosts(posted + 1, 30_000);
    assert.equal(call.path, "/erp/orders");
    const body = new Webhook(secret).verify(call.body.toString("utf8"), call.headers) as { type: string; data: { order: { number: string; poNumber: string; lines: { sku: string; quantity: number }[] } } };
    assert.equal(body.type, "order.created");
    assert.equal(body.data.order.number, orderNumber);
    assert.equal(body.data.order.poNumber, "PO-WEBHOOK-E2E");
    assert.deepEqual(body.data.order.lines.map((line) => [line.sku, line.quantity]), [[product.sku, 2]]);

    // The endpoint's page lists the delivery as delivered.
    await admin.goto(`${BASE_URL}/admin/settings/webhooks/${endpointId}`);
    const row = admin.getByTestId("webhook-delivery").filter({ hasText: orderNumber }).first();
    assert.equal(await row.getAttribute("data-status"), "delivered");
    assert.equal(await row.getAttribute("data-event-type"), "order.created");

    // The same order as a Peppol BIS Ordering 3 UBL Order, downloaded from its page, for ERPs that import UBL.
    const [placed] = await sql<{ id: number }[]>`select id from orders where order_number = ${orderNumber}`;
    await admin.goto(`${BASE_URL}/admin/orders/${placed!.id}`);
    const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByTestId("ubl-order-download").click()]);
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    assert.match(readFileSync(file, "utf8"), new RegExp(`<cbc:ID>${orderNumber}</cbc:ID>[\\s\\S]*<cbc:CustomerReference>PO-WEBHOOK-E2E</cbc:CustomerReference>`));
    if (existsSync(PEPPOL_ORDER_VALIDATOR)) {
      const run = spawnSync("sh", [PEPPOL_ORDER_VALIDATOR, "order", file], { encoding: "utf8" });
      assert.equal(run.status, 0, `${run.stdout}${run.stderr}`.slice(0, 2000));
    }
  });

  it("the ERP pushes a stock level with an admin's API key; the buyer sees it; an older report changes nothing", async () => {
    const admin = await signIn(browser, "admin@koppel.test", "demo-admin", "/admin/api-keys");
    await admin.getByLabel("Name").fill("ERP stock sync (e2e)");
    await admin.getByRole("button", { name: "Create key" }).click();
    const key = (await admin.getByTestId("new-api-key").locator("code").innerText()).trim();
    const [product] = await sql<{ sku: string; stock: number }[]>`select sku, stock from products where active order by id offset 41 limit 1`;
    assert.ok(product);
    const push = (stock: number, asOf: string) =>
      fetch(`${BASE_URL}/admin/api/stock`, {
        method: "PUT",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ items: [{ sku: product.sku, stock, asOf }] }),
      });
    const fresh = await push(product.stock + 777, new Date().toISOString());
    assert.equal(fresh.status, 200);
    assert.deepEqual(((await fresh.json()) as { rows: unknown }).rows, [{ sku: product.sku, outcome: "updated" }]);
    const old = await push(3, new Date(Date.now() - 3_600_000).toISOString());
    assert.deepEqual(((await old.json()) as { rows: unknown }).rows, [{ sku: product.sku, outcome: "stale" }]);
    const unknown = await fetch(`${BASE_URL}/admin/api/stock`, {
      method: "PUT",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ items: [{ sku: "NO-SUCH-SKU", stock: 1 }] }),
    });
    assert.equal(unknown.status, 422);
    const anonymous = await fetch(`${BASE_URL}/admin/api/stock`, { method: "PUT", headers: { "content-type": "application/json" }, body: "{}" });
    assert.equal(anonymous.status, 404);

    const buyer = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", `/products/${encodeURIComponent(product.sku)}`);
    assert.match(await buyer.locator("main").innerText(), new RegExp(String(product.stock + 777)));
    await sql`update products set stock = ${product.stock}, stock_as_of = null where sku = ${product.sku}`;
  });
});
