import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Cost centres with budgets in Chromium against the running server: the demo company admin adds a
 * cost centre with a small monthly budget; the buyer chooses it at checkout, is told before placing
 * that the order goes beyond the budget, and the order waits for approval saying why; the approver
 * sees the reason and the budget's use and approves; the company admin sees the budget exceeded and
 * makes choosing a cost centre required, which the checkout then enforces; the account manager sees
 * the customer's cost centres; then a PO number is made required on the Users page, which the checkout
 * marks and asks for. Afterwards the cost centre is switched off and both requirements lifted.
 */
let browser: Browser;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36).toUpperCase();
const code = `E2E-${stamp}`;
let companyId = 0;
/** The order placed beyond the budget (first test), for the manager's look at it (second). */
let budgetOrderNumber = "";

before(async () => {
  browser = await launchBrowser();
  const [company] = await sql<{ id: number }[]>`select company_id as id from users where email = 'buyer@demo.test'`;
  companyId = company!.id;
});
after(async () => {
  await sql`update companies set cost_center_required = false where id = ${companyId}`;
  await sql`update companies set po_number_required = false where id = ${companyId}`;
  await sql`update cost_centers set active = false where company_id = ${companyId} and code = ${code}`;
  await sql`update users set default_cost_center_id = null where email = 'buyer@demo.test'`;
  await browser?.close();
  await sql.end();
});

/**
 * The demo buyer signed in at the checkout with a cart well under their € 2,500 order limit but above
 * a € 100 budget (contract prices are at least half the list price).
 */
