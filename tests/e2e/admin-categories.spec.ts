import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { hashPassword } from "../../lib/auth/password";
import { launchBrowser, newContext, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Categories by hand: an admin creates a category with two subcategories, sees them in the shop's
 * navigation, renames one, moves its products into the other ("merge") and deletes the emptied
 * one; an account manager has no Categories link and gets a 404. Chromium against the running server.
 */
let browser: Browser;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36).toUpperCase();
const lower = stamp.toLowerCase();
const adminEmail = `category.admin.${lower}@koppel.test`;
const top = { code: `E2E-${stamp}`, nameNl: `Tuin ${stamp}`, nameEn: `Garden ${stamp}` };
const cans = { code: `E2E-${stamp}-CAN`, nameNl: `Gieters ${stamp}`, nameEn: `Watering cans ${stamp}`, slug: `gieters-${lower}` };
const hoses = { code: `E2E-${stamp}-HOSE`, nameNl: `Slangen ${stamp}`, nameEn: `Hoses ${stamp}` };
const skus = [`KP-GIET-${stamp}-1`, `KP-GIET-${stamp}-2`];

before(async () => {
  browser = await launchBrowser();
  await sql`insert into users (email, name, role, company_id, locale, password_hash) values (${adminEmail}, 'Category Admin', 'admin', null, 'en', ${await hashPassword("categoriebeheer-2026")})`;
});
after(async () => {
  await browser?.close();
  await sql.end();
});

