import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { cifFields } from "../support/cif";
import { BMECAT_2005_XSD } from "../support/shared-dir";
import { launchBrowser, signIn } from "./support/browser";
import { openE2eDatabase } from "./support/database";

/**
 * An account manager downloads a static catalogue for Demo Facilities in Chromium: the file the
 * browser saves is the customer's contract assortment, at the prices the customer sees.
 */
let browser: Browser;
const sql = openE2eDatabase();
const dir = mkdtempSync(path.join(tmpdir(), "koppel-e2e-catalog-"));

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await sql.end();
  rmSync(dir, { recursive: true, force: true });
});

describe("Catalogue export", () => {
  it("manager → customer → Catalogue: CIF and BMEcat downloads of the customer's contract prices", async () => {
    const [company] = await sql<{ id: number }[]>`select id from companies where name = 'Demo Facilities B.V.'`;
    assert.ok(company);
    const target = `/admin/customers/${company.id}/catalog`;
    const page = await signIn(browser, "manager@demo.test", "demo-manager", target);
    try {
      const form = page.getByTestId("catalog-export-form");
      // The seed's demo cXML connection addresses us as NetworkID KOPPEL.
      assert.equal(await form.locator("input[name=supplierId]").inputValue(), "KOPPEL");

      const [cif] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: "Download catalog" }).click()]);
      assert.match(cif.suggestedFilename(), /^catalogus-demo-facilities-b-v-\d{4}-\d{2}-\d{2}\.cif$/);
      const cifText = readFileSync((await cif.path())!, "utf8");
      const lines = cifText.split("\r\n");
      assert.equal(lines[0], "CIF_I_V3.0");
      const rows = lines.slice(lines.indexOf("DATA") + 1, lines.indexOf("ENDOFDATA"));
      assert.ok(rows.length > 0, "the customer has contract products");
      assert.ok(lines.includes(`ITEMCOUNT: ${rows.length}`));
      // The form named the count before the download, and no warning of an empty file.
      assert.ok((await page.getByTestId("catalog-export-scope").innerText()).includes(`(${rows.length})`));
      assert.equal(await page.getByTestId("catalog-export-no-contract").count(), 0);
      // A row's price is what the customer's buyer sees in the shop (the first row's product).
      const first = cifFields(rows[0]!);
      const [sku, price] = [first[1]!, first[5]!];
      const productPath = `/products/${encodeURIComponent(sku)}`;
      const shop = await signIn(browser, "companyadmin@demo.test", "demo-companyadmin", productPath);
      try {
        const shown = await shop.locator("main").getByTestId("price").first().locator("span").first().innerText();
        assert.equal(Number(shown.replace(/[^\d]/g, "")), Number(price.replace(".", "")), `shop shows ${shown}, catalogue ${price}`);
      } finally {
        await shop.context().close();
      }
      await form.locator("input[name=format][value=bmecat]").check();
      const [bmecat] = await Promise.all([page.waitForEvent("download"), form.getByRole("button", { name: "Download catalog" }).click()]);
      const file = path.join(dir, "catalog.xml");
      await bmecat.saveAs(file);
      const xml = readFileSync(file, "utf8");
      assert.equal(xml.match(/<PRODUCT mode="new">/g)?.length, rows.length, "the same products in both formats");
      if (existsSync(BMECAT_2005_XSD)) {
        const run = spawnSync("xmllint", ["--noout", "--schema", BMECAT_2005_XSD, file], { encoding: "utf8" });
        assert.equal(run.status, 0, run.stderr.slice(0, 2000));
      }
    } finally {
      await page.context().close();
    }
  });
});
