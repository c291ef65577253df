import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { hashPassword } from "../../lib/auth/password";
import { totpCode } from "../../lib/two-step/totp";
import { launchBrowser, newContext, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * A customer requires two-step verification of all its users, in Chromium against the running
 * server. A customer of its own (made here, so no other spec's users change; the demo account
 * manager is its manager): its company admin may require it only once their own is on; the buyer
 * who has none is mailed, and after signing in reaches only their profile (with the reason, no shop
 * links) until they turn it on there — with the recovery codes shown once; the account manager sees
 * that everybody has it, resets the buyer's (who must set it up again at the next visit) and lifts
 * the requirement.
 */
let browser: Browser;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36);
const companyName = `Tweestaps Zorg ${stamp} B.V.`;
const adminEmail = `ts.admin.${stamp}@zorg.test`;
const buyerEmail = `ts.buyer.${stamp}@zorg.test`;
const PASSWORD = "verplicht-2026-zorg";
let companyId: number;

before(async () => {
  browser = await launchBrowser();
  const [company] = await sql<{ id: number }[]>`insert into companies (name, kvk_number) values (${companyName}, '87654321') returning id`;
  companyId = company!.id;
  await sql`insert into addresses (company_id, kind, label, name, street, postal_code, city, is_default)
    values (${companyId}, 'ship_to', 'Hoofdlocatie', ${companyName}, 'Zorgweg 1', '3511 AA', 'Utrecht', true)`;
  const hash = await hashPassword(PASSWORD);
  await sql`insert into users (email, name, role, company_id, locale, password_hash) values
    (${adminEmail}, ${`Admin ${stamp}`}, 'company_admin', ${companyId}, 'en', ${hash}),
    (${buyerEmail}, ${`Buyer ${stamp}`}, 'buyer', ${companyId}, 'en', ${hash})`;
  await sql`insert into account_manager_customers (staff_user_id, company_id) select id, ${companyId} from users where email = 'manager@demo.test'`;
});
after(async () => {
  await browser?.close();
  await sql.end();
});

/** Sets up two-step verification on the profile page that is open; returns the key ("the app") and the recovery codes shown. */
async function setUpTwoStep(page: Page): Promise<{ secret: string; codes: string[] }> {
  await page.getByRole("button", { name: "Set up two-step verification" }).click();
  const secret = (await page.getByTestId("two-step-secret").innerText()).replace(/\s/g, "");
  const turnOn = page.getByRole("form", { name: "Turn on" });
  await turnOn.getByLabel("Password").fill(PASSWORD);
  await turnOn.getByLabel("6-digit code").fill(totpCode(secret, Date.now()));
  await turnOn.getByRole("button", { name: "Turn on" }).click();
  await page.getByTestId("recovery-codes").waitFor();
  await page.getByTestId("two-step-on").waitFor();
  return { secret, codes: await page.getByTestId("recovery-code").allInnerTexts() };
}

/** The buyer signs in with the password only (a fresh context) and is sent to the profile. */
async function buyerSignsIn(target: string): Promise<Page> {
  const page = await (await newContext(browser, "en")).newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
  await page.getByLabel("Email address").fill(buyerEmail);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/account/profile");
  return page;
}

const requiredMails = async () =>
  (await sql<{ to_email: string; subject: string }[]>`select to_email, subject from mail_outbox where kind = 'two_step_required' and to_email in (${adminEmail}, ${buyerEmail}) order by id`).map((mail) => ({ ...mail }));

