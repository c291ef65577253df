import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Products sold in multiples (order_multiple > 1) go into the cart from their product page: the
 * browser does not stand in the way (min 1 with step 2 made it refuse 2, the suggested quantity,
 * before anything reached the server), and a quantity between multiples gets the shop's message
 * with the nearest valid one. Chromium against the running server.
 */
let browser: Browser;
const sql = openE2eDatabase();

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await sql.end();
});

describe("products sold in multiples", () => {
  it("the buyer adds the suggested quantity and, after one between multiples, the nearest valid quantity the field then holds", async () => {
    const [product] = await sql<{ sku: string; order_multiple: number; min_order_quantity: number }[]>`
      select sku, order_multiple, min_order_quantity from products
      where active and order_multiple > 1 and min_order_quantity <= order_multiple and stock > 1000 order by id limit 1`;
    assert.ok(product, "the demo catalog has products sold in multiples");
    const multiple = product.order_multiple;
    await sql`delete from cart_lines where product_id = (select id from products where sku = ${product.sku})
      and cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = 'buyer@demo.test')`;
    const buyer = await signIn(browser, "buyer@demo.test", "demo-buyer", `/products/${encodeURIComponent(product.sku)}`);
    const main = buyer.locator("main");
    const quantity = main.getByRole("spinbutton", { name: "Quantity", exact: true });
    assert.equal(await quantity.inputValue(), String(multiple), "the field suggests one multiple");
    await main.getByRole("button", { name: "Add to cart", exact: true }).click();
    await main.getByText("Added to cart.", { exact: true }).waitFor();

    // A quantity between multiples: our message (not the browser's) with the nearest valid quantity,
    // which the field then holds, ready to add.
    await quantity.fill(String(multiple + 1));
    await main.getByRole("button", { name: "Add to cart", exact: true }).click();
    const alert = await buyer.locator("p [role=alert], p[role=alert]").first().innerText();
    assert.match(alert, new RegExp(`sold in multiples of ${multiple}\\. Nearest valid quantity: [\\d,]+\\.`));
    const suggested = Number(await quantity.inputValue());
    assert.ok(suggested > 0 && suggested % multiple === 0, `the field offers a multiple, not ${suggested}`);
    await main.getByRole("button", { name: "Add to cart", exact: true }).click();
    await main.getByText("Added to cart.", { exact: true }).waitFor();

    const [line] = await sql<{ quantity: number }[]>`
      select l.quantity from cart_lines l join carts c on c.id = l.cart_id join users u on u.id = c.user_id join products p on p.id = l.product_id
      where u.email = 'buyer@demo.test' and c.punchout_session_id is null and p.sku = ${product.sku}`;
    assert.equal(line?.quantity, multiple + suggested);
    await buyer.context().close();
  });
});
