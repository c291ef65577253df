import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/admin.en.json";
import nl from "@/lib/i18n/messages/admin.nl.json";
import invoicingNl from "@/lib/i18n/messages/invoicing.nl.json";
import invoicesNl from "@/lib/i18n/messages/invoices.nl.json";
import ordersNl from "@/lib/i18n/messages/orders.nl.json";
import accountNl from "@/lib/i18n/messages/account.nl.json";
import costCentersNl from "@/lib/i18n/messages/cost-centers.nl.json";
import accountRequestsNl from "@/lib/i18n/messages/account-requests.nl.json";
import twoStepNl from "@/lib/i18n/messages/two-step.nl.json";
import staffNl from "@/lib/i18n/messages/staff.nl.json";
import vatChecksNl from "@/lib/i18n/messages/vat-checks.nl.json";
import categoriesNl from "@/lib/i18n/messages/categories.nl.json";
import attributesNl from "@/lib/i18n/messages/attributesAdmin.nl.json";
import punchoutNl from "@/lib/i18n/messages/punchout.nl.json";

function keys(node: unknown, prefix = ""): string[] {
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    value && typeof value === "object" ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

const OWN = ["app/admin", "components/admin", "app/set-password"].filter((dir) => {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
});
const NOT_MINE = [`app${path.sep}admin${path.sep}connections`, `app${path.sep}admin${path.sep}messages`];

describe("admin messages", () => {
  it("has the same keys in Dutch and English", () => {
    expect(keys(nl).sort()).toEqual(keys(en).sort());
  });

  it("has no empty texts", () => {
    for (const messages of [nl, en]) {
      const empty = keys(messages).filter((key) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages) === "");
      expect(empty).toEqual([]);
    }
  });

  it("defines every static key the admin UI asks for (suffix match within the admin namespace)", () => {
    // Screens under app/admin also take texts from their feature areas (invoicing, invoices, orders, and the
    // customer's own article numbers of My account, the customer's cost centres, account requests, two-step verification, staff members,
    // automatic VAT id checks, categories, attributes, and the punchout message log's words).
    const all = [...keys(nl), ...keys(invoicingNl), ...keys(invoicesNl), ...keys(ordersNl), ...keys(accountNl), ...keys(costCentersNl), ...keys(accountRequestsNl), ...keys(twoStepNl), ...keys(staffNl), ...keys(vatChecksNl), ...keys(categoriesNl), ...keys(attributesNl), ...keys(punchoutNl)];
    const missing: string[] = [];
    for (const file of OWN.flatMap(files).filter((f) => !NOT_MINE.some((dir) => f.startsWith(dir)))) {
      const text = readFileSync(file, "utf8");
      for (const match of text.matchAll(/\bt[a-z]?(?:\.rich)?\("([a-zA-Z_.]+)"/g)) {
        const key = match[1]!;
        if (!all.some((full) => full === `admin.${key}` || full.endsWith(`.${key}`))) missing.push(`${file}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
