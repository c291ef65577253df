import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/categories.en.json";
import nl from "@/lib/i18n/messages/categories.nl.json";
import type { CategoryProblem } from "@/lib/admin/categories";

function keys(node: unknown, prefix = ""): string[] {
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) => (value && typeof value === "object" ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]));
}

// Every refusal the save action translates (app/admin/categories/actions.ts) must have a text at its field.
const PROBLEMS: Record<CategoryProblem, true> = {
  missing_name: true,
  unknown_parent: true,
  own_parent: true,
  too_deep: true,
  has_children: true,
  slug_format: true,
  slug_taken: true,
  code_taken: true,
  unknown_code: true,
  code_format: true,
};

describe("category admin messages", () => {
  it("has the same keys in Dutch and English, none empty", () => {
    expect(keys(nl).sort()).toEqual(keys(en).sort());
    for (const messages of [nl, en]) expect(keys(messages).filter((key) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages) === "")).toEqual([]);
  });

  it("names every problem of a refused save", () => {
    for (const messages of [nl, en]) expect(Object.keys(messages.categoriesAdmin.form.problems).sort()).toEqual(Object.keys(PROBLEMS).sort());
  });
});
