import { describe, expect, it } from "vitest";
import type { Category } from "@/db/schema";
import { categoriesMatchingSearch } from "@/lib/catalog/category-tree";

const category = (id: number, nameNl: string, nameEn: string, position = id): Category => ({
  id,
  parentId: 1,
  slug: nameNl.toLowerCase(),
  code: `C${id}`,
  nameNl,
  nameEn,
  position,
});
const categories = [
  category(2, "Werkhandschoenen", "Work gloves"),
  category(3, "Wegwerphandschoenen", "Disposable gloves"),
  category(4, "Kopieerpapier", "Copy paper"),
  category(5, "Smeermiddelen", "Lubricants"),
  category(6, "Veiligheidsschoenen", "Safety shoes", 0),
  category(7, "Handhygiëne", "Hand hygiene"),
  category(8, "Handgereedschap", "Hand tools"),
];
const names = (query: string) => categoriesMatchingSearch(categories, query).map((c) => c.nameNl);

describe("categoriesMatchingSearch", () => {
  it.each([
    { query: "werkhandschoenen", expected: ["Werkhandschoenen"] },
    { query: "handschoenen", expected: ["Werkhandschoenen", "Wegwerphandschoenen"] },
    { query: "Nitril HANDSCHOENEN maat 9", expected: ["Werkhandschoenen", "Wegwerphandschoenen"] },
    { query: "kopieerpapier a4", expected: ["Kopieerpapier"] },
    { query: "schoenen", expected: ["Veiligheidsschoenen", "Werkhandschoenen", "Wegwerphandschoenen"] },
    { query: "olie", expected: [] },
    { query: "pen", expected: [] },
    { query: "2026", expected: [] },
    { query: "", expected: [] },
  ])("$query → $expected", ({ query, expected }) => {
    expect(names(query)).toEqual(expected);
  });

  it("reads the names in both languages, as the search does", () => {
    expect(names("gloves")).toEqual(["Werkhandschoenen", "Wegwerphandschoenen"]);
    expect(names("disposable")).toEqual(["Wegwerphandschoenen"]);
  });

  it("a word that only begins like a category's word is not it ('handschoen' is no Hand tools)", () => {
    expect(names("handschoen")).toEqual(["Werkhandschoenen", "Wegwerphandschoenen"]);
    expect(names("handgereedschap")).toEqual(["Handgereedschap"]);
    expect(names("tools")).toEqual(["Handgereedschap"]);
  });

  it("a typed compound containing a category's name finds it", () => {
    expect(names("kettingsmeermiddelen")).toEqual(["Smeermiddelen"]);
  });

  it("offers at most the limit", () => {
    expect(categoriesMatchingSearch(categories, "schoenen", 2)).toHaveLength(2);
  });
});
