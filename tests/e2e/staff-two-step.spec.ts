import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { hashPassword } from "../../lib/auth/password";
import { totpCode } from "../../lib/two-step/totp";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * Two-step verification required for staff, in Chromium against the running server: an admin of
 * its own (made here) turns on their own verification, then requires it for all staff; the demo
 * account manager, who has none, reaches only their profile, with the reason. The requirement is
 * lifted afterwards, so the other specs' staff sign in as before.
 */
let browser: Browser;
const sql = openE2eDatabase();
const email = `security.admin.${Date.now().toString(36)}@koppel.test`;
const PASSWORD = "beveiliging-2026";

before(async () => {
  browser = await launchBrowser();
  await sql`insert into users (email, name, role, company_id, locale, password_hash) values (${email}, 'Security Admin', 'admin', null, 'en', ${await hashPassword(PASSWORD)})`;
});
after(async () => {
  await sql`update security_settings set staff_two_step_required = false`;
  await browser?.close();
  await sql.end();
});

describe("two-step verification required for staff", () => {
  it("an admin with it requires it; an account manager without it is sent to set it up", async () => {
    const admin = await signIn(browser, email, PASSWORD, "/admin/settings/security");
    const settings = admin.getByTestId("security-settings-form");
    // Not before the admin has it: they would lock themselves out.
    await settings.getByLabel("Required for all staff").check();
    await settings.getByRole("button", { name: "Save" }).click();
    await settings.getByTestId("form-error").getByText("Turn on your own two-step verification first", { exact: false }).waitFor();

    await admin.goto("/admin/profile");
    await admin.getByRole("button", { name: "Set up two-step verification" }).click();
    const secret = (await admin.getByTestId("two-step-secret").innerText()).replace(/\s/g, "");
    const turnOn = admin.getByRole("form", { name: "Turn on" });
    await turnOn.getByLabel("Password").fill(PASSWORD);
    await turnOn.getByLabel("6-digit code").fill(totpCode(secret, Date.now()));
    await turnOn.getByRole("button", { name: "Turn on" }).click();
    await admin.getByTestId("two-step-on").waitFor();

    await admin.goto("/admin/settings/security");
    await settings.getByLabel("Required for all staff").check();
    await settings.getByRole("button", { name: "Save" }).click();
    await settings.getByTestId("form-success").waitFor();
    const [stored] = await sql<{ staff_two_step_required: boolean }[]>`select staff_two_step_required from security_settings`;
    assert.equal(stored!.staff_two_step_required, true);
    await admin.goto("/admin/orders");
    assert.equal(new URL(admin.url()).pathname, "/admin/orders", "the admin who has it goes on");
    await admin.context().close();

    // The manager signs in (the password still suffices: there is no second step to ask for yet) and
    // is sent to their profile from anywhere in the back office, with the navigation reduced to it.
    const manager = await signIn(browser, "manager@demo.test", "demo-manager", "/admin/profile");
    await manager.getByTestId("two-step-required").waitFor();
    await manager.goto("/admin/orders");
    await manager.waitForURL((url) => url.pathname === "/admin/profile");
    assert.match(await manager.getByTestId("two-step-required").innerText(), /required for staff/);
    const nav = await manager.locator("header nav").innerText();
    assert.doesNotMatch(nav, /Customers|Orders/);
    await manager.context().close();
  });
});
