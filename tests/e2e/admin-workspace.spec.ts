import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { BASE_URL, launchBrowser, newContext } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * The account-manager workspace in Chromium, against the demo seed. Data rules (the shop journey
 * runs after this file on the same database): prices are only edited on the LAST fixed
 * Demo Facilities contract product (the shop journey uses the first), new price lists are left
 * unassigned, and view-as never touches a cart.
 */
let browser: Browser;
const sql = openE2eDatabase();

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await sql.end();
});

async function signIn(context: BrowserContext, email: string, password: string, target = "/"): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill(password);
  await page.getByRole("button", { name: /^(Sign in|Inloggen)$/ }).click();
  await page.waitForURL((url) => url.pathname === new URL(target, BASE_URL).pathname);
  return page;
}

/** The highest-id product with a fixed, open-ended RC-DEMO entry that decides Demo Facilities' price today. */
async function lastContractProduct() {
  const [row] = await sql<{ sku: string; price_minor: number; list_price_minor: number; list_id: number; company_id: number }[]>`
    select p.sku, e.price_minor, p.list_price_minor, l.id as list_id, c.id as company_id
    from products p
    join price_list_entries e on e.product_id = p.id and e.kind = 'fixed'
    join price_lists l on l.id = e.price_list_id and l.code = 'RC-DEMO'
    join company_price_lists cpl on cpl.price_list_id = l.id
    join companies c on c.id = cpl.company_id and c.name = 'Demo Facilities B.V.'
    where p.active and p.min_order_quantity = 1 and p.order_multiple = 1
      and e.valid_from is null and e.valid_to is null and e.price_minor > 100 and e.price_minor < p.list_price_minor
      and not exists (
        select 1 from price_list_entries e2 join company_price_lists c2 on c2.price_list_id = e2.price_list_id and c2.company_id = c.id
        join price_lists l2 on l2.id = e2.price_list_id
        where e2.product_id = p.id and c2.priority < cpl.priority
          and (l2.valid_from is null or l2.valid_from <= current_date) and (l2.valid_to is null or l2.valid_to >= current_date))
    order by p.id desc
    limit 1`;
  assert.ok(row, "the demo seed must give Demo Facilities fixed RC-DEMO contract prices");
  return row;
}

const euro = (minor: number, locale: "nl" | "en") =>
  new Intl.NumberFormat(locale === "nl" ? "nl-NL" : "en-GB", { style: "currency", currency: "EUR" }).format(minor / 100);

describe("who may use the workspace", () => {
  it("gives a buyer a 404 on every /admin page and route, and sends anonymous visitors to sign in", async () => {
    const [company] = await sql<{ id: number }[]>`select id from companies where name = 'Demo Facilities B.V.'`;
    const [list] = await sql<{ id: number }[]>`select id from price_lists where code = 'RC-DEMO'`;
    const companyId = company!.id;
    const listId = list!.id;
    const context = await newContext(browser, "nl");
    const page = await signIn(context, "buyer@demo.test", "demo-buyer");
    for (const path of [
      "/admin",
      "/admin/customers",
      `/admin/customers/${companyId}`,
      `/admin/customers/${companyId}/users`,
      "/admin/price-lists",
      `/admin/price-lists/${listId}`,
      `/admin/price-lists/${listId}/csv`,
      "/admin/audit",
      "/admin/view-as",
    ]) {
      const response = await page.goto(path);
      assert.equal(response?.status(), 404, path);
      assert.ok(await page.getByRole("heading", { name: "Pagina niet gevonden" }).isVisible(), path);
      assert.equal(await page.getByText("Koppel Beheer").count(), 0, `${path} must not show the admin shell`);
    }
    assert.equal((await page.request.get(`/admin/price-lists/${listId}/export-csv`)).status(), 404);
    assert.equal((await page.request.post(`/admin/price-lists/${listId}/import-csv`, { multipart: { file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("sku;value\n") } } })).status(), 404);
    assert.equal((await page.request.get("/admin/api/price-lists/RC-DEMO/entries")).status(), 404);
    await context.close();

    const anonymous = await newContext(browser, "nl");
    const visitor = await anonymous.newPage();
    await visitor.goto("/admin/price-lists");
    await visitor.waitForURL(/\/login\?callbackUrl=%2Fadmin%2Fprice-lists/);
    await anonymous.close();
  });

  it("shows an account manager only their own customers", async () => {
    const [foreign] = await sql<{ id: number }[]>`select id from companies where name = 'Facilitas Antwerpen NV'`;
    const foreignId = foreign!.id;
    const context = await newContext(browser, "nl");
    const page = await signIn(context, "manager@demo.test", "demo-manager", "/admin/customers");
    const names = await page.locator("[data-testid=customer-row] td:first-child a").allInnerTexts();
    assert.ok(names.includes("Demo Facilities B.V."));
    assert.ok(!names.includes("Facilitas Antwerpen NV"));
    assert.equal((await page.goto(`/admin/customers/${foreignId}`))?.status(), 404);
    await context.close();
  });
});

