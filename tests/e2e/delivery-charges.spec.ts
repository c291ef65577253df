import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { addToCartOnProductPage, launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Delivery charges, in Chromium against the running server: the admin sets the default charge and
 * the free-delivery threshold, a buyer sees the charge and how much more makes it free in the cart,
 * the order keeps it; the account manager gives the customer its own terms, and the cart follows.
 * Van der Meer's buyer, whose cart no other spec uses; the seed's terms are put back afterwards.
 */
const BUYER = "werkvoorbereiding@vandermeer-bouw.test";
const COMPANY = "Bouwbedrijf Van der Meer & Zonen B.V.";
let browser: Browser;
const sql = openE2eDatabase();
let product: { sku: string };
let seedTerms: { delivery_charge_minor: number; free_delivery_from_minor: number | null };
let companyId: number;

const clearCart = () =>
  sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = ${BUYER} and c.punchout_session_id is null)`;

before(async () => {
  browser = await launchBrowser();
  // An item of € 20–45 at list price (contract prices are at least half): one stays below € 50, ten go above it.
  const [row] = await sql<{ sku: string }[]>`
    select sku from products
    where active and min_order_quantity = 1 and order_multiple = 1 and stock > 20 and list_price_minor between 2000 and 4500
    order by id offset 31 limit 1`;
  product = row!;
  const [terms] = await sql<{ delivery_charge_minor: number; free_delivery_from_minor: number | null }[]>`
    select delivery_charge_minor, free_delivery_from_minor from supplier_profile where id = 1`;
  seedTerms = terms!;
  const [company] = await sql<{ id: number }[]>`select id from companies where name = ${COMPANY}`;
  companyId = company!.id;
  await clearCart();
});
after(async () => {
  await sql`update supplier_profile set delivery_charge_minor = ${seedTerms.delivery_charge_minor}, free_delivery_from_minor = ${seedTerms.free_delivery_from_minor} where id = 1`;
  await sql`update companies set delivery_charge_mode = 'default', delivery_charge_minor = null, free_delivery_from_minor = null where id = ${companyId}`;
  await clearCart();
  await browser?.close();
  await sql.end();
});

describe("delivery charges", () => {
  it("the admin's default is charged below the threshold, shown in the cart and kept on the order", async () => {
    const admin = await signIn(browser, "admin@koppel.test", "demo-admin", "/admin/settings/invoicing");
    const form = admin.getByTestId("delivery-charge-form");
    await form.getByLabel("Delivery charge (€, excl. VAT)").fill("12.50");
    await form.getByLabel("Free from (€, excl. VAT)").fill("300");
    await form.getByRole("button", { name: "Save delivery charges" }).click();
    await form.getByTestId("form-success").waitFor();
    const [stored] = await sql<{ delivery_charge_minor: number; free_delivery_from_minor: number }[]>`
      select delivery_charge_minor, free_delivery_from_minor from supplier_profile where id = 1`;
    assert.deepEqual({ ...stored }, { delivery_charge_minor: 1250, free_delivery_from_minor: 30_000 });
    // A wrong amount is refused with the field named, and nothing changes.
    await form.getByLabel("Free from (€, excl. VAT)").fill("lots");
    await form.getByRole("button", { name: "Save delivery charges" }).click();
    await form.getByRole("alert").getByText("Free from (€, excl. VAT)", { exact: false }).waitFor();
    await admin.context().close();

    const buyer = await signIn(browser, BUYER, "demo-werkvoorbereiding", "/");
    await addToCartOnProductPage(buyer, product.sku, 1);
    await buyer.goto("/cart");
    const totals = buyer.getByTestId("totals");
    assert.equal((await totals.getByTestId("delivery-charge").innerText()).trim(), "€12.50");
    assert.match(await totals.getByTestId("free-delivery-hint").innerText(), /^Add €[\d,.]+ more in items for free delivery\.$/);

    await buyer.getByRole("link", { name: "Checkout" }).click();
    await buyer.waitForURL(/\/checkout$/);
    assert.equal((await buyer.getByTestId("delivery-charge").innerText()).trim(), "€12.50");
    await buyer.getByLabel("PO number").fill("PO-DELIVERY-1");
    await buyer.getByRole("button", { name: "Place order" }).click();
    await buyer.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
    assert.equal((await buyer.getByTestId("delivery-charge").innerText()).trim(), "€12.50");
    const [order] = await sql<{ subtotal_minor: number; delivery_charge_minor: number; goods_minor: number; vat_taxable_minor: number }[]>`
      select o.subtotal_minor, o.delivery_charge_minor,
             (select sum(line_total_minor)::int from order_lines where order_id = o.id) as goods_minor,
             (select sum((row->>'taxableMinor')::int)::int from jsonb_array_elements(o.vat_breakdown) row) as vat_taxable_minor
      from orders o where o.po_number = 'PO-DELIVERY-1' and o.company_id = ${companyId}`;
    assert.equal(order!.delivery_charge_minor, 1250);
    assert.equal(order!.subtotal_minor, order!.goods_minor + 1250);
    assert.equal(order!.vat_taxable_minor, order!.subtotal_minor, "the VAT breakdown taxes the charge too");
    await buyer.context().close();
  });

  it("the account manager gives the customer its own terms, and the buyer's cart follows them", async () => {
    const manager = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/customers/${companyId}`);
    const form = manager.getByTestId("company-form");
    await form.locator("select[name=deliveryChargeMode]").selectOption("custom");
    await form.getByLabel("Delivery charge (€, excl. VAT)").fill("5");
    await form.getByLabel("Free from (€, excl. VAT)").fill("50");
    await form.getByRole("button", { name: "Save" }).click();
    await form.getByTestId("form-success").waitFor();
    const [terms] = await sql<{ delivery_charge_mode: string; delivery_charge_minor: number; free_delivery_from_minor: number }[]>`
      select delivery_charge_mode, delivery_charge_minor, free_delivery_from_minor from companies where id = ${companyId}`;
    assert.deepEqual({ ...terms }, { delivery_charge_mode: "custom", delivery_charge_minor: 500, free_delivery_from_minor: 5000 });
    await manager.context().close();

    const buyer = await signIn(browser, BUYER, "demo-werkvoorbereiding", "/");
    await addToCartOnProductPage(buyer, product.sku, 1);
    await buyer.goto("/cart");
    assert.equal((await buyer.getByTestId("delivery-charge").innerText()).trim(), "€5.00");
    await clearCart();
    await addToCartOnProductPage(buyer, product.sku, 10);
    await buyer.goto("/cart");
    assert.equal((await buyer.getByTestId("delivery-charge").innerText()).trim(), "Free");
    assert.equal(await buyer.getByTestId("free-delivery-hint").count(), 0);
    await buyer.context().close();
  });
});