describe("categories in the back office", () => {
  it("an admin builds a category tree, the shop follows; products move into a sibling and the empty one is deleted", async () => {
    const admin = await signIn(browser, adminEmail, "categoriebeheer-2026", "/admin/categories");
    admin.on("dialog", (dialog) => void dialog.accept());
    await admin.locator("header nav").getByRole("link", { name: "Categories" }).waitFor();

    // A top-level category, then two subcategories under it.
    const create = async (values: { code: string; nameNl: string; nameEn: string }, parent?: string) => {
      const form = admin.getByTestId("category-create-form");
      await form.getByLabel("Code").fill(values.code);
      await form.getByLabel("Name (Dutch)").fill(values.nameNl);
      await form.getByLabel("Name (English)").fill(values.nameEn);
      if (parent) await form.getByLabel("Parent category").selectOption(parent);
      await form.getByRole("button", { name: "Create category" }).click();
      await admin.waitForURL((url) => url.pathname === "/admin/categories" && url.searchParams.get("created") === values.code);
      await admin.getByTestId("category-notice").getByText(`Category ${values.code} has been created.`).waitFor();
    };
    await create(top);
    await create(cans, top.code);
    await create(hoses, top.code);

    // The same code again is refused at its field, and what was typed stays.
    const form = admin.getByTestId("category-create-form");
    await form.getByLabel("Code").fill(cans.code);
    await form.getByLabel("Name (Dutch)").fill("Dubbel");
    await form.getByRole("button", { name: "Create category" }).click();
    await form.getByTestId("category-error-code").getByText("This code is already in use.").waitFor();
    assert.equal(await form.getByLabel("Name (Dutch)").inputValue(), "Dubbel");

    const tree = admin.getByTestId("category-tree");
    const canRow = tree.locator(`[data-testid=category-row][data-code="${cans.code}"]`);
    await canRow.getByRole("link", { name: `/catalog/${cans.slug}` }).waitFor();
    const [stored] = await sql<{ parent_code: string | null }[]>`select p.code as parent_code from categories c join categories p on p.id = c.parent_id where c.code = ${cans.code}`;
    assert.equal(stored?.parent_code, top.code);

    // Two products (one inactive) in the watering cans.
    const [canCategory] = await sql<{ id: number }[]>`select id from categories where code = ${cans.code}`;
    for (const [i, sku] of skus.entries()) {
      await sql`insert into products (sku, category_id, name_nl, name_en, description_nl, description_en, brand, manufacturer, manufacturer_part_number, unit, stock, list_price_minor, vat_rate_basis_points, active)
                values (${sku}, ${canCategory!.id}, ${`Gieter ${stamp} ${i}`}, ${`Watering can ${stamp} ${i}`}, '', '', 'Koppel', 'Koppel', ${sku}, 'EA', 10, 1295, 2100, ${i === 0})`;
    }
    await admin.reload();
    assert.equal((await canRow.getByTestId("category-products").innerText()).trim(), "2 products, 1 inactive");

    // The shop's navigation (anonymous visitor, English): the group with both subcategories.
    const visitorContext = await newContext(browser, "en");
    const visitor = await visitorContext.newPage();
    await visitor.goto("/");
    await visitor.getByRole("link", { name: top.nameEn, exact: true }).waitFor();
    await visitor.getByRole("link", { name: cans.nameEn, exact: true }).waitFor();
    await visitor.getByRole("link", { name: hoses.nameEn, exact: true }).waitFor();

    // Renamed: the shop shows the new name at once, under the same URL.
    await canRow.getByRole("link", { name: cans.nameNl }).click();
    await admin.waitForURL((url) => url.pathname === `/admin/categories/${cans.code}`);
    const edit = admin.getByTestId("category-edit-form");
    await edit.getByLabel("Name (English)").fill(`Watering cans and jugs ${stamp}`);
    await edit.getByRole("button", { name: "Save" }).click();
    await edit.getByTestId("form-success").waitFor();
    await visitor.goto("/");
    const renamed = visitor.getByRole("link", { name: `Watering cans and jugs ${stamp}`, exact: true });
    await renamed.waitFor();
    assert.equal(await renamed.getAttribute("href"), `/catalog/${cans.slug}`);

    // Not deletable while it holds products.
    await admin.getByTestId("category-delete-blocked").getByText("2 products").waitFor();
    assert.equal(await admin.getByTestId("category-delete").count(), 0);

    // All products into the hoses, then the empty category goes.
    const move = admin.getByTestId("category-move-products");
    await move.getByLabel("To category").selectOption(hoses.code);
    await move.getByRole("button", { name: "Move all products" }).click();
    await admin.getByTestId("category-notice").getByText(`2 products moved to ${hoses.code}.`).waitFor();
    const moved = await sql<{ code: string }[]>`select c.code from products p join categories c on c.id = p.category_id where p.sku in ${sql(skus)}`;
    assert.deepEqual(moved.map((row) => row.code), [hoses.code, hoses.code]);

    await admin.getByTestId("category-delete").getByRole("button", { name: "Delete category" }).click();
    await admin.waitForURL((url) => url.pathname === "/admin/categories" && url.searchParams.get("deleted") === cans.code);
    await admin.getByTestId("category-notice").getByText(`Category ${cans.code} has been deleted.`).waitFor();
    assert.equal((await sql`select 1 from categories where code = ${cans.code}`).length, 0);
    assert.equal(await admin.getByTestId("category-tree").locator(`[data-code="${cans.code}"]`).count(), 0);

    // Gone from the shop: its page is not found, the hoses hold the products.
    assert.equal((await visitor.goto(`/catalog/${cans.slug}`))?.status(), 404);
    await visitor.goto("/");
    await visitor.getByRole("link", { name: hoses.nameEn, exact: true }).click();
    await visitor.getByRole("heading", { name: hoses.nameEn }).waitFor();
    await visitor.getByText(`Watering can ${stamp} 0`).waitFor();

    // The API gives the tree as PUT takes it (the admin's session may call it from the browser).
    const api = await admin.request.get("/admin/api/categories");
    assert.equal(api.status(), 200);
    const body = (await api.json()) as { items: { code: string; parent: string | null; nameNl: string; nameEn: string; slug: string; position: number }[] };
    const mine = body.items.filter((item) => item.code.startsWith(top.code));
    assert.deepEqual(
      mine.map(({ position: _position, ...item }) => item),
      [
        { code: top.code, parent: null, nameNl: top.nameNl, nameEn: top.nameEn, slug: `tuin-${lower}` },
        { code: hoses.code, parent: top.code, nameNl: hoses.nameNl, nameEn: hoses.nameEn, slug: `slangen-${lower}` },
      ],
    );
    await visitorContext.close();
    await admin.context().close();
  });

  it("an account manager has no Categories link and gets a 404 on the pages and the API", async () => {
    const manager = await signIn(browser, "manager@demo.test", "demo-manager", "/admin");
    assert.doesNotMatch(await manager.locator("header nav").innerText(), /Categories/);
    assert.equal((await manager.goto("/admin/categories"))?.status(), 404);
    assert.equal((await manager.goto(`/admin/categories/${encodeURIComponent(top.code)}`))?.status(), 404);
    assert.equal((await manager.request.get("/admin/api/categories")).status(), 404);
    assert.equal((await manager.request.delete(`/admin/api/categories/${encodeURIComponent(top.code)}`)).status(), 404);
    assert.equal((await sql`select 1 from categories where code = ${top.code}`).length, 1);
    await manager.context().close();
  });
});
