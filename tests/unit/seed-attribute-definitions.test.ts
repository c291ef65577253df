import { describe, expect, it } from "vitest";
import { ATTRIBUTE_NAMES, CATALOG } from "@/db/seed/catalog-vocabulary";
import { generateAttributeDefinitions, generateProducts } from "@/db/seed/generate-catalog";

// As the demo seeds it (seedDemoData's default seed); 5,000 products reach every family many times.
const SEED = 42;
const PRODUCT_COUNT = 5000;

const definitions = generateAttributeDefinitions();
const byKey = new Map(definitions.map((d) => [d.key, d]));

/** Every attribute key the generated catalogue stores, with the values stored under it. */
function producedAttributes(): Map<string, Set<string>> {
  const produced = new Map<string, Set<string>>();
  for (const batch of generateProducts({ productCount: PRODUCT_COUNT, seed: SEED })) {
    for (const product of batch) {
      for (const [key, value] of Object.entries(product.attributes)) {
        if (!produced.has(key)) produced.set(key, new Set());
        produced.get(key)!.add(value);
      }
    }
  }
  return produced;
}

/** Per key, per stored value: every English reading the vocabulary gives it (the product names' words). */
function englishReadings(): Map<string, Map<string, Set<string>>> {
  const readings = new Map<string, Map<string, Set<string>>>();
  for (const dim of CATALOG.flatMap((p) => p.children.flatMap((c) => c.families.flatMap((f) => f.dims)))) {
    if (!readings.has(dim.key)) readings.set(dim.key, new Map());
    const byStored = readings.get(dim.key)!;
    for (const value of dim.values) {
      const stored = value.attr ?? value.nl;
      if (!byStored.has(stored)) byStored.set(stored, new Set());
      byStored.get(stored)!.add(value.attr ? (value.attrEn ?? value.attr) : value.en);
    }
  }
  return readings;
}

const produced = producedAttributes();
const readings = englishReadings();

