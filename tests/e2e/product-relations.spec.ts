import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { hashPassword } from "../../lib/auth/password";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Related products: an admin names an accessory (after a refused unknown SKU) and a successor on the
 * product's admin page; the buyer sees the accessory as a card with their contract price on the product
 * page. The admin takes the product out of the shop: the buyer's old link says it is no longer available
 * and shows the successor, and quick order of the old SKU offers the successor with one click.
 * Chromium against the running server.
 */
let browser: Browser;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36).toUpperCase();
const drill = `KP-REL-BOOR-${stamp}`;
const battery = `KP-REL-ACCU-${stamp}`;
const successor = `KP-REL-NIEUW-${stamp}`;
const adminEmail = `relations.admin.${stamp.toLowerCase()}@koppel.test`;

before(async () => {
  browser = await launchBrowser();
  await sql`insert into users (email, name, role, company_id, locale, password_hash) values (${adminEmail}, 'Relations Admin', 'admin', null, 'en', ${await hashPassword("relaties-2026")})`;
  const [category] = await sql<{ id: number }[]>`select id from categories where parent_id is not null order by id limit 1`;
  for (const [sku, name, price] of [
    [drill, `Accuboor ${stamp}`, 12_900],
    [battery, `Accu 18 V ${stamp}`, 4_900],
    [successor, `Accuboor nieuw ${stamp}`, 13_900],
  ] as const) {
    await sql`insert into products (sku, category_id, name_nl, name_en, description_nl, description_en, brand, manufacturer, manufacturer_part_number, unit, stock, list_price_minor, vat_rate_basis_points)
              values (${sku}, ${category!.id}, ${name}, ${name}, '', '', 'Koppel', 'Koppel', ${sku}, 'EA', 25, ${price}, 2100)`;
  }
  // The demo buyer's company gets its own price for the batteries: the card must show it.
  const [list] = await sql<{ id: number }[]>`insert into price_lists (code, name, currency) values (${`E2E-REL-${stamp}`}, 'Accu-afspraak', 'EUR') returning id`;
  await sql`insert into price_list_entries (price_list_id, product_id, kind, price_minor) select ${list!.id}::int, id, 'fixed', 3950 from products where sku = ${battery}`;
  await sql`insert into company_price_lists (company_id, price_list_id, priority)
            select distinct u.company_id, ${list!.id}::int, 1 from users u where u.email = 'buyer@demo.test'`;
});
after(async () => {
  await browser?.close();
  await sql`delete from cart_lines where product_id in (select id from products where sku in (${drill}, ${battery}, ${successor}))`;
  await sql.end();
});

