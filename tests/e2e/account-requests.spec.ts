import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { BASE_URL, launchBrowser, newContext, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Account requests in Chromium against the running server: a visitor asks for an account from the
 * sign-in page (a wrong KvK number first, answered at the field, what was typed kept); the account
 * manager approves it as a new customer; the invitation's link sets the password and the new company
 * admin signs in. A colleague's request is recognised by the company's e-mail domain and rejected with
 * a reason, which the requester is mailed.
 */
let browser: Browser;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36);
const domain = `vlinder-${stamp}.test`;
const email = `ilse@${domain}`;
const companyName = `Kinderopvang De Vlinder ${stamp} B.V.`;
// Eight digits from the stamp, so reruns do not collide with an earlier customer's KvK number.
const kvk = String(Date.now()).slice(-8);

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await sql.end();
});

async function fillRequest(page: Page, person: { name: string; email: string }, kvkNumber: string) {
  const form = page.getByTestId("account-request-form");
  await form.getByLabel("Company name").fill(companyName);
  await form.getByLabel("Chamber of Commerce (KvK) number").fill(kvkNumber);
  await form.getByLabel("Street and number").fill("Lindelaan 14");
  await form.getByLabel("Postal code").fill("3818kl");
  await form.getByLabel("City").fill("Amersfoort");
  await form.getByLabel("Name", { exact: true }).fill(person.name);
  await form.getByLabel("E-mail address").fill(person.email);
  return form;
}

describe("account requests", () => {
  it("a visitor asks for an account; the account manager approves it as a new customer; the invitation lets them in", async () => {
    const context = await newContext(browser, "en");
    const visitor = await context.newPage();
    await visitor.goto("/login");
    await visitor.getByRole("link", { name: "No account yet? Request one" }).click();
    await visitor.waitForURL(/\/register$/);
    const form = await fillRequest(visitor, { name: "Ilse Verbeek", email }, "123");
    await form.getByRole("button", { name: "Send request" }).click();
    // Answered at the field; what was typed stays.
    await visitor.locator("#account-request-kvkNumber[aria-invalid=true]").waitFor();
    assert.equal(await form.getByLabel("Company name").inputValue(), companyName);
    assert.equal(await sql`select 1 from account_requests where email = ${email}`.then((rows) => rows.length), 0);
    await form.getByLabel("Chamber of Commerce (KvK) number").fill(kvk);
    await form.getByRole("button", { name: "Send request" }).click();
    await visitor.getByTestId("account-request-received").waitFor();
    const [request] = await sql<{ id: number; status: string; postal_code: string }[]>`select id, status, postal_code from account_requests where email = ${email}`;
    assert.deepEqual([request!.status, request!.postal_code], ["pending", "3818 KL"]);
    const [confirmation] = await sql`select 1 from mail_outbox where to_email = ${email} and kind = 'account_request_received'`;
    assert.ok(confirmation, "the requester is sent a confirmation");

    const manager = await signIn(browser, "manager@demo.test", "demo-manager", "/admin/account-requests");
    await manager.locator(`a[href="/admin/account-requests"] [data-testid=nav-badge]`).waitFor();
    await manager.locator(`[data-testid=account-request-row][data-id="${request!.id}"]`).getByRole("link").first().click();
    await manager.waitForURL(new RegExp(`/admin/account-requests/${request!.id}$`));
    await manager.getByTestId("account-request-no-matches").waitFor();
    const approve = manager.getByTestId("account-request-approve-form");
    await approve.getByLabel("Create a new customer").check();
    await approve.getByLabel("Payment terms (days)").fill("14");
    await approve.getByRole("button", { name: "Approve and invite" }).click();
    await manager.waitForURL(/\?done=approved$/);
    await manager.getByText("The request has been approved. Ilse Verbeek has been invited to choose a password.").waitFor();
    await manager.getByTestId("account-request-done").getByRole("link", { name: "Open customer" }).click();
    await manager.waitForURL(/\/admin\/customers\/\d+/);
    await manager.getByText(companyName).first().waitFor();
    await manager.context().close();
    const [company] = await sql<{ payment_terms_days: number; kvk_number: string }[]>`select payment_terms_days, kvk_number from companies where name = ${companyName}`;
    assert.deepEqual([company!.payment_terms_days, company!.kvk_number], [14, kvk]);

    const [invite] = await sql<{ body_text: string }[]>`select body_text from mail_outbox where to_email = ${email} and kind = 'invite'`;
    const link = invite!.body_text.match(/http\S+\/set-password\?token=\S+/)?.[0];
    assert.ok(link?.startsWith(`${BASE_URL}/set-password?token=`), invite!.body_text);
    await visitor.goto(link!);
    await visitor.getByLabel("New password").fill("vlinder-wachtwoord-2026");
    await visitor.getByLabel("Repeat the password").fill("vlinder-wachtwoord-2026");
    await visitor.getByRole("button", { name: "Save password" }).click();
    await visitor.getByText("Your password has been saved.").waitFor();
    await context.close();
    // The new company admin signs in and keeps the company's users.
    const admin = await signIn(browser, email, "vlinder-wachtwoord-2026", "/account/users");
    await admin.getByText(companyName).first().waitFor();
    await admin.context().close();
  });

  it("a colleague's request is recognised by the company's e-mail domain; rejected with a reason that is mailed", async () => {
    const colleague = `jan@${domain}`;
    const context = await newContext(browser, "en");
    const visitor = await context.newPage();
    await visitor.goto("/register");
    const form = await fillRequest(visitor, { name: "Jan de Boer", email: colleague }, "12345678");
    await form.getByRole("button", { name: "Send request" }).click();
    await visitor.getByTestId("account-request-received").waitFor();
    await context.close();
    const [request] = await sql<{ id: number }[]>`select id from account_requests where email = ${colleague}`;

    const admin = await signIn(browser, "admin@koppel.test", "demo-admin", `/admin/account-requests/${request!.id}`);
    const match = admin.getByTestId("account-request-match");
    assert.equal(await match.count(), 1);
    assert.match(await match.getAttribute("data-matched-on") ?? "", /email_domain/);
    assert.match(await match.innerText(), new RegExp(companyName));
    const reject = admin.getByTestId("account-request-reject-form");
    await reject.getByLabel("Reason for rejection").fill("Uw collega kan u zelf toevoegen als gebruiker.");
    await reject.getByRole("button", { name: "Reject" }).click();
    await admin.waitForURL(/\?done=rejected$/);
    await admin.getByText("The request has been rejected. Jan de Boer has been sent an e-mail with the reason.").waitFor();
    await admin.goto("/admin/account-requests?status=rejected");
    await admin.locator(`[data-testid=account-request-row][data-id="${request!.id}"]`).waitFor();
    await admin.context().close();
    const [mail] = await sql<{ body_text: string }[]>`select body_text from mail_outbox where to_email = ${colleague} and kind = 'account_request_rejected'`;
    assert.match(mail!.body_text, /Uw collega kan u zelf toevoegen als gebruiker\./);
  });
});
