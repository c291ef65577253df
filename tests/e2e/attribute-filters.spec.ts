import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { hashPassword } from "../../lib/auth/password";
import { applyFilters, launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Product attributes from the admin's naming to the buyer's filter: products arrive with keys
 * nobody has defined (as from a PIM); the admin finds them flagged on the Attributes page, names
 * them in Dutch and English, makes them filters and labels the Dutch values in English (a malformed
 * line refused by number). The buyer then filters the category on them with counts, clears the
 * filters, reads the product's specifications under their names in both languages and follows a
 * value to the category filtered on it. Chromium against the running server.
 */
let browser: Browser;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36);
const adminEmail = `attribute.admin.${stamp}@koppel.test`;
const colourKey = `e2e_kleur_${stamp}`;
const sizeKey = `e2e_maat_${stamp}`;
const slug = `werkjassen-${stamp}`;
const products = [
  { sku: `KP-JAS-${stamp}-1`, colour: "blauw", size: "L" },
  { sku: `KP-JAS-${stamp}-2`, colour: "blauw", size: "XL" },
  { sku: `KP-JAS-${stamp}-3`, colour: "rood", size: "L" },
  { sku: `KP-JAS-${stamp}-4`, colour: "zwart", size: "M" },
];

before(async () => {
  browser = await launchBrowser();
  await sql`insert into users (email, name, role, company_id, locale, password_hash) values (${adminEmail}, 'Attribute Admin', 'admin', null, 'en', ${await hashPassword("kenmerkbeheer-2026")})`;
  const [category] = await sql<{ id: number }[]>`
    insert into categories (slug, code, name_nl, name_en, position) values (${slug}, ${`E2E-JAS-${stamp}`}, ${`Werkjassen ${stamp}`}, ${`Work jackets ${stamp}`}, 99)
    returning id`;
  for (const [i, p] of products.entries()) {
    await sql`insert into products (sku, category_id, name_nl, name_en, description_nl, description_en, brand, manufacturer, manufacturer_part_number,
        unit, list_price_minor, vat_rate_basis_points, stock, attributes)
      values (${p.sku}, ${category!.id}, ${`Werkjas ${i + 1}`}, ${`Work jacket ${i + 1}`}, 'Winddicht.', 'Windproof.', 'Stalwerk', 'Stalwerk B.V.', ${`WJ-${stamp}-${i}`},
        'EA', 4995, 2100, 10, ${sql.json({ [colourKey]: p.colour, [sizeKey]: p.size })})`;
  }
});
after(async () => {
  await browser?.close();
  await sql.end();
});

/** The options of a filter select as shown: "blue (2)". */
async function optionsOf(page: Page, label: string): Promise<string[]> {
  return (await page.getByRole("form", { name: "Filters" }).getByLabel(label).locator("option").allInnerTexts()).map((text) => text.trim());
}

