import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Locator, Page } from "playwright-core";
import { addToCartOnProductPage, applyFilters, BASE_URL, launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * The shop at phone width (390 px), in Chromium against the running server: no page of the cart or
 * "My account" is wider than the screen, in Dutch and in English — a table that does not fit scrolls
 * inside its own box, the page itself never pans sideways. The demo buyer's pages with a product in
 * the cart (the one with the longest name of the company's contract) and a quote asked for it; the
 * demo company admin's pages (users, cost centers, approvals, the whole company's lists). At 1280 px
 * a cost center's edit form opens below its row and the table still fits its box; at 390 px the form
 * stays in view. Leaves the buyer's cart empty and removes the quote it asked for.
 *
 * Where a table would hide what matters off to the right, each line is a block at 390 px: the buyer
 * places an order on the phone (the checkout's total comes before its button), the account manager
 * ships and invoices it, and the return form's reason, the invoice lines' amounts (the SKU unbroken)
 * and a favorites list's default quantity are in view without scrolling sideways. The order stays,
 * shipped and invoiced, as the other specs' orders do.
 *
 * A category and a search at 390 px: the heading, then a closed "Filters" button that counts the active
 * filters, then the products on the first screen; at 800 px the filters show (no button), after the heading.
 *
 * The header by keyboard (WCAG 2.4.3): at 390 px Tab goes logo, catalog, cart, Menu, (the opened menu's
 * links,) then the search field below them; at 1280 px logo, catalog, search field, cart, then the links'
 * row — each stop right of or below the one before it, as the eye reads. The header's search form is
 * there twice (one copy per width), and both fields show one text: typed on the phone, it is in the
 * desktop field once the window is 1280 px wide, and back.
 */
const PHONE = { width: 390, height: 844 };
const TABLET = { width: 800, height: 1000 };
const DESKTOP = { width: 1280, height: 800 };
const stamp = Date.now().toString(36);
let browser: Browser;
const sql = openE2eDatabase();
let sku = "";
let quoteNumber = "";

before(async () => {
  browser = await launchBrowser();
  // Long product names are what widened the cart; a contract product is in the company's assortment.
  const [product] = await sql<{ sku: string }[]>`
    select p.sku from products p
    join price_list_entries e on e.product_id = p.id
    join price_lists l on l.id = e.price_list_id and l.code = 'RC-DEMO'
    where p.active and p.min_order_quantity = 1 and p.order_multiple = 1 and p.stock > 10
    order by length(p.name_nl) desc, p.id limit 1`;
  assert.ok(product, "the demo seed gives Demo Facilities contract products");
  sku = product.sku;
  await emptyCart();
});
after(async () => {
  await emptyCart();
  if (quoteNumber) await sql`delete from quotes where quote_number = ${quoteNumber}`;
  await browser?.close();
  await sql.end();
});

async function emptyCart() {
  await sql`delete from cart_lines where cart_id in (
    select c.id from carts c join users u on u.id = c.user_id where u.email = 'buyer@demo.test' and c.punchout_session_id is null)`;
}

/** Signed in (English UI, as the helpers expect) with the phone's screen from the start. */
async function signInOnPhone(email: string, password: string, target: string): Promise<Page> {
  const page = await signIn(browser, email, password, target);
  await page.setViewportSize(PHONE);
  return page;
}

async function useLanguage(page: Page, locale: "nl" | "en") {
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: locale, url: BASE_URL }]);
}

async function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000, everyMs = 300): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The element is on the phone's screen horizontally: nothing of it hidden off to the right (or left). */
async function assertInView(locator: Locator, what: string) {
  const box = await locator.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `${what} is in view at ${PHONE.width} px: ${JSON.stringify(box)}`);
}

/** Each path in each language: the paths (with the width found) whose page is wider than the screen. */
async function tooWide(page: Page, paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const locale of ["nl", "en"] as const) {
    await useLanguage(page, locale);
    for (const path of paths) {
      const response = await page.goto(path);
      assert.equal(response?.status(), 200, path);
      await page.locator("main h1").first().waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) found.push(`${path} (${locale}): ${width} px`);
    }
  }
  await useLanguage(page, "en");
  return found;
}

