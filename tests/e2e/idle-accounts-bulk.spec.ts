import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { hashPassword } from "../../lib/auth/password";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Access review in Chromium against the running server: the demo account manager opens the users of
 * a customer of its own (made here, so no other spec's users change) filtered on 30+ days without a
 * sign-in, ticks "I have checked this list" and deactivates all idle accounts shown at once. One of
 * them signs in after the list was shown: it is skipped and named; the others are deactivated, each
 * with its security event, and show as deactivated on the full list. The customer's only company admin
 * was among them: deactivating them by hand asks with that said, and afterwards the page says it has none.
 */
let browser: Browser;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36);
const companyName = `Slapend Archief ${stamp} B.V.`;
const awayEmail = `lang.weg.${stamp}@archief.test`;
const neverEmail = `nooit.binnen.${stamp}@archief.test`;
const backEmail = `weer.terug.${stamp}@archief.test`;
const recentEmail = `net.binnen.${stamp}@archief.test`;
let companyId: number;

before(async () => {
  browser = await launchBrowser();
  const [company] = await sql<{ id: number }[]>`insert into companies (name, kvk_number) values (${companyName}, '76543210') returning id`;
  companyId = company!.id;
  await sql`insert into addresses (company_id, kind, label, name, street, postal_code, city, is_default)
    values (${companyId}, 'ship_to', 'Magazijn', ${companyName}, 'Archiefweg 3', '6811 AA', 'Arnhem', true)`;
  const hash = await hashPassword("slapend-archief-2026");
  await sql`insert into users (email, name, role, company_id, locale, password_hash, created_at, last_sign_in_at) values
    (${awayEmail}, ${`Lang Weg ${stamp}`}, 'buyer', ${companyId}, 'en', ${hash}, now() - interval '400 days', now() - interval '60 days'),
    (${neverEmail}, ${`Nooit Binnen ${stamp}`}, 'company_admin', ${companyId}, 'en', ${hash}, now() - interval '45 days', null),
    (${backEmail}, ${`Weer Terug ${stamp}`}, 'approver', ${companyId}, 'en', ${hash}, now() - interval '400 days', now() - interval '90 days'),
    (${recentEmail}, ${`Net Binnen ${stamp}`}, 'buyer', ${companyId}, 'en', ${hash}, now() - interval '400 days', now() - interval '2 days')`;
  await sql`insert into account_manager_customers (staff_user_id, company_id) select id, ${companyId} from users where email = 'manager@demo.test'`;
});
after(async () => {
  await browser?.close();
  await sql.end();
});

describe("access review: deactivate all idle accounts shown", () => {
  it("the account manager deactivates a customer's idle users at once; one who signed in meanwhile is skipped", async () => {
    const manager = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/customers/${companyId}/users`);
    // Without an idle filter there is nothing to deactivate in bulk.
    await manager.getByTestId("user-table").waitFor();
    assert.equal(await manager.getByTestId("idle-bulk").count(), 0);
    assert.equal(await manager.getByTestId("no-company-admin").count(), 0);
    // Deactivating the customer's only company admin by hand says so before it happens (dismissed here).
    let warning = "";
    manager.once("dialog", (dialog) => {
      warning = dialog.message();
      void dialog.dismiss();
    });
    await manager.locator(`[data-testid="user-row"][data-email="${neverEmail}"]`).getByRole("button", { name: "Deactivate" }).click();
    for (let waited = 0; warning === "" && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    assert.match(warning, new RegExp(`is the last active company admin of ${companyName.replace(/\./g, "\\.")}: after this nobody there can manage`));

    await manager.getByTestId("idle-filter").getByRole("link", { name: /Not signed in for 30\+ days/ }).click();
    await manager.waitForURL((url) => url.search === "?idle=30");
    const row = (email: string) => manager.locator(`[data-testid="user-row"][data-email="${email}"]`);
    for (const email of [awayEmail, neverEmail, backEmail]) await row(email).waitFor();
    assert.equal(await row(recentEmail).count(), 0, "signed in two days ago: not idle");

    const bulk = manager.getByTestId("idle-bulk");
    const button = bulk.getByRole("button", { name: "Deactivate all 3 idle accounts shown" });
    await button.waitFor();
    // One of them signs in while the manager reads the list.
    await sql`update users set last_sign_in_at = now() where email = ${backEmail}`;

    await bulk.getByLabel("I have checked this list").check();
    let question = "";
    manager.once("dialog", (dialog) => {
      question = dialog.message();
      void dialog.accept();
    });
    await button.click();
    const result = manager.getByTestId("idle-bulk-result");
    await result.getByText("2 accounts deactivated.").waitFor();
    await result.getByText(`Skipped, signed in since the list was shown: Weer Terug ${stamp}`).waitFor();
    assert.match(question, /^Deactivate 3 accounts not signed in for 30\+ days\?/);

    // The full list shows the two as deactivated, the one who came back and the recent one as active.
    await manager.getByTestId("idle-filter").getByRole("link", { name: /^Everybody/ }).click();
    await manager.waitForURL((url) => url.search === "");
    for (const email of [awayEmail, neverEmail]) await row(email).getByText("Deactivated", { exact: true }).waitFor();
    for (const email of [backEmail, recentEmail]) await row(email).getByText("Active", { exact: true }).waitFor();
    // Its only company admin was among them: the page says the customer has none left.
    await manager.getByTestId("no-company-admin").getByText(`${companyName} has no active company admin`).waitFor();

    const events = await sql<{ email: string; kind: string; actor_name: string }[]>`
      select u.email, e.kind, e.actor_name from account_security_events e join users u on u.id = e.user_id
      where e.company_id = ${companyId} order by u.email`;
    assert.deepEqual(
      events.map((e) => [e.email, e.kind, e.actor_name]),
      [awayEmail, neverEmail].sort().map((email) => [email, "deactivated", "Ruud Verhoeven"]),
    );
    await manager.context().close();
  });
});
