import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Cancelling a web order, in Chromium against the running server: the buyer cancels an order we
 * have not confirmed yet (the account manager is mailed not to pick it); once the manager has
 * confirmed the next one, the buyer can no longer cancel it and asks: the manager cancels it with
 * a reason, and the buyer is mailed why.
 */
let browser: Browser;
const sql = openE2eDatabase();
let sku = "";

const clearCart = () =>
  sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = 'buyer@demo.test' and c.punchout_session_id is null)`;

before(async () => {
  browser = await launchBrowser();
  const [product] = await sql<{ sku: string }[]>`
    select sku from products where active and min_order_quantity = 1 and order_multiple = 1 and stock > 100 order by id desc offset 3 limit 1`;
  sku = product!.sku;
  await clearCart();
});
after(async () => {
  await clearCart();
  await browser?.close();
  await sql.end();
});

async function placeOrder(buyer: Page): Promise<string> {
  await buyer.goto(`/products/${sku}`);
  await buyer.getByRole("button", { name: "Add to cart" }).click();
  await buyer.getByText("Added to cart.").waitFor();
  await buyer.goto("/checkout");
  await buyer.getByRole("button", { name: "Place order" }).click();
  await buyer.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
  return (await buyer.getByTestId("order-number").innerText()).match(/K\d+/)![0];
}

const mailsAbout = (to: string, kind: string, orderNumber: string) =>
  sql<{ body_text: string }[]>`select body_text from mail_outbox where to_email = ${to} and kind = ${kind} and subject like ${`%${orderNumber}%`}`;

describe("cancelling a web order", () => {
  it("the buyer cancels an order not yet confirmed; the account manager is told", async () => {
    const buyer = await signIn(browser, "buyer@demo.test", "demo-buyer", "/account");
    const orderNumber = await placeOrder(buyer);
    assert.equal((await buyer.getByTestId("order-status").innerText()).trim(), "Placed");

    const cancel = buyer.getByTestId("cancel-order");
    await cancel.getByText("Cancel order").click();
    await cancel.getByLabel("Reason (optional)").fill("Ordered twice");
    await cancel.getByRole("button", { name: "Cancel this order" }).click();
    await buyer.waitForURL(new RegExp(`/account/orders/${orderNumber}\\?cancelled=1`));
    await buyer.getByTestId("order-cancelled").waitFor();
    assert.equal((await buyer.getByTestId("order-status").innerText()).trim(), "Canceled");
    assert.match(await buyer.getByTestId("order-history").innerText(), /Canceled by .*: Ordered twice/);
    // The page says at the top who cancelled it and why; a cancelled order gets no invoices section.
    assert.deepEqual(
      (await buyer.getByTestId("cancelled-notice").innerText()).split(/\n+/).map((part) => part.trim()),
      ["Sanne de Vries canceled this order.", "Reason: Ordered twice"],
    );
    assert.equal(await buyer.getByTestId("order-invoices").count(), 0);
    // Nothing more to cancel, and not twice.
    assert.equal(await buyer.getByTestId("cancel-order").count(), 0);

    const [managerMail] = await mailsAbout("manager@demo.test", "order_cancelled_by_customer", orderNumber);
    assert.ok(managerMail, "the account manager is mailed");
    assert.match(managerMail.body_text, /Ordered twice/);
    // The buyer cancelled it themselves: no mail to them.
    assert.equal((await mailsAbout("buyer@demo.test", "order_cancelled", orderNumber)).length, 0);
    await buyer.context().close();
  });

  it("once confirmed, only the account manager cancels it, with a reason the buyer is mailed", async () => {
    const buyer = await signIn(browser, "buyer@demo.test", "demo-buyer", "/account");
    const orderNumber = await placeOrder(buyer);
    const [order] = await sql<{ id: number }[]>`select id from orders where order_number = ${orderNumber}`;

    const manager = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/orders/${order!.id}`);
    await manager.getByTestId("confirm-form").locator("button[type=submit]").click();
    await manager.getByTestId("order-status").filter({ hasText: "Confirmed" }).waitFor();
    // The confirm form is gone with the confirmation; its message stays on the page.
    assert.equal(await manager.getByTestId("confirm-form").count(), 0);
    assert.equal((await manager.getByTestId("outliving-notice").innerText()).split("\n")[0], "Order confirmed.");
    await manager.getByTestId("outliving-notice").getByRole("button", { name: "Close" }).click();
    assert.equal(await manager.getByTestId("outliving-notice").count(), 0);

    await buyer.reload();
    assert.equal((await buyer.getByTestId("order-status").innerText()).trim(), "Confirmed");
    assert.equal(await buyer.getByTestId("cancel-order").count(), 0, "the buyer can no longer cancel a confirmed order");

    const form = manager.getByTestId("cancel-order-form");
    await form.getByLabel("Reason").fill("Customer called: goods no longer needed");
    manager.once("dialog", (dialog) => void dialog.accept());
    await form.getByRole("button", { name: "Cancel order" }).click();
    await manager.getByTestId("order-status").filter({ hasText: "Canceled" }).waitFor();
    assert.equal(await manager.getByTestId("cancel-order-form").count(), 0);

    const [mail] = await mailsAbout("buyer@demo.test", "order_cancelled", orderNumber);
    assert.ok(mail, "the buyer is mailed the cancellation");
    assert.match(mail.body_text, /goods no longer needed/);
    await buyer.reload();
    assert.equal((await buyer.getByTestId("order-status").innerText()).trim(), "Canceled");
    assert.match(await buyer.getByTestId("order-history").innerText(), /goods no longer needed/);
    assert.match(await buyer.getByTestId("cancelled-notice").innerText(), /^.+ canceled this order\.\n+Reason: Customer called: goods no longer needed$/);
    assert.equal(await buyer.getByTestId("order-invoices").count(), 0);
    await buyer.context().close();
    await manager.context().close();
  });
});
