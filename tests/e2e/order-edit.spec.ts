import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { addToCartOnProductPage, launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Staff change a web order, in Chromium against the running server: a buyer orders two items; the
 * admin (on the customer's call) raises one quantity, removes the other and adds a third — an
 * unknown article number first, which changes nothing — and the buyer finds the change with its
 * reason on their order page and in their mail. Amstelland's buyer, whose cart no other spec uses.
 */
const BUYER = ["facilitair@soo-amstelland.test", "demo-facilitair"] as const;
let browser: Browser;
const sql = openE2eDatabase();
let items: { sku: string }[];

const clearCart = () =>
  sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = ${BUYER[0]} and c.punchout_session_id is null)`;

before(async () => {
  browser = await launchBrowser();
  items = await sql<{ sku: string }[]>`
    select sku from products where active and min_order_quantity = 1 and order_multiple = 1 and stock > 20 and list_price_minor between 2000 and 4500
    order by id offset 50 limit 3`;
  assert.equal(items.length, 3);
  await clearCart();
});
after(async () => {
  await clearCart();
  await browser?.close();
  await sql.end();
});

describe("changing an order", () => {
  it("the admin changes a placed order's lines; the buyer sees the change and why", async () => {
    const [a, b, c] = items as [{ sku: string }, { sku: string }, { sku: string }];
    const buyer = await signIn(browser, ...BUYER, "/");
    await addToCartOnProductPage(buyer, a.sku, 2);
    await addToCartOnProductPage(buyer, b.sku, 3);
    await buyer.goto("/checkout");
    await buyer.getByLabel("PO number").fill("PO-EDIT-1");
    await buyer.getByRole("button", { name: "Place order" }).click();
    await buyer.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
    const orderNumber = (await buyer.getByTestId("order-number").innerText()).replace("Order ", "").trim();
    const [order] = await sql<{ id: number; total_minor: number }[]>`select id, total_minor from orders where order_number = ${orderNumber}`;

    const admin = await signIn(browser, "admin@koppel.test", "demo-admin", `/admin/orders/${order!.id}`);
    admin.on("dialog", (dialog) => void dialog.accept());
    const form = admin.getByTestId("edit-order-form");
    await form.getByLabel("New quantity 1").fill("5");
    await form.getByLabel("New quantity 2").fill("0");
    await form.getByLabel("Add lines").fill("NOPE-NOT-A-SKU;1");
    await form.getByLabel("Reason (for the orderer)").fill(`${b.sku} is discontinued; more of ${a.sku} instead`);
    await form.getByRole("button", { name: "Save change" }).click();
    await form.getByTestId("form-error").getByText("No active product with article number NOPE-NOT-A-SKU.").waitFor();
    const [untouched] = await sql<{ n: number }[]>`select count(*)::int as n from order_lines where order_id = ${order!.id}`;
    assert.equal(untouched!.n, 2, "a refused change changes nothing");

    // keepInput: what was typed is still there; only the additions change.
    await form.getByLabel("Add lines").fill(`${c.sku};4`);
    await form.getByRole("button", { name: "Save change" }).click();
    await form.getByTestId("form-success").waitFor();
    await admin.reload();
    const lines = admin.getByTestId("order-lines");
    assert.match(await lines.getByTestId("order-line-1").innerText(), /\b5\b/);
    assert.equal(await lines.getByTestId("order-line-2").count(), 0);
    assert.match(await lines.getByTestId("order-line-3").innerText(), new RegExp(c.sku));
    assert.match(await admin.getByTestId("order-history").innerText(), /Changed · Koppel Beheer · .*discontinued/);
    await admin.context().close();

    const [changed] = await sql<{ total_minor: number; skus: string[] }[]>`
      select o.total_minor, array_agg(l.sku order by l.line_number) as skus from orders o join order_lines l on l.order_id = o.id
      where o.id = ${order!.id} group by o.id`;
    assert.deepEqual(changed!.skus, [a.sku, c.sku]);
    assert.notEqual(changed!.total_minor, order!.total_minor);

    await buyer.goto(`/account/orders/${orderNumber}`);
    const history = await buyer.getByTestId("order-history").innerText();
    assert.match(history, /Changed by Koppel Beheer: .*discontinued/);
    assert.match(history, new RegExp(`${b.sku}: removed \\(3\\)`));
    const mails = await sql<{ subject: string; body_text: string }[]>`
      select subject, body_text from mail_outbox where to_email = ${BUYER[0]} and kind = 'order_changed' and subject like ${`%${orderNumber}%`}`;
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.body_text, new RegExp(`${c.sku}: (added|toegevoegd) \\(4\\)`));
    await buyer.context().close();
  });
});
