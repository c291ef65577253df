import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { applyFilters, BASE_URL, cartBadgeShows, launchBrowser, newContext } from "./support/browser";
import { openE2eDatabase } from "./support/database";
import { decodeForm, FakeProcurementSystem } from "./support/fake-procurement";

/**
 * Issue 7 end to end in Chromium: shared favorites lists, quick order with a per-line report,
 * order approval above the buyer's limit, reorder from history, and company isolation by URL.
 * Uses other users than shop-journey.spec.ts where it can, and leaves every cart it touched empty.
 */
let browser: Browser;
const sql = openE2eDatabase();
const procurement = new FakeProcurementSystem();
const stamp = Date.now().toString(36);
const touchedUsers = new Set<string>();

before(async () => {
  await procurement.start();
  browser = await launchBrowser();
});
after(async () => {
  // Leave the carts of every user this file signed in as empty (shop carts; punchout carts are not touched).
  if (touchedUsers.size) {
    await sql`delete from cart_lines where cart_id in (
      select c.id from carts c join users u on u.id = c.user_id where u.email in ${sql([...touchedUsers])} and c.punchout_session_id is null)`;
  }
  await browser?.close();
  await procurement.stop();
  await sql.end();
});

const PASSWORDS: Record<string, string> = {
  "buyer@demo.test": "demo-buyer",
  "approver@demo.test": "demo-approver",
  "companyadmin@demo.test": "demo-companyadmin",
  "m.visser@noordlab.test": "demo-m.visser",
  "manager@demo.test": "demo-manager",
};

async function signIn(email: string, returnTo = "/"): Promise<Page> {
  touchedUsers.add(email);
  const context = await newContext(browser, "en");
  const page = await context.newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORDS[email]!);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === returnTo.split("?")[0]);
  return page;
}

/** Products the seed guarantees: orderable per 1, in stock, with a price for Demo Facilities. */
async function plainProducts(count: number) {
  const rows = await sql<{ sku: string; name_en: string; list_price_minor: number }[]>`
    select sku, name_en, list_price_minor from products
    where active and min_order_quantity = 1 and order_multiple = 1 and stock > 50 and list_price_minor between 200 and 5000
    order by id limit ${count}`;
  assert.equal(rows.length, count);
  return rows;
}

async function cartSkus(email: string): Promise<Map<string, number>> {
  const rows = await sql<{ sku: string; quantity: number }[]>`
    select p.sku, l.quantity from cart_lines l join carts c on c.id = l.cart_id join users u on u.id = c.user_id join products p on p.id = l.product_id
    where u.email = ${email} and c.punchout_session_id is null`;
  return new Map(rows.map((r) => [r.sku, r.quantity]));
}

