import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { BASE_URL, launchBrowser, newContext, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Inviting a list of colleagues, in Chromium against the running server: the demo company admin
 * pastes three colleagues as Excel copies them (with its header); one line is wrong, so nobody is
 * invited and the list stays to be corrected; corrected, all three are invited in their own
 * language and role, and one of them sets a password and signs in. The other two let their
 * invitations lapse: the company admin sees that and sends one again; the other asks for a new link
 * on the page of their lapsed invitation.
 */
let browser: Browser;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36);
const anna = `anna.${stamp}@demo.test`;
const bob = `bob.${stamp}@demo.test`;
const cor = `cor.${stamp}@demo.test`;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await sql.end();
});

describe("inviting a list of colleagues", () => {
  it("a wrong line invites nobody; corrected, everybody is invited", async () => {
    const admin = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", "/account/users");
    const form = admin.getByRole("form", { name: "Invite several colleagues at once" });
    const header = "E-mail\tName\tRole\tOrder limit\tLanguage";
    const list = (bobRole: string) => [header, `${anna}\tAnna de Vries\tkoper\t1.500,00\tnl`, `${bob}\tBob Smit\t${bobRole}\t\ten`, `${cor}\tCor Jansen`].join("\n");
    await form.getByLabel("Colleagues").fill(list("boss"));
    await form.getByRole("button", { name: "Invite everybody" }).click();
    const report = form.getByTestId("invite-report");
    await report.getByText("1 line needs correcting; nobody has been invited yet.").waitFor();
    assert.match(await report.locator('[data-testid=invite-line][data-status="role_unknown"]').innerText(), /Line 3 .*unknown role/);
    assert.equal((await sql`select 1 from users where email in (${anna}, ${bob}, ${cor})`).length, 0, "nobody is invited");
    // The list stays to be corrected.
    assert.equal(await form.getByLabel("Colleagues").inputValue(), list("boss"));

    await form.getByLabel("Colleagues").fill(list("goedkeurder"));
    await form.getByRole("button", { name: "Invite everybody" }).click();
    await report.getByText("3 colleagues invited: each gets an email to set a password.").waitFor();
    assert.equal(await form.getByLabel("Colleagues").inputValue(), "");
    const invited = await sql<{ email: string; role: string; locale: string; order_limit_minor: number | null }[]>`
      select email, role, locale, order_limit_minor from users where email in (${anna}, ${bob}, ${cor}) order by email`;
    assert.deepEqual(
      invited.map((user) => [user.email, user.role, user.locale, user.order_limit_minor]),
      [
        [anna, "buyer", "nl", 150_000],
        [bob, "approver", "en", null],
        [cor, "buyer", "en", null],
      ],
    );
    await admin.reload();
    await admin.locator(`[data-testid=company-user][data-email="${anna}"]`).waitFor();

    // Anna's invitation is in Dutch; she sets a password and signs in.
    const [mail] = await sql<{ subject: string; body_text: string }[]>`select subject, body_text from mail_outbox where to_email = ${anna} and kind = 'invite'`;
    assert.ok(mail, "Anna is sent the invitation");
    assert.match(mail.body_text, /Demo Facilities B\.V\./);
    const context = await newContext(browser);
    const visitor = await context.newPage();
    await visitor.goto(mail.body_text.match(/http\S+\/set-password\?token=\S+/)![0]);
    await visitor.getByLabel("New password").fill("anna-wachtwoord-2026");
    await visitor.getByLabel("Repeat the password").fill("anna-wachtwoord-2026");
    await visitor.getByRole("button", { name: "Save password" }).click();
    // Signed in with the new password at once, on the front page.
    await visitor.waitForURL((url) => url.pathname === "/");
    await context.close();
    const signedIn = await signIn(browser, anna, "anna-wachtwoord-2026", "/account");
    await signedIn.getByText("Demo Facilities B.V.").first().waitFor();
    await signedIn.context().close();
    await admin.context().close();
  });

  it("a lapsed invitation: the company admin sends it again; the invitee renews it from the old link", async () => {
    await sql`update user_tokens set expires_at = now() - interval '1 minute'
      where used_at is null and purpose = 'invite' and user_id in (select id from users where email in (${bob}, ${cor}))`;
    const admin = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", "/account/users");
    const bobRow = admin.locator(`[data-testid=company-user][data-email="${bob}"]`);
    await bobRow.getByTestId("company-user-status").getByText("Invitation expired, no password chosen yet").waitFor();
    await bobRow.getByRole("button", { name: "Send the invitation again" }).click();
    await bobRow.getByText(`New invitation sent to ${bob}; the earlier link no longer works.`).waitFor();
    await admin.reload();
    await bobRow.getByTestId("company-user-status").getByText("Invitation sent, link valid until").waitFor();
    await admin.context().close();
    const bobMails = await sql<{ body_text: string }[]>`select body_text from mail_outbox where to_email = ${bob} and kind = 'invite' order by id`;
    assert.equal(bobMails.length, 2, "Bob is sent a second invitation");

    // Cor opens the lapsed link (no language chosen in this browser: Cor's English) and asks for a new one.
    const mailbox = await browser.newContext({ baseURL: BASE_URL, locale: "nl-NL" });
    const page = await mailbox.newPage();
    const [corInvite] = await sql<{ body_text: string }[]>`select body_text from mail_outbox where to_email = ${cor} and kind = 'invite' order by id`;
    await page.goto(corInvite!.body_text.match(/http\S+\/set-password\?token=\S+/)![0]);
    await page.getByRole("heading", { name: "This link no longer works" }).waitFor();
    assert.equal(await page.getByTestId("set-password-link-state").getAttribute("data-reason"), "expired");
    await page.getByText("Your invitation was valid until").waitFor();
    await page.getByRole("button", { name: "Send me a new link" }).click();
    await page.getByTestId("set-password-renewed").getByText(`We have sent a new link to ${cor}.`).waitFor();
    const corMails = await sql<{ body_text: string; subject: string }[]>`select body_text, subject from mail_outbox where to_email = ${cor} and kind = 'invite' order by id`;
    assert.equal(corMails.length, 2);
    assert.equal(corMails[1]!.subject, "New link to choose your password – Koppel");
    await page.goto(corMails[1]!.body_text.match(/http\S+\/set-password\?token=\S+/)![0]);
    await page.getByLabel("New password").fill("cor-wachtwoord-2026");
    await page.getByLabel("Repeat the password").fill("cor-wachtwoord-2026");
    await page.getByRole("button", { name: "Save password" }).click();
    // Signed in at once, in Cor's English; a new buyer's first steps wait on the front page.
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByTestId("get-started").getByRole("link", { name: "Set up two-step verification" }).waitFor();
    await mailbox.close();
  });
});