describe("related products", () => {
  it("an admin sets an accessory and a successor; the buyer sees the accessory, and after the product is taken out the successor", async () => {
    const admin = await signIn(browser, adminEmail, "relaties-2026", `/admin/products/${drill}`);
    const relations = admin.getByTestId("product-relations-form");
    // An unknown SKU is refused at its field, and nothing is saved.
    await relations.getByLabel("Accessories").fill(`${battery}\nKP-NO-SUCH-${stamp}`);
    await relations.getByLabel("Replaced by (successor)").fill(successor);
    await relations.getByRole("button", { name: "Save" }).click();
    await relations.getByTestId("relations-error-accessories").getByText(`Unknown SKU: KP-NO-SUCH-${stamp}`).waitFor();
    assert.equal((await sql`select 1 from product_relations r join products p on p.id = r.product_id where p.sku = ${drill}`).length, 0);
    await relations.getByLabel("Accessories").fill(battery);
    await relations.getByRole("button", { name: "Save" }).click();
    await relations.getByTestId("form-success").getByText("Saved.").waitFor();
    assert.deepEqual(
      (await sql<{ kind: string; sku: string }[]>`select r.kind, p.sku from product_relations r join products p on p.id = r.related_product_id join products o on o.id = r.product_id where o.sku = ${drill} order by r.kind`).map((row) => [row.kind, row.sku]),
      [
        ["accessory", battery],
        ["successor", successor],
      ],
    );

    // The buyer: the battery as a card under the drill, at the company's own price (list price struck through).
    const buyer = await signIn(browser, "buyer@demo.test", "demo-buyer", `/products/${drill}`);
    const accessories = buyer.getByTestId("related-accessories");
    await accessories.getByRole("heading", { name: "Accessories" }).waitFor();
    const card = accessories.locator(`[data-testid="product-card"][data-sku="${battery}"]`);
    assert.match(await card.innerText(), /39[.,]50/);
    assert.match(await card.innerText(), /49[.,]00/);
    assert.equal(await buyer.getByTestId("related-successor").count(), 0, "an active product shows no successor");

    // The buyer puts the drill in the cart before it goes (the page's own form: the accessory card has one too).
    const drillForm = buyer.locator("main article").first();
    await drillForm.getByRole("spinbutton", { name: "Quantity", exact: true }).fill("1");
    await drillForm.getByRole("button", { name: "Add to cart", exact: true }).click();
    await drillForm.getByText("Added to cart.", { exact: true }).waitFor();

    // The admin takes the drill out of the shop (and confirms it).
    const productForm = admin.getByTestId("product-form");
    admin.once("dialog", (dialog) => void dialog.accept());
    await productForm.getByLabel("In the shop (active)").uncheck();
    await productForm.getByRole("button", { name: "Save product" }).click();
    await productForm.getByTestId("form-success").waitFor();
    assert.equal((await sql<{ active: boolean }[]>`select active from products where sku = ${drill}`)[0]!.active, false);

    // The buyer's old link: no longer available, and the successor with their price and stock.
    await buyer.goto(`/products/${drill}`);
    const notice = buyer.getByTestId("discontinued-notice");
    await notice.getByText("No longer available").waitFor();
    assert.match(await notice.innerText(), new RegExp(`replaced by Accuboor nieuw ${stamp} \\(${successor}\\)`));
    const next = buyer.getByTestId("related-successor").locator(`[data-testid="product-card"][data-sku="${successor}"]`);
    assert.match(await next.innerText(), /139[.,]00/);
    assert.match(await next.innerText(), /25 in stock/);

    // In the cart it stays, marked, with its successor; checkout is refused until it is removed.
    await buyer.goto("/cart");
    const unavailable = buyer.locator(`[data-testid="cart-line"][data-sku="${drill}"]`).getByTestId("cart-line-unavailable");
    await unavailable.getByText("No longer available").waitFor();
    assert.match(await unavailable.innerText(), new RegExp(`Replaced by Accuboor nieuw ${stamp} \\(${successor}\\)`));
    await buyer.locator(`[data-testid="cart-line"][data-sku="${drill}"]`).getByRole("button", { name: "Remove" }).click();
    await buyer.locator(`[data-testid="cart-line"][data-sku="${drill}"]`).waitFor({ state: "detached" });

    // Quick order of the old SKU: no longer available, replaced by the successor, one click to add it instead.
    await buyer.goto("/quick-order");
    await buyer.getByLabel("Lines (SKU;quantity)").fill(`${drill};2`);
    await buyer.getByRole("button", { name: "Add lines to cart" }).click();
    const line = buyer.getByTestId("report-line").first();
    await line.waitFor();
    assert.equal(await line.getAttribute("data-status"), "unavailable");
    const offer = line.getByTestId("successor-offer");
    assert.equal(await offer.getAttribute("data-sku"), successor);
    assert.match(await offer.innerText(), new RegExp(`Replaced by Accuboor nieuw ${stamp} \\(${successor}\\)`));
    await offer.getByRole("button", { name: `Add 2 × ${successor} instead` }).click();
    // The line now reads as added, by its successor.
    await line.getByText(`Replacement added: 2 × ${successor}`).waitFor();
    assert.equal(await line.getAttribute("data-status"), "added");
    const [inCart] = await sql<{ quantity: number }[]>`
      select l.quantity from cart_lines l join carts c on c.id = l.cart_id join users u on u.id = c.user_id join products p on p.id = l.product_id
      where u.email = 'buyer@demo.test' and c.punchout_session_id is null and p.sku = ${successor}`;
    assert.equal(inCart?.quantity, 2);
    await admin.context().close();
    await buyer.context().close();
  });
});
