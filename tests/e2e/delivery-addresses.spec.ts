import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Delivery addresses limited to some users, in Chromium against the running server: the demo company
 * admin limits "Vestiging Amersfoort" to the approver and makes it the approver's default delivery
 * address; the buyer's checkout no longer offers it, the approver's has it chosen beforehand; the
 * account manager sees the limit on the customer's page.
 * Afterwards the address is open to everybody again and the default cleared.
 */
let browser: Browser;
const sql = openE2eDatabase();
let sku = "";

before(async () => {
  browser = await launchBrowser();
  const [product] = await sql<{ sku: string }[]>`
    select sku from products where active and min_order_quantity = 1 and order_multiple = 1 and stock > 100 order by id desc limit 1`;
  sku = product!.sku;
});
after(async () => {
  await sql`delete from address_users where address_id in (select id from addresses where label = 'Vestiging Amersfoort')`;
  await sql`update users set default_ship_to_address_id = null where email = 'approver@demo.test'`;
  await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email in ('buyer@demo.test', 'approver@demo.test') and c.punchout_session_id is null)`;
  await browser?.close();
  await sql.end();
});

/** Signs in with one product in the cart, at the checkout. */
async function atCheckout(email: string, password: string) {
  await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = ${email} and c.punchout_session_id is null)`;
  const page = await signIn(browser, email, password, `/products/${sku}`);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await page.getByText("Added to cart.").waitFor();
  await page.goto("/checkout");
  return page;
}

describe("delivery addresses per user", () => {
  it("the company admin limits an address to the approver and makes it their default; the checkout follows both", async () => {
    const admin = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", "/account/addresses");
    const amersfoort = admin.getByTestId("ship-to-address").filter({ hasText: "Vestiging Amersfoort" });
    assert.equal((await amersfoort.getByTestId("address-used-by").innerText()).trim(), "For everybody");
    await amersfoort.locator("summary", { hasText: "Who may have orders delivered here" }).click();
    const form = amersfoort.getByRole("form", { name: "Who may use Vestiging Amersfoort" });
    await form.getByLabel("Only these users (company admins always may):").check();
    await form.getByLabel(/Pieter Jansen/).check();
    await form.getByRole("button", { name: "Save" }).click();
    await form.getByText("Saved: who may use this address.").waitFor();
    await admin.reload();
    assert.equal((await amersfoort.getByTestId("address-used-by").innerText()).trim(), "Only for: Pieter Jansen");

    await admin.goto("/account/users");
    const approverRow = admin.locator(`[data-testid=company-user][data-email="approver@demo.test"]`);
    const buyerRow = admin.locator(`[data-testid=company-user][data-email="buyer@demo.test"]`);
    // The buyer may not use it: it is not offered as their default.
    const offered = await buyerRow.getByLabel("Default delivery address").locator("option").allInnerTexts();
    assert.ok(!offered.includes("Vestiging Amersfoort"), offered.join(" | "));
    const defaultForm = approverRow.getByRole("form", { name: "Default delivery address of Pieter Jansen" });
    await defaultForm.getByLabel("Default delivery address").selectOption({ label: "Vestiging Amersfoort" });
    await defaultForm.getByRole("button", { name: "Save" }).click();
    await defaultForm.getByText("Default delivery address saved.").waitFor();
    await admin.context().close();

    const buyer = await atCheckout("buyer@demo.test", "demo-buyer");
    await buyer.getByRole("radio", { name: /Hoofdkantoor Utrecht/ }).waitFor();
    assert.equal(await buyer.getByRole("radio", { name: /Vestiging Amersfoort/ }).count(), 0);
    assert.equal(await buyer.getByRole("radio", { name: /Hoofdkantoor Utrecht/ }).isChecked(), true);
    await buyer.context().close();

    const approver = await atCheckout("approver@demo.test", "demo-approver");
    assert.equal(await approver.getByRole("radio", { name: /Vestiging Amersfoort/ }).isChecked(), true);
    await approver.context().close();

    // The account manager sees the limit on the customer's page (read-only: the customer's own decision).
    const [company] = await sql<{ id: number }[]>`select company_id as id from users where email = 'approver@demo.test'`;
    const manager = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/customers/${company!.id}`);
    assert.equal((await manager.getByTestId("address-limited-to").innerText()).trim(), "Only for: Pieter Jansen (set by the company admin)");
    await manager.context().close();
  });

  it("the company admin adds a delivery address for a pop-up location and removes it again; a procurement address warns", async () => {
    const label = `E2E pop-up ${Date.now().toString(36)}`;
    const admin = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", "/account/addresses");
    await admin.locator("summary", { hasText: "Add delivery address" }).click();
    const add = admin.getByRole("form", { name: "Add delivery address" });
    await add.getByLabel("Label").fill(label);
    await add.getByLabel("Company or department").fill("Demo Facilities B.V.");
    await add.getByLabel("Street and number").fill("Markt 1");
    await add.getByLabel("Postal code").fill("3511 AA");
    await add.getByLabel("City").fill("Utrecht");
    await add.getByRole("button", { name: "Save address" }).click();
    const added = admin.getByTestId("ship-to-address").filter({ hasText: label });
    await added.waitFor();
    await added.locator("summary", { hasText: "Edit" }).click();
    await added.getByRole("form", { name: `Remove ${label}` }).getByRole("button", { name: "Remove this address" }).click();
    await admin.waitForURL(/removed=1/);
    await admin.getByText("The address has been removed.").waitFor();
    assert.equal(await admin.getByTestId("ship-to-address").filter({ hasText: label }).count(), 0);
    // An address the procurement system names by its own id says what removing it means for its orders.
    const amersfoort = admin.getByTestId("ship-to-address").filter({ hasText: "Vestiging Amersfoort" });
    await amersfoort.locator("summary", { hasText: "Edit" }).click();
    assert.match(await amersfoort.getByTestId("address-remove-procurement").innerText(), /knows this address as “DF-AMF”/);
    await admin.context().close();
  });
});