describe("favorites lists", () => {
  it("a shared list created by one user is used by a colleague to fill their cart", async () => {
    const [first, second] = await plainProducts(2);
    const listName = `E2E gedeeld ${stamp}`;
    const owner = await signIn("companyadmin@demo.test", "/favorites");
    await owner.getByLabel("Name of the list").fill(listName);
    await owner.getByLabel("Share with everybody at my company").check();
    await owner.getByRole("button", { name: "Create list" }).click();
    await owner.waitForURL(/\/favorites\/\d+$/);
    const listUrl = new URL(owner.url()).pathname;
    assert.equal(await owner.getByTestId("list-name").innerText(), listName);

    // From the product page: choose the new list, a default quantity.
    await owner.goto(`/products/${first!.sku}`);
    await owner.getByTestId("save-to-list").click();
    await owner.getByLabel("List", { exact: true }).selectOption({ label: `${listName} (Shared)` });
    await owner.getByLabel("Default quantity").fill("3");
    await owner.getByRole("button", { name: "Save", exact: true }).click();
    await owner.getByText(`Saved to “${listName}”.`).waitFor();

    // From a product card in search results (the lists load when the panel opens).
    await owner.goto(`/search?q=${encodeURIComponent(second!.sku)}`);
    const card = owner.locator(`[data-testid=product-card][data-sku="${second!.sku}"]`);
    await card.getByTestId("save-to-list").click();
    await card.getByLabel("List", { exact: true }).selectOption({ label: `${listName} (Shared)` });
    await card.getByRole("button", { name: "Save", exact: true }).click();
    await card.getByText(`Saved to “${listName}”.`).waitFor();

    await owner.goto(listUrl);
    assert.equal(await owner.getByTestId("favorite-line").count(), 2);
    await owner.getByLabel(`Note for ${first!.name_en}`).fill("Voor de balie");
    await owner.locator(`[data-testid=favorite-line][data-sku="${first!.sku}"]`).getByRole("button", { name: "Save" }).click();
    await owner.locator(`[data-testid=favorite-line][data-sku="${first!.sku}"]`).getByText("Saved.", { exact: true }).waitFor();
    await owner.context().close();

    // A colleague (not a company admin) sees the shared list read-only and adds everything to their own cart.
    const colleague = await signIn("approver@demo.test", "/favorites");
    await colleague.getByTestId("shared-lists").getByRole("link", { name: listName }).click();
    await colleague.waitForURL(new RegExp(`${listUrl}$`));
    const firstLine = colleague.locator(`[data-testid=favorite-line][data-sku="${first!.sku}"]`);
    assert.match(await firstLine.innerText(), /Voor de balie/);
    assert.match(await firstLine.getByTestId("favorite-price").innerText(), /€\d/);
    assert.equal(await firstLine.getByTestId("favorite-quantity").innerText(), "3");
    await colleague.getByText("you can use it; the owner and company admins can change it").waitFor();
    await colleague.getByRole("button", { name: "Add all to cart" }).click();
    await colleague.getByTestId("line-report-summary").waitFor();
    assert.match(await colleague.getByTestId("line-report-summary").innerText(), /2 added, 0 not added/);
    const cart = await cartSkus("approver@demo.test");
    assert.equal(cart.get(first!.sku), 3);
    assert.equal(cart.get(second!.sku), 1);
    await colleague.getByRole("link", { name: "Go to cart" }).click();
    await colleague.waitForURL(/\/cart$/);
    assert.equal(await colleague.locator("[data-testid=cart-line]").count(), 2);
    for (const sku of [first!.sku, second!.sku]) {
      const line = colleague.locator(`[data-testid=cart-line][data-sku="${sku}"]`);
      await line.getByRole("button", { name: /^Remove/ }).click();
      await line.waitFor({ state: "detached" });
    }
    await colleague.context().close();
  });
});

