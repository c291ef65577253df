import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { hashPassword } from "../../lib/auth/password";
import { addToCartOnProductPage, launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Product documents: an admin uploads a safety data sheet (PDF) on the product's admin page, is refused
 * a file that is not a PDF, renames the document in place; the buyer sees it under "Documents" on the
 * product page and opens it (a PDF from the public URL); removed again, the section is gone. The demo's
 * lubricants come with their own sheets. A customer buys the product, and the next safety data sheet is
 * mailed to its orderer as it is uploaded (REACH art. 31(9)). A revised sheet is uploaded as a new version:
 * mailed again, the shop shows only it (with its version), the earlier one stays at its link; removing the
 * new version brings the earlier one back. Chromium against the running server.
 */
const BUYER = ["facilitair@soo-amstelland.test", "demo-facilitair"] as const;
let browser: Browser;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36).toUpperCase();
const sku = `KP-VIB-${stamp}`;
const name = `Kettingolie ${stamp}`;
const adminEmail = `documents.admin.${stamp.toLowerCase()}@koppel.test`;

const pdf = (marker: string) => Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${marker}\ntrailer<</Root 1 0 R>>\n%%EOF\n`, "latin1");

before(async () => {
  browser = await launchBrowser();
  await sql`insert into users (email, name, role, company_id, locale, password_hash) values (${adminEmail}, 'Documents Admin', 'admin', null, 'en', ${await hashPassword("documentbeheer-2026")})`;
  const [category] = await sql<{ id: number }[]>`select id from categories where code = 'MRO-LUB'`;
  await sql`insert into products (sku, category_id, name_nl, name_en, description_nl, description_en, brand, manufacturer, manufacturer_part_number, unit, stock, list_price_minor, vat_rate_basis_points)
            values (${sku}, ${category!.id}, ${name}, ${name}, '', '', 'Koppel', 'Koppel', ${sku}, 'EA', 40, 895, 2100)`;
});
const clearCart = () =>
  sql`delete from cart_lines where cart_id in (select c.id from carts c join users u on u.id = c.user_id where u.email = ${BUYER[0]} and c.punchout_session_id is null)`;

after(async () => {
  await clearCart();
  await browser?.close();
  await sql.end();
});

describe("product documents", () => {
  it("an admin uploads, renames and removes a safety data sheet; the buyer sees and opens it on the product page", async () => {
    const admin = await signIn(browser, adminEmail, "documentbeheer-2026", `/admin/products/${sku}`);
    const documents = admin.getByTestId("product-documents");
    await documents.getByText("No documents yet").waitFor();
    await documents.getByTestId("document-input").setInputFiles([{ name: "VIB Kettingolie.pdf", mimeType: "application/pdf", buffer: pdf(stamp) }]);
    await documents.getByRole("combobox", { name: "Kind" }).last().selectOption("safety_data_sheet");
    await documents.getByRole("combobox", { name: "Language" }).last().selectOption("nl");
    await documents.getByRole("button", { name: "Upload" }).click();
    await documents.getByTestId("document-outcome").getByText("Document added.").waitFor();
    const item = documents.getByTestId("product-document-item");
    assert.equal(await item.count(), 1);
    await item.getByRole("link", { name: "VIB-Kettingolie.pdf" }).waitFor();
    assert.equal(await item.getByRole("textbox", { name: "Title" }).inputValue(), "VIB Kettingolie");

    // Not a PDF: refused with its name, nothing added.
    await documents.getByTestId("document-input").setInputFiles([{ name: "blad.pdf", mimeType: "application/pdf", buffer: Buffer.from("<!doctype html><p>geen pdf</p>") }]);
    await documents.getByRole("button", { name: "Upload" }).click();
    await documents.getByTestId("document-outcome").getByText("The file “blad.pdf” is not a PDF.").waitFor();
    assert.equal(await documents.getByTestId("product-document-item").count(), 1);

    // Renamed in place.
    await item.getByRole("textbox", { name: "Title" }).fill(`Veiligheidsinformatieblad ${name}`);
    await item.getByRole("button", { name: "Save" }).click();
    await admin.waitForFunction(async (product) => {
      const response = await fetch(`/admin/api/products/${product}/documents`);
      const body = (await response.json()) as { documents: { title: string }[] };
      return body.documents[0]?.title.startsWith("Veiligheidsinformatieblad");
    }, sku);

    // The buyer (English UI): under Documents, the kind and that it is in Dutch; opening it gives the PDF.
    const buyer = await signIn(browser, "buyer@demo.test", "demo-buyer", `/products/${sku}`);
    const section = buyer.getByTestId("product-documents");
    const link = section.getByRole("link", { name: `Veiligheidsinformatieblad ${name}` });
    await link.waitFor();
    await section.getByText(/Safety data sheet \(SDS\) · Dutch · 1 kB/).waitFor();
    const href = (await link.getAttribute("href"))!;
    assert.match(href, new RegExp(`^/product-documents/${sku}/[0-9a-f]{24}/VIB-Kettingolie\\.pdf$`));
    assert.equal(await link.getAttribute("target"), "_blank");
    const file = await buyer.request.get(href);
    assert.equal(file.status(), 200);
    assert.equal(file.headers()["content-type"], "application/pdf");
    assert.ok((await file.body()).equals(pdf(stamp)));

    // Removed: the shop shows no documents section.
    admin.once("dialog", (dialog) => void dialog.accept());
    await item.getByRole("button", { name: "Remove" }).click();
    await documents.getByText("No documents yet").waitFor();
    await buyer.reload();
    await buyer.getByRole("heading", { name }).waitFor();
    assert.equal(await buyer.getByTestId("product-documents").count(), 0);

    // The demo's first lubricant has its safety data sheets in both languages and a datasheet.
    const [demo] = await sql<{ sku: string }[]>`select p.sku from product_documents d join products p on p.id = d.product_id where d.kind = 'datasheet' limit 1`;
    await buyer.goto(`/products/${demo!.sku}`);
    const demoDocuments = buyer.getByTestId("product-document");
    assert.equal(await demoDocuments.count(), 3);
    assert.match((await demoDocuments.nth(0).textContent()) ?? "", /Datasheet/);
    assert.match((await demoDocuments.nth(1).textContent()) ?? "", /Safety data sheet .*Safety data sheet \(SDS\) ·/);
    assert.match((await demoDocuments.nth(2).textContent()) ?? "", /Veiligheidsinformatieblad .*· Dutch ·/);
    await admin.context().close();
    await buyer.context().close();
  });

  it("a customer buys the product; its next safety data sheet is mailed to the orderer as it is uploaded, and the page says so", async () => {
    await clearCart();
    const buyer = await signIn(browser, ...BUYER, "/");
    await addToCartOnProductPage(buyer, sku, 2);
    await buyer.goto("/checkout");
    await buyer.getByLabel("PO number").fill("PO-VIB-1");
    await buyer.getByRole("button", { name: "Place order" }).click();
    await buyer.waitForURL(/\/account\/orders\/K\d+\?placed=1/);

    const admin = await signIn(browser, adminEmail, "documentbeheer-2026", `/admin/products/${sku}`);
    const documents = admin.getByTestId("product-documents");
    await documents.getByTestId("document-input").setInputFiles([{ name: "VIB Kettingolie v2.pdf", mimeType: "application/pdf", buffer: pdf(`${stamp}-v2`) }]);
    await documents.getByRole("combobox", { name: "Kind" }).last().selectOption("safety_data_sheet");
    await documents.getByTestId("document-notify").check();
    await documents.getByRole("button", { name: "Upload" }).click();
    await documents.getByTestId("document-outcome").getByText("Document added. Mailed to 1 person at 1 customer.").waitFor();
    await documents.getByTestId("sheet-notices").getByText(/Last sent on .* to 1 person at 1 customer\./).waitFor();
    const mails = await sql<{ to_email: string; subject: string; body_text: string }[]>`
      select to_email, subject, body_text from mail_outbox where kind = 'safety_data_sheet' and subject like ${`%${sku}%`}`;
    assert.equal(mails.length, 1);
    assert.equal(mails[0]!.to_email, BUYER[0]);
    assert.match(mails[0]!.body_text, new RegExp(`/product-documents/${sku}/[0-9a-f]{24}/VIB-Kettingolie-v2\\.pdf`));
    // Sending it again by hand: the button names whom it reaches and asks first.
    admin.once("dialog", (dialog) => void dialog.accept());
    await documents.getByTestId("sheet-notices").getByRole("button", { name: "Mail to buyers of the last 12 months (1 person, 1 customer)" }).click();
    await documents.getByTestId("sheet-notices").getByText("Sent.").waitFor();
    const [count] = await sql<{ n: number }[]>`select count(*)::int as n from mail_outbox where kind = 'safety_data_sheet' and subject like ${`%${sku}%`}`;
    assert.equal(count!.n, 2);
    await admin.context().close();
    await buyer.context().close();
  });

  it("a revised sheet replaces the current one as a new version: mailed, shown alone in the shop, the earlier kept at its link", async () => {
    const admin = await signIn(browser, adminEmail, "documentbeheer-2026", `/admin/products/${sku}`);
    const item = admin.getByTestId("product-document-item");
    assert.equal(await item.count(), 1);
    const earlierHref = (await item.getByRole("link", { name: "VIB-Kettingolie-v2.pdf" }).getAttribute("href"))!;
    const newVersion = item.getByTestId("document-new-version");
    await newVersion.locator("summary").click();
    await newVersion.getByTestId("document-version-input").setInputFiles([{ name: "VIB Kettingolie rev3.pdf", mimeType: "application/pdf", buffer: pdf(`${stamp}-v3`) }]);
    await newVersion.getByTestId("document-version-new").fill("3.0");
    await newVersion.getByTestId("document-revised-on-new").fill("2026-11-15");
    await newVersion.getByTestId("document-version-notify").check();
    await newVersion.getByRole("button", { name: "Upload new version" }).click();
    await admin.getByTestId("document-outcome").getByText("New version added; the previous one is kept as an earlier version. Mailed to 1 person at 1 customer.").waitFor();

    const current = admin.getByTestId("product-document-item");
    assert.equal(await current.count(), 1);
    await current.getByRole("link", { name: "VIB-Kettingolie-rev3.pdf" }).waitFor();
    assert.equal(await current.getByTestId("document-version").inputValue(), "3.0");
    const earlier = current.getByTestId("document-earlier-versions");
    await earlier.locator("summary").getByText("1 earlier version").click();
    await earlier.getByTestId("document-earlier-version").getByText(/uploaded .*, replaced .* · Last sent on .* to 1 person at 1 customer\./).waitFor();

    const [mail] = await sql<{ body_text: string }[]>`
      select body_text from mail_outbox where kind = 'safety_data_sheet' and subject like ${`%${sku}%`} order by id desc limit 1`;
    assert.match(mail!.body_text, /\((versie|version) 3\.0, (herzien op|revised on) 15 (november|November) 2026\): .*VIB-Kettingolie-rev3\.pdf/);

    // The shop shows the new version alone, with its version; the earlier file is still served, pointing to it.
    const buyer = await signIn(browser, "buyer@demo.test", "demo-buyer", `/products/${sku}`);
    const shown = buyer.getByTestId("product-document");
    await shown.first().waitFor();
    assert.equal(await shown.count(), 1);
    assert.match((await shown.textContent()) ?? "", /version 3\.0 · revised 15 Nov 2026/);
    const old = await buyer.request.get(earlierHref);
    assert.equal(old.status(), 200);
    assert.match(old.headers()["link"] ?? "", new RegExp(`^</product-documents/${sku}/[0-9a-f]{24}/VIB-Kettingolie-rev3\\.pdf>; rel="latest-version"$`));

    // Removing the new version: the earlier one is current again.
    admin.once("dialog", (dialog) => {
      assert.match(dialog.message(), /previous version becomes the current one again/);
      void dialog.accept();
    });
    await current.getByRole("button", { name: "Remove" }).last().click();
    await admin.getByRole("link", { name: "VIB-Kettingolie-rev3.pdf" }).waitFor({ state: "detached" });
    await admin.getByTestId("product-document-item").getByRole("link", { name: "VIB-Kettingolie-v2.pdf" }).waitFor();
    assert.equal(await admin.getByTestId("document-earlier-versions").count(), 0);
    await admin.context().close();
    await buyer.context().close();
  });
});