interface Stop {
  name: string;
  box: { x: number; y: number; width: number; height: number };
}

/** Tab once; the element with the focus then, named as a screen reader names it (aria-label, else its text), and where it shows. */
async function tabStop(page: Page): Promise<Stop> {
  await page.keyboard.press("Tab");
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return { name: "<body>", box: { x: 0, y: 0, width: 0, height: 0 } };
    const { x, y, width, height } = active.getBoundingClientRect();
    return { name: (active.getAttribute("aria-label") ?? active.innerText).trim(), box: { x, y, width, height } };
  });
}

async function tabStops(page: Page, count: number): Promise<Stop[]> {
  const stops: Stop[] = [];
  for (let i = 0; i < count; i++) stops.push(await tabStop(page));
  return stops;
}

/** Each stop comes after the one before as the eye reads: in the same row further right, or in a lower row. */
function assertReadingOrder(stops: Stop[], what: string) {
  for (let i = 1; i < stops.length; i++) {
    const [a, b] = [stops[i - 1]!.box, stops[i]!.box];
    const sameRow = Math.abs(a.y + a.height / 2 - (b.y + b.height / 2)) < Math.min(a.height, b.height) / 2;
    assert.ok(
      sameRow ? b.x >= a.x + a.width - 1 : b.y + b.height / 2 > a.y + a.height / 2,
      `${what}: "${stops[i]!.name}" ${JSON.stringify(b)} comes after "${stops[i - 1]!.name}" ${JSON.stringify(a)} on the screen`,
    );
  }
}

