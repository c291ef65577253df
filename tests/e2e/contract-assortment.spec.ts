import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { addToCartOnProductPage, cartBadgeShows, launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * A contract-assortment customer in Chromium: Gemeente Waterland (demo), a municipality that may buy
 * only what its tender covers. Its buyer's navigation, category pages, search and quick order hold
 * only the contract's products; a product outside it, opened by its address, shows no price and no
 * "Add to cart" but offers a quote request; the cart takes the contract's products. The account
 * manager then opens the whole catalogue to the customer, and the same product can be ordered.
 */
const BUYER = ["inkoop@waterland.test", "demo-inkoop"] as const;
const COMPANY = "Gemeente Waterland";
let browser: Browser;
const sql = openE2eDatabase();
let inContract: { sku: string; name_en: string; slug: string };
let outside: { sku: string; name_en: string; slug: string };

before(async () => {
  browser = await launchBrowser();
  await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = ${BUYER[0]})`;
  await sql`update companies set assortment = 'contract' where name = ${COMPANY}`;
  // The tender covers copy paper (among others), not power tools.
  const [paper] = await sql<{ sku: string; name_en: string; slug: string }[]>`
    select p.sku, p.name_en, c.slug from products p join categories c on c.id = p.category_id
    where p.active and c.code = 'OFF-PAP' and p.min_order_quantity = 1 and p.order_multiple = 1 order by p.id limit 1`;
  const [tool] = await sql<{ sku: string; name_en: string; slug: string }[]>`
    select p.sku, p.name_en, c.slug from products p join categories c on c.id = p.category_id
    where p.active and c.code = 'MRO-PWR' and p.min_order_quantity = 1 and p.order_multiple = 1 order by p.id limit 1`;
  assert.ok(paper && tool, "demo data: a copy paper and a power tool orderable per one");
  inContract = paper;
  outside = tool;
});
after(async () => {
  await sql`update companies set assortment = 'contract' where name = ${COMPANY}`;
  await browser?.close();
  await sql.end();
});

describe("contract assortment", () => {
  it("the buyer finds only the contract's products, and cannot order the rest", async () => {
    const page = await signIn(browser, BUYER[0], BUYER[1], "/");
    const main = page.locator("main");
    // Navigation: the tender's categories, not the others.
    await main.getByRole("link", { name: "Copy paper", exact: true }).waitFor();
    assert.equal(await main.getByRole("link", { name: "Power tools", exact: true }).count(), 0);

    // A category outside the tender, opened by its address: nothing to order there.
    await page.goto(`/catalog/${outside.slug}`);
    await main.getByText("No products", { exact: true }).waitFor();

    // Search: by the outside product's SKU nothing; by the contract product's SKU, that product.
    await page.goto(`/search?q=${encodeURIComponent(outside.sku)}`);
    assert.equal(await main.getByRole("link", { name: outside.name_en }).count(), 0);
    await page.goto(`/search?q=${encodeURIComponent(inContract.sku)}`);
    await main.getByRole("link", { name: inContract.name_en }).first().waitFor();

    // The outside product's own page: no price, no "Add to cart"; a quote request instead.
    await page.goto(`/products/${encodeURIComponent(outside.sku)}`);
    await main.getByTestId("not-in-assortment").getByText("Not in your contract assortment").waitFor();
    assert.equal(await main.getByRole("button", { name: "Add to cart", exact: true }).count(), 0);
    // …which goes to the account manager as a quote request.
    const quote = main.getByTestId("product-quote");
    await quote.getByRole("textbox").fill("Graag toevoegen aan de raamovereenkomst");
    await quote.getByRole("button", { name: "Request a quote" }).click();
    await page.waitForURL(/\/account\/quotes\/[^/?]+\?requested=1/);
    const [request] = await sql<{ n: number }[]>`
      select count(*)::int as n from quotes q join quote_lines l on l.quote_id = q.id join products p on p.id = l.product_id
      where p.sku = ${outside.sku} and q.buyer_comment = 'Graag toevoegen aan de raamovereenkomst'`;
    assert.equal(request!.n, 1);

    // Quick order names the line outside the contract and adds the other.
    await page.goto("/quick-order");
    await page.getByLabel("Lines (SKU;quantity)").fill([`${outside.sku};2`, `${inContract.sku};3`].join("\n"));
    await page.getByRole("button", { name: "Add lines to cart" }).click();
    const report = page.getByTestId("line-report");
    await report.waitFor();
    const statuses = await report.getByTestId("report-line").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-status")));
    assert.deepEqual(statuses, ["not_in_assortment", "added"]);
    assert.match(await report.getByTestId("report-line").first().innerText(), /Not in your contract assortment/);
    await cartBadgeShows(page, 3);

    // My account says why.
    await page.goto("/account");
    assert.match(await page.getByTestId("account-assortment").innerText(), /only the products in its contract/);
    await page.context().close();
  });

  it("the account manager opens the whole catalogue to the customer, and the product can be ordered; the switch is in its history", async () => {
    const [company] = await sql<{ id: number }[]>`select id from companies where name = ${COMPANY}`;
    const switches = async () =>
      (await sql<{ n: number }[]>`select count(*)::int as n from price_audit_log where company_id = ${company!.id} and action = 'assortment_changed'`)[0]!.n;
    const before = await switches();
    const manager = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/customers/${company!.id}/pricing`);
    const setting = manager.getByTestId("customer-assortment-setting");
    assert.equal(await setting.getAttribute("data-assortment"), "contract");
    assert.ok(Number(await setting.getAttribute("data-count")) > 20, "the tender prices its categories' products");
    const form = manager.getByTestId("assortment-form");
    await form.getByTestId("assortment-all").check();
    await form.getByRole("button", { name: "Save assortment" }).click();
    await form.getByTestId("form-success").waitFor();

    const buyer = await signIn(browser, BUYER[0], BUYER[1], "/");
    await addToCartOnProductPage(buyer, outside.sku, 1);
    await buyer.goto("/cart");
    await buyer.locator("main").getByRole("link", { name: outside.name_en }).waitFor();

    // Limited again: the line stays in the cart, marked, and must go before checkout.
    await manager.reload();
    await manager.getByTestId("assortment-form").getByTestId("assortment-contract").check();
    await manager.getByTestId("assortment-form").getByRole("button", { name: "Save assortment" }).click();
    await manager.getByTestId("assortment-form").getByTestId("form-success").waitFor();
    await buyer.reload();
    await buyer.locator("main").getByText("Not (or no longer) in your contract assortment: remove it from your cart.").waitFor();

    await manager.goto(`/admin/customers/${company!.id}/history`);
    assert.equal(await switches(), before + 2);
    const rows = manager.getByTestId("audit-row").filter({ hasText: "Assortment changed" });
    await rows.nth(1).waitFor();
    await manager.context().close();
    await buyer.context().close();
  });

  it("staff changing the customer's order add a product outside the contract only when they tick that they mean it", async () => {
    await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = ${BUYER[0]})`;
    const buyer = await signIn(browser, BUYER[0], BUYER[1], "/");
    await addToCartOnProductPage(buyer, inContract.sku, 2);
    await buyer.goto("/checkout");
    await buyer.getByLabel("PO number").fill("WL-2026-114");
    await buyer.getByRole("button", { name: "Place order" }).click();
    await buyer.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
    const orderNumber = (await buyer.getByTestId("order-number").innerText()).replace("Order ", "").trim();
    const [order] = await sql<{ id: number }[]>`select id from orders where order_number = ${orderNumber}`;

    const manager = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/orders/${order!.id}`);
    manager.on("dialog", (dialog) => void dialog.accept());
    const form = manager.getByTestId("edit-order-form");
    await form.getByLabel("Add lines").fill(`${outside.sku};1`);
    await form.getByLabel("Reason (for the orderer)").fill("Telefonisch bijbesteld");
    await form.getByRole("button", { name: "Save change" }).click();
    await form.getByTestId("form-error").getByText(`Outside this customer's contract assortment: ${outside.sku}.`, { exact: false }).waitFor();
    const lines = async () => (await sql<{ sku: string }[]>`select sku from order_lines where order_id = ${order!.id} order by line_number`).map((line) => line.sku);
    assert.deepEqual(await lines(), [inContract.sku]);

    await form.getByTestId("edit-outside-assortment").check();
    await form.getByRole("button", { name: "Save change" }).click();
    await form.getByTestId("form-success").waitFor();
    assert.deepEqual(await lines(), [inContract.sku, outside.sku]);
    await manager.context().close();
    await buyer.context().close();
  });
});
