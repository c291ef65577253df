import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/two-step.en.json";
import nl from "@/lib/i18n/messages/two-step.nl.json";

function keys(node: unknown, prefix = ""): string[] {
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => (value && typeof value === "object" ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}
const text = (messages: unknown, key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);

/** Every error an action of two-step verification can answer with, and every message, has a text. */
const SOURCES = ["lib/two-step/two-step.ts", "lib/two-step/second-factor.ts", "lib/account/two-step.ts", "lib/admin/two-step.ts"];
/** Raised on the way by shared checks (staff scope, company admin). */
const SHARED_ERRORS = ["customer_not_found", "company_admin_only", "not_while_viewing_as", "unauthenticated", "not_found", "invalid_input"];
const ACTIONS = ["app/(shop)/account/profile/two-step-actions.ts", "app/(shop)/account/users/two-step-actions.ts", "app/admin/two-step/actions.ts"];

describe("two-step verification texts", () => {
  it("has the same keys in Dutch and English, none empty", () => {
    expect(keys(nl).sort()).toEqual(keys(en).sort());
    for (const messages of [nl, en]) expect(keys(messages).filter((key) => text(messages, key) === "")).toEqual([]);
  });

  it("has a text for every error the lib functions raise and every message the actions answer with", () => {
    const errors = [...SHARED_ERRORS, ...SOURCES.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/new AppError\("[a-z_]+", "([a-z_]+)"/g)].map((m) => m[1]!))];
    const messages = ACTIONS.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/message: "([a-z_]+)"/g)].map((m) => m[1]!));
    expect(errors.length).toBeGreaterThan(10);
    expect(messages.length).toBe(7);
    expect(errors.filter((key) => !keys(en).includes(`twoStep.errors.${key}`))).toEqual([]);
    expect(messages.filter((key) => !keys(en).includes(`twoStep.messages.${key}`))).toEqual([]);
  });
});
