import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { BASE_URL, launchBrowser, newContext, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Account requests in Chromium against the running server: a visitor whose browser shows Dutch picks
 * English on the sign-in page and asks for an account (a wrong KvK number first, answered at the
 * field, what was typed kept); the account manager approves it as a new customer; the invitation's
 * link, opened in a browser that never chose a language, speaks English, sets the password, and the
 * new company admin signs in. Opened again, it says the password was chosen with it. A colleague's request is recognised by the company's e-mail domain and rejected with
 * a reason, which the requester is mailed. A request from an address at an existing customer's domain
 * is that customer's company admin's to decide too: they approve it under Users, and the new colleague
 * signs in with the invitation.
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
  await form.getByLabel("Email address").fill(person.email);
  return form;
}

describe("account requests", () => {
  it("a visitor asks for an account; the account manager approves it as a new customer; the invitation lets them in", async () => {
    const context = await newContext(browser, "nl");
    const visitor = await context.newPage();
    await visitor.goto("/login");
    // Before anybody has a profile language: the sign-in page's own switch.
    await visitor.getByRole("button", { name: "English" }).click();
    await visitor.getByRole("heading", { name: "Sign in to Koppel" }).waitFor();
    await visitor.getByRole("link", { name: "No account yet? Request one" }).click();
    await visitor.waitForURL(/\/register$/);
    const form = await fillRequest(visitor, { name: "Ilse Verbeek", email }, "123");
    // The language switch mid-form (a form post of its own) keeps what was typed, there and back.
    const typed = async () => {
      // Filled in again just after the page came back (an effect): wait for it, then read all.
      await visitor.waitForFunction((value) => (document.querySelector("[name=companyName]") as HTMLInputElement | null)?.value === value, companyName);
      return Promise.all(["companyName", "kvkNumber", "city", "email"].map((name) => form.locator(`[name=${name}]`).inputValue()));
    };
    await visitor.getByRole("button", { name: "Nederlands" }).click();
    await visitor.getByRole("heading", { name: "Account aanvragen" }).waitFor();
    assert.deepEqual(await typed(), [companyName, "123", "Amersfoort", email]);
    await visitor.getByRole("button", { name: "English" }).click();
    await visitor.getByRole("heading", { name: "Request an account" }).waitFor();
    assert.deepEqual(await typed(), [companyName, "123", "Amersfoort", email]);
    await form.getByRole("button", { name: "Send request" }).click();
    // Answered at the field; what was typed stays.
    await visitor.locator("#account-request-kvkNumber[aria-invalid=true]").waitFor();
    assert.equal(await form.getByLabel("Company name").inputValue(), companyName);
    assert.equal(await sql`select 1 from account_requests where email = ${email}`.then((rows) => rows.length), 0);
    await form.getByLabel("Chamber of Commerce (KvK) number").fill(kvk);
    await form.getByRole("button", { name: "Send request" }).click();
    await visitor.getByTestId("account-request-received").waitFor();
    const [request] = await sql<{ id: number; status: string; postal_code: string; locale: string }[]>`select id, status, postal_code, locale from account_requests where email = ${email}`;
    assert.deepEqual([request!.status, request!.postal_code, request!.locale], ["pending", "3818 KL", "en"]);
    const [confirmation] = await sql<{ subject: string }[]>`select subject from mail_outbox where to_email = ${email} and kind = 'account_request_received'`;
    assert.equal(confirmation?.subject, "We received your request for a Koppel account", "the requester is sent a confirmation in the language they asked in");

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
    // Where it stands from now on: invited, until the link's end.
    await manager.getByTestId("account-request-stage").getByText("Invited, link valid until").waitFor();
    assert.equal(await manager.getByTestId("account-request-stage").getAttribute("data-stage"), "invited");
    // What happens next: no price list yet, so catalog prices until one is assigned.
    await manager.getByTestId("account-request-no-price-list").getByRole("link", { name: "Set up price list and assortment" }).waitFor();
    await manager.getByTestId("account-request-done").getByRole("link", { name: "Open customer" }).click();
    await manager.waitForURL(/\/admin\/customers\/\d+/);
    await manager.getByText(companyName).first().waitFor();
    await manager.context().close();
    const [company] = await sql<{ payment_terms_days: number; kvk_number: string }[]>`select payment_terms_days, kvk_number from companies where name = ${companyName}`;
    assert.deepEqual([company!.payment_terms_days, company!.kvk_number], [14, kvk]);

    const [invite] = await sql<{ body_text: string }[]>`select body_text from mail_outbox where to_email = ${email} and kind = 'invite'`;
    const link = invite!.body_text.match(/http\S+\/set-password\?token=\S+/)?.[0];
    assert.ok(link?.startsWith(`${BASE_URL}/set-password?token=`), invite!.body_text);
    await context.close();
    // Opened in another browser (no language chosen there): the page speaks the invitee's English.
    const mailbox = await browser.newContext({ baseURL: BASE_URL, locale: "nl-NL" });
    const invitee = await mailbox.newPage();
    await invitee.goto(link!);
    await invitee.getByRole("heading", { name: "Welcome to Koppel" }).waitFor();
    await invitee.getByLabel("New password").fill("vlinder-wachtwoord-2026");
    await invitee.getByLabel("Repeat the password").fill("vlinder-wachtwoord-2026");
    await invitee.getByRole("button", { name: "Save password" }).click();
    // Signed in with it at once (no address to type again), on the front page with the first steps, in English.
    await invitee.waitForURL((url) => url.pathname === "/");
    const getStarted = invitee.getByTestId("get-started");
    await getStarted.getByRole("heading", { name: "Get started" }).waitFor();
    assert.equal(await getStarted.getByTestId("get-started-colleagues").getAttribute("data-done"), "false");
    assert.equal(await getStarted.getByTestId("get-started-twoStep").getAttribute("data-done"), "false");
    await getStarted.getByRole("link", { name: "Invite colleagues" }).waitFor();
    // Hidden, it stays away (stored on the user).
    await getStarted.getByRole("button", { name: "Hide" }).click();
    await getStarted.waitFor({ state: "detached" });
    await invitee.reload();
    await invitee.getByRole("link", { name: "Cart" }).first().waitFor();
    assert.equal(await invitee.getByTestId("get-started").count(), 0);
    // The link, clicked again, says to sign in.
    await invitee.goto(link!);
    await invitee.getByRole("heading", { name: "You already have a password" }).waitFor();
    assert.equal(await invitee.getByTestId("set-password-link-state").getAttribute("data-state"), "password_chosen");
    await mailbox.close();
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
    await admin.getByText("The request has been rejected. Jan de Boer has been sent an email with the reason.").waitFor();
    await admin.goto("/admin/account-requests?status=rejected");
    await admin.locator(`[data-testid=account-request-row][data-id="${request!.id}"]`).waitFor();
    await admin.context().close();
    const [mail] = await sql<{ body_text: string }[]>`select body_text from mail_outbox where to_email = ${colleague} and kind = 'account_request_rejected'`;
    assert.match(mail!.body_text, /Uw collega kan u zelf toevoegen als gebruiker\./);
  });

  it("the company admin approves a colleague's request to join under Users; the new colleague signs in", async () => {
    const colleague = `noor.${stamp}@demo.test`;
    const context = await newContext(browser, "en");
    const visitor = await context.newPage();
    await visitor.goto("/register");
    const form = visitor.getByTestId("account-request-form");
    await form.getByLabel("Company name").fill("Demo Facilities");
    await form.getByLabel("Chamber of Commerce (KvK) number").fill(String(Date.now() + 7).slice(-8));
    await form.getByLabel("Street and number").fill("Stationsplein 1");
    await form.getByLabel("Postal code").fill("1012AB");
    await form.getByLabel("City").fill("Amsterdam");
    await form.getByLabel("Name", { exact: true }).fill("Noor Bos");
    await form.getByLabel("Email address").fill(colleague);
    await form.getByLabel("Message (optional)").fill("Nieuw bij de facilitaire dienst, locatie Utrecht.");
    await form.getByRole("button", { name: "Send request" }).click();
    await visitor.getByTestId("account-request-received").waitFor();
    const [joinMail] = await sql<{ body_text: string }[]>`select body_text from mail_outbox where to_email = 'companyadmin@demo.test' and kind = 'account_request_join' and body_text like ${`%${colleague}%`}`;
    assert.match(joinMail!.body_text, /\/account\/users#join-requests/);

    const admin = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", "/account/users");
    await admin.locator('a[href="/account/users"]', { hasText: /\d/ }).first().waitFor();
    const request = admin.locator(`[data-testid=join-request][data-email="${colleague}"]`);
    await request.getByText("same email domain as your colleagues").waitFor();
    await request.getByText("Nieuw bij de facilitaire dienst, locatie Utrecht.").waitFor();
    await request.getByLabel("Role").selectOption("buyer");
    await request.getByLabel("Order limit (excl. VAT, €)").fill("750");
    await request.getByRole("button", { name: "Approve and invite" }).click();
    await admin.waitForURL(/joinRequest=approved/);
    await admin.getByText("The request has been approved. The new user has been invited by email").waitFor();
    const row = admin.locator(`[data-testid=company-user][data-email="${colleague}"]`);
    await row.getByText("Invitation sent").waitFor();
    assert.equal(await admin.locator(`[data-testid=join-request][data-email="${colleague}"]`).count(), 0);
    await admin.context().close();
    const [user] = await sql<{ role: string; order_limit_minor: number; company: string }[]>`
      select u.role, u.order_limit_minor, c.name as company from users u join companies c on c.id = u.company_id where u.email = ${colleague}`;
    assert.deepEqual([user!.role, user!.order_limit_minor, user!.company], ["buyer", 75_000, "Demo Facilities B.V."]);
    const [decided] = await sql<{ status: string; decided_by: string }[]>`
      select r.status, d.email as decided_by from account_requests r join users d on d.id = r.decided_by where r.email = ${colleague}`;
    assert.deepEqual([decided!.status, decided!.decided_by], ["approved", "companyadmin@demo.test"]);

    const [invite] = await sql<{ body_text: string }[]>`select body_text from mail_outbox where to_email = ${colleague} and kind = 'invite'`;
    const link = invite!.body_text.match(/http\S+\/set-password\?token=\S+/)?.[0];
    await visitor.goto(link!);
    await visitor.getByLabel("New password").fill("noor-wachtwoord-2026");
    await visitor.getByLabel("Repeat the password").fill("noor-wachtwoord-2026");
    await visitor.getByRole("button", { name: "Save password" }).click();
    await visitor.waitForURL((url) => url.pathname === "/");
    await context.close();
    const noor = await signIn(browser, colleague, "noor-wachtwoord-2026", "/account");
    await noor.getByText("Demo Facilities").first().waitFor();
    await noor.context().close();
  });
});
