import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { hashPassword } from "../../lib/auth/password";
import { BASE_URL, launchBrowser, newContext, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Staff management in Chromium against the running server: an admin of its own (made here)
 * invites an account manager, who chooses a password and signs in (no way into Staff for them);
 * the admin makes them manager of a customer, promotes them, then deactivates them handing the
 * customer over to the demo manager — the new colleague's open session ends at once.
 */
let browser: Browser;
const sql = openE2eDatabase();
const stamp = Date.now().toString(36);
const adminEmail = `staff.admin.${stamp}@koppel.test`;
const newEmail = `nieuwe.collega.${stamp}@koppel.test`;
const PASSWORD = "beheer-wachtwoord-2026";

before(async () => {
  browser = await launchBrowser();
  await sql`insert into users (email, name, role, company_id, locale, password_hash) values (${adminEmail}, 'Staff Admin', 'admin', null, 'en', ${await hashPassword(PASSWORD)})`;
});
after(async () => {
  await browser?.close();
  await sql.end();
});

describe("staff management", () => {
  it("invite → password → sign in; assign, promote, deactivate with hand-over", async () => {
    const admin = await signIn(browser, adminEmail, PASSWORD, "/admin/staff");
    await admin.getByRole("heading", { name: "Staff", exact: true }).waitFor();
    const invite = admin.getByTestId("staff-invite-form");
    await invite.getByLabel("Name").fill("Nieuwe Collega");
    await invite.getByLabel("Email address").fill(newEmail);
    await invite.getByLabel("Language").selectOption("en");
    await invite.getByRole("button", { name: "Invite" }).click();
    await admin.waitForURL(/\/admin\/staff\/\d+\?invited=1$/);
    await admin.getByText(`Invitation sent to ${newEmail}.`).waitFor();
    const memberUrl = admin.url().replace(/\?.*$/, "");

    // The invitation: their own password with the single-use link, then into the back office.
    const [mail] = await sql<{ body_text: string }[]>`select body_text from mail_outbox where to_email = ${newEmail} and kind = 'staff_invite'`;
    assert.match(mail!.body_text, /Staff Admin added you as account manager/);
    const link = mail!.body_text.match(/http\S+\/set-password\?token=\S+/)?.[0];
    assert.ok(link?.startsWith(`${BASE_URL}/set-password?token=`), mail!.body_text);
    const visitorContext = await newContext(browser, "en");
    const visitor = await visitorContext.newPage();
    await visitor.goto(link!);
    await visitor.getByLabel("New password").fill("collega-wachtwoord-2026");
    await visitor.getByLabel("Repeat the password").fill("collega-wachtwoord-2026");
    await visitor.getByRole("button", { name: "Save password" }).click();
    // Signed in with it at once, into the back office.
    await visitor.waitForURL((url) => url.pathname.startsWith("/admin"));
    await visitorContext.close();
    const colleague = await signIn(browser, newEmail, "collega-wachtwoord-2026", "/admin");
    assert.doesNotMatch(await colleague.locator("header nav").innerText(), /Staff/);
    const denied = await colleague.goto("/admin/staff");
    assert.equal(denied?.status(), 404, "account managers cannot reach staff management");

    // The admin makes them one of Noordlab's account managers (beside the demo manager).
    const [noordlab] = await sql<{ id: number }[]>`select id from companies where name like 'Noordlab%'`;
    await admin.goto(`/admin/customers/${noordlab!.id}`);
    const managersForm = admin.locator("form", { has: admin.getByRole("button", { name: "Save account managers" }) });
    await managersForm.getByLabel("Nieuwe Collega").check();
    await managersForm.getByRole("button", { name: "Save account managers" }).click();
    await managersForm.getByTestId("form-success").waitFor();

    await admin.goto(memberUrl);
    await admin.getByTestId("staff-customer").filter({ hasText: "Noordlab" }).waitFor();
    // Promoted: the history says from what to what.
    const details = admin.getByTestId("staff-form");
    await details.getByLabel("Role").selectOption("admin");
    await details.getByRole("button", { name: "Save" }).click();
    await details.getByTestId("form-success").waitFor();
    await admin.reload();
    await admin.getByTestId("staff-event").filter({ hasText: "Role changed: Account manager → Administrator" }).waitFor();

    // Deactivated, Noordlab goes to the demo manager; the colleague's session ends at once.
    const [demoManager] = await sql<{ id: number }[]>`select id from users where email = 'manager@demo.test'`;
    const deactivate = admin.getByTestId("staff-deactivate");
    await deactivate.getByLabel("Hand their customers over to").selectOption(String(demoManager!.id));
    admin.once("dialog", (dialog) => void dialog.accept());
    await deactivate.getByRole("button", { name: "Deactivate" }).click();
    await admin.getByTestId("staff-reactivate").waitFor();
    await admin.getByTestId("staff-event").filter({ hasText: "1 customer handed over to" }).waitFor();
    const managers = await sql<{ email: string }[]>`
      select u.email from account_manager_customers amc join users u on u.id = amc.staff_user_id where amc.company_id = ${noordlab!.id} order by u.email`;
    assert.deepEqual(
      managers.map((m) => m.email),
      ["manager@demo.test"],
    );
    await colleague.goto("/admin");
    await colleague.waitForURL((url) => url.pathname === "/login");

    // The account security log lists it for admins, linked to the staff member.
    await admin.goto("/admin/audit/security");
    await admin.getByTestId("security-event").filter({ hasText: "Deactivated" }).filter({ hasText: newEmail }).waitFor();
    await admin.context().close();
    await colleague.context().close();
  });

  it("access review: staff and a customer's users not signed in for 90 days, at a click", async () => {
    const idleEmail = `lang.weg.${stamp}@koppel.test`;
    const recentEmail = `net.binnen.${stamp}@koppel.test`;
    const hash = await hashPassword(PASSWORD);
    await sql`insert into users (email, name, role, company_id, locale, password_hash, created_at, last_sign_in_at)
              values (${idleEmail}, 'Lang Weg', 'account_manager', null, 'en', ${hash}, now() - interval '400 days', now() - interval '120 days'),
                     (${recentEmail}, 'Net Binnen', 'account_manager', null, 'en', ${hash}, now() - interval '400 days', now() - interval '2 days')`;
    const [demo] = await sql<{ id: number }[]>`select id from companies where name like 'Demo Facilities%' limit 1`;
    const buyerEmail = `oude.koper.${stamp}@demo.test`;
    await sql`insert into users (email, name, role, company_id, locale, password_hash, created_at)
              values (${buyerEmail}, 'Oude Koper', 'buyer', ${demo!.id}, 'en', ${hash}, now() - interval '200 days')`;

    try {
      const admin = await signIn(browser, adminEmail, PASSWORD, "/admin/staff");
      const filter = admin.getByTestId("idle-filter");
      await filter.getByRole("link", { name: /Not signed in for 90\+ days/ }).click();
      await admin.waitForURL((url) => url.search === "?idle=90");
      const rows = admin.getByTestId("staff-row");
      await admin.locator(`[data-testid="staff-row"][data-email="${idleEmail}"]`).waitFor();
      assert.equal(await admin.locator(`[data-testid="staff-row"][data-email="${recentEmail}"]`).count(), 0);
      assert.equal(await filter.getByRole("link", { name: /Not signed in for 90\+ days/ }).getAttribute("aria-current"), "page");
      assert.ok((await rows.count()) >= 1);

      await admin.goto(`/admin/customers/${demo!.id}/users?idle=180`);
      await admin.locator(`[data-testid="user-row"][data-email="${buyerEmail}"]`).waitFor();
      assert.equal(await admin.locator('[data-testid="user-row"][data-email="buyer@demo.test"]').count(), 0, "the demo buyer signs in all the time");
      await admin.getByTestId("idle-filter").getByRole("link", { name: /^Everybody/ }).click();
      await admin.locator('[data-testid="user-row"][data-email="buyer@demo.test"]').waitFor();
      await admin.context().close();
    } finally {
      await sql`delete from users where email in (${idleEmail}, ${recentEmail}, ${buyerEmail})`;
    }
  });
});