describe("generateAttributeDefinitions", () => {
  it("defines every key the generated products carry, and every key a variant dimension uses", () => {
    expect(produced.size).toBeGreaterThan(50);
    expect([...produced.keys()].filter((key) => !byKey.has(key))).toEqual([]);
    expect([...readings.keys()].filter((key) => !byKey.has(key))).toEqual([]);
    expect(byKey.has("origin") && byKey.has("unspsc")).toBe(true);
  });

  it("defines nothing the catalogue does not use", () => {
    const used = new Set([...readings.keys(), "origin", "unspsc"]);
    expect(definitions.map((d) => d.key).filter((key) => !used.has(key))).toEqual([]);
  });

  it("keeps keys within the table's 1–40 characters, lower case as in products.attributes", () => {
    for (const { key } of definitions) {
      expect(key.length, key).toBeGreaterThanOrEqual(1);
      expect(key.length, key).toBeLessThanOrEqual(40);
      expect(key).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it("names every key in Dutch and English, non-empty and distinct per language", () => {
    for (const d of definitions) {
      expect(d.nameNl.trim(), d.key).not.toBe("");
      expect(d.nameEn.trim(), d.key).not.toBe("");
      expect(d.nameNl, d.key).toBe(d.nameNl.trim());
      expect(d.nameEn, d.key).toBe(d.nameEn.trim());
    }
    const duplicates = (names: string[]) => names.filter((name, i) => names.findIndex((n) => n.toLowerCase() === name.toLowerCase()) !== i);
    expect(duplicates(definitions.map((d) => d.nameNl))).toEqual([]);
    expect(duplicates(definitions.map((d) => d.nameEn))).toEqual([]);
    expect(byKey.get("colour")).toMatchObject({ nameNl: "Kleur", nameEn: "Color" });
    expect(byKey.get("size")).toMatchObject({ nameNl: "Maat", nameEn: "Size" });
    expect(byKey.get("origin")).toMatchObject({ nameNl: "Land van herkomst", nameEn: "Country of origin" });
  });

  it("orders them as ATTRIBUTE_NAMES does, with unique positions and origin and UNSPSC last", () => {
    expect(definitions.map((d) => d.key)).toEqual(Object.keys(ATTRIBUTE_NAMES));
    expect(definitions.map((d) => d.position)).toEqual(definitions.map((_, i) => i));
    expect(new Set(definitions.map((d) => d.position)).size).toBe(definitions.length);
    expect(definitions.slice(-2).map((d) => d.key)).toEqual(["origin", "unspsc"]);
  });

  it("offers what buyers narrow a list by as a filter, and not the classification code", () => {
    for (const key of ["colour", "size", "format", "capacity", "class", "material", "volume", "length", "width", "weight", "voltage", "grit"]) {
      expect(byKey.get(key)?.filterable, key).toBe(true);
    }
    expect(byKey.get("unspsc")?.filterable).toBe(false);
    // A filter needs a choice: every filterable dimension key has two or more values somewhere.
    for (const d of definitions.filter((d) => d.filterable)) expect(readings.get(d.key)?.size ?? 0, d.key).toBeGreaterThanOrEqual(2);
  });

  it("labels the Dutch colours in English", () => {
    expect(byKey.get("colour")?.valueLabelsEn).toMatchObject({
      blauw: "blue",
      zwart: "black",
      wit: "white",
      rood: "red",
      groen: "green",
      geel: "yellow",
      grijs: "gray",
      oranje: "orange",
      roze: "pink",
      bruin: "brown",
    });
    // Every colour a product stores reads in English as the product's English name says it.
    for (const stored of produced.get("colour") ?? []) {
      const english = readings.get("colour")!.get(stored)!;
      if (!english.has(stored)) expect(byKey.get("colour")!.valueLabelsEn[stored], stored).toBeDefined();
    }
  });

  it("shows every stored value in English as one of the vocabulary's English readings of it", () => {
    for (const [key, values] of produced) {
      if (key === "origin" || key === "unspsc") continue;
      const labels = byKey.get(key)!.valueLabelsEn;
      for (const stored of values) {
        const shown = labels[stored] ?? stored;
        expect([...readings.get(key)!.get(stored)!], `${key}: ${stored}`).toContain(shown);
      }
    }
  });

  it("labels only stored values that differ from their English; origins by the country's English name", () => {
    for (const d of definitions.filter((d) => d.key !== "origin")) {
      for (const [stored, english] of Object.entries(d.valueLabelsEn)) {
        expect(english.trim(), `${d.key}: ${stored}`).not.toBe("");
        expect(english, `${d.key}: ${stored}`).not.toBe(stored);
        expect(readings.get(d.key)?.get(stored)?.has(english), `${d.key}: ${stored}`).toBe(true);
      }
    }
    expect(byKey.get("unspsc")?.valueLabelsEn).toEqual({});
    // Stored as the Dutch name ("Duitsland"), shown in English as "Germany"; China reads the same in both.
    expect(byKey.get("origin")?.valueLabelsEn).toEqual({ Nederland: "Netherlands", Duitsland: "Germany", België: "Belgium", Frankrijk: "France", Italië: "Italy", Polen: "Poland" });
    const origins = produced.get("origin") ?? new Set();
    expect([...origins].sort()).toEqual(["België", "China", "Duitsland", "Frankrijk", "Italië", "Nederland", "Polen"]);
  });

  it("labels a Dutch short attribute value in English ('nitril' is no neutral value like 'PU' or 'L')", () => {
    expect(byKey.get("coating")?.valueLabelsEn).toMatchObject({ nitril: "nitrile" });
    expect(byKey.get("coating")?.valueLabelsEn).not.toHaveProperty("PU");
  });

  it("is deterministic: where a stored value reads two ways, the first family in the vocabulary wins", () => {
    expect(generateAttributeDefinitions()).toEqual(definitions);
    // Paper clips ("galvanized") come before particleboard screws and washers ("zinc plated").
    expect([...readings.get("finish")!.get("verzinkt")!]).toEqual(["galvanized", "zinc plated"]);
    expect(byKey.get("finish")?.valueLabelsEn.verzinkt).toBe("galvanized");
  });
});