describe("two-step verification required by a customer", () => {
  it("the company admin requires it with their own on; the buyer reaches only their profile until theirs is on; staff reset and lift it", async () => {
    // The company admin: not before their own is on (they would lock themselves out).
    const admin = await signIn(browser, adminEmail, PASSWORD, "/account/users");
    const requirement = admin.getByTestId("two-step-requirement");
    await requirement.getByText("You do not have two-step verification yourself").waitFor();
    await requirement.getByLabel("Required for every user who signs in with a password").check();
    await requirement.getByRole("button", { name: "Save" }).click();
    await requirement.getByTestId("two-step-requirement-error").getByText("Turn on your own two-step verification first", { exact: false }).waitFor();
    assert.deepEqual(await requiredMails(), []);

    await admin.goto("/account/profile");
    await setUpTwoStep(admin);
    await admin.goto("/account/users");
    await requirement.getByLabel("Required for every user who signs in with a password").check();
    await requirement.getByRole("button", { name: "Save" }).click();
    await requirement.getByText("1 user who does not have it yet has been emailed", { exact: false }).waitFor();
    const [stored] = await sql<{ two_step_required: boolean }[]>`select two_step_required from companies where id = ${companyId}`;
    assert.equal(stored!.two_step_required, true);
    assert.deepEqual(
      await requiredMails(),
      [{ to_email: buyerEmail, subject: `Two-step verification is required at ${companyName}` }],
      "only the user without it is mailed, in their language",
    );
    await admin.reload();
    const buyerRow = admin.locator(`[data-testid=company-user][data-email="${buyerEmail}"]`);
    assert.equal(await buyerRow.getByTestId("two-step-status").innerText(), "Two-step off: must set it up at next visit");
    assert.equal(await admin.getByTestId("two-step-missing").getAttribute("data-count"), "1");
    await admin.context().close();

    // The buyer signs in with the password (there is no second step to ask for yet) and lands on the
    // profile with the reason; the header has no shop links, the account navigation only the profile.
    const buyer = await buyerSignsIn("/cart");
    assert.match(await buyer.getByTestId("two-step-required").innerText(), new RegExp(`${companyName} requires two-step verification`));
    assert.equal(await buyer.getByTestId("cart-link").count(), 0);
    assert.equal(await buyer.locator("header").getByRole("search").count(), 0, "no search box either");
    assert.equal(await buyer.locator("header").getByRole("link", { name: "Catalog" }).count(), 0);
    assert.deepEqual(await buyer.getByRole("navigation", { name: "My account" }).getByRole("link").allInnerTexts(), ["Profile"]);
    assert.equal(await buyer.getByRole("form", { name: "Change password" }).count(), 0, "only the setup on the page");
    for (const path of ["/catalog", "/account/orders", "/quick-order", "/favorites", "/checkout"]) {
      await buyer.goto(path);
      await buyer.waitForURL((url) => url.pathname === "/account/profile");
    }
    const download = await buyer.request.get("/account/orders/export", { maxRedirects: 0 });
    assert.equal(download.status(), 307);
    assert.match(download.headers().location ?? "", /\/account\/profile\?twoStep=required$/);

    // Turning it on there: the recovery codes are shown once (kept on screen while the page opens up), then the shop is open.
    const { codes } = await setUpTwoStep(buyer);
    assert.equal(codes.length, 10);
    assert.equal(await buyer.getByTestId("two-step-required").count(), 0);
    await buyer.goto("/cart");
    assert.equal(new URL(buyer.url()).pathname, "/cart");
    await buyer.getByTestId("cart-link").waitFor();

    // The account manager sees everybody has it; the buyer lost their phone: reset.
    const manager = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/customers/${companyId}/users`);
    const staffRequirement = manager.getByTestId("two-step-requirement");
    assert.equal(await staffRequirement.getAttribute("data-required"), "true");
    assert.equal(await staffRequirement.getByTestId("two-step-missing").innerText(), "Every active user with a password has it on.");
    const row = manager.locator(`[data-testid=user-row][data-email="${buyerEmail}"]`);
    manager.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Turn two-step verification off" }).click();
    await row.getByText("Two-step verification is off for this user.").waitFor();

    // The buyer's session ended with it; at the next sign-in they must set it up again.
    await buyer.goto("/cart");
    await buyer.waitForURL((url) => url.pathname === "/login");
    await buyer.context().close();
    const again = await buyerSignsIn("/account/orders");
    await again.getByTestId("two-step-required").waitFor();

    // The account manager lifts the requirement (staff need no two-step verification of their own for it).
    await manager.reload();
    await staffRequirement.getByLabel("Required for every user who signs in with a password").uncheck();
    await staffRequirement.getByRole("button", { name: "Save" }).click();
    await staffRequirement.getByText("Two-step verification is no longer required.").waitFor();
    await manager.context().close();
    await again.goto("/account/orders");
    assert.equal(new URL(again.url()).pathname, "/account/orders");
    await again.context().close();

    const events = await sql<{ kind: string; actor_role: string }[]>`
      select kind, actor_role from account_security_events where company_id = ${companyId} and kind like 'company_two_step%' order by id`;
    assert.deepEqual(
      events.map((event) => ({ ...event })),
      [
        { kind: "company_two_step_required", actor_role: "company_admin" },
        { kind: "company_two_step_not_required", actor_role: "account_manager" },
      ],
    );
  });
});
