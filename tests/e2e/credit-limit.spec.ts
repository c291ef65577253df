import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Credit on account, in Chromium against the running server: the account manager gives the demo
 * customer a credit limit of nothing; the buyer is told at checkout, places the order
 * anyway and sees it held, and finds the company's credit on the invoices page; the manager finds the
 * held order on the customer's page, cannot cancel it without a reason, releases it, and the buyer
 * is mailed. The ERP's API then clears the limit (and refuses an unclear amount).
 */
let browser: Browser;
const sql = openE2eDatabase();
let sku = "";
let companyId = 0;

const clearCart = () =>
  sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = 'buyer@demo.test' and c.punchout_session_id is null)`;

before(async () => {
  browser = await launchBrowser();
  const [product] = await sql<{ sku: string }[]>`
    select sku from products where active and min_order_quantity = 1 and order_multiple = 1 and stock > 100 order by id desc limit 1`;
  sku = product!.sku;
  const [company] = await sql<{ id: number }[]>`select company_id as id from users where email = 'buyer@demo.test'`;
  companyId = company!.id;
  await clearCart();
});
after(async () => {
  await sql`update companies set credit_limit_minor = null where id = ${companyId}`;
  await clearCart();
  await browser?.close();
  await sql.end();
});

describe("credit limit on account", () => {
  it("an order beyond the limit is placed, held, and released by the account manager", async () => {
    const manager = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/customers/${companyId}`);
    const form = manager.getByTestId("company-form");
    // Nothing on account: every order from now on is beyond the limit (the demo customer may owe nothing yet).
    await form.getByLabel("Credit limit (€, incl. VAT)").fill("0");
    await form.getByRole("button", { name: "Save" }).click();
    await form.getByText("Saved.").waitFor();
    await manager.reload();
    const credit = manager.getByTestId("customer-credit");
    assert.equal((await credit.getByTestId("credit-limit").innerText()).trim(), "€0.00");

    // The buyer is told before placing it, and may place it all the same.
    const buyer = await signIn(browser, "buyer@demo.test", "demo-buyer", `/products/${sku}`);
    await buyer.getByRole("button", { name: "Add to cart" }).click();
    await buyer.getByText("Added to cart.").waitFor();
    await buyer.goto("/checkout");
    await buyer.getByTestId("credit-hold-ahead").waitFor();
    await buyer.getByRole("button", { name: "Place order" }).click();
    await buyer.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
    const orderNumber = (await buyer.getByTestId("order-number").innerText()).match(/K\d+/)![0];
    assert.equal((await buyer.getByTestId("order-status").innerText()).trim(), "Under review");
    await buyer.getByRole("status").getByText(/goes beyond your company's credit limit/).waitFor();
    const history = await buyer.getByTestId("order-history").innerText();
    // The buyer placed it; the shop held it (not "held … by" the buyer).
    assert.match(history, /Placed by Sanne de Vries; held for review: credit limit/);
    // The customer's figures are for staff; the buyer's page shows the hold, not the sum.
    assert.doesNotMatch(history, /credit_limit:/);

    await buyer.goto("/account/invoices");
    const accountCredit = buyer.getByTestId("account-credit");
    assert.match(await accountCredit.innerText(), /Credit limit €0\.00/);
    assert.match(await accountCredit.getByTestId("account-credit-available").innerText(), /over the limit/);

    // The account manager finds it on the customer's page, and the navigation counts it.
    await manager.reload();
    assert.match((await manager.locator('a[href="/admin/orders"] [data-testid=nav-badge]').textContent()) ?? "", /to review/);
    await manager.getByTestId("orders-to-review").getByRole("link", { name: orderNumber }).click();
    await manager.getByTestId("credit-figures").waitFor();
    const release = manager.getByTestId("release-form");
    await release.getByRole("radio", { name: "Cancel" }).check();
    await release.getByRole("button", { name: "Save decision" }).click();
    await release.getByTestId("form-error").getByText("Say why: the orderer is mailed the reason.").waitFor();
    assert.equal((await manager.getByTestId("order-status").innerText()).trim(), "Needs review");
    // The refused choice stays chosen (it used to jump back to "Release", and a resubmit released the order).
    assert.equal(await release.getByRole("radio", { name: "Cancel" }).isChecked(), true);
    // Staff read the hold in words, with the amounts in the page's money format.
    const staffHistory = await manager.getByTestId("order-history").innerText();
    assert.match(staffHistory, /Needs review · (.+ · )?Beyond the credit limit of €0\.00: owed -?€[\d,.]+ \+ this order €[\d,.]+ \(incl\. VAT\)/);
    assert.doesNotMatch(staffHistory, /credit_limit/);

    await release.getByRole("radio", { name: "Release" }).check();
    await release.getByLabel(/Comment \(required to cancel/).fill("Payment of last month received");
    await release.getByRole("button", { name: "Save decision" }).click();
    await manager.getByTestId("order-status").filter({ hasText: "Confirmed" }).waitFor();

    const [mail] = await sql<{ kind: string; body_text: string }[]>`
      select kind, body_text from mail_outbox where to_email = 'buyer@demo.test' and subject like ${`%${orderNumber}%`} and kind = 'order_confirmation'`;
    assert.ok(mail, "the buyer is mailed the release: the order's confirmation");
    assert.match(mail.body_text, /Payment of last month received/);
    await buyer.goto(`/account/orders/${orderNumber}`);
    assert.equal((await buyer.getByTestId("order-status").innerText()).trim(), "Confirmed");
    await buyer.context().close();

    // The ERP keeps the limit: an unclear amount is refused, null clears it.
    const api = manager.context().request;
    const refused = await api.put(`/admin/api/customers/${companyId}/credit`, { data: { creditLimit: "lots" } });
    assert.equal(refused.status(), 400);
    const cleared = await api.put(`/admin/api/customers/${companyId}/credit`, { data: { creditLimit: null } });
    assert.equal(cleared.status(), 200);
    assert.deepEqual(await cleared.json(), { customerId: companyId, creditLimit: null, unpaidInvoices: null, uninvoicedOrders: null, available: null, currency: "EUR" });
    const [row] = await sql<{ limit: number | null }[]>`select credit_limit_minor as limit from companies where id = ${companyId}`;
    assert.equal(row!.limit, null);
    await manager.context().close();
  });
});