describe("quick order", () => {
  it("reports every pasted line: added, unknown SKU, below minimum with the nearest valid quantity, invalid quantity; the refused lines stay in the box", async () => {
    const [good] = await plainProducts(1);
    const [minimum] = await sql<{ sku: string; min_order_quantity: number; order_multiple: number }[]>`
      select sku, min_order_quantity, order_multiple from products where active and min_order_quantity > 1 and stock > 100 order by id limit 1`;
    assert.ok(minimum);
    const page = await signIn("m.visser@noordlab.test", "/quick-order");
    // The last line: a comma between SKU and quantity, then "2,5" – a decimal cut in two, not 2.
    const refused = [`NO-SUCH-SKU-${stamp};2`, `${minimum.sku},1`, `${good!.sku}\tabc`, `${good!.sku},2,5`];
    await page.getByLabel("Lines (SKU;quantity)").fill(["sku;quantity", `${good!.sku};4`, ...refused].join("\n"));
    await page.getByRole("button", { name: "Add lines to cart" }).click();
    const report = page.getByTestId("line-report");
    await report.waitFor();
    const statuses = await report.getByTestId("report-line").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-status")));
    assert.deepEqual(statuses, ["header", "added", "unknown_sku", "quantity_rule", "invalid_quantity", "invalid_quantity"]);
    assert.match(await page.getByTestId("line-report-summary").innerText(), /1 added, 4 not added/);
    // The lines that were not added are still in the box, as typed; the added one and the header are not.
    assert.equal(await page.getByLabel("Lines (SKU;quantity)").inputValue(), refused.join("\n"));
    await page.getByTestId("quick-order-kept").getByText("The lines that were not added are still in the box.").waitFor();
    assert.match(await report.getByTestId("report-line").nth(5).innerText(), /Use ; or a tab between SKU and quantity for a quantity with a comma/i);
    await cartBadgeShows(page, 4);
    const ruleRow = report.getByTestId("report-line").nth(3);
    assert.match(await ruleRow.innerText(), new RegExp(`Minimum order quantity is ${minimum.min_order_quantity}`));
    const suggested = Math.ceil(minimum.min_order_quantity / minimum.order_multiple) * minimum.order_multiple;
    // The line with the bad quantity shows what was typed, and why it was not added.
    const badQuantity = report.getByTestId("report-line").nth(4);
    assert.match(await badQuantity.innerText(), new RegExp(`${good!.sku}\\s+abc[\\s\\S]*Quantity is not a number`));
    // ... and the product its SKU found.
    assert.ok((await badQuantity.innerText()).includes(good!.name_en), "the product of a refused quantity is named");
    await ruleRow.getByRole("button", { name: `Add ${suggested} instead` }).click();
    // The fixed line turns into an added one, and the counts follow.
    await report.locator(`tbody tr:nth-child(4)[data-status="added"]`, { hasText: `Added: ${suggested}` }).waitFor();
    assert.match(await page.getByTestId("line-report-summary").innerText(), /2 added, 3 not added/);
    // Added after all: it leaves the box, so a second press cannot add it twice.
    assert.equal(await page.getByLabel("Lines (SKU;quantity)").inputValue(), refused.filter((line) => line !== `${minimum.sku},1`).join("\n"));
    await cartBadgeShows(page, 4 + suggested);
    const cart = await cartSkus("m.visser@noordlab.test");
    assert.equal(cart.get(good!.sku), 4);
    assert.equal(cart.get(minimum.sku), suggested);
    assert.equal(cart.size, 2);

    // The row form with SKU autocomplete.
    await page.getByRole("combobox", { name: "SKU, name or GTIN, row 1" }).fill(good!.sku.slice(0, -1));
    await page.getByRole("option", { name: new RegExp(good!.sku) }).click();
    assert.equal(await page.getByRole("combobox", { name: "SKU, name or GTIN, row 1" }).inputValue(), good!.sku);
    await page.getByLabel("Quantity, row 1").fill("2");
    await page.getByRole("button", { name: "Add to cart", exact: true }).click();
    await page.locator("[data-testid=line-report-summary]", { hasText: "1 added, 0 not added" }).waitFor();
    assert.equal((await cartSkus("m.visser@noordlab.test")).get(good!.sku), 6);
    await cartBadgeShows(page, 6 + suggested);
    await page.context().close();
  });
});

