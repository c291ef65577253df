import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { chromium, type Browser, type Frame, type Page } from "playwright-core";
import { pickListPriceProduct, pickTierProduct, type PricedFixture } from "./support/demo-products";
import { BASE_URL, chromiumPath, launchBrowser } from "./support/browser";
import { openE2eDatabase } from "./support/database";
import { decodeForm, FakeProcurementSystem, type ReceivedPost } from "./support/fake-procurement";

const sql = openE2eDatabase();
const fake = new FakeProcurementSystem();
let browser: Browser;

const UMLAUT_SKU = "E2E-OCI-UMLAUT";
const UMLAUT_NAME = "Präzisions-Meßbecher für Café-Labor, 250 ml, hitzebeständig borosilicaatglas";

type Fixture = PricedFixture;
let tierProduct: Fixture;
let plainProduct: Fixture;
let umlautProduct: Fixture;

before(async () => {
  await fake.start();
  browser = await launchBrowser();
  tierProduct = await pickTierProduct(sql, 2);
  plainProduct = await pickListPriceProduct(sql, 0);
  // A long name with é, ü, ß: DESCRIPTION is cut to 40 characters between words, LONGTEXT keeps it, Latin-1 keeps the letters.
  await sql`
    insert into products (sku, category_id, name_nl, name_en, description_nl, description_en, brand, manufacturer,
                          manufacturer_part_number, unit, list_price_minor, vat_rate_basis_points, stock)
    select ${UMLAUT_SKU}, id, ${UMLAUT_NAME}, ${UMLAUT_NAME}, 'Maatbeker voor het lab.', 'Measuring cup for the lab.', 'Glaswerk Süd',
           'Glaswerk Süd GmbH', 'GS-250-MB', 'EA', 1234, 2100, 40
    from categories order by id limit 1
    on conflict (sku) do nothing`;
  umlautProduct = { sku: UMLAUT_SKU, quantity: 2, expectedPriceMinor: 1234 };
});

after(async () => {
  await browser?.close();
  await fake.stop();
  await sql.end();
});

function hookUrl(path = "/hook"): string {
  return `${fake.origin}${path}?sap-client=100&sid=ABC123`;
}

function startUrl(fields: Record<string, string>, charset = "utf-8"): string {
  const url = new URL(`${fake.origin}/start`);
  url.searchParams.set("url", `${BASE_URL}/punchout/oci`);
  url.searchParams.set("charset", charset);
  for (const [name, value] of Object.entries(fields)) url.searchParams.append("field", `${name}=${value}`);
  return url.toString();
}

async function addToCart(target: Page | Frame, product: Fixture, viaSearch: boolean) {
  if (viaSearch) {
    await target.getByRole("searchbox", { name: /^(Search|Zoeken)$/ }).fill(product.sku);
    await target.getByRole("button", { name: /^(Search|Zoeken)$/ }).click();
    await target.waitForURL(/\/search\?q=/);
  } else {
    await target.goto(`${BASE_URL}/products/${encodeURIComponent(product.sku)}`);
  }
  const scope = viaSearch ? target.locator(`[data-testid=product-card][data-sku="${product.sku}"]`) : target.locator("main");
  await scope.getByRole("spinbutton", { name: /^(Quantity|Aantal)$/ }).fill(String(product.quantity));
  await scope.getByRole("button", { name: /^(Add to cart|In winkelwagen)$/ }).click();
  await scope.getByText(/^(Added to cart\.|Toegevoegd aan winkelwagen\.)$/).waitFor();
}

function itemFields(post: ReceivedPost, charset: "utf-8" | "latin1") {
  const fields = decodeForm(post.body, charset);
  const bySku = new Map<string, Map<string, string>>();
  for (const [name, value] of fields) {
    const match = /^NEW_ITEM-VENDORMAT\[(\d+)\]$/.exec(name);
    if (!match) continue;
    const index = match[1]!;
    const item = new Map<string, string>();
    for (const [n, v] of fields) {
      const field = new RegExp(`^NEW_ITEM-([A-Z_]+)\\[${index}\\]$`).exec(n);
      if (field) item.set(field[1]!, v);
      if (n === `NEW_ITEM-LONGTEXT_${index}:132[]`) item.set("LONGTEXT", v);
    }
    bySku.set(value, item);
  }
  return { fields, bySku };
}

