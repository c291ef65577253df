import { describe, expect, it } from "vitest";
import { categoryRowSchema, planCategoryImport, slugify, type StoredCategory } from "@/lib/catalog/category-import";

const stored: StoredCategory[] = [
  { id: 1, code: "OFF", parentId: null, slug: "kantoorartikelen", nameNl: "Kantoorartikelen", nameEn: "Office supplies", position: 1 },
  { id: 2, code: "OFF-PAP", parentId: 1, slug: "kopieerpapier", nameNl: "Kopieerpapier", nameEn: "Copy paper", position: 1 },
  { id: 3, code: "LAB", parentId: null, slug: "laboratorium", nameNl: "Laboratorium", nameEn: "Laboratory", position: 2 },
];
const plan = (rows: Record<string, unknown>[]) => planCategoryImport(rows.map((row) => categoryRowSchema.parse(row)), stored);

describe("category slugs", () => {
  it.each([
    ["Kopieerpapier & enveloppen", "kopieerpapier-enveloppen"],
    ["Schoonmaak/Hygiëne", "schoonmaak-hygiene"],
    ["  ", "categorie"],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});

describe("category rows", () => {
  it("creates a top-level category and a child of it in one batch; slugs from the Dutch name, unique", () => {
    expect(plan([
      { code: "CLN", nameNl: "Schoonmaak", nameEn: "Cleaning" },
      { code: "CLN-SOAP", parent: "CLN", nameNl: "Kopieerpapier" },
    ])).toEqual([
      { code: "CLN", outcome: "created", values: { parentCode: null, slug: "schoonmaak", nameNl: "Schoonmaak", nameEn: "Cleaning", position: 0 } },
      { code: "CLN-SOAP", outcome: "created", values: { parentCode: "CLN", slug: "kopieerpapier-2", nameNl: "Kopieerpapier", nameEn: "Kopieerpapier", position: 0 } },
    ]);
  });

  it("renames without moving the URL; moves under another top-level category; says when nothing changes", () => {
    expect(plan([{ code: "OFF-PAP", nameNl: "Printpapier" }])[0]).toMatchObject({ outcome: "updated", values: { slug: "kopieerpapier", parentCode: "OFF", nameEn: "Copy paper" } });
    expect(plan([{ code: "OFF-PAP", parent: "LAB" }])[0]).toMatchObject({ outcome: "updated", values: { parentCode: "LAB" } });
    expect(plan([{ code: "OFF-PAP", parent: "OFF", nameNl: "Kopieerpapier", position: 1 }])[0]).toMatchObject({ outcome: "unchanged" });
    expect(plan([{ code: "OFF-PAP", parent: null }])[0]).toMatchObject({ outcome: "updated", values: { parentCode: null } });
  });

  it.each<[string, Record<string, unknown>[], { field: string; problem: string }]>([
    ["a new category without a name", [{ code: "NEW" }], { field: "nameNl", problem: "missing_name" }],
    ["an unknown parent", [{ code: "NEW", nameNl: "X", parent: "NOPE" }], { field: "parent", problem: "unknown_parent" }],
    ["its own parent", [{ code: "LAB", parent: "LAB" }], { field: "parent", problem: "own_parent" }],
    ["a third level", [{ code: "NEW", nameNl: "X", parent: "OFF-PAP" }], { field: "parent", problem: "too_deep" }],
    ["a parent for a category with children", [{ code: "OFF", parent: "LAB" }], { field: "parent", problem: "has_children" }],
    ["a slug in use", [{ code: "LAB", slug: "kopieerpapier" }], { field: "slug", problem: "slug_taken" }],
    ["a slug with capitals", [{ code: "LAB", slug: "Lab" }], { field: "slug", problem: "slug_format" }],
  ])("refuses %s", (_name, rows, problem) => {
    expect(plan(rows).at(-1)).toMatchObject({ outcome: "invalid", problems: [problem] });
  });

  it("a move that makes room in the same batch is fine (the child moves up first)", () => {
    expect(plan([
      { code: "OFF-PAP", parent: null },
      { code: "OFF", parent: "LAB" },
    ]).map((p) => p.outcome)).toEqual(["updated", "updated"]);
  });
});
