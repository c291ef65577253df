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
 * in: the ERP pushes a level with an admin's API key and the buyer sees it on the product page. An
 * ERP that cannot be called pulls the order over HTTP with an API key, acknowledges it and reports
 * its own number, which the order's page shows.
 */
let browser: Browser;
const sql = openE2eDatabase();
const erp = new FakeProcurementSystem();
let endpointId: number | null = null;
let pullEndpointId: number | null = null;
const dir = mkdtempSync(path.join(tmpdir(), "koppel-e2e-erp-"));

before(async () => {
  await erp.start();
  browser = await launchBrowser();
});
after(async () => {
  for (const id of [endpointId, pullEndpointId]) {
    if (id !== null) await sql`update webhook_endpoints set enabled = false, disabled_reason = 'switched_off' where id = ${id}`;
  }
  await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = 'companyadmin@demo.test' and c.punchout_session_id is null)`;
  await browser?.close();
  await erp.stop();
  rmSync(dir, { recursive: true, force: true });
  await sql.end();
});

/** The demo company admin buys two of `sku` in the browser; returns the order number. */
async function checkOut(sku: string, poNumber: string): Promise<string> {
  const buyer = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", "/");
  await buyer.goto(`${BASE_URL}/products/${encodeURIComponent(sku)}`);
  const main = buyer.locator("main");
  await main.getByRole("spinbutton", { name: /^(Quantity|Aantal)$/ }).fill("2");
  await main.getByRole("button", { name: /^(Add to cart|In winkelwagen)$/ }).click();
  await main.getByText(/^(Added to cart\.|Toegevoegd aan winkelwagen\.)$/).waitFor();
  await buyer.goto(`${BASE_URL}/checkout`);
  await buyer.locator("input[name=poNumber]").fill(poNumber);
  await buyer.getByRole("button", { name: "Place order" }).click();
  await buyer.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
  const orderNumber = /\/account\/orders\/(K\d+)/.exec(buyer.url())![1]!;
  await buyer.context().close();
  return orderNumber;
}

/** An admin's API key that may use only `scopes`, made in the browser (shown once). */
async function createApiKey(name: string, scopes: string[]): Promise<string> {
  const admin = await signIn(browser, "admin@koppel.test", "demo-admin", "/admin/api-keys");
  await admin.getByLabel("Name").fill(name);
  for (const scope of scopes) await admin.getByTestId(`api-key-scope-${scope}`).check();
  await admin.getByRole("button", { name: "Create key" }).click();
  const key = (await admin.getByTestId("new-api-key").locator("code").innerText()).trim();
  // The list says what the key may use, and logs its calls.
  await admin.getByTestId("api-key-row").filter({ hasText: name }).first().waitFor();
  await admin.context().close();
  return key;
}

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
    const posted = erp.posts.length;
    const orderNumber = await checkOut(product.sku, "PO-WEBHOOK-E2E");

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
    const key = await createApiKey("ERP stock sync (e2e)", ["stock"]);
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
    // A stock feed's key may not read the customers' orders (least privilege): 403 naming the scope it lacks.
    const [anyOrder] = await sql<{ order_number: string }[]>`select order_number from orders order by id limit 1`;
    if (anyOrder) {
      const orders = await fetch(`${BASE_URL}/admin/api/orders/${anyOrder.order_number}`, { headers: { authorization: `Bearer ${key}` } });
      assert.equal(orders.status, 403);
      assert.deepEqual(((await orders.json()) as { details: { required: string } }).details.required, "orders");
    }
    // The key's page lists what it did, with the answers.
    const keys = await signIn(browser, "admin@koppel.test", "demo-admin", "/admin/api-keys");
    const row = keys.getByTestId("api-key-row").filter({ hasText: "ERP stock sync (e2e)" }).first();
    assert.match(await row.getByTestId("api-key-scopes").innerText(), /^Stock levels/);
    await row.getByTestId("api-key-calls").locator("summary").click();
    const log = await row.getByTestId("api-key-calls").innerText();
    assert.match(log, /PUT \/admin\/api\/stock\s+200/);
    assert.match(log, /PUT \/admin\/api\/stock\s+422/);
    await keys.context().close();

    const buyer = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", `/products/${encodeURIComponent(product.sku)}`);
    // Stock is shown with a thousands separator ("1,234 in stock" / "1.234 op voorraad").
    assert.match(await buyer.locator("main").innerText(), new RegExp(new Intl.NumberFormat("en-GB").format(product.stock + 777).replace(/,/g, "[.,]")));
    await sql`update products set stock = ${product.stock}, stock_as_of = null where sku = ${product.sku}`;
  });

  it("an ERP behind a firewall pulls the order with an API key, acknowledges it and reports its own number", async () => {
    const admin = await signIn(browser, "admin@koppel.test", "demo-admin", "/admin/settings/webhooks");
    const form = admin.getByTestId("webhook-create-form");
    await form.getByTestId("webhook-delivery-pull").check();
    assert.equal(await form.locator("input[name=url]").count(), 0);
    await form.locator("input[name=name]").fill("AFAS pull (e2e)");
    await form.getByRole("button", { name: "Create endpoint" }).click();
    await admin.getByTestId("webhook-pull-created").waitFor();
    assert.equal(await admin.getByTestId("webhook-secret").count(), 0);
    const [endpoint] = await sql<{ id: number }[]>`select id from webhook_endpoints where name = 'AFAS pull (e2e)' order by id desc limit 1`;
    assert.ok(endpoint);
    pullEndpointId = endpoint.id;
    const key = await createApiKey("AFAS pull (e2e)", ["orders"]);
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${BASE_URL}${path}`, { ...init, headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...init.headers } });

    const [product] = await sql<{ sku: string }[]>`
      select sku from products where active and min_order_quantity = 1 and order_multiple = 1 and stock > 20 order by id offset 42 limit 1`;
    assert.ok(product);
    const orderNumber = await checkOut(product.sku, "PO-PULL-E2E");

    type Pulled = { events: { id: string; type: string; data: { order: { number: string; poNumber: string; erpReference: string | null } } }[]; hasMore: boolean };
    const fetched = await api(`/admin/api/webhooks/${endpoint.id}/events?limit=10`);
    assert.equal(fetched.status, 200);
    const { events } = (await fetched.json()) as Pulled;
    const created = events.find((event) => event.data.order?.number === orderNumber);
    assert.ok(created, JSON.stringify(events).slice(0, 500));
    assert.equal(created.type, "order.created");
    assert.equal(created.data.order.poNumber, "PO-PULL-E2E");
    // Not acknowledged yet: fetched again, the same event.
    const again = (await (await api(`/admin/api/webhooks/${endpoint.id}/events?limit=10`)).json()) as Pulled;
    assert.deepEqual(again.events.find((event) => event.id === created.id), created);

    const ack = await api(`/admin/api/webhooks/${endpoint.id}/events/ack`, { method: "POST", body: JSON.stringify({ ids: events.map((event) => event.id) }) });
    assert.equal(ack.status, 200);
    assert.equal(((await ack.json()) as { counts: { acknowledged: number } }).counts.acknowledged, events.length);
    const after = (await (await api(`/admin/api/webhooks/${endpoint.id}/events`)).json()) as Pulled;
    assert.equal(after.events.some((event) => event.id === created.id), false);

    const reported = await api(`/admin/api/orders/${orderNumber}/erp-reference`, { method: "PUT", body: JSON.stringify({ erpReference: "VO-E2E-4711" }) });
    assert.equal(reported.status, 200);
    const order = (await (await api(`/admin/api/orders/${orderNumber}`)).json()) as { order: { erpReference: string } };
    assert.equal(order.order.erpReference, "VO-E2E-4711");
    assert.equal((await fetch(`${BASE_URL}/admin/api/orders/${orderNumber}`)).status, 404);
    assert.equal((await api(`/admin/api/orders/${orderNumber}/erp-reference`, { method: "PUT", body: "{}" })).status, 400);

    // The endpoint's page shows the event acknowledged; the order's page shows the ERP number, which staff can correct.
    await admin.goto(`${BASE_URL}/admin/settings/webhooks/${endpoint.id}`);
    await admin.getByTestId("webhook-pull-api").waitFor();
    assert.equal(await admin.getByTestId("webhook-delivery").filter({ hasText: orderNumber }).first().getAttribute("data-status"), "delivered");
    const [placed] = await sql<{ id: number }[]>`select id from orders where order_number = ${orderNumber}`;
    await admin.goto(`${BASE_URL}/admin/orders/${placed!.id}`);
    assert.equal((await admin.getByTestId("erp-reference").innerText()).trim(), "VO-E2E-4711");
    await admin.getByText("Enter or change").click();
    const erpForm = admin.getByTestId("erp-reference-form");
    await erpForm.locator("input[name=erpReference]").fill("VO-E2E-4712");
    await erpForm.getByRole("button", { name: "Save" }).click();
    await admin.getByTestId("erp-reference").filter({ hasText: "VO-E2E-4712" }).waitFor();
    await admin.goto(`${BASE_URL}/admin/orders?q=E2E-4712`);
    await admin.getByRole("link", { name: orderNumber }).waitFor();

    // The ERP ships it and reports the parcel; its retry after a timeout records nothing twice.
    const shipment = { carrier: "PostNL", trackingNumber: "3SE2EPULL01" };
    const shipped = await api(`/admin/api/orders/${orderNumber}/shipments`, { method: "POST", body: JSON.stringify(shipment) });
    assert.equal(shipped.status, 201);
    assert.equal(((await shipped.json()) as { complete: boolean }).complete, true);
    const retried = await api(`/admin/api/orders/${orderNumber}/shipments`, { method: "POST", body: JSON.stringify(shipment) });
    assert.equal(retried.status, 200);
    assert.equal(((await retried.json()) as { replayed: boolean }).replayed, true);
    const [count] = await sql<{ n: number }[]>`select count(*)::int as n from order_shipments where order_id = ${placed!.id}`;
    assert.equal(count!.n, 1);
    await admin.goto(`${BASE_URL}/admin/orders/${placed!.id}`);
    await admin.getByText("3SE2EPULL01").first().waitFor();
  });
});
