import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Returns (RMA) in Chromium against the running server: the buyer's order is shipped and invoiced
 * by the account manager; the buyer reports part of it for return (the form refuses a line without
 * a reason and more than was shipped), the manager is counted a return to decide, will not reject
 * it without a reason, approves it with instructions (the buyer is mailed), and records that fewer
 * goods arrived than were reported: a credit note for what arrived, which the buyer finds from the
 * return. A plain buyer cannot open a colleague's return; a second request is withdrawn.
 */
let browser: Browser;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36);
let buyer: Page;
let manager: Page;
/** Two products the buyer orders: 3 of the first (of which 2 go back), 2 of the second. */
let first = "";
let second = "";
let order: { id: number; number: string };
let invoice: { id: number; number: string };
/** The return reported in journey 2 (number and id). */
let reported: { number: string; id: number } | undefined;
/** Returns this file created through the UI (withdrawn in after() if a failed run left them undecided). */
const created: string[] = [];
/** A colleague's return stored directly in the database (removed in after()). */
let foreignReturnId: number | undefined;

const clearCarts = () =>
  sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id
      where u.email in ('buyer@demo.test', 'approver@demo.test') and c.punchout_session_id is null)`;

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, everyMs = 300): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Adds `quantity` of a product to the signed-in user's cart from its product page. */
async function addToCart(page: Page, sku: string, quantity: number) {
  await page.goto(`/products/${encodeURIComponent(sku)}`);
  const main = page.locator("main");
  await main.getByRole("spinbutton", { name: "Quantity" }).fill(String(quantity));
  await main.getByRole("button", { name: "Add to cart" }).click();
  await main.getByText("Added to cart.").waitFor();
}

/** Places the cart at checkout; returns the new order's number. */
async function placeOrder(page: Page, poNumber: string): Promise<string> {
  await page.goto("/checkout");
  await page.getByLabel("PO number").fill(poNumber);
  await page.getByRole("button", { name: "Place order" }).click();
  await page.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop()!);
}

/** Requested returns of the manager's customers: what the navigation's badge counts. */
const returnsToDecide = async () =>
  Number(
    (
      await sql<{ n: number }[]>`select count(*)::int as n from return_requests r
        join account_manager_customers a on a.company_id = r.company_id join users u on u.id = a.staff_user_id
        where r.status = 'requested' and u.email = 'manager@demo.test'`
    )[0]!.n,
  );

/** Return requests of the journey's order. */
async function returnsOfOrder(): Promise<number> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from return_requests where order_id = ${order.id}`;
  return row!.n;
}

/**
 * Waits until React has hydrated a form: one submitted earlier goes without its handlers (no
 * confirm(), the browser's own submission) and is only replayed once the page is interactive.
 */
async function hydrated(form: Locator): Promise<Locator> {
  const element = await form.elementHandle();
  await form.page().waitForFunction((el) => Object.keys(el!).some((key) => key.startsWith("__reactProps$")), element);
  return form;
}

/** Waits for what a successful form submission shows; a form error fails at once, with its text. */
async function settled(page: Page, success: Locator): Promise<void> {
  const error = page.getByTestId("form-error");
  await success.or(error).first().waitFor();
  if (!(await success.isVisible())) throw new Error(`the form was refused: ${await error.innerText()}`);
}

const navBadge = (page: Page) => page.locator('a[href="/admin/returns"] [data-testid=nav-badge]');
const returnStatus = (page: Page) => page.getByTestId("return-status");
/** The buyer's "Return items" form (the one with the order's lines). */
const returnForm = (page: Page) => page.locator("form").filter({ has: page.getByTestId("return-line") });