describe("the shop at phone width", () => {
  it("the buyer's cart, quote and account pages fit a 390 px screen", async () => {
    const buyer = await signInOnPhone("buyer@demo.test", "demo-buyer", "/account");
    await useLanguage(buyer, "en");
    // A quote asked for the product (the request takes the cart's lines), then the product in the cart again.
    await addToCartOnProductPage(buyer, sku, 1);
    await buyer.goto("/cart");
    const request = buyer.getByTestId("quote-request");
    await request.getByRole("button", { name: "Request a quote" }).click();
    await buyer.waitForURL(/\/account\/quotes\/Q\d+\?requested=1/);
    quoteNumber = decodeURIComponent(/\/account\/quotes\/([^/?]+)/.exec(buyer.url())![1]!);
    await addToCartOnProductPage(buyer, sku, 1);

    const [list] = await sql<{ id: number }[]>`
      select fl.id from favorite_lists fl join users u on u.id = fl.owner_user_id
      where u.email = 'companyadmin@demo.test' and fl.shared order by fl.id limit 1`;
    const [ownReturn] = await sql<{ return_number: string }[]>`
      select r.return_number from return_requests r join users u on u.id = r.requested_by where u.email = 'buyer@demo.test' order by r.id limit 1`;
    const paths = [
      "/cart",
      `/account/quotes/${encodeURIComponent(quoteNumber)}`,
      "/account",
      "/account/orders",
      "/account/quotes",
      "/account/invoices",
      "/account/returns",
      "/account/addresses",
      "/account/article-numbers",
      "/account/profile",
      "/favorites",
      ...(list ? [`/favorites/${list.id}`] : []),
      "/quick-order",
      ...(ownReturn ? [`/account/returns/${encodeURIComponent(ownReturn.return_number)}`] : []),
    ];
    assert.deepEqual(await tooWide(buyer, paths), []);
    // The cart's table shows its line total without scrolling sideways.
    await buyer.goto("/cart");
    const table = buyer.getByTestId("cart-table");
    assert.equal(await table.evaluate((box) => box.scrollWidth <= box.clientWidth), true, "the cart's table fits its box");
    await buyer.context().close();
  });

  it("at 390 px the checkout's total comes before its button; the return form, an invoice and a favorites list show their key columns in view", async () => {
    // A cheap product of the contract with a long name (what widened the tables), twice: within the order limit.
    const [product] = await sql<{ sku: string }[]>`
      select p.sku from products p
      join price_list_entries e on e.product_id = p.id
      join price_lists l on l.id = e.price_list_id and l.code = 'RC-DEMO'
      where p.active and p.min_order_quantity = 1 and p.order_multiple = 1 and p.stock > 10 and p.list_price_minor < 50000
      order by length(p.name_nl) desc, p.id limit 1`;
    assert.ok(product, "the demo seed gives Demo Facilities cheap contract products");
    await emptyCart();
    const buyer = await signInOnPhone("buyer@demo.test", "demo-buyer", "/account");
    await useLanguage(buyer, "en");
    await addToCartOnProductPage(buyer, product.sku, 2);

    // The checkout: the summary's total before the button, in both languages, and the page fits.
    assert.deepEqual(await tooWide(buyer, ["/checkout"]), []);
    await buyer.goto("/checkout");
    const total = buyer.getByTestId("checkout-summary").getByTestId("grand-total");
    const submit = buyer.getByTestId("place-order");
    assert.equal((await submit.innerText()).trim(), "Place order", "within the order limit");
    const totalBox = (await total.boundingBox())!;
    const submitBox = (await submit.boundingBox())!;
    assert.ok(totalBox.y + totalBox.height <= submitBox.y, `the total (${JSON.stringify(totalBox)}) comes before the button (${JSON.stringify(submitBox)})`);
    await buyer.getByLabel("PO number").fill(`PO-PHONE-${stamp}`);
    await submit.click();
    await buyer.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
    const orderNumber = decodeURIComponent(new URL(buyer.url()).pathname.split("/").pop()!);
    const [order] = await sql<{ id: number; status: string }[]>`select id, status from orders where order_number = ${orderNumber}`;
    assert.ok(order, orderNumber);
    assert.equal(order.status, "placed", "within the order limit");

    // The account manager ships it and invoices the shipment (the demo customer is invoiced by hand).
    const manager = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/orders/${order.id}`);
    const ship = manager.getByTestId("ship-form");
    await ship.locator("input[name=carrier]").fill("PostNL");
    await ship.locator("input[name=trackingNumber]").fill(`3SPHONE${stamp}`);
    await ship.locator("button[type=submit]").click();
    const shipment = await until("the shipment", () =>
      sql<{ id: number; shipment_number: string }[]>`select id, shipment_number from order_shipments where order_id = ${order.id}`.then((r) => r[0]),
    );
    if ((await sql`select 1 from invoices where shipment_id = ${shipment.id}`).length === 0) {
      await manager.reload();
      await manager.locator(`[data-testid=shipment-row][data-shipment-number="${shipment.shipment_number}"]`).getByTestId("invoice-shipment-form").locator("button[type=submit]").click();
    }
    const invoice = await until("the invoice", () => sql<{ number: string }[]>`select number from invoices where shipment_id = ${shipment.id}`.then((r) => r[0]));
    await manager.context().close();

    const returnPath = `/account/orders/${encodeURIComponent(orderNumber)}/return`;
    const invoicePath = `/account/invoices/${encodeURIComponent(invoice.number)}`;
    const [list] = await sql<{ id: number }[]>`
      select fl.id from favorite_lists fl join users u on u.id = fl.owner_user_id
      where u.email = 'companyadmin@demo.test' and fl.shared and exists (select 1 from favorite_list_lines l where l.list_id = fl.id)
      order by fl.id limit 1`;
    assert.ok(list, "the demo company admin shares a list with lines");
    const listPath = `/favorites/${list.id}`;
    assert.deepEqual(await tooWide(buyer, [returnPath, invoicePath, listPath]), []);

    for (const locale of ["nl", "en"] as const) {
      await useLanguage(buyer, locale);
      // The return form: the quantity and the reason of the line, without scrolling its box.
      await buyer.goto(returnPath);
      const line = buyer.locator(`[data-testid=return-line][data-sku="${product.sku}"]`);
      await assertInView(line.locator("input[type=number]"), `the return quantity (${locale})`);
      await assertInView(line.locator("select"), `the return reason (${locale})`);

      // The invoice: the line's amount in view, its SKU on one line (not broken at the hyphen).
      await buyer.goto(invoicePath);
      const invoiceLine = buyer.getByTestId("invoice-line").first();
      await assertInView(invoiceLine.getByTestId("invoice-line-amount"), `the invoice line's amount (${locale})`);
      const sku = invoiceLine.getByTestId("invoice-line-sku");
      assert.equal((await sku.innerText()).trim(), product.sku);
      assert.equal(await sku.evaluate((span) => span.getClientRects().length), 1, `the SKU on one line (${locale})`);

      // A favorites list: the line's default quantity.
      await buyer.goto(listPath);
      const favorite = buyer.getByTestId("favorite-line").first();
      await assertInView(favorite.locator("[data-testid=favorite-quantity], input[name=quantity]").first(), `the favorite's default quantity (${locale})`);
    }
    await useLanguage(buyer, "en");
    await buyer.context().close();
  });

  it("the company admin's users, cost centers and approvals fit a 390 px screen", async () => {
    const admin = await signInOnPhone("companyadmin@demo.test", "demo-companyadmin", "/account/users");
    assert.deepEqual(await tooWide(admin, ["/account/users", "/account/cost-centers", "/account/approvals", "/account/approvals?view=decided", "/account/orders", "/account/quotes", "/account/returns"]), []);

    // A cost center's edit form opens in view, also when the table was scrolled to its last column.
    await admin.goto("/account/cost-centers");
    const row = admin.locator('[data-testid=cost-center-row][data-code="4100"]');
    await row.getByRole("button", { name: "Edit" }).click();
    const form = admin.locator('[data-testid=cost-center-edit-row][data-code="4100"]').getByTestId("cost-center-edit-form");
    await form.getByLabel("Name", { exact: true }).waitFor();
    const box = await form.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `the edit form is in view: ${JSON.stringify(box)}`);
    assert.ok((await admin.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width);

    // A shared list's standing order form, open: its address and cost center choices stay within the screen.
    const [list] = await sql<{ id: number }[]>`
      select fl.id from favorite_lists fl join users u on u.id = fl.owner_user_id
      where u.email = 'companyadmin@demo.test' order by fl.id limit 1`;
    assert.ok(list, "the demo company admin has a favorites list");
    await admin.goto(`/favorites/${list.id}`);
    const standing = admin.getByTestId("standing-order").locator("details");
    await standing.locator("summary").click();
    await standing.locator("select[name=shipToAddressId]").waitFor();
    assert.ok((await admin.evaluate(() => document.documentElement.scrollWidth)) <= PHONE.width, "the standing order form fits 390 px");
    await admin.context().close();
  });

  it("a category and a search at 390 px: heading, a closed Filters button with the active count, products on the first screen", async () => {
    // The demo catalogue's biggest category: the most filters, the longest form to keep out of the way.
    const [category] = await sql<{ slug: string }[]>`
      select c.slug from categories c join products p on p.category_id = c.id
      where p.active and p.stock > 0 group by c.slug order by count(*) desc, c.slug limit 1`;
    assert.ok(category, "the demo catalogue has categories with products in stock");
    const path = `/catalog/${category.slug}`;
    const buyer = await signInOnPhone("buyer@demo.test", "demo-buyer", path);
    await useLanguage(buyer, "en");
    await buyer.goto(path);
    const main = buyer.locator("main");
    const button = main.getByTestId("filters-button");
    const form = main.getByRole("form", { name: "Filters" });
    const top = async (locator: Locator) => (await locator.first().boundingBox())?.y ?? Number.NaN;

    assert.equal((await button.innerText()).trim(), "Filters");
    assert.equal(await button.getAttribute("aria-expanded"), "false");
    const panelId = await button.getAttribute("aria-controls");
    const panel = buyer.locator(`[id="${panelId}"]`);
    assert.ok(panelId && (await panel.count()) === 1, "the button names the panel it opens");
    assert.equal(await panel.isVisible(), false, "the filters are closed on a phone");
    assert.ok((await top(main.locator("h1"))) < (await top(button)), "the heading comes before the filters");
    const firstCard = await top(main.getByTestId("product-card"));
    assert.ok(firstCard < PHONE.height, `the first product is on the first screen: ${firstCard} px`);

    // By keyboard: Enter opens, Tab goes into the filters, Escape closes them with the focus back on the button.
    await button.focus();
    await buyer.keyboard.press("Enter");
    assert.equal(await button.getAttribute("aria-expanded"), "true");
    await buyer.keyboard.press("Tab");
    assert.ok(await panel.evaluate((element) => element.contains(document.activeElement)), "Tab goes into the opened filters");
    await buyer.keyboard.press("Escape");
    assert.equal(await button.getAttribute("aria-expanded"), "false");
    assert.equal(await panel.isVisible(), false, "Escape closes the filters");
    assert.ok(await button.evaluate((element) => element === document.activeElement), "Escape puts the focus back on the Filters button");

    // Open, filter on stock, apply: the listing comes back with the button closed and counting the filter.
    await button.click();
    assert.equal(await button.getAttribute("aria-expanded"), "true");
    await form.waitFor();
    await form.getByLabel("In stock only").check();
    await applyFilters(buyer, form.getByRole("button", { name: "Apply" }), (url) => url.searchParams.get("stock") === "1");
    await main.getByTestId("filters-button").filter({ hasText: "Filters (1)" }).waitFor();
    assert.equal(await main.getByTestId("filters-button").getAttribute("aria-expanded"), "false");
    assert.equal(await panel.isVisible(), false, "applying the filters closes them: the products show");
    assert.deepEqual(await tooWide(buyer, [path, `/search?q=${encodeURIComponent("handschoen")}`]), []);

    // A search: the same order.
    await buyer.goto(`/search?q=${encodeURIComponent("handschoen")}`);
    assert.equal(await main.getByTestId("filters-button").isVisible(), true);
    assert.ok((await top(main.locator("h1"))) < (await top(main.getByTestId("filters-button"))), "the search's heading comes before the filters");

    // From 640 px up the filters show as before, without the button, after the heading.
    await buyer.setViewportSize(TABLET);
    await buyer.goto(path);
    assert.equal(await main.getByTestId("filters-button").isVisible(), false);
    assert.equal(await form.isVisible(), true);
    assert.ok((await top(main.locator("h1"))) < (await top(form)), "the heading comes before the filters at 800 px");
    await buyer.context().close();
  });

  it("at 1280 px a cost center's edit form opens below its row and the table still fits its box", async () => {
    const admin = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", "/account/cost-centers");
    await admin.setViewportSize(DESKTOP);
    const table = admin.getByTestId("cost-centers-table");
    const fits = () => table.evaluate((box) => box.scrollWidth <= box.clientWidth);
    assert.equal(await fits(), true, "closed");
    const row = admin.locator('[data-testid=cost-center-row][data-code="4100"]');
    await row.getByRole("button", { name: "Edit" }).click();
    const editRow = admin.locator('[data-testid=cost-center-edit-row][data-code="4100"]');
    await editRow.getByTestId("cost-center-edit-form").getByLabel("Name", { exact: true }).waitFor();
    assert.equal(await row.getByRole("button", { name: "Edit" }).getAttribute("aria-expanded"), "true");
    assert.equal(await fits(), true, "with the edit form open");
    // Every column heading is in view without scrolling.
    const tableBox = (await table.boundingBox())!;
    for (const heading of await table.locator("thead th").all()) {
      const cell = (await heading.boundingBox())!;
      assert.ok(cell.x >= tableBox.x && cell.x + cell.width <= tableBox.x + tableBox.width + 1, `${await heading.innerText()} is in view`);
    }
    // "Edit" again closes it.
    await row.getByRole("button", { name: "Edit" }).click();
    await editRow.waitFor({ state: "hidden" });
    await admin.context().close();
  });

  it("the header by keyboard: Tab follows what the eye sees at 390 px (cart and Menu before the search field) and at 1280 px (search before the cart)", async () => {
    const buyer = await signInOnPhone("buyer@demo.test", "demo-buyer", "/account/orders");
    await useLanguage(buyer, "en");
    await buyer.goto("/account/orders");
    await buyer.locator("main h1").first().waitFor();
    const menuButton = buyer.getByTestId("header-menu-button");
    assert.equal(await menuButton.getAttribute("aria-expanded"), "false");

    // A page as it opens, nothing focused yet: the skip link, then the header's first row, then the search row.
    await buyer.reload();
    await buyer.locator("main h1").first().waitFor();
    const phone = await tabStops(buyer, 7);
    assert.deepEqual(
      phone.map((stop) => stop.name),
      ["Skip to content", "Koppel", "Catalog", "Cart", "Menu", "Search", "Search"],
    );
    assertReadingOrder(phone.slice(1), "at 390 px");
    assert.ok(phone[5]!.box.y > phone[4]!.box.y + phone[4]!.box.height / 2, "the search field is in the row below the Menu button");

    // With the menu open: from "Menu" into its links, and only after them to the search field, which they push down.
    await menuButton.focus();
    await buyer.keyboard.press("Enter");
    assert.equal(await menuButton.getAttribute("aria-expanded"), "true");
    const opened = [{ name: "Menu", box: (await menuButton.boundingBox())! }, ...(await tabStops(buyer, 9))];
    assert.deepEqual(
      opened.map((stop) => stop.name),
      ["Menu", "Quick order", "Favorites", "My orders", "My account", "Sign out", "NL Nederlands", "EN English", "Search", "Search"],
    );
    assertReadingOrder(opened, "at 390 px with the menu open");

    // From 640 px up the layout is as it was: the search field between the catalog and the cart, the links in a row below.
    await buyer.setViewportSize(DESKTOP);
    await buyer.reload();
    await buyer.locator("main h1").first().waitFor();
    assert.equal(await menuButton.isVisible(), false);
    const desktop = await tabStops(buyer, 13);
    assert.deepEqual(
      desktop.map((stop) => stop.name),
      ["Skip to content", "Koppel", "Catalog", "Search", "Search", "Cart", "Quick order", "Favorites", "My orders", "My account", "Sign out", "NL Nederlands", "EN English"],
    );
    assertReadingOrder(desktop.slice(1), "at 1280 px");
    await buyer.context().close();
  });

  it("text typed in the header's search field on a phone is still there when the window widens to 1280 px, and back", async () => {
    const buyer = await signInOnPhone("buyer@demo.test", "demo-buyer", "/account/orders");
    await buyer.locator("main h1").first().waitFor();
    const phoneField = buyer.getByTestId("header-search-phone").getByRole("searchbox", { name: "Search" });
    const desktopField = buyer.getByTestId("header-search").getByRole("searchbox", { name: "Search" });
    // Typed before React has hydrated the field, the text would not be passed on yet (the next key would).
    const element = await phoneField.elementHandle();
    await buyer.waitForFunction((input) => Object.keys(input!).some((key) => key.startsWith("__reactProps$")), element);
    assert.equal(await desktopField.isVisible(), false);
    await phoneField.pressSequentially("handschoen");

    await buyer.setViewportSize(DESKTOP);
    assert.equal(await desktopField.isVisible(), true);
    assert.equal(await phoneField.isVisible(), false);
    assert.equal(await desktopField.inputValue(), "handschoen", "the visible desktop field holds what was typed on the phone");

    await desktopField.fill("handschoen nitril");
    await buyer.setViewportSize(PHONE);
    assert.equal(await phoneField.inputValue(), "handschoen nitril", "and the phone's field what was typed at 1280 px");
    await buyer.context().close();
  });
});
