import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchBrowser, newContext, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Auto-join by e-mail domain, in Chromium against the running server: the demo company admin lets
 * anybody @demo.test join as buyer with a € 300 limit; a new colleague asks for an account on the
 * public form and, without anybody deciding, gets the invitation, sets a password and signs in; the
 * company admin is mailed who joined and stops auto-join again. Afterwards no rule is left (other
 * journeys ask the company admin to decide requests from @demo.test).
 */
let browser: Browser;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36);
const colleague = `sam.${stamp}@demo.test`;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await sql`delete from company_join_domains where domain = 'demo.test'`;
  await browser?.close();
  await sql.end();
});

describe("auto-join by e-mail domain", () => {
  it("the company admin lets @demo.test join; a new colleague's request makes them a user at once", async () => {
    const admin = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", "/account/users");
    const section = admin.getByTestId("auto-join");
    const form = section.getByRole("form", { name: "Join without asking" });
    await form.getByLabel("Email domain").selectOption("demo.test");
    await form.getByLabel("Role").selectOption("buyer");
    await form.getByLabel("Order limit (excl. VAT, €)").fill("300");
    await form.getByRole("button", { name: "Let them join" }).click();
    await admin.waitForURL(/autoJoin=saved/);
    const rule = section.locator('[data-testid=auto-join-rule][data-domain="demo.test"]');
    assert.match(await rule.innerText(), /Anybody @demo\.test joins as buyer, order limit €300\.00/);

    const context = await newContext(browser, "en");
    const visitor = await context.newPage();
    await visitor.goto("/register");
    const request = visitor.getByTestId("account-request-form");
    await request.getByLabel("Company name").fill("Demo Facilities");
    await request.getByLabel("Chamber of Commerce (KvK) number").fill(String(Date.now() + 11).slice(-8));
    await request.getByLabel("Street and number").fill("Stationsplein 1");
    await request.getByLabel("Postal code").fill("1012AB");
    await request.getByLabel("City").fill("Amsterdam");
    await request.getByLabel("Name", { exact: true }).fill("Sam de Wit");
    await request.getByLabel("Email address").fill(colleague);
    await request.getByRole("button", { name: "Send request" }).click();
    // The same answer as any request: the page tells nobody what happened to which address.
    await visitor.getByTestId("account-request-received").waitFor();

    const [user] = await sql<{ role: string; order_limit_minor: number; company: string }[]>`
      select u.role, u.order_limit_minor, c.name as company from users u join companies c on c.id = u.company_id where u.email = ${colleague}`;
    assert.deepEqual([user!.role, user!.order_limit_minor, user!.company], ["buyer", 30_000, "Demo Facilities B.V."]);
    const [told] = await sql<{ body_text: string }[]>`
      select body_text from mail_outbox where to_email = 'companyadmin@demo.test' and kind = 'account_auto_joined' and body_text like ${`%${colleague}%`}`;
    assert.ok(told, "the company admin is told who joined");

    const [invite] = await sql<{ body_text: string }[]>`select body_text from mail_outbox where to_email = ${colleague} and kind = 'invite'`;
    await visitor.goto(invite!.body_text.match(/http\S+\/set-password\?token=\S+/)![0]);
    await visitor.getByLabel("New password").fill("sam-wachtwoord-2026");
    await visitor.getByLabel("Repeat the password").fill("sam-wachtwoord-2026");
    await visitor.getByRole("button", { name: "Save password" }).click();
    // Signed in with the new password at once.
    await visitor.waitForURL((url) => url.pathname === "/");
    await context.close();
    const sam = await signIn(browser, colleague, "sam-wachtwoord-2026", "/account");
    await sam.getByText("Demo Facilities B.V.").first().waitFor();
    await sam.context().close();

    // Stopped, requests from the domain wait for the company admin again.
    await admin.reload();
    await section.getByRole("form", { name: "Stop auto-join for @demo.test" }).getByRole("button", { name: "Stop" }).click();
    await admin.waitForURL(/autoJoin=removed/);
    assert.equal(await section.locator("[data-testid=auto-join-rule]").count(), 0);
    assert.equal((await sql`select 1 from company_join_domains where domain = 'demo.test'`).length, 0);
    await admin.context().close();
  });
});