describe("own article numbers", () => {
  it("a company admin imports the company's own numbers (all or nothing); a colleague sees them and quick-orders by them", async () => {
    const [, first, second] = await plainProducts(3);
    const own = (n: number) => `DF-${stamp}-${n}`;
    try {
      const admin = await signIn("companyadmin@demo.test", "/account/article-numbers");
      await admin.getByLabel("Paste lines").fill(["sku;article_number", `${first!.sku};${own(1)}`, `NO-SUCH-SKU-${stamp};${own(9)}`].join("\n"));
      await admin.getByRole("button", { name: "Import" }).click();
      const report = admin.getByTestId("article-number-report");
      await report.waitFor();
      assert.match(await report.innerText(), /Nothing was saved: 1 line needs correcting/);
      assert.match(await report.innerText(), /we have no product with this SKU or GTIN/);
      await admin.getByLabel("Paste lines").fill([`${first!.sku};${own(1)}`, `${second!.sku.toLowerCase()}\t${own(2)}`].join("\n"));
      await admin.getByRole("button", { name: "Import" }).click();
      await admin.getByText("Saved: 2 numbers set, 0 removed.").waitFor();
      await admin.reload();
      assert.equal(await admin.getByTestId("article-number-count").innerText(), "2 article numbers");
      const exported = await (await admin.request.get("/account/article-numbers/export")).text();
      assert.ok(exported.includes(`${first!.sku};${own(1)}`) && exported.includes(`${second!.sku};${own(2)}`), exported);
      // The company admin reads in which language invoices come, named as in the back office, in a full sentence.
      await admin.goto("/account");
      await admin.getByText("Invoice language", { exact: true }).waitFor();
      assert.match(await admin.getByTestId("account-document-locale").innerText(), /Your accounts payable receive your organization's invoices and credit notes, and the emails they come with, in this language/);
      await admin.context().close();

      const buyer = await signIn("buyer@demo.test", `/products/${encodeURIComponent(first!.sku)}`);
      assert.equal(await buyer.locator("main").getByTestId("own-article-number").innerText(), `Your no. ${own(1)}`);
      // Searching for their own number finds the product it names.
      await buyer.getByRole("searchbox", { name: "Search" }).fill(own(1));
      await buyer.getByRole("button", { name: "Search" }).click();
      await buyer.waitForURL(/\/search\?q=/);
      const match = buyer.getByTestId("own-number-match");
      assert.match(await match.innerText(), new RegExp(`Your article number ${own(1)}`));
      assert.equal(await match.locator(`[data-testid=product-card][data-sku="${first!.sku}"]`).count(), 1);
      await buyer.goto("/quick-order");
      await buyer.getByLabel("Lines (SKU;quantity)").fill(`${own(2).toLowerCase()};3`);
      await buyer.getByRole("button", { name: "Add lines to cart" }).click();
      await buyer.locator("[data-testid=line-report-summary]", { hasText: "1 added, 0 not added" }).waitFor();
      assert.match(await buyer.getByTestId("report-line").first().innerText(), new RegExp(second!.sku));
      // The row form's autocomplete offers their own numbers too, and fills in our SKU.
      await buyer.getByRole("combobox", { name: "SKU, name or GTIN, row 1" }).fill(own(1).slice(0, -1).toLowerCase());
      const option = buyer.getByRole("option", { name: new RegExp(`your no\\. ${own(1)}`) });
      await option.click();
      assert.equal(await buyer.getByRole("combobox", { name: "SKU, name or GTIN, row 1" }).inputValue(), first!.sku);
      await buyer.goto("/cart");
      const line = buyer.locator(`[data-testid=cart-line][data-sku="${second!.sku}"]`);
      assert.equal((await line.getByTestId("own-article-number").innerText()).trim(), `· Your no. ${own(2)}`);
      await buyer.context().close();
    } finally {
      await sql`delete from customer_article_numbers where article_number like ${`DF-${stamp}-%`}`;
    }
  });
});

describe("order approval", () => {
  it("an order above the buyer's limit waits for the approver, who approves it; the order then proceeds", async () => {
    const [product] = await plainProducts(1);
    // Priced for Demo Facilities: above € 2,500 excl. VAT whatever contract price applies (≥ 50 % of list).
    const quantity = Math.ceil(520_000 / product!.list_price_minor);
    await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = 'buyer@demo.test' and c.punchout_session_id is null)`;
    const buyer = await signIn("buyer@demo.test", `/products/${product!.sku}`);
    await buyer.getByRole("spinbutton", { name: "Quantity" }).fill(String(quantity));
    await buyer.getByRole("button", { name: "Add to cart" }).click();
    await buyer.getByText("Added to cart.").waitFor();
    await buyer.goto("/checkout");
    assert.match(await buyer.getByTestId("approval-needed").innerText(), /above your order limit of €2,500\.00/);
    await buyer.getByLabel("PO number").fill(`PO-APPROVAL-${stamp}`);
    // The button says where the order goes.
    assert.equal(await buyer.getByRole("button", { name: "Place order" }).count(), 0);
    await buyer.getByRole("button", { name: "Submit for approval" }).click();
    await buyer.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
    await buyer.getByText("has been sent for approval").waitFor();
    // Not "Thank you for your order": it is not placed yet.
    await buyer.getByRole("heading", { name: "Sent for approval" }).waitFor();
    assert.equal(await buyer.getByTestId("order-status").innerText(), "Awaiting approval");
    // Why it waits, in figures: the amount and the buyer's own limit.
    assert.match(await buyer.getByTestId("approval-reasons").innerText(), /The amount \(€[\d,]+\.\d{2} excl\. VAT\) is above your order limit of €2,500\.00\./);
    // Nothing is invoiced before the order is approved: no invoices section yet.
    assert.equal(await buyer.getByTestId("order-invoices").count(), 0);
    const orderNumber = (await buyer.getByTestId("order-number").innerText()).replace("Order ", "").trim();
    const [mail] = await sql<{ subject: string }[]>`select subject from mail_outbox where to_email = 'approver@demo.test' and subject like ${`%${orderNumber}%`}`;
    assert.ok(mail, "the approver gets an approval request in the outbox");
    await buyer.context().close();

    const approver = await signIn("approver@demo.test", "/account/approvals");
    // The waiting view says how many wait for this approver (the company's, not their own), as its tab's badge does.
    const [counted] = await sql<{ waiting: number }[]>`
      select count(*)::int as waiting from orders o join companies c on c.id = o.company_id
      where c.name = 'Demo Facilities B.V.' and o.status = 'awaiting_approval'
        and o.user_id is distinct from (select id from users where email = 'approver@demo.test')`;
    const waiting = counted!.waiting;
    assert.equal(await approver.getByTestId("approvals-waiting-count").innerText(), waiting === 1 ? "1 order awaits your approval." : `${waiting} orders await your approval.`);
    assert.match(await approver.getByTestId("approvals-view-waiting").innerText(), new RegExp(`^Awaiting approval\\s*${waiting}$`));
    const row = approver.locator("[data-testid=approval-row]", { hasText: orderNumber });
    await row.getByRole("link", { name: `Review ${orderNumber}` }).click();
    await approver.waitForURL(new RegExp(`/account/orders/${orderNumber}$`));
    // The approver is told it awaits their own approval, not "an approver of your company".
    assert.equal(await approver.getByTestId("awaiting-approval").innerText(), "This order awaits your approval: see below.");
    // The approver reads whose limit it is above.
    assert.match(await approver.getByTestId("approval-reasons").innerText(), /is above the order limit of Sanne de Vries \(€2,500\.00\)\./);
    await approver.getByLabel("Comment").fill("Akkoord – budget Q4");
    await approver.getByRole("button", { name: "Approve order" }).click();
    await approver.waitForURL(/\?decided=placed$/);
    await approver.getByText("The order has been approved and is now being processed.").waitFor();
    assert.equal(await approver.getByTestId("order-status").innerText(), "Placed");
    // Looking back: the "Reviewed" view lists the decision, latest first, with who took it and the comment.
    await approver.goto("/account/approvals");
    await approver.getByTestId("approval-row").or(approver.getByTestId("approvals-empty")).first().waitFor();
    assert.equal(await approver.locator("[data-testid=approval-row]", { hasText: orderNumber }).count(), 0);
    await approver.getByRole("link", { name: "Reviewed", exact: true }).click();
    await approver.waitForURL(/\/account\/approvals\?view=decided$/);
    const decided = approver.locator("[data-testid=decision-row]", { hasText: orderNumber });
    assert.equal(await decided.getByTestId("decision-outcome").innerText(), "Approved");
    assert.equal(await decided.getByTestId("decision-by").innerText(), "Pieter Jansen");
    assert.equal(await decided.getByTestId("decision-comment").innerText(), "Akkoord – budget Q4");
    assert.match(await decided.innerText(), /Sanne de Vries/);
    assert.match(await approver.getByTestId("decision-row").first().innerText(), new RegExp(`^${orderNumber}\\b`));
    // The order number leads to the order.
    await decided.getByRole("link", { name: orderNumber, exact: true }).click();
    await approver.waitForURL(new RegExp(`/account/orders/${orderNumber}$`));
    await approver.context().close();

    const back = await signIn("buyer@demo.test", `/account/orders/${orderNumber}`);
    assert.equal(await back.getByTestId("order-status").innerText(), "Placed");
    const history = await back.getByTestId("order-history").innerText();
    assert.match(history, /Submitted for approval by Sanne de Vries/);
    // The comment is the approver's, right after their name (not after "order placed").
    assert.match(history, /Approved by Pieter Jansen: Akkoord – budget Q4/);
    assert.doesNotMatch(history, /order placed:/);
    // Placed: it will be invoiced, so the invoices section is back.
    await back.getByTestId("order-invoices").waitFor();
    const [decision] = await sql<{ kind: string }[]>`select kind from mail_outbox where to_email = 'buyer@demo.test' and subject like ${`%${orderNumber}%`}`;
    // The approval's mail is the order confirmation, one mail (not "approved" and a confirmation beside it).
    assert.equal(decision?.kind, "order_confirmation");
    await back.context().close();

    // Staff read the approval as the approver's decision, not as Pieter Jansen placing the order.
    const [placed] = await sql<{ id: number }[]>`select id from orders where order_number = ${orderNumber}`;
    const manager = await signIn("manager@demo.test", `/admin/orders/${placed!.id}`);
    assert.match(await manager.getByTestId("order-history").innerText(), /Placed · approved by Pieter Jansen · Akkoord – budget Q4/);
    await manager.context().close();
  });

  it("a rejected order says at the top who rejected it and why, and has no invoices section", async () => {
    const [product] = await plainProducts(1);
    const quantity = Math.ceil(520_000 / product!.list_price_minor);
    await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = 'buyer@demo.test' and c.punchout_session_id is null)`;
    const buyer = await signIn("buyer@demo.test", `/products/${product!.sku}`);
    await buyer.getByRole("spinbutton", { name: "Quantity" }).fill(String(quantity));
    await buyer.getByRole("button", { name: "Add to cart" }).click();
    await buyer.getByText("Added to cart.").waitFor();
    await buyer.goto("/checkout");
    await buyer.getByLabel("PO number").fill(`PO-REJECT-${stamp}`);
    await buyer.getByRole("button", { name: "Submit for approval" }).click();
    await buyer.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
    const orderNumber = (await buyer.getByTestId("order-number").innerText()).replace("Order ", "").trim();

    const approver = await signIn("approver@demo.test", `/account/orders/${orderNumber}`);
    await approver.getByLabel("Comment").fill("Te veel dozen – bestel er 20");
    await approver.getByRole("button", { name: "Reject order" }).click();
    await approver.waitForURL(/\?decided=rejected$/);
    // The "Reviewed" view keeps the rejection with its reason.
    await approver.goto("/account/approvals?view=decided");
    const decided = approver.locator("[data-testid=decision-row]", { hasText: orderNumber });
    assert.equal(await decided.getByTestId("decision-outcome").innerText(), "Rejected");
    assert.equal(await decided.getByTestId("decision-by").innerText(), "Pieter Jansen");
    assert.equal(await decided.getByTestId("decision-comment").innerText(), "Te veel dozen – bestel er 20");
    await approver.context().close();

    await buyer.goto(`/account/orders/${orderNumber}`);
    assert.equal(await buyer.getByTestId("order-status").innerText(), "Rejected");
    const notice = (await buyer.getByTestId("rejected-notice").innerText()).split(/\n+/).map((part) => part.trim());
    assert.deepEqual(notice, ["Pieter Jansen rejected this order; it will not be fulfilled.", "Reason: Te veel dozen – bestel er 20"]);
    assert.equal(await buyer.getByTestId("order-invoices").count(), 0);
    assert.match(await buyer.getByTestId("order-history").innerText(), /Rejected by Pieter Jansen: Te veel dozen – bestel er 20/);
    await buyer.context().close();
  });
});

