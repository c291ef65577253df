import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { BASE_URL, launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * "Mail me when it is back in stock", in Chromium against the running server: the buyer asks on an
 * out-of-stock product's page; the ERP reports stock through the API; the buyer is mailed once,
 * and the page offers ordering instead.
 */
let browser: Browser;
const sql = openE2eDatabase();
let product: { id: number; sku: string; stock: number; stock_as_of: Date | null };

before(async () => {
  browser = await launchBrowser();
  const [row] = await sql<{ id: number; sku: string; stock: number; stock_as_of: Date | null }[]>`
    select id, sku, stock, stock_as_of from products where active and stock > 0 order by id offset 77 limit 1`;
  product = row!;
  // Sold out until the ERP says otherwise.
  await sql`update products set stock = 0, stock_as_of = now() - interval '1 hour' where id = ${product.id}`;
});
after(async () => {
  await sql`update products set stock = ${product.stock}, stock_as_of = ${product.stock_as_of} where id = ${product.id}`;
  await sql`delete from stock_alerts where product_id = ${product.id}`;
  await browser?.close();
  await sql.end();
});

describe("back in stock", () => {
  it("the buyer asks on a sold-out product; the ERP's stock report mails them once", async () => {
    const buyer = await signIn(browser, "buyer@demo.test", "demo-buyer", `/products/${product.sku}`);
    const alert = buyer.getByTestId("stock-alert");
    assert.equal(await alert.getAttribute("data-state"), "offer");
    await alert.getByRole("button", { name: "Mail me when it is back in stock" }).click();
    await buyer.locator('[data-testid=stock-alert][data-state="open"]').waitFor();
    await alert.getByText("We'll mail you when it is back in stock.").waitFor();

    const admin = await signIn(browser, "admin@koppel.test", "demo-admin", "/admin/api-keys");
    await admin.getByLabel("Name").fill(`Stock feed ${Date.now()}`);
    await admin.getByTestId("api-key-scope-stock").check();
    await admin.getByRole("button", { name: "Create key" }).click();
    const key = (await admin.getByTestId("new-api-key").locator("code").innerText()).trim();
    await admin.context().close();

    const put = (stock: number) =>
      fetch(`${BASE_URL}/admin/api/stock`, {
        method: "PUT",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ items: [{ sku: product.sku, stock }] }),
      });
    const response = await put(12);
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { status: string }).status, "applied");

    const mails = await sql<{ subject: string; body_text: string }[]>`
      select subject, body_text from mail_outbox where to_email = 'buyer@demo.test' and kind = 'back_in_stock' and body_text like ${`%${product.sku}%`}`;
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.body_text, new RegExp(`/products/${product.sku}`));
    // A later report changes nothing for the buyer: the wish was answered.
    assert.equal((await put(20)).status, 200);
    const [again] = await sql<{ n: number }[]>`
      select count(*)::int as n from mail_outbox where to_email = 'buyer@demo.test' and kind = 'back_in_stock' and body_text like ${`%${product.sku}%`}`;
    assert.equal(again!.n, 1);

    await buyer.reload();
    assert.equal(await buyer.getByTestId("stock-alert").count(), 0, "in stock: nothing to wait for");
    await buyer.context().close();
  });
});
