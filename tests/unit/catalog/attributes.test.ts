import { describe, expect, it } from "vitest";
import {
  attributeFacets,
  attributeFilterHref,
  attributeFiltersFromParams,
  labelAttributes,
  letterSizeRank,
  MAX_ATTRIBUTE_FILTERS,
  MAX_FACET_VALUES,
  type AttributeCount,
  type AttributeMeaning,
} from "@/lib/catalog/attributes";
import { listingHref, parseListingParams } from "@/lib/catalog/listing-params";

const definition = (key: string, position: number, extra: Partial<AttributeMeaning> = {}): AttributeMeaning => ({
  key,
  nameNl: `${key}-nl`,
  nameEn: `${key}-en`,
  position,
  filterable: true,
  valueLabelsEn: {},
  ...extra,
});

const colour = definition("colour", 2, { nameNl: "Kleur", nameEn: "Colour", valueLabelsEn: { blauw: "blue", rood: "red" } });
const size = definition("size", 1, { nameNl: "Maat", nameEn: "Size" });
const origin = definition("origin", 9, { nameNl: "Land van herkomst", nameEn: "Country of origin", filterable: false });
const definitions = [colour, origin, size];

describe("labelAttributes", () => {
  it.each<{ name: string; attributes: Record<string, string>; locale: "nl" | "en"; expected: string[][] }>([
    {
      name: "defined keys in position order, named in Dutch, values as stored",
      attributes: { origin: "PL", colour: "blauw", size: "43" },
      locale: "nl",
      expected: [
        ["Maat", "43"],
        ["Kleur", "blauw"],
        ["Land van herkomst", "PL"],
      ],
    },
    {
      name: "English names and value labels where known",
      attributes: { colour: "blauw", size: "43" },
      locale: "en",
      expected: [
        ["Size", "43"],
        ["Colour", "blue"],
      ],
    },
    {
      name: "a value without an English label stays as stored",
      attributes: { colour: "zalm" },
      locale: "en",
      expected: [["Colour", "zalm"]],
    },
    {
      name: "undefined keys follow under their own name, in key order; blank values are left out",
      attributes: { zeta: "1", colour: "rood", alpha: "2", empty: " " },
      locale: "nl",
      expected: [
        ["Kleur", "rood"],
        ["alpha", "2"],
        ["zeta", "1"],
      ],
    },
    {
      name: "an inherited property name is not a label",
      attributes: { colour: "constructor" },
      locale: "en",
      expected: [["Colour", "constructor"]],
    },
  ])("$name", ({ attributes, locale, expected }) => {
    expect(labelAttributes(attributes, definitions, locale).map((a) => [a.label, a.value])).toEqual(expected);
  });

  it("keeps the stored value and whether it is a filter", () => {
    const [line] = labelAttributes({ colour: "blauw" }, definitions, "en");
    expect(line).toMatchObject({ key: "colour", value: "blue", storedValue: "blauw", filterable: true });
    expect(labelAttributes({ origin: "PL" }, definitions, "en")[0]!.filterable).toBe(false);
  });
});

describe("attributeFiltersFromParams", () => {
  it.each([
    { name: "one filter", raw: { "a.colour": "blauw" }, expected: { colour: "blauw" } },
    { name: "trimmed key and value", raw: { "a. size ": " 43 " }, expected: { size: "43" } },
    { name: "first of a repeated parameter", raw: { "a.size": ["43", "44"] }, expected: { size: "43" } },
    { name: "other parameters ignored", raw: { brand: "X", q: "schoen", page: "2" }, expected: {} },
    { name: "empty value dropped (the form's Any)", raw: { "a.size": "" }, expected: {} },
    { name: "empty key dropped", raw: { "a.": "x" }, expected: {} },
    { name: "key over 40 characters dropped", raw: { [`a.${"k".repeat(41)}`]: "x" }, expected: {} },
    { name: "value over 200 characters dropped", raw: { "a.size": "9".repeat(201) }, expected: {} },
    { name: "keys with spaces and dots", raw: { "a.max. load": "150 kg" }, expected: { "max. load": "150 kg" } },
  ])("$name", ({ raw, expected }) => {
    expect(attributeFiltersFromParams(raw)).toEqual(expected);
  });

  it(`takes at most ${MAX_ATTRIBUTE_FILTERS} filters`, () => {
    const raw = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`a.k${i}`, "v"]));
    expect(Object.keys(attributeFiltersFromParams(raw))).toHaveLength(MAX_ATTRIBUTE_FILTERS);
  });
});

