import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/account-requests.en.json";
import nl from "@/lib/i18n/messages/account-requests.nl.json";

function keys(node: unknown, prefix = ""): string[] {
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    value && typeof value === "object" ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("account request messages", () => {
  it("has the same keys in Dutch and English, none empty", () => {
    expect(keys(nl).sort()).toEqual(keys(en).sort());
    for (const messages of [nl, en]) {
      for (const key of keys(messages)) expect(key.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], messages), key).not.toBe("");
    }
  });

  it("translates every issue of the public form's schema", () => {
    const schema = readFileSync("lib/account-requests/request-account.ts", "utf8");
    const issues = [...new Set([...schema.matchAll(/(?:message: |, |\()"([a-z]+_[a-z_]+|required)"/g)].map((m) => m[1]!))];
    expect(issues).toEqual(expect.arrayContaining(["required", "too_long", "country_format", "email_format", "kvk_format", "vat_format", "postal_code_format"]));
    for (const { accountRequests } of [nl, en]) {
      for (const issue of issues) expect(Object.keys(accountRequests.form.errors), issue).toContain(issue);
    }
  });

  it("translates every error code the staff decision can produce", () => {
    const lib = readFileSync("lib/admin/account-requests.ts", "utf8") + readFileSync("lib/data/account-requests.ts", "utf8");
    const codes = [...new Set([...lib.matchAll(/AppError\("[a-z_]+", "([a-z_]+)"/g)].map((m) => m[1]!))];
    expect(codes).toEqual(expect.arrayContaining(["account_request_not_found", "account_request_decided", "email_taken", "reason_required"]));
    for (const { accountRequests } of [nl, en]) {
      for (const code of [...codes, "customer_not_found", "not_found", "invalid_input"]) expect(Object.keys(accountRequests.adminForm.errors), code).toContain(code);
    }
  });
});
