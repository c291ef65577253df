import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { BASE_URL, launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Standing orders in Chromium against the running server: the demo buyer makes their own favorites
 * list a standing order starting today; the server's scheduler places it within its round, the list
 * page shows the run with the order, which carries the PO number; then skip, pause, resume and
 * remove. The demo company admin's standing order on the shared list (seed) is shown to the buyer
 * read-only. Everything this spec sets up is removed afterwards.
 */
let browser: Browser;
const sql = openE2eDatabase();
let listId = 0;

before(async () => {
  browser = await launchBrowser();
  const [list] = await sql<{ id: number }[]>`
    select l.id from favorite_lists l join users u on u.id = l.owner_user_id
    where u.email = 'buyer@demo.test' and l.name = 'Mijn vaste artikelen'`;
  assert.ok(list);
  listId = list.id;
  // Orderable as the seed left them: one of each, for the test's sake.
  await sql`update favorite_list_lines l set default_quantity = p.min_order_quantity
            from products p where p.id = l.product_id and l.list_id = ${listId} and p.order_multiple = 1`;
});
after(async () => {
  await sql`delete from standing_orders where list_id = ${listId}`;
  await browser?.close();
  await sql.end();
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("standing orders", () => {
  it("a buyer makes a list a standing order; the scheduler places it on its day; skip, pause, resume, remove", async () => {
    const page = await signIn(browser, "buyer@demo.test", "demo-buyer", `/favorites/${listId}`);
    const section = page.getByTestId("standing-order");
    await section.getByText("Set up a standing order").click();
    await section.getByLabel("Every … weeks").fill("1");
    await section.getByLabel("PO number").fill("PO-STANDING-E2E");
    // The first order: today (the date field's default and minimum).
    await section.getByRole("button", { name: "Save standing order" }).click();
    await section.getByText("Standing order saved.").waitFor();
    const status = page.getByTestId("standing-order-status");
    assert.equal(await status.getAttribute("data-active"), "true");

    // The scheduler runs every 15 seconds.
    let placed: { order_number: string; outcome: string; po_number: string }[] = [];
    for (let i = 0; i < 40 && placed.length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      placed = await sql`
        select o.order_number, r.outcome, o.po_number from standing_order_runs r
        join standing_orders s on s.id = r.standing_order_id join orders o on o.id = r.order_id
        where s.list_id = ${listId}`;
    }
    assert.equal(placed.length, 1, "the standing order was not placed within 40 s");
    assert.ok(["placed", "awaiting_approval"].includes(placed[0]!.outcome));
    assert.equal(placed[0]!.po_number, "PO-STANDING-E2E");
    const orderNumber = placed[0]!.order_number;

    await page.reload();
    const run = page.getByTestId("standing-order-run").first();
    await run.getByRole("link", { name: orderNumber }).click();
    await page.waitForURL(new RegExp(`/account/orders/${orderNumber}$`));
    await page.getByText("PO-STANDING-E2E").first().waitFor();
    // The order says which standing order placed it, linking back to the list.
    await page.getByTestId("order-standing-order").getByRole("link", { name: "Mijn vaste artikelen" }).waitFor();
    const [placedOrder] = await sql<{ id: number }[]>`select id from orders where order_number = ${orderNumber}`;
    const admin = await signIn(browser, "admin@koppel.test", "demo-admin", `/admin/orders/${placedOrder!.id}`);
    assert.equal((await admin.getByTestId("order-standing-order").innerText()).trim(), "Mijn vaste artikelen");
    await admin.context().close();
    // Placed, the owner's mail is the order confirmation; awaiting approval, the run's mail says so.
    const mails = await sql<{ kind: string }[]>`select kind from mail_outbox where to_email = 'buyer@demo.test' and subject like ${`%${orderNumber}%`}`;
    assert.deepEqual(
      mails.map((m) => m.kind),
      [placed[0]!.outcome === "placed" ? "order_confirmation" : "standing_order_run"],
    );

    // Next week's order is skipped: the one after it is next.
    await page.goto(`${BASE_URL}/favorites/${listId}`);
    const nextRun = async () => (await sql<{ next_run_on: string }[]>`select next_run_on::text from standing_orders where list_id = ${listId}`)[0]?.next_run_on;
    const before = await nextRun();
    const changes = page.getByTestId("standing-order-changes");
    await changes.getByRole("button", { name: "Skip the next order" }).click();
    await waitUntil(async () => (await nextRun()) !== before);
    assert.equal(new Date(`${await nextRun()}T00:00:00Z`).getTime() - new Date(`${before}T00:00:00Z`).getTime(), 7 * 86_400_000);

    await changes.getByRole("button", { name: "Pause" }).click();
    await page.locator('[data-testid=standing-order-status][data-active=false]').waitFor();
    await changes.getByRole("button", { name: "Resume" }).click();
    await page.locator('[data-testid=standing-order-status][data-active=true]').waitFor();
    await changes.getByRole("button", { name: "Remove" }).click();
    await page.getByTestId("standing-order-status").waitFor({ state: "detached" });
    assert.equal((await sql`select 1 from standing_orders where list_id = ${listId}`).length, 0);
    await page.getByTestId("standing-order").getByText("Set up a standing order").waitFor();
  });

  it("the company admin's standing order on the shared list is shown to a buyer, without the buttons to change it", async () => {
    const [shared] = await sql<{ id: number }[]>`select id from favorite_lists where shared and name = 'Kantoorvoorraad (gedeeld)'`;
    const page = await signIn(browser, "buyer@demo.test", "demo-buyer", `/favorites/${shared!.id}`);
    const section = page.getByTestId("standing-order");
    await section.getByText(/Every 4 weeks; next order on/).waitFor();
    assert.equal(await page.getByTestId("standing-order-changes").count(), 0);
    assert.equal(await section.getByText("Set up a standing order").count(), 0);
    // The favorites overview marks the list that has one.
    await page.goto(`${BASE_URL}/favorites`);
    const marked = page.getByTestId("favorite-list").filter({ hasText: "Kantoorvoorraad (gedeeld)" }).getByTestId("list-standing-order");
    assert.match(await marked.innerText(), /Standing order: Every 4 weeks/);
  });

  it("the account manager sees the customer's standing orders on the customer's page", async () => {
    const [company] = await sql<{ id: number }[]>`select company_id as id from favorite_lists where shared and name = 'Kantoorvoorraad (gedeeld)'`;
    const page = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/customers/${company!.id}`);
    const row = page.getByTestId("customer-standing-order").filter({ hasText: "Kantoorvoorraad (gedeeld)" });
    assert.match(await row.innerText(), /Every 4 weeks; next order on/);
  });
});