describe("account manager", () => {
  it("a new customer with a Peppol id gets its invoices on Peppol; one that gets a Peppol id later is offered it, not switched silently", async () => {
    const context = await newContext(browser, "nl");
    const page = await signIn(context, "manager@demo.test", "demo-manager", "/admin/customers/new");
    const run = Date.now().toString(36);
    const create = async (name: string, peppol: { scheme: string; id: string } | null) => {
      await page.goto("/admin/customers/new");
      await page.getByLabel("Bedrijfsnaam").fill(name);
      if (peppol) {
        await page.getByLabel("Peppol-schema").selectOption(peppol.scheme);
        await page.getByLabel("Peppol-ID", { exact: true }).fill(peppol.id);
      }
      await page.getByRole("button", { name: "Klant aanmaken" }).click();
      await page.waitForURL(/\/admin\/customers\/\d+$/);
      return page.getByTestId("company-form");
    };
    const peppolBox = (form: ReturnType<Page["getByTestId"]>) => form.getByRole("checkbox", { name: "Peppol (BIS Billing 3.0)" });

    // A municipality entered with its OIN: Peppol is on without anyone ticking it.
    const municipality = await create(`Gemeente Peppolstad ${run}`, { scheme: "0190", id: "00000099999999999999" });
    assert.equal(await peppolBox(municipality).isChecked(), true);
    assert.equal(await municipality.getByTestId("offer-peppol-channel").count(), 0);

    // Without one nothing is chosen; typing a valid Peppol id later offers Peppol, the button ticks it.
    const plain = await create(`Zonder Peppol ${run} B.V.`, null);
    assert.equal(await peppolBox(plain).isChecked(), false);
    await plain.getByLabel("Peppol-schema").selectOption("0190");
    await plain.getByLabel(/^Peppol-ID/).fill("00000099999999999999");
    const offer = plain.getByTestId("offer-peppol-channel");
    assert.match(await offer.innerText(), /Peppol-id ingevuld: e-facturen via Peppol aanzetten\?/);
    assert.equal(await peppolBox(plain).isChecked(), false);
    await offer.getByRole("button", { name: "Peppol aanzetten" }).click();
    assert.equal(await peppolBox(plain).isChecked(), true);
    assert.equal(await offer.count(), 0);
    await context.close();
  });

  it("edits a contract price in the grid; the buyer (a new browser context) sees the new price at once", async () => {
    const product = await lastContractProduct();
    const newPrice = product.price_minor - 37;
    const manager = await newContext(browser, "nl");
    const page = await signIn(manager, "manager@demo.test", "demo-manager", "/admin");
    await page.getByRole("link", { name: "Prijslijsten", exact: true }).click();
    await page.getByRole("link", { name: "Raamcontract Demo Facilities", exact: true }).click();
    await page.waitForURL(new RegExp(`/admin/price-lists/${product.list_id}$`));
    await page.getByRole("searchbox", { name: "Artikel zoeken" }).fill(product.sku);
    await page.getByRole("button", { name: "Tonen" }).click();
    const row = page.locator(`[data-testid=grid-row][data-sku="${product.sku}"]`);
    await row.waitFor();
    assert.equal(await page.locator("[data-testid=grid-row]").count(), 1);
    // At 1280 px every column fits, the row's Save and Remove too: no sideways scrolling.
    assert.equal(page.viewportSize()?.width, 1280);
    const { scrollWidth, clientWidth } = await page.getByTestId("price-grid").evaluate((grid) => ({ scrollWidth: grid.parentElement!.scrollWidth, clientWidth: grid.parentElement!.clientWidth }));
    assert.ok(scrollWidth <= clientWidth, `the grid is ${scrollWidth} px wide in ${clientWidth}`);

    const value = row.getByLabel(`Prijs / korting ${product.sku}`);
    assert.equal(await value.inputValue(), (product.price_minor / 100).toFixed(2).replace(".", ","));
    await value.fill((newPrice / 100).toFixed(2).replace(".", ","));
    // The net price follows the typing (same pricing rule as the shop), before saving — after React's
    // next render, which comes late under load (CI once read the old price right after the fill).
    await page.waitForFunction(
      ([sku, expected]) => (document.querySelector(`[data-testid=grid-row][data-sku="${sku}"] [data-testid=net-price]`) as HTMLElement | null)?.innerText.trim() === expected,
      [product.sku, euro(newPrice, "nl")] as const,
    );
    await value.press("Enter");
    await page.getByTestId("grid-announcement").filter({ hasText: `${product.sku} opgeslagen.` }).waitFor();
    await page.waitForFunction(
      ([sku, expected]) => (document.querySelector(`[data-testid=grid-row][data-sku="${sku}"] input[data-col=value]`) as HTMLInputElement | null)?.value === expected,
      [product.sku, (newPrice / 100).toFixed(2).replace(".", ",")] as const,
    );

    const buyer = await newContext(browser, "en");
    const shop = await signIn(buyer, "buyer@demo.test", "demo-buyer", `/products/${product.sku}`);
    const price = await shop.getByTestId("price").innerText();
    assert.ok(price.includes(euro(newPrice, "en")), `buyer sees the new price ${euro(newPrice, "en")}: ${price}`);
    await shop.getByText("Why this price").click();
    assert.match(await shop.locator("details").first().innerText(), /Raamcontract Demo Facilities/);
    await buyer.close();

    // The change is in the price list's history, with who and old → new.
    await page.getByRole("link", { name: "Historie", exact: true }).click();
    const audit = page.locator(`[data-testid=audit-row][data-sku="${product.sku}"]`).first();
    await audit.waitFor();
    const text = await audit.innerText();
    assert.match(text, /Ruud Verhoeven/);
    assert.match(text, /Handmatig \(beheer\)/);
    assert.ok(text.includes(euro(product.price_minor, "nl")) && text.includes(euro(newPrice, "nl")), text);
    await manager.close();
  });

  it("views the shop as a customer user: banner, detailed price explanation, exit – all recorded", async () => {
    const product = await lastContractProduct();
    const context = await newContext(browser, "nl");
    const page = await signIn(context, "manager@demo.test", "demo-manager", "/admin/customers");
    await page.getByRole("link", { name: "Demo Facilities B.V." }).click();
    await page.getByRole("link", { name: "Gebruikers" }).click();
    const row = page.locator('[data-testid=user-row][data-email="approver@demo.test"]');
    await row.getByText("Webshop bekijken als deze gebruiker").click();
    await row.getByLabel("Duur").selectOption("15");
    await row.getByLabel("Reden (optioneel, komt in het logboek)").fill("E2E: klant belt over prijs");
    await row.getByRole("button", { name: "Meekijken starten" }).click();
    await page.waitForURL(`${BASE_URL}/`);

    const banner = page.getByTestId("view-as-banner");
    await banner.waitFor();
    const bannerText = await banner.innerText();
    assert.match(bannerText, /Pieter Jansen/);
    assert.match(bannerText, /Demo Facilities B\.V\./);
    assert.match(bannerText, /Ruud Verhoeven/);
    assert.match(bannerText, /nog 1[45] min/);

    await page.goto(`/products/${product.sku}`);
    await banner.waitFor();
    assert.ok((await page.getByTestId("price").innerText()).length > 0, "prices are the customer's");
    const explanation = page.getByTestId("staff-price-explanation");
    assert.match(await explanation.innerText(), /prijslijst “Raamcontract Demo Facilities” \(RC-DEMO\), vaste prijs/);
    assert.equal(await explanation.locator('[data-testid=explained-candidate][data-verdict="applied"]').count(), 1);

    // The admin area keeps working for the manager while viewing as the customer.
    await page.goto("/admin");
    await page.getByTestId("admin-view-as-notice").waitFor();

    await page.goto("/");
    await page.getByRole("button", { name: "Meekijken stoppen" }).click();
    await page.waitForURL(/\/admin\/customers\/\d+\/users$/);
    await page.goto("/");
    assert.equal(await page.getByTestId("view-as-banner").count(), 0);

    const [session] = await sql<{ id: number; ended: boolean; reason: string }[]>`
      select s.id, s.ended_at is not null as ended, s.reason from view_as_sessions s
      join users u on u.id = s.staff_user_id and u.email = 'manager@demo.test'
      order by s.id desc limit 1`;
    assert.ok(session?.ended);
    assert.equal(session.reason, "E2E: klant belt over prijs");
    const events = await sql<{ kind: string; path: string | null; staff: string; target: string }[]>`
      select e.kind, e.path, s.email as staff, t.email as target from view_as_events e
      join users s on s.id = e.staff_user_id join users t on t.id = e.target_user_id
      where e.session_id = ${session.id} order by e.id`;
    assert.deepEqual(events.map((e) => [e.staff, e.target]).at(0), ["manager@demo.test", "approver@demo.test"]);
    const kinds = events.map((e) => e.kind);
    assert.equal(kinds[0], "started");
    assert.equal(kinds.at(-1), "ended");
    assert.ok(events.some((e) => e.kind === "page_view" && e.path === `/products/${product.sku}`), JSON.stringify(events));

    await page.goto("/admin/view-as");
    assert.match(await page.getByTestId("view-as-session").first().innerText(), /Pieter Jansen/);
    await context.close();
  });

  it("imports a CSV (a bad row is reported by line, nothing applied until only the valid rows are chosen), uses the API, exports", async () => {
    const skus = await sql<{ sku: string }[]>`select sku from products where active order by id desc limit 2`;
    const code = `E2E-${Date.now().toString(36).toUpperCase()}`;
    const context = await newContext(browser, "nl");
    const page = await signIn(context, "manager@demo.test", "demo-manager", "/admin/price-lists/new");
    await page.getByLabel("Code").fill(code);
    await page.getByLabel("Naam").fill(`E2E-import ${code}`);
    await page.getByRole("button", { name: "Prijslijst aanmaken" }).click();
    await page.waitForURL(/\/admin\/price-lists\/\d+$/);
    await page.getByRole("link", { name: "Importeren / exporteren" }).click();

    const csv = ["sku;type;value;valid_to", `${skus[0]!.sku};vast;12,34;31-12-2030`, "BESTAAT-NIET;vast;1,00;", `${skus[1]!.sku};korting;150;`].join("\r\n");
    await page.getByLabel("CSV-bestand").setInputFiles({ name: "prijzen.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}`, "utf8") });
    await page.getByRole("button", { name: "Bestand controleren" }).click();
    const report = page.getByTestId("import-report");
    await report.waitFor();
    assert.equal(await report.getAttribute("data-status"), "rejected");
    // Only a check: it says what it found, not that something failed to apply.
    assert.match(await report.innerText(), /Controle: 2 van de 3 regels zijn ongeldig; er is niets opgeslagen\./);
    // Before anything is applied, the check says which open carts the valid rows would reach.
    assert.match(await report.getByTestId("open-carts").innerText(), /open winkelwagen/);
    const errors = await page.getByTestId("import-error").allInnerTexts();
    assert.equal(errors.length, 2);
    assert.match(errors[0]!, /^3\s+BESTAAT-NIET\s+sku\s+Artikelnummer bestaat niet/);
    assert.match(errors[1]!, /^4\s.*value\s+Korting moet tussen 0 en 100 % liggen/);
    const apply = page.getByRole("button", { name: "1 geldige regels toepassen" });
    assert.ok(await apply.isDisabled(), "nothing can be applied without the explicit choice");

    await page.getByLabel(/Ja, pas alleen de 1 geldige regels toe/).check();
    await apply.click();
    await page.locator('[data-testid=import-report][data-status="applied"]').waitFor();
    assert.equal(await page.getByTestId("count-created").innerText(), "1");

    await page.getByRole("link", { name: "Prijzen" }).click();
    const row = page.locator(`[data-testid=grid-row][data-sku="${skus[0]!.sku}"]`);
    await row.waitFor();
    assert.equal(await row.getByLabel(`Prijs / korting ${skus[0]!.sku}`).inputValue(), "12,34");

    // The same list through the API with a personal key: audited as "API".
    await page.goto("/admin/api-keys");
    await page.getByLabel("Naam").fill("E2E-script");
    // Nothing ticked: refused, no key made (least privilege is chosen, not assumed).
    await page.getByRole("button", { name: "Sleutel aanmaken" }).click();
    await page.getByRole("alert").filter({ hasText: "Vink minstens één ding aan" }).waitFor();
    await page.getByTestId("api-key-scope-prices").check();
    await page.getByRole("button", { name: "Sleutel aanmaken" }).click();
    const key = (await page.getByTestId("new-api-key").locator("code").innerText()).trim();
    assert.match(key, /^kop_/);
    const api = `${BASE_URL}/admin/api/price-lists/${code}/entries`;
    const put = await fetch(api, {
      method: "PUT",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify({ entries: [{ sku: skus[1]!.sku, type: "discount", value: "7.5" }] }),
    });
    assert.equal(put.status, 200);
    assert.deepEqual(((await put.json()) as { counts: unknown }).counts, { created: 1, updated: 0, unchanged: 0, deleted: 0 });
    const listed = (await (await fetch(api, { headers: { authorization: `Bearer ${key}` } })).json()) as { entries: { sku: string; value: string }[] };
    assert.deepEqual(listed.entries.map((e) => [e.sku, e.value]).sort(), [[skus[0]!.sku, "12.34"], [skus[1]!.sku, "7.5"]].sort());
    assert.equal((await fetch(api, { headers: { authorization: "Bearer kop_wrongwrongwrongwrongwrong" } })).status, 401);
    assert.equal((await fetch(api)).status, 404);

    const [created] = await sql<{ id: number }[]>`select id from price_lists where code = ${code}`;
    await page.goto(`/admin/price-lists/${created!.id}/history`);
    const sources = await page.locator("[data-testid=audit-row]").allInnerTexts();
    assert.ok(sources.some((text) => /API/.test(text) && text.includes(skus[1]!.sku)), sources.join("\n"));
    assert.ok(sources.some((text) => /CSV-import/.test(text) && text.includes(skus[0]!.sku)), sources.join("\n"));

    const exported = await page.request.get(`/admin/price-lists/${created!.id}/export-csv?format=nl`);
    assert.equal(exported.status(), 200);
    const body = await exported.text();
    const lines = body.split("\r\n");
    assert.equal(lines[0], "\uFEFFsku;name;list_price;type;value;valid_from;valid_to");
    assert.ok(lines.some((line) => line.startsWith(`${skus[0]!.sku};`) && line.endsWith(";fixed;12,34;;2030-12-31")), body);
    assert.ok(lines.some((line) => line.startsWith(`${skus[1]!.sku};`) && line.endsWith(";discount;7,5;;")), body);
    await context.close();
  });

  it("names the first five customers of a list used by many, the rest behind a link to the settings tab", async () => {
    const code = `E2E-MANY-${Date.now().toString(36).toUpperCase()}`;
    const [list] = await sql<{ id: number }[]>`insert into price_lists (code, name, currency) values (${code}, 'Staffel voor iedereen', 'EUR') returning id`;
    await sql`insert into companies (name) select format('Veelklant %s-%s B.V.', ${code}::text, g) from generate_series(1, 7) g`;
    await sql`insert into company_price_lists (company_id, price_list_id, priority)
              select id, ${list!.id}, 50 from companies where name like ${`Veelklant ${code}-%`}`;
    const context = await newContext(browser, "en");
    const page = await signIn(context, "admin@koppel.test", "demo-admin", "/admin/price-lists");
    // Found by the name of one of its customers, through the search form.
    await page.getByRole("searchbox", { name: "Search" }).fill(`Veelklant ${code}-6`);
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL(/\/admin\/price-lists\?q=Veelklant/);
    assert.equal(await page.getByTestId("price-list-count").innerText(), "1 price list");
    const row = page.getByTestId("price-list-row").filter({ hasText: code });
    assert.equal(await page.getByTestId("price-list-row").count(), 1);
    assert.equal(await row.getByText(/^Veelklant /).count(), 5);
    assert.equal(await row.getByTestId("more-customers").innerText(), "+2 more");
    await row.getByTestId("more-customers").click();
    await page.waitForURL(new RegExp(`/admin/price-lists/${list!.id}/settings$`));
    assert.match(await page.getByText(/^Used by: /).innerText(), new RegExp(`Veelklant ${code}-5 B\\.V\\. \\(prio 50\\) and 2 more$`));
    assert.ok((await page.locator("main").innerText()).includes(`Veelklant ${code}-7 B.V.`), "the settings tab lists every customer");
    await context.close();
  });

  it("loads a customer's own article numbers from a list they sent; the customer's buyer sees them in the shop", async () => {
    const [company] = await sql<{ id: number }[]>`select id from companies where name = 'Demo Facilities B.V.'`;
    const products = await sql<{ sku: string }[]>`select sku from products where active order by id desc limit 2`;
    assert.ok(company && products.length === 2);
    const own = `AM-${Date.now().toString(36)}`;
    const context = await newContext(browser, "nl");
    try {
      const page = await signIn(context, "manager@demo.test", "demo-manager", `/admin/customers/${company.id}`);
      await page.getByRole("link", { name: "Artikelnummers" }).click();
      await page.waitForURL(/\/article-numbers$/);
      await page.getByLabel("Regels plakken").fill(`${products[0]!.sku};${own}-1\n${products[1]!.sku};${own}-2`);
      await page.getByRole("button", { name: "Importeren" }).click();
      await page.getByText("Opgeslagen: 2 nummers ingesteld, 0 verwijderd.").waitFor();
      await page.reload();
      assert.equal(await page.getByTestId("article-number-row").filter({ hasText: own }).count(), 2);
      const [row] = await sql<{ updated_by: string }[]>`select u.email as updated_by from customer_article_numbers c join users u on u.id = c.updated_by_user_id where c.article_number = ${`${own}-1`}`;
      assert.equal(row?.updated_by, "manager@demo.test");

      const buyer = await signIn(await newContext(browser, "nl"), "buyer@demo.test", "demo-buyer", `/products/${encodeURIComponent(products[0]!.sku)}`);
      assert.equal(await buyer.locator("main").getByTestId("own-article-number").innerText(), `Uw nr. ${own}-1`);
      await buyer.context().close();
    } finally {
      await context.close();
      await sql`delete from customer_article_numbers where article_number like ${`${own}-%`}`;
    }
  });
});
