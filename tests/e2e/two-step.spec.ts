import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { hashPassword } from "../../lib/auth/password";
import { totpCode } from "../../lib/two-step/totp";
import { BASE_URL, launchBrowser, newContext, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Two-step verification end to end, in Chromium against the running server: a buyer of its own
 * (made here, so no other spec's user changes) turns it on from the profile — the test is the
 * authenticator app, computing codes from the key the page shows — and keeps a recovery code; the
 * next sign-in asks for the code, refuses a wrong one and takes the right one; then a sign-in with
 * the recovery code; the account manager turns it off on the customer's user list (the user's
 * session ends with it), and the user signs in with the password alone.
 */
let browser: Browser;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36);
const email = `twostep.${stamp}@demo.test`;
const PASSWORD = "twee-stappen-2026";

before(async () => {
  browser = await launchBrowser();
  const [company] = await sql<{ id: number }[]>`select company_id as id from users where email = 'buyer@demo.test'`;
  await sql`insert into users (email, name, role, company_id, locale, password_hash)
    values (${email}, ${`Tweestaps ${stamp}`}, 'buyer', ${company!.id}, 'en', ${await hashPassword(PASSWORD)})`;
});
after(async () => {
  await browser?.close();
  await sql.end();
});

/** The sign-in form up to the code step (the right password of a user with two-step verification). */
async function signInUpToCode(): Promise<Page> {
  const page = await (await newContext(browser, "en")).newPage();
  await page.goto("/login?callbackUrl=%2Faccount");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByTestId("two-step-login").waitFor();
  return page;
}

const mailKinds = async () => (await sql<{ kind: string }[]>`select kind from mail_outbox where to_email = ${email} order by id`).map((row) => row.kind);

describe("two-step verification", () => {
  it("turned on by the buyer, asked at sign-in, a recovery code once, turned off by the account manager", async () => {
    // Turning it on: the QR code and the key, then the password and a code from the "app".
    const profile = await signIn(browser, email, PASSWORD, "/account/profile");
    await profile.getByRole("button", { name: "Set up two-step verification" }).click();
    await profile.getByTestId("two-step-qr").waitFor();
    const secret = (await profile.getByTestId("two-step-secret").innerText()).replace(/\s/g, "");
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const [pending] = await sql<{ confirmed_at: Date | null; secret_sealed: string }[]>`
      select confirmed_at, secret_sealed from user_two_factor where user_id = (select id from users where email = ${email})`;
    assert.equal(pending!.confirmed_at, null, "pending until a code confirms it");
    assert.ok(!pending!.secret_sealed.includes(secret), "the secret is stored sealed");
    const turnOn = profile.getByRole("form", { name: "Turn on" });
    await turnOn.getByLabel("Password").fill(PASSWORD);
    await turnOn.getByLabel("6-digit code").fill(totpCode(secret, Date.now()));
    await turnOn.getByRole("button", { name: "Turn on" }).click();
    await profile.getByTestId("recovery-codes").waitFor();
    const codes = await profile.getByTestId("recovery-code").allInnerTexts();
    assert.equal(codes.length, 10);
    await profile.getByTestId("two-step-on").waitFor();
    assert.deepEqual(await mailKinds(), ["two_step_enabled"]);
    // This session was kept (the others end), and the codes are not shown again.
    await profile.reload();
    await profile.getByTestId("two-step-on").waitFor();
    assert.equal(await profile.getByTestId("recovery-codes").count(), 0);
    await profile.getByRole("button", { name: "Sign out" }).click();
    await profile.waitForURL((url) => url.pathname !== "/account/profile");
    await profile.context().close();

    // Signing in asks for the code: a wrong one is refused, the right one signs in. (The code of the
    // next step is accepted for clock drift and is never the one used to turn it on.)
    const login = await signInUpToCode();
    const next = totpCode(secret, Date.now() + 30_000);
    await login.getByLabel("Code from your authenticator app").fill(next === "000000" ? "111111" : "000000");
    await login.getByRole("button", { name: "Verify and sign in" }).click();
    await login.getByText("The code is incorrect or has been used already.").waitFor();
    await login.getByLabel("Code from your authenticator app").fill(next);
    await login.getByRole("button", { name: "Verify and sign in" }).click();
    await login.waitForURL((url) => url.pathname === "/account");
    await login.context().close();

    // A recovery code signs in once; the user is mailed how many are left.
    const recovery = await signInUpToCode();
    await recovery.getByRole("button", { name: "I don't have my phone: use a recovery code" }).click();
    await recovery.getByLabel("Recovery code").fill(codes[0]!.toUpperCase());
    await recovery.getByRole("button", { name: "Verify and sign in" }).click();
    await recovery.waitForURL((url) => url.pathname === "/account");
    const [used] = await sql<{ body_text: string }[]>`select body_text from mail_outbox where to_email = ${email} and kind = 'recovery_code_used'`;
    assert.match(used!.body_text, /You have 9 recovery codes left\./);
    const again = await signInUpToCode();
    await again.getByRole("button", { name: "I don't have my phone: use a recovery code" }).click();
    await again.getByLabel("Recovery code").fill(codes[0]!);
    await again.getByRole("button", { name: "Verify and sign in" }).click();
    await again.getByText("This recovery code is incorrect or has been used already.").waitFor();
    await again.context().close();

    // Phone and codes lost: the account manager turns it off on the customer's user list.
    const [company] = await sql<{ id: number }[]>`select company_id as id from users where email = ${email}`;
    const manager = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/customers/${company!.id}/users`);
    const row = manager.locator(`[data-testid=user-row][data-email="${email}"]`);
    await row.getByText("Two-step on").waitFor();
    manager.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Turn two-step verification off" }).click();
    await row.getByText("Two-step verification is off for this user.").waitFor();
    const [event] = await sql<{ kind: string; actor_name: string; actor_role: string }[]>`
      select kind, actor_name, actor_role from account_security_events where user_id = (select id from users where email = ${email}) order by id desc limit 1`;
    const [managerRow] = await sql<{ name: string }[]>`select name from users where email = 'manager@demo.test'`;
    assert.deepEqual({ ...event }, { kind: "two_step_reset", actor_name: managerRow!.name, actor_role: "account_manager" });
    assert.equal((await mailKinds()).at(-1), "two_step_disabled");
    await manager.goto("/admin/audit/security");
    await manager.locator(`[data-testid=security-event][data-kind=two_step_reset][data-email="${email}"]`).waitFor();
    await manager.context().close();

    // The session signed in with the recovery code ended with it; the password alone signs in now.
    await recovery.goto(`${BASE_URL}/account`);
    await recovery.waitForURL((url) => url.pathname === "/login");
    await recovery.context().close();
    const plain = await signIn(browser, email, PASSWORD, "/account");
    await plain.context().close();
  });
});
