import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import type { Browser } from "playwright-core";
import { hashPassword } from "../../lib/auth/password";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Product photos from a URL: an admin pastes two URLs of an image server (this spec's, on 127.0.0.1)
 * under "Add photo from URL"; one is a 404, so nothing is stored and that URL is named; with the good
 * one alone the photo is added, and the buyer sees it on the product page.
 * The app server must run with PRODUCT_IMAGE_FETCH_ALLOW_HOSTS=127.0.0.1 (tests/run-all.sh): by
 * default the shop refuses to fetch from its own machine.
 */
let browser: Browser;
let images: Server;
let imageBase: string;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36).toUpperCase();
const sku = `KP-URL-${stamp}`;
const name = `Veiligheidsbril ${stamp}`;
const adminEmail = `photo.url.admin.${stamp.toLowerCase()}@koppel.test`;
const served: string[] = [];

before(async () => {
  const jpeg = await sharp({ create: { width: 900, height: 600, channels: 3, background: "#0f766e" } })
    .jpeg()
    .toBuffer();
  images = createServer((request, response) => {
    served.push(request.url ?? "");
    if (request.url === "/pim/bril-voorkant.jpg") response.writeHead(200, { "content-type": "image/jpeg", "content-length": jpeg.byteLength }).end(jpeg);
    else response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  });
  await new Promise<void>((resolve) => images.listen(0, "127.0.0.1", resolve));
  imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;

  browser = await launchBrowser();
  await sql`insert into users (email, name, role, company_id, locale, password_hash) values (${adminEmail}, 'Photo URL Admin', 'admin', null, 'en', ${await hashPassword("fotobeheer-2026")})`;
  const [category] = await sql<{ id: number }[]>`select id from categories where parent_id is not null order by id limit 1`;
  await sql`insert into products (sku, category_id, name_nl, name_en, description_nl, description_en, brand, manufacturer, manufacturer_part_number, unit, stock, list_price_minor, vat_rate_basis_points)
            values (${sku}, ${category!.id}, ${name}, ${name}, '', '', 'Koppel', 'Koppel', ${sku}, 'PR', 40, 795, 2100)`;
});
after(async () => {
  await browser?.close();
  images?.closeAllConnections();
  await new Promise((resolve) => images?.close(resolve));
  await sql.end();
});

describe("product photos from a URL", () => {
  it("an admin adds a photo from a URL, all or none; the buyer sees it in the shop", async () => {
    const admin = await signIn(browser, adminEmail, "fotobeheer-2026", `/admin/products/${sku}`);
    const photos = admin.getByTestId("product-photos");
    await photos.getByText("No photos yet").waitFor();
    const good = `${imageBase}/pim/bril-voorkant.jpg`;
    const missing = `${imageBase}/pim/bril-achterkant.jpg`;
    const form = photos.getByTestId("photo-url-form");

    // One of two URLs is a 404: nothing is stored, and that URL is named with its status.
    await form.getByTestId("photo-url-input").fill(`${good}\n${missing}`);
    await form.getByRole("button", { name: "Fetch and add" }).click();
    const outcome = form.getByTestId("photo-url-outcome");
    await outcome.waitFor();
    const refusal = (await outcome.textContent()) ?? "";
    assert.doesNotMatch(refusal, /internal address/, "start the app server with PRODUCT_IMAGE_FETCH_ALLOW_HOSTS=127.0.0.1 (the spec's image server)");
    assert.match(refusal, /No photos stored: 1 URL failed/);
    assert.equal(await form.getByTestId("photo-url-failure").count(), 1);
    assert.match((await form.getByTestId("photo-url-failure").textContent()) ?? "", new RegExp(`“${missing.replace(/[.]/g, "\\.")}” answered with HTTP status 404`));
    assert.equal(await photos.getByTestId("product-photo-item").count(), 0);
    // What was typed stays, to correct.
    assert.equal(await form.getByTestId("photo-url-input").inputValue(), `${good}\n${missing}`);
    assert.deepEqual(served.sort(), ["/pim/bril-achterkant.jpg", "/pim/bril-voorkant.jpg"]);

    // The good one alone: added, and listed like an upload (its name from the URL).
    await form.getByTestId("photo-url-input").fill(good);
    await form.getByRole("button", { name: "Fetch and add" }).click();
    await form.getByTestId("photo-url-outcome").getByText("1 photo added").waitFor();
    const item = photos.getByTestId("product-photo-item");
    await item.first().waitFor();
    assert.equal(await item.count(), 1);
    assert.match((await item.first().textContent()) ?? "", /Main photo.*900 × 600.*bril-voorkant\.jpg/);
    const key = await item.first().getAttribute("data-key");
    const [stored] = await sql<{ image_key: string | null }[]>`select image_key from products where sku = ${sku}`;
    assert.equal(stored!.image_key, key);

    // The buyer sees it on the product page: our JPEG, not the image server's bytes.
    const buyer = await signIn(browser, "buyer@demo.test", "demo-buyer", `/products/${sku}`);
    const main = buyer.getByTestId("product-photo");
    const src = (await main.getAttribute("src")) ?? "";
    assert.match(src, new RegExp(`/product-images/${sku}/${key}\\.jpg$`));
    const image = await buyer.request.get(src);
    assert.equal(image.status(), 200);
    assert.equal(image.headers()["content-type"], "image/jpeg");
    assert.deepEqual(await sharp(await image.body()).metadata().then((m) => [m.format, m.width, m.height]), ["jpeg", 900, 600]);
    await admin.context().close();
    await buyer.context().close();
  });
});