function assertItem(item: Map<string, string> | undefined, product: Fixture) {
  assert.ok(item, `item ${product.sku} transferred`);
  assert.equal(item.get("QUANTITY"), String(product.quantity));
  assert.equal(item.get("PRICE"), (product.expectedPriceMinor / 100).toFixed(2), `price of ${product.sku} from the pricing module`);
  assert.equal(item.get("CURRENCY"), "EUR");
  assert.equal(item.get("EXT_PRODUCT_ID"), product.sku);
  assert.equal(item.get("MATNR"), undefined, "our SKU never goes into MATNR");
  assert.ok((item.get("DESCRIPTION") ?? "").length <= 40);
  assert.ok(item.get("UNIT"));
}

describe("OCI punchout", () => {
  it("SRM-style POST entry → search → three products → Transfer: the buyer system receives every field", async () => {
    const context = await browser.newContext({ locale: "en-GB" });
    await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: BASE_URL }]);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const posted = fake.posts.length;
    await page.goto(startUrl({ USERNAME: "demo-oci", PASSWORD: "demo-oci-secret", HOOK_URL: hookUrl(), OCI_VERSION: "4.0", returntarget: "_top" }));
    await page.waitForURL(`${BASE_URL}/`);
    assert.match(await page.getByTestId("punchout-banner").innerText(), /SAP SRM \(demo\)/);

    await addToCart(page, tierProduct, true);
    await addToCart(page, umlautProduct, false);
    await addToCart(page, plainProduct, false);
    await page.goto(`${BASE_URL}/cart`);
    assert.equal(await page.getByRole("link", { name: "Checkout" }).count(), 0, "no direct checkout in punchout");
    await page.locator("main").getByRole("button", { name: "Transfer cart" }).click();
    const post = await fake.waitForPosts(posted + 1);
    await page.waitForURL(/127\.0\.0\.1:\d+\/hook/);

    assert.equal(post.path, "/hook");
    const { fields, bySku } = itemFields(post, "utf-8");
    assert.deepEqual(fields.slice(0, 2), [["sap-client", "100"], ["sid", "ABC123"]], "HOOK_URL query parameters lead as hidden fields");
    assert.equal(bySku.size, 3);
    assertItem(bySku.get(tierProduct.sku), tierProduct);
    assertItem(bySku.get(plainProduct.sku), plainProduct);
    const umlaut = bySku.get(umlautProduct.sku);
    assertItem(umlaut, umlautProduct);
    // Cut between words, and the "250" of the cut "250 ml" left out (lib/punchout/short-description.ts).
    assert.equal(umlaut!.get("DESCRIPTION"), "Präzisions-Meßbecher für Café-Labor");
    assert.ok(umlaut!.get("LONGTEXT")!.startsWith(UMLAUT_NAME), "the full text goes to LONGTEXT");

    // The session is over: the snapshot is stored, the cart emptied, the log written without the password.
    const [session] = await sql<{ id: number; status: string }[]>`
      select s.id, s.status from punchout_sessions s join punchout_transfers t on t.session_id = s.id
      order by s.id desc limit 1`;
    assert.equal(session?.status, "transferred");
    const lines = await sql<{ reference: string; sku: string; unit_price_minor: number }[]>`
      select l.reference, l.sku, l.unit_price_minor from punchout_transfer_lines l
      join punchout_transfers t on t.id = l.transfer_id where t.session_id = ${session!.id}`;
    assert.equal(lines.length, 3);
    assert.equal(new Set(lines.map((l) => l.reference)).size, 3);
    const log = await sql<{ type: string; payload: string }[]>`select type, payload from protocol_messages where session_id = ${session!.id} order by id`;
    assert.deepEqual(log.map((m) => m.type), ["oci.entry", "oci.transfer"]);
    assert.ok(!log[0]!.payload.includes("demo-oci-secret") && log[0]!.payload.includes("PASSWORD=***"));
    const cart = await sql`select count(*)::int as n from cart_lines c join carts k on k.id = c.cart_id where k.punchout_session_id = ${session!.id}`;
    assert.equal(cart[0]!.n, 0);
    // The buyer has no password here (the procurement system signed them in): no sign-in page, but
    // the page that says the session has ended — no form, no account request.
    await page.goto(`${BASE_URL}/cart`);
    await page.waitForURL(`${BASE_URL}/punchout/ended`);
    const ended = await page.getByTestId("punchout-ended").innerText();
    assert.match(ended, /^Punchout session ended\s+Your punchout session has ended\. Start again from your procurement system to continue shopping\.$/);
    assert.equal(await page.locator("input[type=password]").count(), 0, "no sign-in form");
    assert.equal(await page.getByTestId("register-link").count(), 0, "no account request");
    // Somebody with an account of their own can still sign in in this browser: /login says what ended
    // and keeps its form, and the sign-in is a normal one (no punchout left over).
    await page.goto(`${BASE_URL}/login?callbackUrl=%2Fcart`);
    assert.match(await page.getByTestId("punchout-ended-notice").innerText(), /^Your punchout session has ended\./);
    await page.getByLabel(/^E-?mail address$/).fill("buyer@demo.test");
    await page.getByLabel("Password").fill("demo-buyer");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${BASE_URL}/cart`);
    assert.equal(await page.getByTestId("punchout-banner").count(), 0, "a normal session, not the punchout's");
    await context.close();
  });

  it("keeps é, ü and ß intact for an iso-8859-1 buyer system", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const posted = fake.posts.length;
    await page.goto(
      startUrl({ USERNAME: "demo-oci", PASSWORD: "demo-oci-secret", HOOK_URL: hookUrl(), http_content_charset: "iso-8859-1" }, "iso-8859-1"),
    );
    await page.waitForURL(`${BASE_URL}/`);
    await page.goto(`${BASE_URL}/products/${UMLAUT_SKU}`);
    await page.locator("main").getByRole("button", { name: /In winkelwagen|Add to cart/ }).click();
    await page.locator("main").getByText(/Toegevoegd|Added/).waitFor();
    await page.goto(`${BASE_URL}/cart`);
    await page.locator("main").getByRole("button", { name: /Winkelwagen overdragen|Transfer cart/ }).click();
    const post = await fake.waitForPosts(posted + 1);
    const raw = post.body.toString("latin1");
    assert.ok(raw.includes("Pr%E4zisions-Me%DFbecher+f%FCr+Caf%E9"), `Latin-1 bytes, not UTF-8: ${raw.slice(0, 200)}`);
    const { bySku } = itemFields(post, "latin1");
    assert.ok(bySku.get(UMLAUT_SKU)!.get("LONGTEXT")!.startsWith(UMLAUT_NAME));
    await context.close();
  });

  for (const blockThirdPartyCookies of [false, true]) {
    it(`works inside the buyer's iframe on another site (returntarget _parent${blockThirdPartyCookies ? ", third-party cookies blocked" : ""})`, async () => {
      const framed = blockThirdPartyCookies
        ? await chromium.launch({
            executablePath: chromiumPath(),
            args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--test-third-party-cookie-phaseout"],
          })
        : browser;
      const context = await framed.newContext({ locale: "en-GB" });
      try {
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        // Prove the browser setting: a plain third-party cookie set inside a cross-site frame is (not) kept.
        await page.goto(`${fake.origin}/frame?src=${encodeURIComponent(`http://localhost:${fake.port}/set-probe`)}`);
        await page.frameLocator("#catalog").locator("body", { hasText: "set" }).waitFor();
        await page.goto(`${fake.origin}/frame?src=${encodeURIComponent(`http://localhost:${fake.port}/read-probe`)}`);
        const probe = await page.frameLocator("#catalog").locator("body").innerText();
        assert.ok(probe.includes("chips=1"), `partitioned third-party cookies work: ${probe}`);
        if (blockThirdPartyCookies) assert.ok(!probe.includes("probe=1"), `plain third-party cookies are blocked: ${probe}`);

        const posted = fake.posts.length;
        const entry = new URL(`${BASE_URL}/punchout/oci`);
        for (const [k, v] of Object.entries({ USERNAME: "demo-oci", PASSWORD: "demo-oci-secret", HOOK_URL: hookUrl("/hook-frame"), returntarget: "_parent" })) entry.searchParams.set(k, v);
        await page.goto(`${fake.origin}/frame?src=${encodeURIComponent(entry.toString())}`);
        const frame = page.frameLocator("#catalog");
        await frame.getByTestId("punchout-banner").waitFor().catch(async (error: unknown) => {
          await page.screenshot({ path: `test-results/oci-iframe-${blockThirdPartyCookies ? "blocked" : "allowed"}.png` });
          throw error;
        });
        const shop = page.frame({ name: "catalog" })!;
        await addToCart(shop, plainProduct, true);
        await shop.goto(`${BASE_URL}/cart`);
        await frame.locator(`[data-testid=cart-line][data-sku="${plainProduct.sku}"]`).waitFor();
        await frame.locator("main").getByRole("button", { name: /^(Transfer cart|Winkelwagen overdragen)$/ }).click();
        const post = await fake.waitForPosts(posted + 1);
        assert.equal(post.path, "/hook-frame");
        // target=_parent: the buyer's page itself (not the frame) navigated to the HOOK_URL.
        await page.waitForURL(/\/hook-frame/);
        assertItem(itemFields(post, "utf-8").bySku.get(plainProduct.sku), plainProduct);
      } finally {
        await context.close();
        if (framed !== browser) await framed.close();
      }
    });
  }

  it("in the session: no sign-out, a profile without sign-in security, quotes without a mail promise; Cancel with lines asks first", async () => {
    const context = await browser.newContext({ locale: "nl-NL" });
    await context.addCookies([{ name: "NEXT_LOCALE", value: "nl", url: BASE_URL }]);
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(startUrl({ USERNAME: "demo-oci", PASSWORD: "demo-oci-secret", HOOK_URL: hookUrl("/hook-cancel"), returntarget: "_top" }));
      await page.waitForURL(`${BASE_URL}/`);
      await page.getByTestId("punchout-banner").waitFor();
      const [session] = await sql<{ id: number }[]>`select id from punchout_sessions order by id desc limit 1`;
      // Nothing to sign out of: the procurement system signed the technical user in.
      assert.equal(await page.getByRole("button", { name: /^(Uitloggen|Sign out)$/ }).count(), 0, "no Sign out in a punchout session");

      // The shared technical account: no name, language, password or two-step verification to change here.
      await page.goto(`${BASE_URL}/account/profile`);
      assert.match(await page.getByTestId("two-step-unavailable").innerText(), /^Niet beschikbaar in een punchoutsessie/);
      // Without how two steps protect a password sign-in: there is none in a punchout session.
      assert.doesNotMatch(await page.getByTestId("two-step").innerText(), /Bescherm uw account/);
      assert.match(await page.getByTestId("password-unavailable").innerText(), /^Niet beschikbaar in een punchoutsessie/);
      assert.match(await page.getByTestId("profile-shared-account").innerText(), /gedeelde account van SAP SRM \(demo\)/);
      assert.equal(await page.getByRole("button", { name: "Profiel opslaan" }).count(), 0);
      assert.equal(await page.getByRole("button", { name: /^(Uitloggen|Sign out)$/ }).count(), 0, "nor on My account");

      // The shared account's quotes are the connection's, not "your own".
      await page.goto(`${BASE_URL}/account/quotes`);
      assert.match(await page.getByTestId("quotes-scope").innerText(), /^De offerteaanvragen via SAP SRM \(demo\), het gedeelde account van uw inkoopsysteem/);
      // Its orders and returns are the procurement system's to follow, not "your own" (an empty list otherwise).
      await page.goto(`${BASE_URL}/account/orders`);
      assert.match(await page.getByTestId("orders-scope").innerText(), /^U winkelt via SAP SRM \(demo\): uw bestellingen plaatst en volgt u in uw inkoopsysteem/);
      await page.goto(`${BASE_URL}/account/returns`);
      assert.match(await page.getByTestId("returns-scope").innerText(), /^U winkelt via SAP SRM \(demo\): die bestellingen staan in uw inkoopsysteem/);

      // A quote waits under My account for the next session: nobody reads the technical user's mail.
      await addToCart(page, plainProduct, false);
      await page.goto(`${BASE_URL}/cart`);
      const quoteRequest = await page.getByTestId("quote-request").innerText();
      assert.doesNotMatch(quoteRequest, /u krijgt een e-mail/);
      assert.match(quoteRequest, /Mijn account → Offertes, ook in een volgende punchoutsessie/);
      // The shared account names nobody: the note must say who asks (the server refuses a request without).
      assert.match(quoteRequest, /Opmerking met uw naam en contactgegevens \(verplicht\)/);
      assert.equal(await page.getByTestId("quote-request").locator("textarea[name=comment]").getAttribute("required"), "");

      // Two lines in the cart: a product page whose banner was rendered with one counts the second add too.
      await addToCart(page, umlautProduct, false);
      const posted = fake.posts.length;
      const cancel = page.getByTestId("punchout-banner").getByRole("button", { name: "Punchout annuleren" });
      let question = "";
      page.once("dialog", (dialog) => {
        question = dialog.message();
        void dialog.dismiss();
      });
      await cancel.click();
      assert.equal(question, "Punchout annuleren? De 2 regels in uw winkelwagen gaan niet naar uw inkoopsysteem en vervallen.");
      await page.waitForTimeout(500);
      assert.equal(fake.posts.length, posted, "dismissed: nothing goes back");
      assert.equal(await page.locator(`[data-testid=punchout-banner]`).count(), 1, "dismissed: still in the session");

      question = "";
      page.once("dialog", (dialog) => {
        question = dialog.message();
        void dialog.accept();
      });
      await cancel.click();
      const post = await fake.waitForPosts(posted + 1);
      assert.match(question, /^Punchout annuleren\? De 2 regels/);
      assert.equal(post.path, "/hook-cancel");
      assert.equal(itemFields(post, "utf-8").bySku.size, 0, "a cancel sends no items");
      const [after] = await sql<{ status: string }[]>`select status from punchout_sessions where id = ${session!.id}`;
      assert.equal(after?.status, "cancelled");
    } finally {
      await context.close();
    }
  });

  it("Transfer on an empty cart asks first; a press from a stale tab after the end gets the session-ended page in the shop's language", async () => {
    const context = await browser.newContext({ locale: "nl-NL" });
    await context.addCookies([{ name: "NEXT_LOCALE", value: "nl", url: BASE_URL }]);
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(startUrl({ USERNAME: "demo-oci", PASSWORD: "demo-oci-secret", HOOK_URL: hookUrl("/hook-empty"), returntarget: "_top" }));
      await page.waitForURL(`${BASE_URL}/`);
      const [session] = await sql<{ id: number }[]>`select id from punchout_sessions order by id desc limit 1`;
      // A second tab of the same session, left open.
      const stale = await context.newPage();
      stale.setDefaultTimeout(15_000);
      await stale.goto(`${BASE_URL}/`);
      await stale.getByTestId("punchout-banner").waitFor();

      const posted = fake.posts.length;
      const transfer = page.getByTestId("punchout-banner").getByRole("button", { name: "Winkelwagen overdragen" });
      let question = "";
      page.once("dialog", (dialog) => {
        question = dialog.message();
        void dialog.dismiss();
      });
      await transfer.click();
      assert.equal(question, "Uw winkelwagen is leeg. Een lege winkelwagen overdragen sluit de punchout af zonder artikelen. Doorgaan?");
      await page.waitForTimeout(500);
      assert.equal(fake.posts.length, posted, "dismissed: nothing goes back");
      assert.equal(await page.getByTestId("punchout-banner").count(), 1, "dismissed: still in the session");

      page.once("dialog", (dialog) => void dialog.accept());
      await transfer.click();
      const post = await fake.waitForPosts(posted + 1);
      assert.equal(post.path, "/hook-empty");
      assert.equal(itemFields(post, "utf-8").bySku.size, 0, "confirmed: an empty cart goes back");
      const [after] = await sql<{ status: string }[]>`select status from punchout_sessions where id = ${session!.id}`;
      assert.equal(after?.status, "transferred");

      // The stale tab still shows the banner; its press finds the session over.
      stale.once("dialog", (dialog) => void dialog.accept());
      const [answer] = await Promise.all([
        stale.waitForResponse((response) => response.url() === `${BASE_URL}/punchout/transfer`),
        stale.getByTestId("punchout-banner").getByRole("button", { name: "Winkelwagen overdragen" }).click(),
      ]);
      assert.equal(answer.status(), 401);
      await stale.waitForURL(`${BASE_URL}/punchout/transfer`);
      assert.equal(await stale.locator("html").getAttribute("lang"), "nl");
      assert.match(await stale.locator("h1").innerText(), /^Punchout-?sessie afgesloten$/);
      assert.match(await stale.locator("p").innerText(), /^Deze punchout-?sessie is al afgesloten\. Start opnieuw vanuit uw inkoopsysteem\.$/);
      assert.equal(fake.posts.length, posted + 1, "nothing goes back twice");
    } finally {
      await context.close();
    }
  });

  it("sends frame-ancestors for the connection's origins only during punchout", async () => {
    const plain = await fetch(`${BASE_URL}/`);
    assert.equal(plain.headers.get("content-security-policy"), "frame-ancestors 'self'");
  });

  it("VALIDATE auto-submits one item at the current price; BACKGROUND_SEARCH lists results without submitting", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const posted = fake.posts.length;
    const base = { USERNAME: "demo-oci", PASSWORD: "demo-oci-secret", HOOK_URL: hookUrl("/validate") };
    const validate = new URLSearchParams({ ...base, FUNCTION: "VALIDATE", PRODUCTID: tierProduct.sku, QUANTITY: String(tierProduct.quantity) });
    await page.goto(`${BASE_URL}/punchout/oci?${validate}`);
    const post = await fake.waitForPosts(posted + 1);
    const { bySku } = itemFields(post, "utf-8");
    assert.deepEqual([...bySku.keys()], [tierProduct.sku]);
    assertItem(bySku.get(tierProduct.sku), tierProduct);

    const search = new URLSearchParams({ ...base, FUNCTION: "BACKGROUND_SEARCH", SEARCHSTRING: "schroevendraaier" });
    await page.goto(`${BASE_URL}/punchout/oci?${search}`);
    const descriptions = await page.locator('input[name^="NEW_ITEM-DESCRIPTION["]').count();
    assert.ok(descriptions > 0 && descriptions <= 50, `${descriptions} results`);
    await page.waitForTimeout(1000);
    assert.equal(fake.posts.length, posted + 1, "BACKGROUND_SEARCH must not auto-submit");
    await context.close();
  });

  it("QUANTITYCHECK answers availability as JSON", async () => {
    const query = new URLSearchParams({ USERNAME: "demo-oci", PASSWORD: "demo-oci-secret", FUNCTION: "QUANTITYCHECK", PRODUCTID: plainProduct.sku, QUANTITY: "1" });
    const response = await fetch(`${BASE_URL}/punchout/oci?${query}`);
    const body = (await response.json()) as { AVAILABLE_QUANTITY: number; LEADTIME: string };
    assert.equal(response.status, 200);
    assert.ok(body.AVAILABLE_QUANTITY > 0 && /^\d+$/.test(body.LEADTIME));
  });

  it("refuses a wrong password (401, nothing revealed) and a HOOK_URL outside the allowed origins (400, names it)", async () => {
    const wrong = await fetch(`${BASE_URL}/punchout/oci?${new URLSearchParams({ USERNAME: "demo-oci", PASSWORD: "nope", HOOK_URL: hookUrl() })}`);
    assert.equal(wrong.status, 401);
    const unknown = await fetch(`${BASE_URL}/punchout/oci?${new URLSearchParams({ USERNAME: "nobody", PASSWORD: "nope", HOOK_URL: hookUrl() })}`);
    assert.equal(unknown.status, 401);
    assert.equal(await wrong.text(), await unknown.text(), "unknown user and wrong password look the same");
    assert.equal(wrong.headers.get("set-cookie"), null);

    const evil = await fetch(`${BASE_URL}/punchout/oci?${new URLSearchParams({ USERNAME: "demo-oci", PASSWORD: "demo-oci-secret", HOOK_URL: "http://evil.example/hook" })}`);
    assert.equal(evil.status, 400);
    assert.match(await evil.text(), /http:\/\/evil\.example/);
    assert.equal(evil.headers.get("set-cookie"), null, "no session for a refused return address");

    const unknownFunction = await fetch(`${BASE_URL}/punchout/oci?${new URLSearchParams({ USERNAME: "demo-oci", PASSWORD: "demo-oci-secret", HOOK_URL: hookUrl(), FUNCTION: "TELEPORT" })}`);
    assert.equal(unknownFunction.status, 400);
  });

  it("throttles repeated failures per username", async () => {
    const attempt = () => fetch(`${BASE_URL}/punchout/oci?${new URLSearchParams({ USERNAME: "throttle-probe", PASSWORD: "x", HOOK_URL: hookUrl() })}`);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt()).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
  });
});