describe("product attributes: named in the back office, filtered on in the shop", () => {
  it("the admin defines the keys the products brought, the buyer filters on them and reads them in both languages", async () => {
    const admin = await signIn(browser, adminEmail, "kenmerkbeheer-2026", "/admin/attributes");
    admin.on("dialog", (dialog) => void dialog.accept());
    await admin.locator("header nav").getByRole("link", { name: "Attributes" }).waitFor();

    // The colour key is used by four products and nobody has defined it: Define, prefilled.
    const colourRow = admin.locator(`[data-testid="attribute-row"][data-key="${colourKey}"]`);
    await colourRow.getByText("Not defined").waitFor();
    assert.match(await colourRow.getByTestId("attribute-products").innerText(), /4 products/);
    await colourRow.getByTestId("attribute-define").click();
    await admin.waitForURL((url) => url.pathname === "/admin/attributes/edit" && url.searchParams.get("key") === colourKey);
    // Defining is creating, with the key filled in and fixed.
    const form = admin.getByTestId("attribute-create-form");
    assert.equal(await form.getByLabel("Key").inputValue(), colourKey);
    await form.getByLabel("Name (Dutch)").fill("Kleur");
    await form.getByLabel("Name (English)").fill("Colour");
    await form.getByLabel("Show as filter in the shop").check();
    // A line without "=" is refused by its number, and nothing is saved.
    await form.getByLabel("English labels of the values").fill("blauw = blue\nrood red");
    await form.getByRole("button", { name: "Create attribute" }).click();
    await form.getByText("Line 2: there is no = between the value and its label (for example: blauw = blue).").waitFor();
    await form.getByLabel("English labels of the values").fill("blauw = blue\nrood = red\nzwart = black");
    await form.getByRole("button", { name: "Create attribute" }).click();
    await admin.getByTestId("attribute-notice").getByText(`Attribute ${colourKey} has been created.`).waitFor();

    // The size key by the list's create form: sizes are neutral, no labels.
    const create = admin.getByTestId("attribute-create-form");
    await create.getByLabel("Key").fill(sizeKey);
    await create.getByLabel("Name (Dutch)").fill("Maat");
    await create.getByLabel("Name (English)").fill("Size");
    await create.getByLabel("Show as filter in the shop").check();
    await create.getByRole("button", { name: "Create attribute" }).click();
    await admin.getByTestId("attribute-notice").getByText(`Attribute ${sizeKey} has been created.`).waitFor();

    // The buyer's category page offers both as filters, with counts.
    const buyer = await signIn(browser, "buyer@demo.test", "demo-buyer", `/catalog/${slug}`);
    await buyer.getByText("4 products").waitFor();
    assert.deepEqual(await optionsOf(buyer, "Colour"), ["Any", "black (1)", "blue (2)", "red (1)"]);
    // Sizes by size, not as text.
    assert.deepEqual(await optionsOf(buyer, "Size"), ["Any", "M (1)", "L (2)", "XL (1)"]);

    // Blue: two jackets; the size counts follow, the colour counts still offer the others.
    await buyer.getByRole("form", { name: "Filters" }).getByLabel("Colour").selectOption("blauw");
    await applyFilters(buyer, buyer.getByRole("button", { name: "Apply" }), (url) => url.searchParams.get(`a.${colourKey}`) === "blauw");
    // Only what was chosen goes into the link: no empty brand, size or stock parameters.
    assert.equal(new URL(buyer.url()).search, `?a.${colourKey}=blauw`);
    await buyer.getByText("2 products").waitFor();
    assert.deepEqual(await optionsOf(buyer, "Size"), ["Any", "L (1)", "XL (1)"]);
    assert.deepEqual(await optionsOf(buyer, "Colour"), ["Any", "black (1)", "blue (2)", "red (1)"]);
    const shown = await buyer.locator("main").getByRole("link", { name: /^Work jacket \d$/ }).allInnerTexts();
    assert.deepEqual([...new Set(shown)].sort(), ["Work jacket 1", "Work jacket 2"]);

    // And size XL on top: one.
    await buyer.getByRole("form", { name: "Filters" }).getByLabel("Size").selectOption("XL");
    await buyer.getByRole("button", { name: "Apply" }).click();
    await buyer.getByText("1 product", { exact: true }).waitFor();
    await buyer.getByRole("link", { name: "Clear filters" }).click();
    await buyer.getByText("4 products").waitFor();
    assert.equal(new URL(buyer.url()).search, "");

    // The product page: specifications under their names, the English value label.
    await buyer.goto(`/products/${products[2]!.sku}`);
    const specification = (label: string) => buyer.locator("dt", { hasText: new RegExp(`^${label}$`) }).locator("xpath=following-sibling::dd[1]");
    assert.equal((await specification("Colour").innerText()).trim(), "red");
    assert.equal((await specification("Size").innerText()).trim(), "L");
    await buyer.getByRole("button", { name: "NL Nederlands", exact: true }).click();
    await buyer.waitForFunction(() => document.documentElement.lang === "nl");
    assert.equal((await specification("Kleur").innerText()).trim(), "rood");
    assert.equal((await specification("Maat").innerText()).trim(), "L");
    assert.equal(await buyer.locator("dt", { hasText: colourKey }).count(), 0);

    // A value leads to its category filtered on it.
    await specification("Maat").getByRole("link", { name: "L" }).click();
    await buyer.waitForURL((url) => url.pathname === `/catalog/${slug}` && url.searchParams.get(`a.${sizeKey}`) === "L");
    await buyer.getByText("2 producten").waitFor();
  });
});
