import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import adminEn from "@/lib/i18n/messages/admin.en.json";
import adminNl from "@/lib/i18n/messages/admin.nl.json";
import en from "@/lib/i18n/messages/invoicing.en.json";
import nl from "@/lib/i18n/messages/invoicing.nl.json";

function keys(node: unknown, prefix = ""): string[] {
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    value && typeof value === "object" ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/** Every error code the identifier validators and the invoicing schemas can produce. */
function errorCodes(): string[] {
  const identifiers = readFileSync("lib/einvoice/identifiers.ts", "utf8");
  const union = /export type IdentifierError =([^;]+);/.exec(identifiers)![1]!;
  const fromUnion = [...union.matchAll(/"([a-z_0-9]+)"/g)].map((m) => m[1]!);
  const settings = readFileSync("lib/admin/invoicing-settings.ts", "utf8") + readFileSync("lib/admin/customers.ts", "utf8");
  const fromSchemas = [
    ...settings.matchAll(/message: "([a-z_0-9]+)"/g),
    ...settings.matchAll(/\(\s*[^()]*?,\s*"([a-z_0-9]+)"\)/g),
    ...settings.matchAll(/AppError\("[a-z_]+", "([a-z_0-9]+)"/g),
  ].map((m) => m[1]!);
  return [...new Set([...fromUnion, ...fromSchemas])];
}

describe("invoicing messages", () => {
  it("has the same keys in Dutch and English, none empty", () => {
    expect(keys(nl).sort()).toEqual(keys(en).sort());
    for (const messages of [nl, en]) {
      for (const key of keys(messages)) expect(key.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], messages), key).not.toBe("");
    }
  });

  it("translates every validation code in both languages (admin.errors or admin.problems, where the admin forms look)", () => {
    const codes = errorCodes();
    expect(codes).toEqual(expect.arrayContaining(["vat_checksum", "iban_checksum", "channel_needs_peppol_id", "cxml_channel_needs_connection"]));
    for (const messages of [adminNl, adminEn]) {
      const known = new Set([...Object.keys(messages.admin.errors), ...Object.keys(messages.admin.problems)]);
      expect(codes.filter((code) => !known.has(code))).toEqual([]);
    }
  });
});
