import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { attr, childElements, childText, directText, firstChild, parseCxml } from "../../lib/punchout/cxml/xml";
import { BASE_URL, launchBrowser, newContext, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";
import { decodeCxmlPost, FakeProcurementSystem } from "./support/fake-procurement";

/**
 * Quotes end to end in Chromium: a buyer asks for a quote from the cart, the account manager answers
 * it in /admin, the buyer puts it into the cart and orders it at the quoted price; and the same through
 * cXML punchout, where the procurement system's OrderRequest after approval is reconciled against the
 * quote. Uses approver@demo.test (the shop journeys use the other demo buyers) and leaves its cart empty.
 */
let browser: Browser;
const sql = openE2eDatabase();
const fake = new FakeProcurementSystem();
const REQUESTER = "approver@demo.test";

before(async () => {
  await fake.start();
  browser = await launchBrowser();
});
after(async () => {
  await sql`delete from cart_lines where cart_id in (
    select c.id from carts c join users u on u.id = c.user_id where u.email = ${REQUESTER} and c.punchout_session_id is null)`;
  await browser?.close();
  await fake.stop();
  await sql.end();
});

/** Orderable per unit, in stock, priced from the list (no contract), so a quoted price stands out. */
async function plainProducts(count: number, offset: number) {
  const rows = await sql<{ sku: string; list_price_minor: number }[]>`
    select sku, list_price_minor from products p
    where active and min_order_quantity = 1 and order_multiple = 1 and stock > 50 and list_price_minor between 500 and 5000
      and list_price_tiers = '[]'::jsonb
      and not exists (select 1 from price_list_entries e where e.product_id = p.id)
    order by id offset ${offset} limit ${count}`;
  assert.equal(rows.length, count);
  return rows;
}

async function addToCart(page: Page, sku: string, quantity: number) {
  await page.goto(`${BASE_URL}/products/${encodeURIComponent(sku)}`);
  const main = page.locator("main");
  await main.getByRole("spinbutton", { name: /^(Quantity|Aantal)$/ }).fill(String(quantity));
  await main.getByRole("button", { name: /^(Add to cart|In winkelwagen)$/ }).click();
  await main.getByText(/^(Added to cart\.|Toegevoegd aan winkelwagen\.)$/).waitFor();
}

/** From the cart: "Request a quote" with a note; returns the new quote's number from the page it lands on. */
async function requestQuote(page: Page, note: string): Promise<string> {
  await page.goto(`${BASE_URL}/cart`);
  const form = page.getByTestId("quote-request");
  await form.locator("textarea[name=comment]").fill(note);
  await form.getByRole("button", { name: "Request a quote" }).click();
  await page.waitForURL(/\/account\/quotes\/Q\d+\?requested=1/);
  await page.getByTestId("quote-requested").waitFor();
  assert.equal(await page.getByTestId("quote-status").getAttribute("data-state"), "requested");
  return decodeURIComponent(/\/account\/quotes\/([^/?]+)/.exec(page.url())![1]!);
}

/** The account manager answers the request in /admin/quotes with one price per line (by SKU). */
async function answerAsManager(quoteNumber: string, prices: Record<string, string>) {
  const page = await signIn(browser, "manager@demo.test", "demo-manager", "/admin/quotes");
  try {
    const row = page.getByRole("row").filter({ hasText: quoteNumber });
    await row.getByRole("link", { name: quoteNumber }).click();
    await page.waitForURL(/\/admin\/quotes\/\d+$/);
    const form = page.getByTestId("quote-answer-form");
    for (const [sku, price] of Object.entries(prices)) {
      await page.locator(`[data-testid=quote-line][data-sku="${sku}"] input[name^=price_]`).fill(price);
    }
    await form.locator("textarea[name=comment]").fill("Prijs geldt bij afname in één keer.");
    // Sending asks first, naming the customer's user.
    const asked = new Promise<string>((resolve) =>
      page.once("dialog", (dialog) => {
        resolve(dialog.message());
        void dialog.accept();
      }),
    );
    await form.locator("button[type=submit]").click();
    assert.match(await asked, /^Send this quote to .+\? .+ is emailed at once/);
    await form.getByTestId("form-success").waitFor();
    assert.equal(await page.getByTestId("quote-status").innerText(), "Quoted");
  } finally {
    await page.context().close();
  }
}

describe("Quotes", () => {
  it("buyer asks for a quote from the cart → manager answers → buyer adds it to the cart and orders at the quoted price", async () => {
    const [first, second] = await plainProducts(2, 7);
    const page = await signIn(browser, REQUESTER, "demo-approver", "/");
    try {
      await addToCart(page, first!.sku, 40);
      await addToCart(page, second!.sku, 12);
      const quoteNumber = await requestQuote(page, "Jaarafname: graag een scherpe prijs.");
      // The lines moved into the request.
      await page.goto(`${BASE_URL}/cart`);
      assert.equal(await page.getByTestId("quote-request").count(), 0, "an empty cart offers no request");

      await answerAsManager(quoteNumber, { [first!.sku]: "3.10", [second!.sku]: "4,25" });

      await page.goto(`${BASE_URL}/account/quotes/${quoteNumber}`);
      assert.equal(await page.getByTestId("quote-status").getAttribute("data-state"), "quoted");
      assert.match(await page.getByTestId("quote-staff-comment").innerText(), /afname in één keer/);
      assert.match(await page.locator(`[data-testid=quote-line][data-sku="${first!.sku}"] [data-testid=quoted-price]`).innerText(), /3[.,]10/);
      await page.getByRole("button", { name: "Add to cart" }).click();
      await page.waitForURL(/\/cart\?quote=/);
      await page.getByTestId("quote-accepted").waitFor();
      const line = page.locator("main li, main tr").filter({ hasText: first!.sku }).first();
      assert.match(await line.innerText(), new RegExp(`Quote ${quoteNumber}`));
      assert.match(await line.innerText(), /3[.,]10/);
      // The quoted price holds for the quoted quantity only: its field is read-only (Remove stays).
      assert.equal(await line.locator("input[name=quantity]").isEditable(), false);
      assert.equal(await line.getByTestId("cart-line-quote-locked").count(), 1);

      await page.getByRole("link", { name: "Checkout" }).click();
      await page.waitForURL(/\/checkout$/);
      await page.getByRole("button", { name: "Place order" }).click();
      await page.waitForURL(/\/account\/orders\/K\d+\?placed=1/);
      const orderNumber = /\/account\/orders\/(K\d+)/.exec(page.url())![1]!;
      // The order names the quote its prices came from, linked.
      assert.deepEqual(await page.getByTestId("line-quote").allInnerTexts(), [`Quote ${quoteNumber}`, `Quote ${quoteNumber}`]);
      const lines = await sql<{ sku: string; unit_price_minor: number; price_source: { kind: string; quoteNumber?: string } }[]>`
        select l.sku, l.unit_price_minor, l.price_source from order_lines l join orders o on o.id = l.order_id
        where o.order_number = ${orderNumber} order by l.line_number`;
      assert.deepEqual(
        lines.map((l) => [l.sku, l.unit_price_minor, l.price_source.kind, l.price_source.quoteNumber]),
        [
          [first!.sku, 310, "quote", quoteNumber],
          [second!.sku, 425, "quote", quoteNumber],
        ],
      );

      await page.goto(`${BASE_URL}/account/quotes/${quoteNumber}`);
      assert.equal(await page.getByTestId("quote-status").getAttribute("data-state"), "ordered");
      assert.equal(await page.getByTestId("quote-order").innerText(), orderNumber);
      assert.equal(await page.getByRole("button", { name: "Add to cart" }).count(), 0, "a quote is ordered once");
    } finally {
      await page.context().close();
    }
  });

  it("cXML punchout: quote requested in the session → answered → transferred at the quoted price → the OrderRequest after approval is accepted against the quote", async () => {
    const [product] = await plainProducts(1, 11);
    const HEADER = `<Header>
<From><Credential domain="NetworkID"><Identity>AN-DEMO-BUYER</Identity></Credential></From>
<To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="NetworkID"><Identity>AN-DEMO-BUYER</Identity><SharedSecret>demo-cxml-secret</SharedSecret></Credential><UserAgent>Ariba Buyer 1.0</UserAgent></Sender>
</Header>`;
    const post = async (pathname: string, body: string) => {
      const response = await fetch(`${BASE_URL}${pathname}`, { method: "POST", headers: { "content-type": "text/xml; charset=UTF-8" }, body });
      const text = await response.text();
      const parsed = parseCxml(text);
      assert.ok(parsed.ok, text.slice(0, 300));
      return { text, document: parsed.value };
    };
    const cookie = `quote-${Date.now()}`;
    const setup = await post(
      "/punchout/cxml/setup",
      `<?xml version="1.0" encoding="UTF-8"?>
<cXML payloadID="${cookie}.setup@ariba.example" timestamp="2026-11-28T10:00:00+01:00" xml:lang="en-US">${HEADER}
<Request deploymentMode="test"><PunchOutSetupRequest operation="create"><BuyerCookie>${cookie}</BuyerCookie>
<Extrinsic name="UserEmail">${REQUESTER}</Extrinsic>
<BrowserFormPost><URL>${fake.origin}/ariba/return</URL></BrowserFormPost>
</PunchOutSetupRequest></Request></cXML>`,
    );
    const startPage = childText(firstChild(firstChild(firstChild(setup.document.root, "Response")!, "PunchOutSetupResponse")!, "StartPage")!, "URL");
    assert.ok(startPage, setup.text);

    const context = await newContext(browser, "en");
    let poomXml: string;
    let quoteNumber: string;
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(startPage);
      await page.getByTestId("punchout-banner").waitFor();
      await addToCart(page, product!.sku, 30);
      quoteNumber = await requestQuote(page, "Via Ariba: wat is de prijs bij 30 stuks?");
      await answerAsManager(quoteNumber, { [product!.sku]: "2.95" });
      // Still in the punchout session: the quote goes into the session's cart, then back to Ariba.
      await page.goto(`${BASE_URL}/account/quotes/${quoteNumber}`);
      await page.getByRole("button", { name: "Add to cart" }).click();
      await page.waitForURL(/\/cart\?quote=/);
      assert.equal(await page.getByRole("link", { name: "Checkout" }).count(), 0, "no direct checkout in punchout");
      const posted = fake.posts.length;
      await page.locator("main").getByRole("button", { name: "Transfer cart" }).click();
      poomXml = decodeCxmlPost(await fake.waitForPosts(posted + 1)).xml;
    } finally {
      await context.close();
    }

    const poom = parseCxml(poomXml);
    assert.ok(poom.ok);
    const [itemIn] = childElements(poom.value.payload!, "ItemIn");
    assert.ok(itemIn);
    const itemId = firstChild(itemIn, "ItemID")!;
    const money = firstChild(firstChild(firstChild(itemIn, "ItemDetail")!, "UnitPrice")!, "Money")!;
    assert.equal(directText(money), "2.95", "the quoted price goes to the procurement system");
    assert.equal(attr(itemIn, "quantity"), "30");
    // Transferred is not ordered yet: the purchase order after approval uses the quote.
    const [transferred] = await sql<{ status: string }[]>`select status from quotes where quote_number = ${quoteNumber}`;
    assert.equal(transferred?.status, "accepted");

    const orderId = `PO-QUOTE-${Date.now()}`;
    const answer = await post(
      "/punchout/cxml/order",
      `<?xml version="1.0" encoding="UTF-8"?>
<cXML payloadID="${orderId}@ariba.example" timestamp="2026-11-28T12:00:00+01:00" xml:lang="en-US">${HEADER}
<Request deploymentMode="test"><OrderRequest><OrderRequestHeader orderID="${orderId}" orderDate="${new Date().toISOString()}" type="new">
<Total><Money currency="EUR">88.50</Money></Total></OrderRequestHeader>
<ItemOut quantity="30" lineNumber="1"><ItemID><SupplierPartID>${childText(itemId, "SupplierPartID")}</SupplierPartID><SupplierPartAuxiliaryID>${childText(itemId, "SupplierPartAuxiliaryID")}</SupplierPartAuxiliaryID></ItemID>
<ItemDetail><UnitPrice><Money currency="EUR">2.95</Money></UnitPrice><Description xml:lang="nl">x</Description><UnitOfMeasure>${childText(firstChild(itemIn, "ItemDetail")!, "UnitOfMeasure")}</UnitOfMeasure></ItemDetail></ItemOut>
</OrderRequest></Request></cXML>`,
    );
    assert.equal(answer.document.status?.code, "200", answer.text);
    const [order] = await sql<{ id: number; status: string; order_number: string }[]>`
      select o.id, o.status, o.order_number from orders o join purchase_orders p on p.order_id = o.id where p.buyer_order_id = ${orderId}`;
    assert.ok(order);
    const reasons = await sql`select reasons from purchase_order_lines where order_id = ${order.id}`;
    // Our list price is higher than 2.95: only the quote makes this line clean.
    assert.equal(order.status, "accepted", JSON.stringify(reasons));
    const [quote] = await sql<{ status: string; order_id: number }[]>`select status, order_id from quotes where quote_number = ${quoteNumber}`;
    assert.deepEqual(quote, { status: "ordered", order_id: order.id });
  });

  it("a quote for one product in a large quantity from its product page, the cart left alone", async () => {
    const [product] = await plainProducts(1, 15);
    const page = await signIn(browser, REQUESTER, "demo-approver", `/products/${encodeURIComponent(product!.sku)}`);
    try {
      const cartBefore = await sql<{ n: number }[]>`select count(*)::int as n from cart_lines l join carts c on c.id = l.cart_id join users u on u.id = c.user_id where u.email = ${REQUESTER}`;
      const box = page.getByTestId("product-quote");
      await box.locator("summary").click();
      await box.locator("input[name=quantity]").fill("250");
      await box.locator("textarea[name=comment]").fill("Jaarvolume, levering per kwartaal");
      await box.getByRole("button", { name: "Request a quote" }).click();
      await page.waitForURL(/\/account\/quotes\/Q\d+\?requested=1/);
      assert.equal(await page.getByTestId("quote-status").getAttribute("data-state"), "requested");
      const line = page.locator(`[data-testid=quote-line][data-sku="${product!.sku}"]`);
      assert.match(await line.innerText(), /250/);
      const cartAfter = await sql<{ n: number }[]>`select count(*)::int as n from cart_lines l join carts c on c.id = l.cart_id join users u on u.id = c.user_id where u.email = ${REQUESTER}`;
      assert.equal(cartAfter[0]!.n, cartBefore[0]!.n, "the cart is left alone");
    } finally {
      await page.context().close();
    }
  });
});
