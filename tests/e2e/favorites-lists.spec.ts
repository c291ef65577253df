import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Favorites lists in Chromium against the running server. A team list: the company admin shares a new
 * list and lets colleagues change it; a buyer saves a product to it from the product page and changes
 * its quantity, and has no list settings. A leaver's list: the company admin deactivates a colleague
 * (after confirming; cancelling leaves them active) and hands their list over to the approver, who
 * finds it among their own. What the company last paid, in Chromium against the running server: the
 * approver orders a product of the demo company's shared list; the list then shows that order's date,
 * quantity and unit price, and that today's price for that quantity is the same; after a price rise
 * it says that today's price is higher. The prices are put back afterwards.
 */
let browser: Browser;
const sql = openE2eDatabase();
let product: { id: number; sku: string; list_price_minor: number };
let listId = 0;
const stamp = Date.now().toString(36);
/** The product's fixed contract prices (restored afterwards). */
let fixedEntries: { id: number; price_minor: number }[] = [];

before(async () => {
  browser = await launchBrowser();
  const [row] = await sql<{ list_id: number; id: number; sku: string; list_price_minor: number }[]>`
    select fl.id as list_id, p.id, p.sku, p.list_price_minor
    from favorite_lists fl
    join favorite_list_lines l on l.list_id = fl.id
    join products p on p.id = l.product_id
    join users u on u.id = fl.owner_user_id
    where u.email = 'companyadmin@demo.test' and fl.shared and p.active and p.min_order_quantity = 1 and p.order_multiple = 1 and p.stock > 10
    order by l.position limit 1`;
  assert.ok(row, "the demo's shared list has a line orderable by one");
  fixedEntries = await sql<{ id: number; price_minor: number }[]>`select id, price_minor from price_list_entries where product_id = ${row.id} and kind = 'fixed'`;
  listId = row.list_id;
  product = { id: row.id, sku: row.sku, list_price_minor: row.list_price_minor };
});
after(async () => {
  if (product) await sql`update products set list_price_minor = ${product.list_price_minor} where id = ${product.id}`;
  for (const entry of fixedEntries) await sql`update price_list_entries set price_minor = ${entry.price_minor} where id = ${entry.id}`;
  await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = 'approver@demo.test' and c.punchout_session_id is null)`;
  await sql`delete from favorite_lists where name in (${`E2E team ${stamp}`}, ${`E2E leaver ${stamp}`})`;
  await sql`delete from users where email = ${`leaver-${stamp}@demo.test`}`;
  await browser?.close();
  await sql.end();
});

describe("favorites lists", () => {
  it("a team list: colleagues may change its lines when the owner allows it, but not its settings", async () => {
    const listName = `E2E team ${stamp}`;
    const owner = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", "/favorites");
    await owner.getByLabel("Name of the list").fill(listName);
    await owner.getByLabel("Share with everybody at my company").check();
    await owner.getByLabel("Colleagues may change its lines too").check();
    await owner.getByRole("button", { name: "Create list" }).click();
    await owner.waitForURL(/\/favorites\/\d+$/);
    const listUrl = new URL(owner.url()).pathname;
    await owner.getByText("Shared, colleagues may change it").waitFor();
    await owner.context().close();

    const buyer = await signIn(browser, "buyer@demo.test", "demo-buyer", `/products/${product.sku}`);
    await buyer.getByTestId("save-to-list").click();
    await buyer.getByLabel("List", { exact: true }).selectOption({ label: `${listName} (Shared)` });
    await buyer.getByLabel("Default quantity").fill("2");
    await buyer.getByRole("button", { name: "Save", exact: true }).click();
    await buyer.getByText(`Saved to “${listName}”.`).waitFor();
    await buyer.goto(listUrl);
    const line = buyer.locator(`[data-testid=favorite-line][data-sku="${product.sku}"]`);
    await line.getByRole("spinbutton").fill("4");
    await line.getByRole("button", { name: "Save" }).click();
    await line.getByText("Saved.", { exact: true }).waitFor();
    assert.equal(await buyer.locator("summary", { hasText: "List settings" }).count(), 0);
    await buyer.context().close();
    const [stored] = await sql<{ default_quantity: number }[]>`
      select l.default_quantity from favorite_list_lines l join favorite_lists fl on fl.id = l.list_id where fl.name = ${listName}`;
    assert.equal(stored!.default_quantity, 4);
  });

  it("the company admin deactivates a colleague after confirming and hands their list over; the new owner finds it among their own", async () => {
    const [company] = await sql<{ id: number }[]>`select company_id as id from users where email = 'companyadmin@demo.test'`;
    const [leaver] = await sql<{ id: number }[]>`
      insert into users (email, name, role, company_id, active) values (${`leaver-${stamp}@demo.test`}, ${`Vertrokken ${stamp}`}, 'buyer', ${company!.id}, true) returning id`;
    const [list] = await sql<{ id: number }[]>`
      insert into favorite_lists (company_id, owner_user_id, name, shared) values (${company!.id}, ${leaver!.id}, ${`E2E leaver ${stamp}`}, false) returning id`;
    await sql`insert into favorite_list_lines (list_id, product_id, default_quantity, position) values (${list!.id}, ${product.id}, 1, 1)`;

    const admin = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", "/account/users");
    // Deactivating asks first, naming the colleague (as the back office does); cancelled, nothing happens.
    const leaverRow = admin.locator(`[data-testid=company-user][data-email="leaver-${stamp}@demo.test"]`);
    const answers: string[] = [];
    admin.once("dialog", (dialog) => {
      answers.push(dialog.message());
      void dialog.dismiss();
    });
    await leaverRow.getByRole("button", { name: "Deactivate" }).click();
    for (let waited = 0; answers.length === 0 && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    const question = `Deactivate Vertrokken ${stamp}? They will no longer be able to sign in or order, starting right away. You can reactivate the account later.`;
    assert.deepEqual(answers, [question]);
    assert.equal((await sql<{ active: boolean }[]>`select active from users where id = ${leaver!.id}`)[0]!.active, true, "cancelled: still active");
    admin.once("dialog", (dialog) => {
      answers.push(dialog.message());
      void dialog.accept();
    });
    await leaverRow.getByRole("button", { name: "Deactivate" }).click();
    await leaverRow.getByRole("button", { name: "Reactivate" }).waitFor();
    assert.deepEqual(answers, [question, question]);
    assert.equal((await sql<{ active: boolean }[]>`select active from users where id = ${leaver!.id}`)[0]!.active, false);
    const form = admin.getByRole("form", { name: `Hand over the lists of Vertrokken ${stamp}` });
    await form.getByText("1 favorites list and 0 standing orders left: hand them over to").waitFor();
    await form.getByRole("combobox").selectOption({ label: "Pieter Jansen" });
    await form.getByRole("button", { name: "Hand over" }).click();
    await admin.waitForURL(/handedOver=1-0/);
    await admin.getByText("Handed over: 1 list and 0 standing orders. The colleague has been mailed.").waitFor();
    await admin.context().close();

    const approver = await signIn(browser, "approver@demo.test", "demo-approver", "/favorites");
    await approver.getByRole("link", { name: `E2E leaver ${stamp}` }).click();
    await approver.waitForURL(new RegExp(`/favorites/${list!.id}$`));
    await approver.getByText("Owner: Pieter Jansen", { exact: false }).waitFor();
    await approver.context().close();
    const [mail] = await sql<{ subject: string }[]>`select subject from mail_outbox where to_email = 'approver@demo.test' and kind = 'hand_over' order by id desc limit 1`;
    // In the approver's language, whichever the earlier specs left them with.
    assert.ok([`Overgedragen: bestellijsten van Vertrokken ${stamp}`, `Handed over: favorites lists of Vertrokken ${stamp}`].includes(mail!.subject), mail!.subject);
  });

  it("shows the last order's quantity and price on the list, and the change since", async () => {
    await sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = 'approver@demo.test' and c.punchout_session_id is null)`;
    const page = await signIn(browser, "approver@demo.test", "demo-approver", `/products/${product.sku}`);
    await page.getByRole("spinbutton", { name: "Quantity" }).fill("2");
    await page.getByRole("button", { name: "Add to cart" }).click();
    await page.getByText("Added to cart.").waitFor();
    await page.goto("/checkout");
    await page.getByLabel("Cost center").selectOption("4300");
    await page.getByRole("button", { name: "Place order" }).click();
    await page.waitForURL(/\/account\/orders\/K\d+\?placed=1/);

    await page.goto(`/favorites/${listId}`);
    const line = page.locator(`[data-testid=favorite-line][data-sku="${product.sku}"]`);
    assert.match(await line.getByTestId("favorite-last-ordered").innerText(), /^Last ordered .+: 2 × €/);
    assert.equal((await line.getByTestId("favorite-price-change").innerText()).trim(), "same price today");

    // Prices rise 10 % (list price and contract prices): the list says so for that quantity.
    await sql`update products set list_price_minor = ${Math.round(product.list_price_minor * 1.1)} where id = ${product.id}`;
    for (const entry of fixedEntries) await sql`update price_list_entries set price_minor = ${Math.round(entry.price_minor * 1.1)} where id = ${entry.id}`;
    await page.reload();
    assert.match((await line.getByTestId("favorite-price-change").innerText()).trim(), /^today \+\d+(\.\d+)?% for that quantity$/);
    await page.context().close();
  });
});