before(async () => {
  browser = await launchBrowser();
  const products = await sql<{ sku: string }[]>`
    select sku from products where active and min_order_quantity = 1 and order_multiple = 1 and stock > 100 and list_price_minor < 5000
    order by id limit 2`;
  assert.equal(products.length, 2, "the demo seed has cheap products in stock");
  [first, second] = products.map((product) => product.sku) as [string, string];
  await clearCarts();
  [buyer, manager] = await Promise.all([
    signIn(browser, "buyer@demo.test", "demo-buyer", "/account"),
    signIn(browser, "manager@demo.test", "demo-manager", "/admin"),
  ]);
});

after(async () => {
  // A failed run must not leave a request in the managers' "to decide" count of the next one.
  if (created.length > 0) await sql`update return_requests set status = 'cancelled' where status = 'requested' and return_number in ${sql(created)}`;
  if (foreignReturnId !== undefined) await sql`delete from return_requests where id = ${foreignReturnId}`;
  await clearCarts();
  await browser?.close();
  await sql.end();
});

describe("returns (RMA)", () => {
  it("journey 1: the buyer's order of two products is shipped and invoiced by the account manager", async () => {
    await addToCart(buyer, first, 3);
    await addToCart(buyer, second, 2);
    const number = await placeOrder(buyer, `PO-RMA-${stamp}`);
    const [row] = await sql<{ id: number; status: string }[]>`select id, status from orders where order_number = ${number}`;
    assert.equal(row!.status, "placed", "within the buyer's order limit");
    order = { id: row!.id, number };
    // Nothing shipped yet: nothing to return.
    assert.equal(await buyer.getByTestId("order-returns").count(), 0);

    await manager.goto(`/admin/orders/${order.id}`);
    const ship = manager.getByTestId("ship-form");
    await ship.locator("input[name=carrier]").fill("PostNL");
    await ship.locator("input[name=trackingNumber]").fill(`3SRMA${stamp}`);
    await ship.locator("button[type=submit]").click();
    const shipment = await until("the shipment", () =>
      sql<{ id: number; shipment_number: string }[]>`select id, shipment_number from order_shipments where order_id = ${order.id}`.then((r) => r[0]),
    );
    // Customers with invoice-on-shipment are invoiced automatically; the demo customer by "Invoice this shipment".
    if ((await sql`select 1 from invoices where shipment_id = ${shipment.id}`).length === 0) {
      await manager.reload();
      await manager.locator(`[data-testid=shipment-row][data-shipment-number="${shipment.shipment_number}"]`).getByTestId("invoice-shipment-form").locator("button[type=submit]").click();
    }
    invoice = await until("the invoice", () => sql<{ id: number; number: string }[]>`select id, number from invoices where shipment_id = ${shipment.id}`.then((r) => r[0]));
    assert.match(invoice.number, /^F\d{4}-\d+$/);
  });

  it("journey 2: the buyer reports 2 of the first product as damaged; a line without reason or beyond what shipped is refused", async () => {
    await buyer.goto(`/account/orders/${order.number}`);
    const section = buyer.getByTestId("order-returns");
    assert.match(await section.innerText(), /Possible until/);
    await section.getByTestId("return-items").click();
    await buyer.waitForURL((url) => url.pathname === `/account/orders/${order.number}/return`);
    assert.deepEqual(await buyer.getByTestId("return-line").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-sku"))), [first, second]);
    assert.match(await buyer.locator(`[data-testid=return-line][data-sku="${first}"]`).innerText(), /\b3\b/);

    const form = await hydrated(returnForm(buyer));
    const quantity = form.getByLabel(`Quantity to return of ${first}`);
    const reason = form.getByLabel(`Reason for returning ${first}`);
    const submit = form.getByRole("button", { name: "Report return" });

    // A quantity without a reason.
    await quantity.fill("2");
    await submit.click();
    await buyer.getByRole("alert").filter({ hasText: "Choose a reason for every item you return." }).waitFor();

    // More than shipped: the browser already stops it at the field's maximum…
    await quantity.fill("4");
    await reason.selectOption({ label: "Damaged" });
    await submit.click();
    assert.equal(await quantity.evaluate((input: HTMLInputElement) => input.validity.rangeOverflow), true);
    assert.equal(new URL(buyer.url()).pathname, `/account/orders/${order.number}/return`);
    // …and the server refuses it too (a page left open while a colleague returned goods has a stale maximum).
    await quantity.evaluate((input: HTMLInputElement) => input.removeAttribute("max"));
    await submit.click();
    await buyer.getByRole("alert").filter({ hasText: "Line 1: at most 3 can be returned." }).waitFor();
    assert.equal(await returnsOfOrder(), 0, "nothing stored for a refused request");

    await quantity.fill("2");
    await reason.selectOption({ label: "Damaged" });
    await form.getByLabel("Comment").fill(`Two boxes crushed in transit (${stamp})`);
    await submit.click();
    await buyer.waitForURL(/\/account\/returns\/R\d+\?requested=1$/);
    const number = decodeURIComponent(new URL(buyer.url()).pathname.split("/").pop()!);
    created.push(number);
    await buyer.getByTestId("return-requested").getByText(`Your return ${number} has been reported.`).waitFor();
    assert.equal((await returnStatus(buyer).innerText()).trim(), "Reported");
    const lines = buyer.getByTestId("return-line");
    assert.equal(await lines.count(), 1);
    assert.match(await lines.innerText(), new RegExp(`${first}[\\s\\S]*Damaged[\\s\\S]*\\b2\\b`));
    assert.match(await buyer.locator("main").innerText(), /Two boxes crushed in transit/);

    const [row] = await sql<{ id: number; status: string; buyer_comment: string }[]>`select id, status, buyer_comment from return_requests where return_number = ${number}`;
    assert.equal(row!.status, "requested");
    reported = { number, id: row!.id };
    // The account manager is told by mail.
    const [mail] = await sql`select 1 from mail_outbox where to_email = 'manager@demo.test' and kind = 'return_requested' and subject like ${`%${number}%`}`;
    assert.ok(mail, "the account manager is mailed the request");

    // Listed under My account → Returns and on the order.
    await buyer.goto("/account/returns");
    await buyer.getByTestId("return-row").filter({ hasText: number }).waitFor();
    await buyer.goto(`/account/orders/${order.number}`);
    assert.match(await buyer.getByTestId("order-returns").innerText(), new RegExp(`${number}[\\s\\S]*Reported`));
  });

  it("journey 3: the manager sees it counted, cannot reject it without a reason, and approves it with instructions", async () => {
    assert.ok(reported, "journey 2 reported a return");
    const toDecide = await returnsToDecide();
    await manager.goto("/admin");
    assert.match((await navBadge(manager).textContent()) ?? "", new RegExp(`^${toDecide}, ${toDecide} returns? to decide$`));

    await manager.getByRole("link", { name: /^Returns/ }).click();
    await manager.waitForURL((url) => url.pathname === "/admin/returns");
    const row = manager.locator(`[data-testid=return-row][data-return-number="${reported.number}"]`);
    assert.equal(await row.getAttribute("data-status"), "requested");
    assert.match(await row.innerText(), new RegExp(`Demo Facilities B\\.V\\.[\\s\\S]*${order.number}`));
    await row.getByRole("link", { name: reported.number }).click();
    await manager.waitForURL((url) => url.pathname === `/admin/returns/${reported!.id}`);
    assert.equal((await returnStatus(manager).innerText()).trim(), "Reported");
    assert.match(await manager.getByTestId("return-header").innerText(), /Two boxes crushed in transit/);

    // A blank reason (the field is required, spaces pass the browser) is refused by the server; the confirm() is accepted.
    const reject = await hydrated(manager.getByTestId("return-reject-form"));
    await reject.getByLabel("Reason").fill("   ");
    manager.once("dialog", (dialog) => void dialog.accept());
    await reject.getByRole("button", { name: "Reject return" }).click();
    await reject.getByTestId("form-error").getByText("Reason: a reason is required").waitFor();
    await manager.reload();
    assert.equal((await returnStatus(manager).innerText()).trim(), "Reported");

    const approve = await hydrated(manager.getByTestId("return-approve-form"));
    await approve.getByLabel("Instructions (optional)").fill(`DHL picks it up on Friday (${stamp})`);
    await approve.getByRole("button", { name: "Approve return" }).click();
    await settled(manager, returnStatus(manager).filter({ hasText: "Approved" }));
    assert.match(await manager.getByTestId("return-staff-comment").innerText(), new RegExp(`DHL picks it up on Friday \\(${stamp}\\)`));
    // One fewer to decide in the navigation.
    if (toDecide === 1) await navBadge(manager).waitFor({ state: "detached" });
    else assert.match((await navBadge(manager).textContent()) ?? "", new RegExp(`^${toDecide - 1},`));

    await buyer.goto(`/account/returns/${reported.number}`);
    assert.equal((await returnStatus(buyer).innerText()).trim(), "Approved");
    assert.match(await buyer.getByTestId("return-notice").innerText(), new RegExp(`send the goods back with ${reported.number} on the package`));
    assert.match(await buyer.getByTestId("return-staff-comment").innerText(), new RegExp(`DHL picks it up on Friday \\(${stamp}\\)`));
    // Where to send the goods is on the page too, not only in the mail: the supplier's address.
    const [supplier] = await sql<{ street: string; postal_code: string; city: string }[]>`select street, postal_code, city from supplier_profile limit 1`;
    assert.ok(supplier, "the demo seed has a supplier profile");
    const address = await buyer.getByTestId("return-address").innerText();
    assert.match(address, /^Return address/);
    for (const part of [supplier.street, supplier.postal_code, supplier.city]) assert.ok(address.includes(part), `${part} in ${address}`);
    // Decided: no longer withdrawable.
    assert.equal(await buyer.getByRole("button", { name: "Withdraw" }).count(), 0);

    const [mail] = await sql<{ subject: string; body_text: string }[]>`
      select subject, body_text from mail_outbox where to_email = 'buyer@demo.test' and kind = 'return_approved' and subject like ${`%${reported.number}%`}`;
    assert.ok(mail, "the buyer is mailed the approval");
    assert.ok(mail.body_text.includes(`DHL picks it up on Friday (${stamp})`), mail.body_text);
    assert.ok(mail.body_text.includes(`/account/returns/${reported.number}`), "the mail links the return");
  });

  it("journey 4: the manager records 1 of 2 received; a credit note for 1 is issued and the buyer finds it from the return", async () => {
    assert.ok(reported, "journey 2 reported a return");
    await manager.goto(`/admin/returns/${reported.id}`);
    const form = await hydrated(manager.getByTestId("return-complete-form"));
    // Everything reported is invoiced: no warning, 3 creditable on the line.
    assert.equal(await manager.getByTestId("return-not-invoiced").count(), 0);
    assert.match(await form.locator(`[data-testid=return-line][data-sku="${first}"]`).innerText(), /\b2\b[\s\S]*\b3\b/);
    const received = form.getByLabel(`Received of ${first}`);
    assert.equal(await received.inputValue(), "2");
    await received.fill("1");
    await form.getByLabel("Note (optional)").fill("One box was intact and has been sent back to you.");
    let asked = "";
    manager.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await form.getByRole("button", { name: "Receive and credit" }).click();
    await settled(manager, returnStatus(manager).filter({ hasText: "Processed" }));
    assert.match(asked, /Issue the credit notes/);
    const creditNumber = (await manager.getByTestId("return-credit-notes").innerText()).trim();
    assert.match(creditNumber, /^C\d{4}-\d+$/);

    // One credit note of the order's invoice, for 1 of the first product.
    const lines = await sql<{ kind: string; credited_invoice_id: number; sku: string; quantity: number }[]>`
      select n.kind, n.credited_invoice_id, ol.sku, nl.quantity
      from invoices n
      join invoice_lines nl on nl.invoice_id = n.id
      join invoice_lines il on il.invoice_id = n.credited_invoice_id and il.line_id = nl.line_id
      join order_lines ol on ol.order_id = ${order.id} and ol.line_number = il.order_line_number
      where n.number = ${creditNumber}`;
    assert.deepEqual([...lines], [{ kind: "credit_note", credited_invoice_id: invoice.id, sku: first, quantity: 1 }]);
    const [stored] = await sql<{ status: string; credit_note_numbers: string[] }[]>`select status, credit_note_numbers from return_requests where id = ${reported.id}`;
    assert.deepEqual(stored, { status: "completed", credit_note_numbers: [creditNumber] });
    const [mail] = await sql<{ body_text: string }[]>`
      select body_text from mail_outbox where to_email = 'buyer@demo.test' and kind = 'return_completed' and subject like ${`%${reported.number}%`}`;
    assert.ok(mail?.body_text.includes(creditNumber), "the buyer is mailed the credit note number");
    // The warehouse's view through the API (staff's session works like a key): the same return, completed.
    const api = await manager.context().request.get(`/admin/api/returns/${reported.number}`);
    assert.equal(api.status(), 200);
    const json = (await api.json()) as { status: string; creditNotes: string[]; lines: { sku: string; received: number | null }[] };
    assert.equal(json.status, "completed");
    assert.deepEqual(json.creditNotes, [creditNumber]);
    assert.equal(json.lines.find((l) => l.sku === first)?.received, 1);

    await buyer.goto(`/account/returns/${reported.number}`);
    assert.equal((await returnStatus(buyer).innerText()).trim(), "Processed");
    const line = buyer.locator(`[data-testid=return-line][data-sku="${first}"]`);
    assert.equal((await line.locator("td").last().innerText()).trim(), "1", "credited 1");
    // Goods in: no return address any more.
    assert.equal(await buyer.getByTestId("return-address").count(), 0);
    // The list shows the partial credit.
    await buyer.goto("/account/returns");
    assert.match(await buyer.getByTestId("return-row").filter({ hasText: reported.number }).getByTestId("return-items").innerText(), /^2, 1 credited$/);
    // On a phone each line is a block: the credited quantity is in view without scrolling sideways, here
    // and on the manager's page ("Received and credited").
    const within = (locator: Locator) =>
      locator.evaluate((el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth;
      });
    await buyer.setViewportSize({ width: 390, height: 844 });
    await manager.setViewportSize({ width: 390, height: 844 });
    try {
      await buyer.goto(`/account/returns/${reported.number}`);
      const phoneLine = buyer.locator(`[data-testid=return-line][data-sku="${first}"]`);
      assert.equal((await phoneLine.locator("td").last().innerText()).trim(), "1");
      assert.ok(await within(phoneLine.locator("td").last()), "the credited quantity fits a 390 px screen");
      assert.match(await phoneLine.innerText(), /Credited\s+1/);
      await manager.goto(`/admin/returns/${reported.id}`);
      const managerLine = manager.locator(`[data-testid=return-line][data-sku="${first}"]`);
      assert.equal((await managerLine.locator("td").last().innerText()).trim(), "1");
      assert.ok(await within(managerLine.locator("td").last()), "received and credited fits a 390 px screen");
      assert.match(await managerLine.innerText(), /Received and credited\s+1/);
    } finally {
      await buyer.setViewportSize({ width: 1280, height: 800 });
      await manager.setViewportSize({ width: 1280, height: 800 });
    }
    assert.match(await buyer.locator("main").innerText(), /One box was intact/);
    await buyer.getByTestId("return-credit-notes").getByRole("link", { name: creditNumber }).click();
    await buyer.waitForURL((url) => url.pathname === `/account/invoices/${creditNumber}`);
    assert.match(await buyer.getByTestId("invoice-document").innerText(), new RegExp(creditNumber));
  });

  it("journey 5: a plain buyer cannot open a colleague's return; a second request is withdrawn", async () => {
    // A colleague (the approver) orders too; a return of that order is stored as theirs.
    const approver = await signIn(browser, "approver@demo.test", "demo-approver", "/account");
    await addToCart(approver, second, 1);
    const colleagueOrder = await placeOrder(approver, `PO-RMA-COL-${stamp}`);
    const [foreign] = await sql<{ id: number; return_number: string }[]>`
      insert into return_requests (company_id, order_id, requested_by, buyer_comment)
      select o.company_id, o.id, o.user_id, 'Colleague''s return' from orders o where o.order_number = ${colleagueOrder}
      returning id, return_number`;
    foreignReturnId = foreign!.id;
    await sql`
      insert into return_request_lines (return_request_id, order_line_number, sku, name, unit, quantity, reason)
      select ${foreign!.id}, line_number, sku, name, unit, 1, 'not_needed' from order_lines
      where order_id = (select id from orders where order_number = ${colleagueOrder}) and line_number = 1`;
    // The approver sees the whole company's returns, the plain buyer only their own.
    await approver.goto(`/account/returns/${foreign!.return_number}`);
    assert.match(await approver.getByTestId("return-number").innerText(), new RegExp(foreign!.return_number));
    await approver.context().close();
    const response = await buyer.goto(`/account/returns/${foreign!.return_number}`);
    assert.equal(response?.status(), 404);
    await buyer.getByText("Page not found").first().waitFor();
    await buyer.goto("/account/returns");
    assert.equal(await buyer.getByTestId("return-row").filter({ hasText: foreign!.return_number }).count(), 0);

    // What is left of the order (1 of the first product: a completed return counts what was reported; 2 of the second).
    await buyer.goto(`/account/orders/${order.number}`);
    await buyer.getByTestId("return-items").click();
    await buyer.waitForURL((url) => url.pathname === `/account/orders/${order.number}/return`);
    const form = await hydrated(returnForm(buyer));
    assert.match(await form.locator(`[data-testid=return-line][data-sku="${first}"]`).innerText(), /\b1\b/);
    await form.getByLabel(`Quantity to return of ${first}`).fill("1");
    await form.getByLabel(`Reason for returning ${first}`).selectOption({ label: "No longer needed" });
    await form.getByLabel(`Quantity to return of ${second}`).fill("2");
    await form.getByLabel(`Reason for returning ${second}`).selectOption({ label: "Wrong item" });
    await form.getByRole("button", { name: "Report return" }).click();
    await buyer.waitForURL(/\/account\/returns\/R\d+\?requested=1$/);
    const number = decodeURIComponent(new URL(buyer.url()).pathname.split("/").pop()!);
    created.push(number);
    assert.equal(await buyer.getByTestId("return-line").count(), 2);

    // Everything shipped is now reported: no more "Return items" on the order.
    await buyer.goto(`/account/orders/${order.number}`);
    await buyer.getByTestId("order-returns").waitFor();
    assert.equal(await buyer.getByTestId("return-items").count(), 0);

    await buyer.goto(`/account/returns/${number}`);
    const withdraw = await hydrated(buyer.locator("form").filter({ has: buyer.getByRole("button", { name: "Withdraw" }) }));
    await withdraw.getByRole("button", { name: "Withdraw" }).click();
    await returnStatus(buyer).filter({ hasText: "Withdrawn" }).waitFor();
    assert.match(await buyer.getByTestId("return-notice").innerText(), /This return has been withdrawn\./);
    assert.equal(await buyer.getByRole("button", { name: "Withdraw" }).count(), 0);
    const [row] = await sql<{ status: string }[]>`select status from return_requests where return_number = ${number}`;
    assert.equal(row!.status, "cancelled");

    // A withdrawn request holds no goods: they can be reported again.
    await buyer.goto(`/account/orders/${order.number}`);
    await buyer.getByTestId("return-items").waitFor();
  });
});