describe("listing URLs keep the attribute filters", () => {
  it("round-trips through parseListingParams and listingHref, keys sorted", () => {
    const listing = parseListingParams({ "a.size": "43", "a.colour": "blauw", brand: "Stalwerk", page: "2" });
    expect(listing.attributes).toEqual({ size: "43", colour: "blauw" });
    const href = listingHref("/catalog/schoenen", listing, 3);
    expect(href).toBe("/catalog/schoenen?brand=Stalwerk&a.colour=blauw&a.size=43&page=3");
    const again = parseListingParams(Object.fromEntries(new URLSearchParams(href.split("?")[1])));
    expect(again.attributes).toEqual(listing.attributes);
  });

  it("encodes what a URL cannot carry as is", () => {
    expect(attributeFilterHref("/catalog/x", "max. load", "150 kg & more")).toBe("/catalog/x?a.max.+load=150+kg+%26+more");
  });
});

describe("letterSizeRank", () => {
  it.each([
    ["S", 3],
    ["m", 4],
    [" XL ", 6],
    ["2XL", 7],
    ["3xl", 8],
    ["M/L", 4.5],
    ["XS/S", 2.5],
    ["43", null],
    ["A4", null],
    ["M/L/XL", null],
    ["maat M", null],
    ["", null],
  ])("%j → %j", (value, rank) => {
    expect(letterSizeRank(value)).toBe(rank);
  });
});

describe("attributeFacets", () => {
  /** A count row as the listing's statement returns it: the value with its definition's names. */
  const row = (definition: AttributeMeaning, value: string, count: number): AttributeCount => ({
    key: definition.key,
    value,
    count,
    nameNl: definition.nameNl,
    nameEn: definition.nameEn,
    position: definition.position,
    valueLabelEn: Object.hasOwn(definition.valueLabelsEn, value) ? definition.valueLabelsEn[value]! : null,
  });
  const counts = [row(size, "44", 3), row(size, "100", 1), row(size, "43", 5), row(colour, "rood", 2), row(colour, "blauw", 4)];

  it("offers the counted attributes in position order, values in natural order, with counts", () => {
    const facets = attributeFacets(counts, {}, "nl");
    expect(facets.map((f) => f.label)).toEqual(["Maat", "Kleur"]);
    expect(facets[0]!.values.map((v) => [v.label, v.count])).toEqual([
      ["43", 5],
      ["44", 3],
      ["100", 1],
    ]);
    expect(facets[0]!.selected).toBeNull();
  });

  it("orders clothing sizes by size, whatever else is among them", () => {
    const sizes = ["XXL", "L", "M/L", "S", "XL/XXL", "M", "XL", "one size"].map((value, i) => row(size, value, i + 1));
    expect(attributeFacets(sizes, {}, "nl")[0]!.values.map((v) => v.value)).toEqual(["S", "M", "M/L", "L", "XL", "XL/XXL", "XXL", "one size"]);
  });

  it("labels values in English and sorts by the label", () => {
    const facet = attributeFacets(counts, {}, "en").find((f) => f.key === "colour")!;
    expect(facet.values.map((v) => [v.value, v.label])).toEqual([
      ["blauw", "blue"],
      ["rood", "red"],
    ]);
    expect(facet.label).toBe("Colour");
  });

  it("leaves out an attribute with one value unless it is chosen", () => {
    const one = [row(size, "43", 5)];
    expect(attributeFacets(one, {}, "nl")).toEqual([]);
    expect(attributeFacets(one, { size: "43" }, "nl")).toEqual([
      { key: "size", label: "Maat", selected: "43", values: [{ value: "43", label: "43", count: 5 }] },
    ]);
  });

  it("keeps a chosen value that no product has any more, counted 0; an attribute nobody carries is not offered", () => {
    const facet = attributeFacets(counts, { size: "47" }, "nl")[0]!;
    expect(facet.values.find((v) => v.value === "47")).toEqual({ value: "47", label: "47", count: 0 });
    expect(attributeFacets([], { colour: "groen" }, "nl")).toEqual([]);
  });

  it(`offers at most ${MAX_FACET_VALUES} values, the most frequent`, () => {
    const many = Array.from({ length: MAX_FACET_VALUES + 5 }, (_, i) => row(size, String(i), i + 1));
    const facet = attributeFacets(many, {}, "nl")[0]!;
    expect(facet.values).toHaveLength(MAX_FACET_VALUES);
    expect(facet.values.map((v) => v.value)).not.toContain("0");
    expect(facet.values.map((v) => v.value)).toContain(String(MAX_FACET_VALUES + 4));
  });

  it("takes a value named __proto__ as a value like any other", () => {
    const odd = { ...colour, valueLabelsEn: { __proto__: "prototype" } as Record<string, string> };
    Object.defineProperty(odd.valueLabelsEn, "__proto__", { value: "prototype", enumerable: true });
    const facets = attributeFacets([row(odd, "__proto__", 1), row(odd, "rood", 1)], {}, "en");
    expect(facets[0]!.values.map((v) => v.label)).toEqual(["prototype", "rood"]);
  });
});