async function buyerAtCheckout() {
  const [product] = await sql<{ sku: string; list_price_minor: number }[]>`
    select sku, list_price_minor from products
    where active and min_order_quantity = 1 and order_multiple = 1 and stock > 100 and list_price_minor between 1000 and 5000
    order by id desc limit 1`;
  const quantity = Math.ceil(40_000 / product!.list_price_minor);
  await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = 'buyer@demo.test' and c.punchout_session_id is null)`;
  const buyer = await signIn(browser, "buyer@demo.test", "demo-buyer", `/products/${product!.sku}`);
  await buyer.getByRole("spinbutton", { name: "Quantity" }).fill(String(quantity));
  await buyer.getByRole("button", { name: "Add to cart" }).click();
  await buyer.getByText("Added to cart.").waitFor();
  await buyer.goto("/checkout");
  return buyer;
}

describe("cost centres and budgets", () => {
  it("a company admin adds one with a budget; an order beyond it waits for approval, says why, and the approver decides", async () => {
    const admin = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", "/account/cost-centers");
    // The seed's three, with their budgets.
    for (const seeded of ["4100", "4200", "4300"]) await admin.locator(`[data-testid=cost-center-row][data-code="${seeded}"]`).waitFor();
    const add = admin.getByTestId("cost-center-add-form");
    await add.getByLabel("Code").fill(code);
    await add.getByLabel("Name").fill("Marketing");
    await add.getByLabel("Budget (excl. VAT, €)").fill("100");
    await add.getByLabel("Budget period").selectOption("month");
    await add.getByRole("button", { name: "Add cost center" }).click();
    await admin.getByText(`Cost center ${code} has been added.`).waitFor();
    const row = admin.locator(`[data-testid=cost-center-row][data-code="${code}"]`);
    assert.match(await row.innerText(), /€100\.00 per month/);

    const buyer = await buyerAtCheckout();
    assert.equal(await buyer.getByTestId("approval-needed").count(), 0, "within the order limit");
    const choice = buyer.getByLabel("Cost center");
    const options = await choice.locator("option").allInnerTexts();
    assert.ok(options.some((text) => text.startsWith(`${code} – Marketing (€100.00 left in `)), options.join(" | "));
    assert.equal(options[0], "— none —");
    // Within the limit and without a cost center the order is placed; beyond the chosen one's budget it goes for approval, and the button says so.
    assert.equal(await buyer.getByTestId("place-order").innerText(), "Place order");
    await choice.selectOption(code);
    assert.match(await buyer.getByTestId("budget-approval-needed").innerText(), new RegExp(`beyond what is left of cost center ${code}'s budget for .+ \\(€100\\.00\\)`));
    await buyer.getByRole("button", { name: "Submit for approval" }).click();
    await buyer.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
    await buyer.getByText("has been sent for approval").waitFor();
    assert.equal(await buyer.getByTestId("order-status").innerText(), "Awaiting approval");
    const reasons = buyer.getByTestId("approval-reasons");
    assert.equal(await reasons.locator("[data-reason]").count(), 1);
    assert.equal((await reasons.locator("[data-reason=budget]").innerText()).trim(), `The order goes beyond what was left of cost center ${code}'s budget.`);
    assert.match(await buyer.getByTestId("order-budget").innerText(), new RegExp(`Cost center ${code} – Marketing: €[\\d,.]+ of €100\\.00 used in \\w+ \\d{4}, this order included\\.`));
    const orderNumber = (await buyer.getByTestId("order-number").innerText()).replace("Order ", "").trim();
    budgetOrderNumber = orderNumber;
    const [stored] = await sql<{ cost_center: string; approval_reasons: string[]; subtotal_minor: number }[]>`
      select cost_center, approval_reasons, subtotal_minor from orders where order_number = ${orderNumber}`;
    assert.deepEqual([stored!.cost_center, stored!.approval_reasons], [code, ["budget"]]);
    await buyer.context().close();

    const approver = await signIn(browser, "approver@demo.test", "demo-approver", "/account/approvals");
    const waiting = approver.locator("[data-testid=approval-row]", { hasText: orderNumber });
    assert.equal((await waiting.getByTestId("approval-row-reasons").innerText()).trim(), `beyond budget of cost center ${code}`);
    await waiting.getByRole("link", { name: `Review ${orderNumber}` }).click();
    await approver.waitForURL(new RegExp(`/account/orders/${orderNumber}$`));
    await approver.getByTestId("order-budget").waitFor();
    await approver.getByRole("button", { name: "Approve order" }).click();
    await approver.waitForURL(/\?decided=placed$/);
    assert.equal(await approver.getByTestId("order-status").innerText(), "Placed");
    // Approvers see the cost centres read-only.
    await approver.goto("/account/cost-centers");
    await approver.locator(`[data-testid=cost-center-row][data-code="${code}"]`).waitFor();
    assert.equal(await approver.getByTestId("cost-center-add-form").count(), 0);
    await approver.context().close();

    // The budget is exceeded by what the approver let through; its amount lists the orders that used it.
    await admin.reload();
    await row.getByTestId("cost-center-orders").click();
    await admin.waitForURL(/\/account\/orders\?.*costCenter=/);
    await admin.locator("[data-testid=order-row]", { hasText: orderNumber }).waitFor();
    assert.equal(await admin.getByTestId("order-count").innerText(), "1 order");
    await admin.goBack();
    const over = (stored!.subtotal_minor - 10_000) / 100;
    assert.match(await row.innerText(), new RegExp(`over budget by €${over.toLocaleString("en-GB", { minimumFractionDigits: 2 }).replace(/\./g, "\\.")}`));
    await admin.context().close();
  });

  it("a company admin limits a cost centre to a colleague and gives the buyer a default: the checkout follows both", async () => {
    const admin = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", "/account/cost-centers");
    const row = admin.locator(`[data-testid=cost-center-row][data-code="${code}"]`);
    await row.getByRole("button", { name: "Edit" }).click();
    // The form opens in a row of its own below the cost centre's.
    const edit = admin.locator(`[data-testid=cost-center-edit-row][data-code="${code}"]`).getByTestId("cost-center-edit-form");
    const users = edit.getByTestId("cost-center-users");
    await users.getByLabel("Only these users").check();
    await users.getByLabel(/Pieter Jansen/).check();
    await edit.getByRole("button", { name: "Save" }).click();
    await admin.getByText("Cost center saved.").waitFor();
    await admin.reload();
    assert.equal((await row.getByTestId("cost-center-used-by").innerText()).trim(), "Pieter Jansen");

    await admin.goto("/account/users");
    const [buyerRow] = await sql<{ id: number }[]>`select id from users where email = 'buyer@demo.test'`;
    const defaultForm = admin.locator(`[data-testid=default-cost-center-form][data-user-id="${buyerRow!.id}"]`);
    // The buyer may not use the limited one: it is not offered as their default.
    const offered = await defaultForm.getByLabel("Default cost center").locator("option").allInnerTexts();
    assert.ok(!offered.some((text) => text.startsWith(code)), offered.join(" | "));
    await defaultForm.getByLabel("Default cost center").selectOption({ label: "4300 – Schoonmaak" });
    await defaultForm.getByRole("button", { name: "Save" }).click();
    await admin.getByText("Default cost center saved.").waitFor();
    await admin.context().close();

    const buyer = await buyerAtCheckout();
    const choice = buyer.getByLabel("Cost center");
    assert.equal(await choice.inputValue(), "4300");
    const options = await choice.locator("option").allInnerTexts();
    assert.ok(!options.some((text) => text.startsWith(code)), options.join(" | "));
    await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = 'buyer@demo.test' and c.punchout_session_id is null)`;
    await buyer.context().close();
  });

  it("a company admin makes a cost centre required: the checkout asks for one; the account manager sees the customer's cost centres", async () => {
    const admin = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", "/account/cost-centers");
    const setting = admin.getByTestId("cost-center-required-form");
    await setting.getByLabel("Cost center required when ordering").check();
    await setting.getByRole("button", { name: "Save setting" }).click();
    await admin.getByText("A cost center is now required when ordering.").waitFor();
    await admin.context().close();

    // Without a default, the buyer must choose.
    await sql`update users set default_cost_center_id = null where email = 'buyer@demo.test'`;
    const buyer = await buyerAtCheckout();
    const choice = buyer.getByLabel("Cost center");
    assert.equal(await choice.getAttribute("required"), "");
    assert.equal((await choice.locator("option").first().innerText()).trim(), "Choose a cost center");
    // The server refuses it (no browser bubble: the form has noValidate) in the shop's words, tied to the
    // field, which gets the keyboard.
    await buyer.getByRole("button", { name: "Place order" }).click();
    const refusal = buyer.locator("main p[role=alert]", { hasText: "Choose a cost center." });
    await refusal.waitFor();
    await buyer.waitForFunction(() => document.activeElement?.getAttribute("name") === "costCenter");
    assert.equal(await choice.getAttribute("aria-invalid"), "true");
    assert.equal(await choice.getAttribute("aria-describedby"), await refusal.getAttribute("id"));
    assert.equal(new URL(buyer.url()).pathname, "/checkout");
    await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = 'buyer@demo.test' and c.punchout_session_id is null)`;
    await buyer.context().close();

    const manager = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/customers/${companyId}`);
    await manager.locator(`[data-testid=customer-cost-center][data-code="${code}"]`).waitFor();
    assert.match(await manager.getByTestId("customer-cost-center-required").innerText(), /yes/);
    // The order that went beyond the budget says so in the admin workspace too.
    const [order] = await sql<{ id: number }[]>`select id from orders where order_number = ${budgetOrderNumber}`;
    await manager.goto(`/admin/orders/${order!.id}`);
    assert.equal((await manager.getByTestId("order-approval-reasons").innerText()).trim(), "beyond the cost center's budget");
    await manager.context().close();
  });

  it("a company admin makes a PO number required: the checkout marks the field and asks for it; the account manager sees it", async () => {
    const admin = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", "/account/users");
    const setting = admin.getByTestId("po-number-required");
    await setting.getByLabel("PO number required on every order").check();
    await setting.getByRole("button", { name: "Save setting" }).click();
    await admin.getByText("A PO number is now required on every order.").waitFor();
    await admin.context().close();

    const buyer = await buyerAtCheckout();
    const poNumber = buyer.getByRole("textbox", { name: "PO number (required)" });
    assert.equal(await poNumber.getAttribute("required"), "");
    // Spaces alone are no PO number: the server refuses it (no browser bubble in the browser's language:
    // the form has noValidate) in the shop's words, tied to the field, which gets the keyboard.
    await poNumber.fill("   ");
    await buyer.getByRole("button", { name: "Place order" }).click();
    const refusal = buyer.locator("main p[role=alert]", { hasText: "Enter the PO number: your organization requires one on every order." });
    await refusal.waitFor();
    await buyer.waitForFunction(() => document.activeElement?.getAttribute("name") === "poNumber");
    assert.equal(await poNumber.getAttribute("aria-invalid"), "true");
    assert.equal(await poNumber.getAttribute("aria-describedby"), await refusal.getAttribute("id"));
    assert.equal(new URL(buyer.url()).pathname, "/checkout");
    await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = 'buyer@demo.test' and c.punchout_session_id is null)`;
    await buyer.context().close();

    const manager = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/customers/${companyId}`);
    assert.match(await manager.getByTestId("customer-po-number-required").innerText(), /required when ordering: yes/);
    await manager.context().close();
  });
});
