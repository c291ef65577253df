import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { validateVatId } from "../../lib/einvoice/identifiers";
import { startFakeVies, type FakeVies } from "../support/fake-vies";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * VAT ids checked at VIES without anybody clicking, in Chromium against the running server (its
 * worker talks to a VIES stand-in on E2E_VIES_PORT, where tests/run-all.sh points VIES_URL): staff
 * give a German customer (invoiced at 0 % as an intra-community supply) a VAT id, and the customer
 * page shows Koppel's own check of it a few seconds later; an id VIES calls invalid puts the customer
 * on the "VAT id needs attention" list.
 */
let browser: Browser;
let vies: FakeVies;
const sql = openE2eDatabase();
const name = `E2E Auto-VIES GmbH ${Date.now().toString(36)}`;
let companyId: number;
const vatIds: string[] = [];

/** A German VAT id with a valid check digit that no other spec uses. */
function freshGermanVatId(): string {
  for (let n = 700_000_000 + Math.floor(Math.random() * 90_000_000); ; n++) {
    const candidate = `DE${n}`;
    if (validateVatId(candidate) === null && !vatIds.includes(candidate)) {
      vatIds.push(candidate);
      return candidate;
    }
  }
}

/** Reloads until Koppel's own check of `vatId` is on the page (the worker runs every few seconds). */
async function waitForAutomaticCheck(page: Page, vatId: string): Promise<void> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const panel = page.locator(`[data-testid=vat-check][data-vat-id="${vatId}"]`);
    if ((await panel.locator("[data-testid=vat-check-row][data-source=automatic]").count()) > 0) return;
    assert.ok(Date.now() < deadline, `no automatic check of ${vatId} appeared`);
    await page.waitForTimeout(1_000);
    await page.reload();
  }
}

async function saveVatId(page: Page, vatId: string): Promise<void> {
  const form = page.getByTestId("company-form");
  await form.locator("input[name=vatId]").fill(vatId);
  await form.getByRole("button", { name: /^(Save|Opslaan)$/ }).click();
  await page.locator(`[data-testid=vat-check][data-vat-id="${vatId}"]`).waitFor();
}

before(async () => {
  vies = await startFakeVies(Number(process.env.E2E_VIES_PORT ?? 3197));
  browser = await launchBrowser();
  const [row] = await sql<{ id: number }[]>`
    insert into companies (name, kvk_number, country_code, vat_treatment, payment_terms_days)
    values (${name}, 'HRB 99887', 'DE', 'auto', 30) returning id`;
  companyId = row!.id;
});
after(async () => {
  await browser?.close();
  await vies?.close();
  if (companyId) await sql`delete from companies where id = ${companyId}`;
  if (vatIds.length) await sql`delete from vat_checks where vat_id in ${sql(vatIds)}`;
  await sql.end();
});

describe("VAT ids checked at VIES by themselves", () => {
  it("staff save a VAT id; the panel shows Koppel's automatic check without anybody clicking", async () => {
    const vatId = freshGermanVatId();
    const page = await signIn(browser, "admin@koppel.test", "demo-admin", `/admin/customers/${companyId}`);
    const before = vies.requests.length;
    await saveVatId(page, vatId);
    await waitForAutomaticCheck(page, vatId);
    const panel = page.locator(`[data-testid=vat-check][data-vat-id="${vatId}"]`);
    const row = panel.locator("[data-testid=vat-check-row][data-source=automatic]").first();
    assert.equal(await row.getAttribute("data-outcome"), "valid");
    assert.match(await row.innerText(), /automati(c|sch)/);
    assert.match(await panel.innerText(), /(Consultatienummer|Consultation number): WAPIFAKE\d{8}/);
    // Valid evidence for the 0 % invoices: no warning, nothing queued any more.
    assert.equal(await panel.getByTestId("vat-check-warning").count(), 0);
    assert.equal(await panel.getByTestId("vat-check-queued").count(), 0);
    // Asked once (other specs' queued checks may come round meanwhile: only this id counts).
    assert.equal(vies.requests.slice(before).filter((r) => `${r.countryCode}${r.vatNumber}` === vatId).length, 1);
    const [kept] = await sql<{ source: string; checked_by_name: string | null }[]>`select source, checked_by_name from vat_checks where vat_id = ${vatId}`;
    assert.deepEqual({ ...kept }, { source: "automatic", checked_by_name: null });
    await page.context().close();
  });

  it("a new id VIES calls invalid: the warning, and the customer on the 'needs attention' list", async () => {
    const vatId = freshGermanVatId();
    vies.answers.set(vatId, "invalid");
    const page = await signIn(browser, "admin@koppel.test", "demo-admin", `/admin/customers/${companyId}`);
    await saveVatId(page, vatId);
    await waitForAutomaticCheck(page, vatId);
    const panel = page.locator(`[data-testid=vat-check][data-vat-id="${vatId}"]`);
    assert.equal(await panel.locator("[data-testid=vat-check-row]").first().getAttribute("data-outcome"), "invalid");
    await panel.getByTestId("vat-check-warning").waitFor();

    await page.goto("/admin/customers");
    await page.getByTestId("vat-filter").selectOption("attention");
    await page.getByRole("button", { name: /^(Search|Zoeken)$/ }).click();
    await page.waitForURL((url) => url.searchParams.get("vat") === "attention");
    const listed = page.getByTestId("customer-row").filter({ hasText: name });
    await listed.waitFor();
    assert.equal(await listed.getByTestId("vat-attention").getAttribute("data-attention"), "invalid");
    await page.context().close();
  });
});
