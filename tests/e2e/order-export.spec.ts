import assert from "node:assert/strict";
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { parseCsv } from "../../lib/admin/price-csv/parse-csv";
import { BASE_URL, launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * My account → Orders → "Download as CSV" in Chromium, as the demo's second customer (Zorggroep
 * Rijnstreek, whose users no other spec signs in as): its buyer orders in the browser first; the
 * approver downloads the lines of the company's orders the list finds, and the file holds exactly
 * those lines (checked against the database); the buyer's download holds only their own orders;
 * signed out, the route does not exist.
 */
const COMPANY = "Stichting Zorggroep Rijnstreek";
const BUYER = ["inkoop@zorggroep-rijnstreek.test", "demo-inkoop"] as const;
const APPROVER = ["f.bakker@zorggroep-rijnstreek.test", "demo-f.bakker"] as const;
let browser: Browser;
const sql = openE2eDatabase();
const dir = mkdtempSync(path.join(tmpdir(), "koppel-e2e-export-"));

before(async () => {
  browser = await launchBrowser();
  const [product] = await sql<{ sku: string }[]>`
    select sku from products where active and min_order_quantity = 1 and order_multiple = 1 and stock > 20 and list_price_minor < 5000
    order by id offset 43 limit 1`;
  const page = await signIn(browser, BUYER[0], BUYER[1], `/products/${encodeURIComponent(product!.sku)}`);
  const main = page.locator("main");
  await main.getByRole("spinbutton", { name: /^(Quantity|Aantal)$/ }).fill("3");
  await main.getByRole("button", { name: /^(Add to cart|In winkelwagen)$/ }).click();
  await main.getByText(/^(Added to cart\.|Toegevoegd aan winkelwagen\.)$/).waitFor();
  await page.goto(`${BASE_URL}/checkout`);
  await page.locator("input[name=poNumber]").fill("PO-EXPORT-E2E");
  await page.getByRole("button", { name: /^(Place order|Bestelling plaatsen)$/ }).click();
  await page.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
  await page.context().close();
});
after(async () => {
  await browser?.close();
  await sql.end();
  rmSync(dir, { recursive: true, force: true });
});

async function download(email: string, password: string, query: string) {
  const page = await signIn(browser, email, password, "/account/orders");
  await page.goto(`${BASE_URL}/account/orders${query}`);
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("orders-export").click()]);
  const target = path.join(dir, `${email}-${file.suggestedFilename()}`);
  await file.saveAs(target);
  await page.context().close();
  const text = readFileSync(target, "utf8");
  assert.ok(text.startsWith("\uFEFF"), "UTF-8 BOM for Excel");
  return parseCsv(text.slice(1), ";");
}

describe("order export", () => {
  it("the approver downloads the lines of the company's orders the list finds", async () => {
    const csv = await download(APPROVER[0], APPROVER[1], "?status=placed");
    assert.deepEqual(csv.problems, []);
    assert.deepEqual(csv.header!.fields.slice(0, 3), ["Order", "Date", "Status"]);
    const expected = await sql<{ order_number: string; sku: string; quantity: number }[]>`
      select o.order_number, l.sku, l.quantity from orders o join order_lines l on l.order_id = o.id
      join companies c on c.id = o.company_id
      where c.name = ${COMPANY} and o.status = 'placed' order by o.placed_at, o.id, l.line_number`;
    assert.ok(expected.length > 0, "the company has placed orders");
    assert.deepEqual(
      csv.records.map((r) => [r.fields[0], r.fields[7], Number(r.fields[10])]),
      expected.map((e) => [e.order_number, e.sku, e.quantity]),
    );
    assert.ok(csv.records.every((r) => r.fields[2] === "Placed"));
    assert.ok(csv.records.some((r) => r.fields[3] === "PO-EXPORT-E2E"));
  });

  it("a buyer's download holds only their own orders; signed out there is nothing", async () => {
    const csv = await download(BUYER[0], BUYER[1], "");
    const own = await sql<{ order_number: string }[]>`
      select distinct o.order_number from orders o join users u on u.id = o.user_id where u.email = ${BUYER[0]}`;
    assert.deepEqual(new Set(csv.records.map((r) => r.fields[0])), new Set(own.map((o) => o.order_number)));
    assert.equal((await fetch(`${BASE_URL}/account/orders/export`)).status, 404);
  });

  it("an admin downloads the inbox's lines with the customer and channel; a buyer gets no staff file", async () => {
    const page = await signIn(browser, "admin@koppel.test", "demo-admin", "/admin/orders?q=PO-EXPORT-E2E");
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByTestId("admin-orders-export").click()]);
    const target = path.join(dir, `admin-${file.suggestedFilename()}`);
    await file.saveAs(target);
    const csv = parseCsv(readFileSync(target, "utf8").slice(1), ";");
    assert.deepEqual(csv.header!.fields.slice(0, 5), ["Order", "Date", "Customer", "Channel", "Status"]);
    assert.ok(csv.records.length > 0);
    assert.ok(csv.records.every((r) => r.fields[2] === COMPANY && r.fields[3] === "Web shop" && r.fields[5] === "PO-EXPORT-E2E"));
    const buyer = await signIn(browser, BUYER[0], BUYER[1], "/account/orders");
    assert.equal((await buyer.request.get(`${BASE_URL}/admin/orders/export`)).status(), 404);
  });
});
