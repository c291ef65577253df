import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { startFakeVies, type FakeVies } from "../support/fake-vies";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Checking a VAT id at VIES from the customer page, in Chromium against the running server, which
 * talks to a VIES stand-in on E2E_VIES_PORT (tests/run-all.sh points VIES_URL there). The demo's
 * German customer is invoiced at 0 % (intra-community): flagged until its VAT id is found valid.
 */
let browser: Browser;
let vies: FakeVies;
const sql = openE2eDatabase();

before(async () => {
  vies = await startFakeVies(Number(process.env.E2E_VIES_PORT ?? 3197));
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await vies?.close();
  await sql.end();
});

describe("VAT id at VIES", () => {
  it("staff check the German customer's VAT id; the proof is kept and the warning goes", async () => {
    const [customer] = await sql<{ id: number; vat_id: string }[]>`select id, vat_id from companies where name = 'Niederrhein Labordienste GmbH'`;
    await sql`delete from vat_checks where vat_id = ${customer!.vat_id}`;
    // Nor a check Koppel would make by itself meanwhile (lib/admin/vat-auto-checks.ts).
    await sql`delete from vat_check_jobs where company_id = ${customer!.id}`;
    const page = await signIn(browser, "admin@koppel.test", "demo-admin", `/admin/customers/${customer!.id}`);
    const panel = page.getByTestId("vat-check");
    await panel.getByTestId("vat-check-warning").waitFor();
    await panel.getByTestId("vat-check-form").getByRole("button", { name: new RegExp(customer!.vat_id) }).click();
    await panel.getByTestId("vat-check-row").first().waitFor();
    assert.equal(await panel.getByTestId("vat-check-row").first().getAttribute("data-outcome"), "valid");
    assert.match(await panel.innerText(), /(Consultatienummer|Consultation number): WAPIFAKE\d{8}/);
    assert.equal(await panel.getByTestId("vat-check-warning").count(), 0);
    // The last request about this id (Koppel's own queued checks of other customers may come round meanwhile).
    const asked = vies.requests.findLast((r) => r.vatNumber === customer!.vat_id.slice(2));
    assert.deepEqual(asked, { countryCode: "DE", vatNumber: customer!.vat_id.slice(2), requesterMemberStateCode: "NL", requesterNumber: asked?.requesterNumber });
    const [kept] = await sql<{ outcome: string; checked_by_name: string }[]>`select outcome, checked_by_name from vat_checks where vat_id = ${customer!.vat_id}`;
    assert.equal(kept!.outcome, "valid");
    await page.context().close();
  });
});
