import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import type { Browser } from "playwright-core";
import { hashPassword } from "../../lib/auth/password";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Product photos: an admin uploads two photos on the product's admin page, makes the second the main
 * photo, is refused an SVG; the buyer sees the main photo on the product page (a JPEG) and its
 * thumbnail on the category card; removed again, the shop falls back to the placeholder.
 * Chromium against the running server.
 */
let browser: Browser;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36).toUpperCase();
const sku = `KP-FOTO-${stamp}`;
const name = `Werkhandschoen ${stamp}`;
const adminEmail = `photo.admin.${stamp.toLowerCase()}@koppel.test`;


const photo = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();

before(async () => {
  browser = await launchBrowser();
  await sql`insert into users (email, name, role, company_id, locale, password_hash) values (${adminEmail}, 'Photo Admin', 'admin', null, 'en', ${await hashPassword("fotobeheer-2026")})`;
  const [category] = await sql<{ id: number }[]>`select id from categories where parent_id is not null order by id limit 1`;

  await sql`insert into products (sku, category_id, name_nl, name_en, description_nl, description_en, brand, manufacturer, manufacturer_part_number, unit, stock, list_price_minor, vat_rate_basis_points)
            values (${sku}, ${category!.id}, ${name}, ${name}, '', '', 'Koppel', 'Koppel', ${sku}, 'PR', 40, 395, 2100)`;
});
after(async () => {
  await browser?.close();
  await sql.end();
});

describe("product photos", () => {
  it("an admin uploads, orders and removes photos; the buyer sees them in the shop", async () => {
    const admin = await signIn(browser, adminEmail, "fotobeheer-2026", `/admin/products/${sku}`);
    const photos = admin.getByTestId("product-photos");
    await photos.getByText("No photos yet").waitFor();
    await photos.getByTestId("photo-input").setInputFiles([
      { name: "voorkant.jpg", mimeType: "image/jpeg", buffer: await photo(1600, 1200, "#1d4ed8") },
      { name: "achterkant.jpg", mimeType: "image/jpeg", buffer: await photo(800, 800, "#be123c") },
    ]);
    await photos.getByRole("button", { name: "Upload" }).click();
    await photos.getByTestId("photo-outcome").getByText("2 photos added").waitFor();
    const items = photos.getByTestId("product-photo-item");
    assert.equal(await items.count(), 2);
    assert.match((await items.first().textContent()) ?? "", /Main photo.*1200 × 900.*voorkant\.jpg/);
    const [front, back] = await Promise.all([items.nth(0).getAttribute("data-key"), items.nth(1).getAttribute("data-key")]);

    // The second becomes the main photo.
    await items.nth(1).getByRole("button", { name: "Make main photo" }).click();
    await admin.waitForFunction((key) => document.querySelector('[data-testid="product-photo-item"]')?.getAttribute("data-key") === key, back);
    const [stored] = await sql<{ image_key: string | null }[]>`select image_key from products where sku = ${sku}`;
    assert.equal(stored!.image_key, back);

    // An SVG is refused with its name; nothing is added.
    await photos.getByTestId("photo-input").setInputFiles([{ name: "logo.svg", mimeType: "image/svg+xml", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"/>') }]);
    await photos.getByRole("button", { name: "Upload" }).click();
    await photos.getByTestId("photo-outcome").getByText(/“logo\.svg” is of a type that is not accepted/).waitFor();
    assert.equal(await photos.getByTestId("product-photo-item").count(), 2);

    // The buyer: the main photo large on the product page, the other one a click away; the card's thumbnail.
    const buyer = await signIn(browser, "buyer@demo.test", "demo-buyer", `/products/${sku}`);
    const main = buyer.getByTestId("product-photo");
    assert.match((await main.getAttribute("src")) ?? "", new RegExp(`/product-images/${sku}/${back}\\.jpg$`));
    const image = await buyer.request.get((await main.getAttribute("src"))!);
    assert.equal(image.status(), 200);
    assert.equal(image.headers()["content-type"], "image/jpeg");
    assert.deepEqual(await sharp(await image.body()).metadata().then((m) => [m.format, m.width, m.height]), ["jpeg", 800, 800]);
    await buyer.getByRole("button", { name: "Photo 2" }).click();
    // The other photo, loaded: 1600 × 1200 scaled to 1200 wide.
    await buyer.waitForFunction((key) => {
      const shown = document.querySelector('[data-testid="product-photo"]') as HTMLImageElement | null;
      return shown?.getAttribute("src")?.endsWith(`${key}.jpg`) && shown.complete && shown.naturalWidth === 1200;
    }, front);

    await buyer.goto(`/search?q=${encodeURIComponent(name)}`);
    const card = buyer.locator(`[data-testid="product-card"][data-sku="${sku}"]`);
    const thumbnail = card.locator("img").first();
    assert.match((await thumbnail.getAttribute("src")) ?? "", new RegExp(`/product-images/${sku}/${back}-thumb\\.webp$`));
    await buyer.waitForFunction((selector) => (document.querySelector(selector) as HTMLImageElement | null)?.naturalWidth === 240, `[data-testid="product-card"][data-sku="${sku}"] img`);

    // Both removed: the placeholder again.
    for (let remaining = 2; remaining > 0; remaining--) {
      admin.once("dialog", (dialog) => void dialog.accept());
      await photos.getByTestId("product-photo-item").first().getByRole("button", { name: "Remove" }).click();
      await admin.waitForFunction((count) => document.querySelectorAll('[data-testid="product-photo-item"]').length === count, remaining - 1);
    }
    await photos.getByText("No photos yet").waitFor();
    await buyer.goto(`/products/${sku}`);
    assert.match((await buyer.getByTestId("product-photo").getAttribute("src")) ?? "", new RegExp(`/product-images/${sku}$`));
    await admin.context().close();
    await buyer.context().close();
  });
});
