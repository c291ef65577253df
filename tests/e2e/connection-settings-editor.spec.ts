import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * The structured editor of a connection's mapping settings (components/punchout/connection-settings-editor.tsx):
 * controls and the JSON are one value, the server validates on save as before.
 */
const sql = openE2eDatabase();
let browser: Browser;
let connectionId: number;

/** What the connection starts with: keys the controls must leave alone (extrinsicMap has no control, someFutureKey no schema). */
const STORED = { poomEncoding: "cxml-urlencoded", extrinsicMap: { UserEmail: "email", Requester: "uniqueName" }, someFutureKey: { kept: true } };

before(async () => {
  browser = await launchBrowser();
  // An own cXML connection of Demo Facilities (a customer of the demo manager), so the demo connections stay as seeded.
  const [demo] = await sql<{ company_id: number; technical_user_id: number }[]>`
    select company_id, technical_user_id from punchout_connections where protocol = 'cxml' and name = 'Ariba-style cXML (demo)'`;
  assert.ok(demo);
  const identity = `settings-editor-e2e-${Date.now().toString(36)}`;
  const [created] = await sql<{ id: number }[]>`
    insert into punchout_connections (company_id, protocol, name, preset_id, enabled, environment, secret_hash, cxml_from, cxml_to,
                                      cxml_sender, allowed_return_origins, technical_user_id, settings)
    values (${demo.company_id}, 'cxml', 'Settings editor (e2e)', 'generic', true, 'test', 'not-a-hash',
            ${sql.json([{ domain: "NetworkID", identity }])}, ${sql.json({ domain: "NetworkID", identity: "KOPPEL" })},
            ${sql.json([{ domain: "NetworkID", identity }])}, ${sql.json(["https://buyer.example"])}, ${demo.technical_user_id},
            ${sql.json(STORED)})
    returning id`;
  assert.ok(created);
  connectionId = created.id;
});

after(async () => {
  await browser?.close();
  if (connectionId) await sql`delete from punchout_connections where id = ${connectionId}`;
  await sql.end();
});

async function storedSettings(): Promise<Record<string, unknown>> {
  const [row] = await sql<{ settings: Record<string, unknown> }[]>`select settings from punchout_connections where id = ${connectionId}`;
  assert.ok(row);
  return row.settings;
}

/** The JSON under "Advanced (JSON)", opened if closed. */
async function jsonText(page: Page): Promise<string> {
  const json = page.getByTestId("settings-json");
  if (!(await json.isVisible())) await page.getByText("Advanced (JSON)", { exact: true }).click();
  return json.inputValue();
}

const selectedLabel = (page: Page, key: string) => page.getByTestId(`setting-${key}`).locator("option:checked").innerText();

describe("the connection settings editor in /admin", () => {
  it("an account manager sets the assortment and user mapping with the controls; saved, they are kept and the JSON shows them", async () => {
    const page = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/connections/${connectionId}`);
    const editor = page.getByTestId("connection-settings-editor");
    await editor.waitFor();
    // Untouched settings show the schema's defaults, stored ones their value.
    assert.equal(await page.getByTestId("setting-assortment").inputValue(), "customer");
    assert.equal(await page.getByTestId("setting-userMapping").inputValue(), "match-email");
    assert.equal(await page.getByTestId("setting-poomEncoding").inputValue(), "cxml-urlencoded");

    await editor.getByLabel("Assortment", { exact: true }).selectOption("contract");
    await page.getByTestId("setting-userMapping").selectOption("match-or-create-email");
    assert.equal(await selectedLabel(page, "assortment"), "Contract assortment only");
    assert.equal(await selectedLabel(page, "userMapping"), "Match by email, create if missing");

    // The JSON follows the controls: the two keys written, nothing else added or lost.
    const edited = JSON.parse(await jsonText(page));
    assert.deepEqual(edited, { ...STORED, assortment: "contract", userMapping: "match-or-create-email" });

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByTestId("form-success").waitFor();
    assert.deepEqual(await storedSettings(), { ...STORED, assortment: "contract", userMapping: "match-or-create-email" });

    await page.reload();
    await page.getByTestId("connection-settings-editor").waitFor();
    assert.equal(await page.getByTestId("setting-assortment").inputValue(), "contract");
    assert.equal(await page.getByTestId("setting-userMapping").inputValue(), "match-or-create-email");
    const reloaded = JSON.parse(await jsonText(page));
    assert.equal(reloaded.assortment, "contract");
    assert.equal(reloaded.userMapping, "match-or-create-email");

    // Editing the JSON moves the controls.
    await page.getByTestId("settings-json").fill(JSON.stringify({ ...reloaded, assortment: "customer" }, null, 2));
    assert.equal(await page.getByTestId("setting-assortment").inputValue(), "customer");
    await page.context().close();
  });

  it("broken JSON turns the controls off and saving shows the server's error; settings the schema refuses are named at their control", async () => {
    const saved = await storedSettings();
    const page = await signIn(browser, "manager@demo.test", "demo-manager", `/admin/connections/${connectionId}`);
    await page.getByTestId("connection-settings-editor").waitFor();
    await jsonText(page);
    await page.getByTestId("settings-json").fill('{ "assortment": "contract", ');
    await page.getByTestId("settings-json-error").waitFor();
    assert.ok(await page.getByTestId("setting-assortment").isDisabled(), "the controls are off while the JSON does not parse");
    assert.ok(await page.getByTestId("setting-userMapping").isDisabled());

    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByTestId("form-error").waitFor();
    assert.match(await page.getByTestId("form-error").innerText(), /The settings must be a JSON object/);
    assert.deepEqual(await storedSettings(), saved, "nothing saved");

    // Valid JSON with a value the schema does not know: the controls are back, the value named at its control, and the server refuses it.
    await page.getByTestId("settings-json").fill(JSON.stringify({ ...saved, userMapping: "match-by-magic" }));
    assert.equal(await page.getByTestId("settings-json-error").count(), 0);
    assert.ok(await page.getByTestId("setting-assortment").isEnabled());
    await page.getByTestId("setting-userMapping-issue").waitFor();
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByTestId("form-error").getByText("The settings are not valid:", { exact: false }).waitFor();
    assert.match(await page.getByTestId("form-error").innerText(), /userMapping/);
    assert.deepEqual(await storedSettings(), saved, "nothing saved");
    await page.context().close();
  });

  it("on a new connection the controls show what the chosen preset sets, without copying it into the JSON", async () => {
    const page = await signIn(browser, "manager@demo.test", "demo-manager", "/admin/connections/new");
    await page.getByLabel("Protocol", { exact: true }).selectOption("cxml");
    await page.getByLabel("Preset", { exact: true }).selectOption("afas");
    // The AFAS preset: orders only, everyone as the technical user.
    assert.equal(await page.getByTestId("setting-userMapping").inputValue(), "connection-user");
    assert.equal(await page.getByTestId("setting-transactions-PunchOutSetupRequest").isChecked(), false);
    assert.equal(await page.getByTestId("setting-transactions-OrderRequest").isChecked(), true);
    assert.deepEqual(JSON.parse(await jsonText(page)), {});

    await page.getByTestId("setting-assortment").selectOption("contract");
    assert.deepEqual(JSON.parse(await jsonText(page)), { assortment: "contract" });
    // Another preset: the controls follow it, what was typed stays.
    await page.getByLabel("Preset", { exact: true }).selectOption("ghx");
    assert.equal(await page.getByTestId("setting-userMapping").inputValue(), "match-unique-name");
    assert.equal(await page.getByTestId("setting-assortment").inputValue(), "contract");
    await page.context().close();
  });
});
