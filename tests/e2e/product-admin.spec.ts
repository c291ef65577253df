import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Locator } from "playwright-core";
import { hashPassword } from "../../lib/auth/password";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * An admin adds a product by hand; a buyer finds it in the shop; the admin takes it out of the shop
 * again and the buyer no longer finds it. Chromium against the running server.
 */
let browser: Browser;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36).toUpperCase();
const sku = `KP-E2E-${stamp}`;
const name = `Tekenpapier ${stamp}`;
const adminEmail = `product.admin.${stamp.toLowerCase()}@koppel.test`;

before(async () => {
  browser = await launchBrowser();
  await sql`insert into users (email, name, role, company_id, locale, password_hash) values (${adminEmail}, 'Product Admin', 'admin', null, 'en', ${await hashPassword("artikelbeheer-2026")})`;
});
after(async () => {
  await browser?.close();
  await sql.end();
});

describe("products in the back office", () => {
  it("an admin adds a product, a buyer finds it, the admin takes it out of the shop", async () => {
    const admin = await signIn(browser, adminEmail, "artikelbeheer-2026", "/admin/products");
    await admin.getByRole("link", { name: "New product" }).click();
    await admin.waitForURL((url) => url.pathname === "/admin/products/new");
    const form = admin.getByTestId("product-form");
    await form.getByLabel("SKU").fill(sku);
    await form.getByLabel("Category").selectOption({ index: 1 });
    await form.getByLabel("Name (Dutch)").fill(name);
    await form.getByLabel("List price excl. VAT").fill("8.95");
    await form.getByLabel("List price tiers").fill("10: 8,50");
    await form.getByLabel("GTIN (EAN)").fill("5602024006011");
    // Sold per pack of 250 sheets: the content unit says what the pack size counts.
    await form.getByLabel(/^Unit/).selectOption("PK");
    await form.getByLabel(/^Pack size/).fill("250");
    await form.getByLabel(/^Content unit/).selectOption({ label: "sheet (XST)" });
    await form.getByLabel("Attributes").fill("formaat: A4\ngewicht: 200 g/m²");
    await form.getByRole("button", { name: "Create product" }).click();
    // A wrong check digit is refused at its field (the button's line names the field), and what was typed stays.
    await form.getByTestId("product-form-error-gtin").getByText("Not a valid GTIN").waitFor();
    assert.equal(await form.getByTestId("form-error").innerText(), "Not saved: see GTIN (EAN).");
    assert.equal(await form.getByLabel("Name (Dutch)").inputValue(), name);
    await form.getByLabel("GTIN (EAN)").fill("5602024006010");
    await form.getByRole("button", { name: "Create product" }).click();
    await admin.waitForURL((url) => url.pathname === `/admin/products/${sku}`);
    const [stored] = await sql<{ list_price_minor: number; list_price_tiers: { minQuantity: number; priceMinor: number }[]; active: boolean; attributes: Record<string, string>; unit: string; pack_size: number; content_unit: string | null }[]>`
      select list_price_minor, list_price_tiers, active, attributes, unit, pack_size, content_unit from products where sku = ${sku}`;
    assert.deepEqual([stored!.list_price_minor, stored!.list_price_tiers, stored!.active], [895, [{ minQuantity: 10, priceMinor: 850 }], true]);
    assert.deepEqual(stored!.attributes, { formaat: "A4", gewicht: "200 g/m²" });
    assert.deepEqual([stored!.unit, stored!.pack_size, stored!.content_unit], ["PK", 250, "XST"]);

    const buyer = await signIn(browser, "buyer@demo.test", "demo-buyer", "/");
    await buyer.goto(`/search?q=${encodeURIComponent(name)}`);
    await buyer.getByRole("link", { name }).first().waitFor();
    await buyer.goto(`/products/${sku}`);
    await buyer.locator("main").getByText("200 g/m²").waitFor();
    // The pack in words (the buyer reads English), after the price and among the facts, and the buyer's own price per sheet.
    await buyer.locator("main").getByText("Pack of 250 sheets", { exact: true }).waitFor();
    const priceBlock = buyer.getByTestId("price");
    assert.match(await priceBlock.innerText(), /per pack of 250 sheets/);
    const minorIn = (text: string) => {
      const amount = /€\s*(\d+)\.(\d{2})/.exec(text);
      assert.ok(amount, `a price in "${text}"`);
      return Number(amount[1]) * 100 + Number(amount[2]);
    };
    // The buyer's own price per pack (contract or list) over 250 sheets: in hundredths of a cent, rounded half
    // up, shown with four decimals below a euro, trailing zeros past the cents dropped.
    const perSheet = (packMinor: number) => {
      const digits = String(Math.floor((packMinor * 200 + 250) / 500)).padStart(4, "0");
      return `€0.${digits.endsWith("00") ? digits.slice(0, 2) : digits.endsWith("0") ? digits.slice(0, 3) : digits} per sheet`;
    };
    const shownText = async (cell: Locator) => (await cell.innerText()).replace(/\u00a0/g, " ").trim();
    const packMinor = minorIn(await priceBlock.locator("span").first().innerText());
    assert.equal(await shownText(buyer.getByTestId("content-unit-price")), perSheet(packMinor));
    // Each quantity tier per sheet too (its own price over 250), so the drop from 10 packs on shows per sheet.
    const tierRows = buyer.getByTestId("price-tiers").locator("tr");
    assert.equal(await tierRows.count(), 2, "from 1 and from 10");
    const tierPerSheet: string[] = [];
    for (const row of await tierRows.all()) {
      const tierMinor = minorIn(await row.locator("td").nth(1).innerText());
      const text = await shownText(row.getByTestId("tier-content-unit-price"));
      assert.equal(text, perSheet(tierMinor));
      tierPerSheet.push(text);
    }
    assert.equal(tierPerSheet[0], perSheet(packMinor), "the first tier is the price shown above");
    assert.notEqual(tierPerSheet[1], tierPerSheet[0], "from 10 packs a sheet costs less");
    // On a phone there is no room for a third column: the price per sheet stands under the tier's price.
    await buyer.setViewportSize({ width: 375, height: 800 });
    const lastTier = tierRows.last();
    await lastTier.getByTestId("tier-content-unit-price").waitFor({ state: "hidden" });
    const underPrice = (await lastTier.locator("td").nth(1).innerText()).replace(/\u00a0/g, " ").split("\n").map((line) => line.trim());
    assert.deepEqual(underPrice.slice(1), [tierPerSheet[1]]);
    await buyer.setViewportSize({ width: 1280, height: 720 });

    // Out of the shop: unticked and saved after the admin confirms; the buyer's search no longer has it.
    await admin.getByTestId("product-shop-link").getByText("View in the shop").waitFor();
    const asked = new Promise<string>((resolve) =>
      admin.once("dialog", (dialog) => {
        resolve(dialog.message());
        void dialog.accept();
      }),
    );
    await admin.getByTestId("product-form").getByLabel("In the shop (active)").uncheck();
    await admin.getByTestId("product-form").getByRole("button", { name: "Save product" }).click();
    assert.equal(await asked, `Take product ${sku} out of the shop? Customers can no longer order it.`);
    await admin.getByTestId("product-form").getByTestId("form-success").waitFor();
    await admin.getByTestId("product-shop-link").getByText("not in the shop (inactive)").waitFor();
    await buyer.goto(`/search?q=${encodeURIComponent(name)}`);
    await buyer.locator("main").waitFor();
    assert.equal(await buyer.getByRole("link", { name }).count(), 0);
    // Staff still find it, by SKU or a part of it, among all products, with a count; not among the active ones.
    await admin.goto(`/admin/products?q=${sku.slice(0, -2).toLowerCase()}`);
    await admin.getByRole("link", { name: sku }).waitFor();
    assert.match(await admin.getByTestId("product-count").innerText(), /^\d+ products?$/);
    await admin.getByTestId("product-activity").getByRole("link", { name: "Active", exact: true }).click();
    await admin.waitForURL((url) => url.searchParams.get("activity") === "active" && url.searchParams.get("q") === sku.slice(0, -2).toLowerCase());
    // The filtered page is shown once its tab is the current one (the address bar changes first).
    await admin.getByTestId("product-activity").locator("a[aria-current=page]", { hasText: /^Active$/ }).waitFor();
    assert.equal(await admin.getByRole("link", { name: sku }).count(), 0);
    // …and in the list of every product, under "Inactive", where each one is marked so.
    await admin.goto("/admin/products");
    assert.equal(await admin.locator("tbody tr").count(), 50, "the first page of all products, before any search");
    await admin.getByTestId("product-activity").getByRole("link", { name: "Inactive" }).click();
    await admin.waitForURL((url) => url.search === "?activity=inactive");
    const [counted] = await sql<{ inactive: number }[]>`select count(*)::int as inactive from products where not active`;
    const inactive = counted!.inactive;
    assert.equal(await admin.getByTestId("product-count").innerText(), inactive === 1 ? "1 product" : `${inactive.toLocaleString("en")} products`);
    const rows = await admin.locator("tbody tr").allInnerTexts();
    assert.ok(rows.length > 0 && rows.every((row) => row.includes("Inactive")), rows.join("\n"));
    await admin.context().close();
    await buyer.context().close();
  });
});
