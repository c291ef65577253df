import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Products sold in multiples (order_multiple > 1) go into the cart from their product page: the
 * browser does not stand in the way (min 1 with step 2 made it refuse 2, the suggested quantity,
 * before anything reached the server), and a quantity between multiples gets the shop's message
 * with the nearest valid one, on the product page and in the cart, where each line names its rule,
 * keeps its quantity in the field and offers the valid quantities either side as buttons.
 * A minimum above the multiple (12 per 6): the field and the tier table start at it. Chromium
 * against the running server.
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
    // The rule under the field (its description) is visible: it was for screen readers only.
    // Its id is the form's own (useId: a product may show twice on a page), so found through the field.
    const ruleId = (await quantity.getAttribute("aria-describedby")) ?? "";
    assert.match(ruleId, /^\S+$/, "the rule alone describes the field");
    const rule = main.locator(`[id="${ruleId}"]`);
    assert.equal(await rule.isVisible(), true);
    assert.equal((await rule.innerText()).trim(), `In multiples of ${multiple}`);
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

    // In the cart: the line names its rule, and a quantity between multiples gets the shop's message
    // (noValidate: not the browser's English bubble) with the nearest valid quantity; the line keeps its
    // quantity and so does the field (it never shows what the line total does not reflect), the valid
    // quantities either side are offered as buttons, and the keyboard stays on the field.
    await buyer.goto("/cart");
    const row = buyer.locator(`[data-testid=cart-line][data-sku="${product.sku}"]`);
    assert.equal((await row.getByTestId("cart-line-rule").innerText()).trim(), `In multiples of ${multiple}`);
    const lineQuantity = row.getByRole("spinbutton");
    const inCart = multiple + suggested;
    // React resets the form, and the component moves the focus back, when the answer is in: wait briefly for each.
    const fieldHolds = async (value: number, what: string) => {
      const field = await lineQuantity.elementHandle();
      const holds = await buyer
        .waitForFunction(([element, text]) => (element as HTMLInputElement).value === text, [field, String(value)] as const, { timeout: 5_000 })
        .then(() => true, () => false);
      assert.equal(holds, true, `${what}: ${await lineQuantity.inputValue()}, not ${value}`);
    };
    const focusIsOnField = async (what: string) => {
      const field = await lineQuantity.elementHandle();
      const back = await buyer.waitForFunction((element) => element === document.activeElement, field, { timeout: 5_000 }).then(() => true, () => false);
      assert.equal(back, true, what);
    };
    const lineInCart = async () =>
      (
        await sql<{ quantity: number }[]>`
          select l.quantity from cart_lines l join carts c on c.id = l.cart_id join users u on u.id = c.user_id join products p on p.id = l.product_id
          where u.email = 'buyer@demo.test' and c.punchout_session_id is null and p.sku = ${product.sku}`
      )[0]?.quantity;
    const between = inCart + 1;
    const below = inCart;
    const above = inCart + multiple;
    const nearest = between - below < above - between ? below : above;
    await lineQuantity.fill(String(between));
    await row.getByRole("button", { name: "Update", exact: true }).click();
    const lineAlert = row.locator("p[role=alert]");
    await lineAlert.waitFor();
    assert.equal((await lineAlert.innerText()).trim(), `This product is sold in multiples of ${multiple}. Nearest valid quantity: ${nearest.toLocaleString("en-US")}.`);
    const offers = row.getByTestId("cart-line-offers").getByRole("button");
    assert.deepEqual(
      (await offers.allInnerTexts()).map((text) => text.trim()),
      [`Set to ${below.toLocaleString("en-US")}`, `Set to ${above.toLocaleString("en-US")}`],
    );
    await fieldHolds(inCart, "the field shows what the cart holds");
    await focusIsOnField("after Update the keyboard is back on the field");
    assert.equal(await lineInCart(), inCart);

    // Enter in the field: refused again, the focus stays; one press on an offer sets it.
    await lineQuantity.fill(String(between));
    await lineQuantity.press("Enter");
    await fieldHolds(inCart, "after Enter the field shows what the cart holds");
    await focusIsOnField("after Enter the keyboard stays on the field");
    await row.getByRole("button", { name: `Set to ${above.toLocaleString("en-US")}`, exact: true }).click();
    await lineAlert.waitFor({ state: "detached" });
    await row.getByTestId("cart-line-offers").waitFor({ state: "detached" });
    await fieldHolds(above, "the field shows the quantity set");
    assert.equal(await lineInCart(), above);
    await focusIsOnField("after an offer the keyboard is on the field");
    await row.getByRole("button", { name: /^Remove / }).click();
    await row.waitFor({ state: "detached" });
    await buyer.context().close();
  });

  it("a minimum above the multiple (12 per 6): the field, its rule and the tier table start at the smallest valid quantity", async () => {
    // List tiers only (no contract price of Demo Facilities replaces the ladder), so the table shows.
    const [product] = await sql<{ sku: string; order_multiple: number; min_order_quantity: number }[]>`
      select p.sku, p.order_multiple, p.min_order_quantity from products p
      where p.active and p.order_multiple > 1 and p.min_order_quantity > p.order_multiple and jsonb_array_length(p.list_price_tiers) > 0
        and not exists (select 1 from price_list_entries e join company_price_lists c on c.price_list_id = e.price_list_id
                        join companies co on co.id = c.company_id and co.name = 'Demo Facilities B.V.' where e.product_id = p.id)
      order by p.id limit 1`;
    assert.ok(product, "the demo catalog has products with a minimum above their multiple and list tiers");
    const multiple = product.order_multiple;
    const smallest = Math.ceil(product.min_order_quantity / multiple) * multiple;
    const buyer = await signIn(browser, "buyer@demo.test", "demo-buyer", `/products/${encodeURIComponent(product.sku)}`);
    const main = buyer.locator("main");
    const quantity = main.getByRole("spinbutton", { name: "Quantity", exact: true });
    assert.deepEqual(
      [await quantity.inputValue(), await quantity.getAttribute("min"), await quantity.getAttribute("step")],
      [String(smallest), String(smallest), String(multiple)],
      "the field starts at, and steps from, the smallest valid quantity",
    );
    assert.equal((await main.locator(`[id="${await quantity.getAttribute("aria-describedby")}"]`).innerText()).trim(), `Minimum ${smallest}, in multiples of ${multiple}`);
    const firstTier = await main.getByTestId("price-tiers").locator("tr").first().locator("td").first().innerText();
    assert.equal(firstTier.trim(), `from ${smallest}`);
    await buyer.context().close();
  });
});
