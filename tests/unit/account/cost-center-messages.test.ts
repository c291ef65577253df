import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/cost-centers.en.json";
import nl from "@/lib/i18n/messages/cost-centers.nl.json";

function keys(node: unknown, prefix = ""): string[] {
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    value && typeof value === "object" ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("cost centre messages", () => {
  it("has the same keys in Dutch and English, none empty", () => {
    expect(keys(nl).sort()).toEqual(keys(en).sort());
    for (const messages of [nl, en]) {
      for (const key of keys(messages)) expect(key.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], messages), key).not.toBe("");
    }
  });

  it("translates every message and error code the cost centre actions and lib can produce", () => {
    // The actions and the money field they use.
    const actions = readFileSync("app/(shop)/account/cost-centers/actions.ts", "utf8") + readFileSync("lib/account/money-input.ts", "utf8");
    const lib = readFileSync("lib/account/cost-centers.ts", "utf8") + readFileSync("lib/data/cost-centers.ts", "utf8");
    const messages = [...actions.matchAll(/message: "([a-z_]+)"/g), ...actions.matchAll(/message: \w+ \? "([a-z_]+)" : "([a-z_]+)"/g)].flatMap((m) => m.slice(1));
    const successes = messages.filter((m) => m.startsWith("cost_center_"));
    const errors = [
      ...messages.filter((m) => !m.startsWith("cost_center_")),
      ...[...actions.matchAll(/, "([a-z_]+)"\)/g)].map((m) => m[1]!),
      ...[...lib.matchAll(/AppError\("(?:forbidden|conflict|not_found)", "([a-z_]+)"/g)].map((m) => m[1]!).filter((code) => code !== "approver_only"),
      // Input errors of the admin's forms; those on the checkout's cost centre field are the checkout's texts.
      ...[...lib.matchAll(/AppError\("invalid_input", "([a-z_]+)"(?:, \{ field: "(\w+)" \})?/g)].filter((m) => m[2] !== "costCenter").map((m) => m[1]!),
    ];
    expect(successes).toEqual(expect.arrayContaining(["cost_center_added", "cost_center_saved", "cost_center_required_on", "cost_center_required_off", "cost_center_default_saved"]));
    expect(errors).toEqual(
      expect.arrayContaining(["invalid_amount", "code_invalid", "cost_center_code_taken", "company_admin_only", "choose_users", "used_by_invalid", "unknown_user", "user_not_found", "cost_center_not_for_user"]),
    );
    expect(errors).not.toContain("unknown_cost_center");
    for (const { costCenters } of [nl, en]) {
      for (const key of successes) expect(Object.keys(costCenters.form.messages), key).toContain(key);
      for (const key of errors) expect(Object.keys(costCenters.form.errors), key).toContain(key);
    }
  });
});