describe("reorder", () => {
  it("puts an earlier order's lines back in the cart at today's prices and reports per line", async () => {
    const [a, b] = await plainProducts(2);
    const page = await signIn("m.visser@noordlab.test", "/quick-order");
    await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = 'm.visser@noordlab.test' and c.punchout_session_id is null)`;
    await page.getByLabel("Lines (SKU;quantity)").fill(`${a!.sku};2\n${b!.sku};5`);
    await page.getByRole("button", { name: "Add lines to cart" }).click();
    await page.locator("[data-testid=line-report-summary]", { hasText: "2 added" }).waitFor();
    await page.goto("/checkout");
    await page.getByRole("button", { name: "Place order" }).click();
    await page.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
    const orderNumber = (await page.getByTestId("order-number").innerText()).replace("Order ", "").trim();
    assert.equal((await cartSkus("m.visser@noordlab.test")).size, 0);

    await page.getByRole("link", { name: "My orders" }).click();
    await page.getByPlaceholder("Order number, PO number, cost center, SKU or product").fill(b!.sku);
    await applyFilters(page, page.getByRole("button", { name: "Filter" }), /\/account\/orders\?q=/);
    await page.locator("[data-testid=order-row]", { hasText: orderNumber }).getByRole("link", { name: orderNumber }).click();
    await page.waitForURL(new RegExp(`/account/orders/${orderNumber}$`));
    await page.getByLabel(`Select line 2 (${b!.sku})`).check();
    await page.getByRole("button", { name: "Reorder selected lines" }).click();
    await page.getByTestId("line-report").waitFor();
    assert.match(await page.getByTestId("line-report-summary").innerText(), /1 added, 0 not added/);
    assert.match(await page.getByTestId("price-change").innerText(), /Same price as then/);
    assert.deepEqual([...(await cartSkus("m.visser@noordlab.test"))], [[b!.sku, 5]]);
    await page.getByRole("button", { name: "Reorder all lines" }).click();
    await page.locator("[data-testid=line-report-summary]", { hasText: "2 added" }).waitFor();
    assert.equal((await cartSkus("m.visser@noordlab.test")).get(b!.sku), 10);
    await page.context().close();
  });
});

describe("company isolation by URL", () => {
  it("another company's order, list and the company admin pages do not exist for a buyer", async () => {
    const [list] = await sql<{ id: number }[]>`select l.id from favorite_lists l join companies c on c.id = l.company_id where c.name = 'Demo Facilities B.V.' and l.shared order by l.id limit 1`;
    const [order] = await sql<{ order_number: string }[]>`select o.order_number from orders o join companies c on c.id = o.company_id where c.name = 'Demo Facilities B.V.' order by o.id limit 1`;
    assert.ok(list && order);
    const page = await signIn("m.visser@noordlab.test", "/account");
    for (const path of [`/favorites/${list.id}`, `/account/orders/${order.order_number}`, "/account/users", "/account/approvals", "/account/approvals?view=decided"]) {
      const response = await page.goto(path);
      assert.equal(response?.status(), 404, path);
      await page.getByText("Page not found").first().waitFor();
    }
    await page.context().close();
  });
});


describe("password change", () => {
  it("ends every other session of the user at once; the session that changed it stays signed in", async () => {
    const email = "m.visser@noordlab.test";
    const [before] = await sql<{ password_hash: string }[]>`select password_hash from users where email = ${email}`;
    assert.ok(before);
    const elsewhere = await signIn(email, "/account");
    const here = await signIn(email, "/account/profile");
    try {
      const newPassword = `new-${stamp}-password`;
      const form = here.getByRole("form", { name: "Change password" });
      await form.getByLabel("Current password").fill(PASSWORDS[email]!);
      // (The new-password label also holds the rules hint, so it is found by its field name.)
      await form.locator('input[name="newPassword"]').fill(newPassword);
      await form.getByLabel("Repeat new password").fill(newPassword);
      await form.getByRole("button", { name: "Change password" }).click();
      await here.getByText("Your password has been changed.").waitFor();

      await here.goto("/account");
      assert.equal(new URL(here.url()).pathname, "/account", "the session that changed the password continues");
      await elsewhere.goto("/account");
      assert.equal(new URL(elsewhere.url()).pathname, "/login", "a session signed in with the old password is over");
    } finally {
      await sql`update users set password_hash = ${before.password_hash} where email = ${email}`;
      await here.context().close();
      await elsewhere.context().close();
    }
  });
});

describe("inside a punchout session", () => {
  it("a shared favorites list and quick order fill the punchout cart that is transferred", async () => {
    const [extra] = await plainProducts(1);
    const [shared] = await sql<{ id: number; skus: string[] }[]>`
      select l.id, array_agg(p.sku order by f.position) as skus from favorite_lists l
      join companies c on c.id = l.company_id and c.name = 'Demo Facilities B.V.'
      join favorite_list_lines f on f.list_id = l.id join products p on p.id = f.product_id
      where l.shared and l.name = 'Kantoorvoorraad (gedeeld)' group by l.id`;
    assert.ok(shared, "the demo seed has a shared list for Demo Facilities");
    const context = await newContext(browser, "en");
    const page = await context.newPage();
    const posted = procurement.posts.length;
    const start = new URL(`${procurement.origin}/start`);
    start.searchParams.set("url", `${BASE_URL}/punchout/oci`);
    start.searchParams.set("charset", "utf-8");
    for (const field of ["USERNAME=demo-oci", "PASSWORD=demo-oci-secret", `HOOK_URL=${procurement.origin}/hook`, "returntarget=_top"]) start.searchParams.append("field", field);
    await page.goto(start.toString());
    await page.waitForURL(`${BASE_URL}/`);
    await page.getByTestId("punchout-banner").waitFor();

    await page.goto(`/favorites/${shared.id}`);
    await page.getByRole("button", { name: "Add all to cart" }).click();
    await page.locator("[data-testid=line-report-summary]", { hasText: `${shared.skus.length} added` }).waitFor();
    await page.goto("/quick-order");
    await page.getByLabel("Lines (SKU;quantity)").fill(`${extra!.sku};2`);
    await page.getByRole("button", { name: "Add lines to cart" }).click();
    await page.locator("[data-testid=line-report-summary]", { hasText: "1 added" }).waitFor();

    await page.goto("/cart");
    assert.equal(await page.getByRole("link", { name: "Checkout" }).count(), 0, "no direct checkout in punchout");
    await page.locator("main").getByRole("button", { name: "Transfer cart" }).click();
    const post = await procurement.waitForPosts(posted + 1);
    const skus = decodeForm(post.body, "utf-8").filter(([name]) => /^NEW_ITEM-VENDORMAT\[\d+\]$/.test(name)).map(([, value]) => value);
    assert.deepEqual([...skus].sort(), [...new Set([...shared.skus, extra!.sku])].sort());
    await context.close();
  });
});
