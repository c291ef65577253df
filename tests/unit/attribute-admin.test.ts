import { describe, expect, it } from "vitest";
import {
  attributeAdminRows,
  attributeDefinitionSchema,
  checkValueLabels,
  duplicateKeyIndex,
  formatValueLabels,
  moveDefinition,
  nextPosition,
  parseValueLabels,
  planAttributeUpsert,
  type AttributeUsage,
  type StoredAttributeDefinition,
} from "@/lib/catalog/attribute-admin";

const long = (n: number) => "x".repeat(n);

describe("parseValueLabels", () => {
  it.each<{ label: string; text: string; expected: ReturnType<typeof parseValueLabels> }>([
    { label: "empty text: no labels", text: "", expected: { labels: {} } },
    { label: "one line, trimmed both sides", text: "  blauw =  blue ", expected: { labels: { blauw: "blue" } } },
    { label: "blank lines ignored, CRLF too", text: "\nblauw = blue\r\n\r\n   \ngroen=green\n", expected: { labels: { blauw: "blue", groen: "green" } } },
    { label: "split at the first =: the label may hold one", text: "gelijk = a = b", expected: { labels: { gelijk: "a = b" } } },
    { label: "values with spaces and symbols", text: "80 g/m² mat = 80 gsm matt\nroestvrij staal (RVS) = stainless steel", expected: { labels: { "80 g/m² mat": "80 gsm matt", "roestvrij staal (RVS)": "stainless steel" } } },
    { label: "a value named like an Object property", text: "constructor = builder\n__proto__ = proto", expected: { labels: { constructor: "builder", ["__proto__"]: "proto" } } },
    { label: "no = names its line (blank lines counted)", text: "blauw = blue\n\nrood red", expected: { line: 3, problem: "missing_separator" } },
    { label: "nothing before the =", text: " = blue", expected: { line: 1, problem: "value_empty" } },
    { label: "nothing after the =", text: "blauw = blue\ngroen =   ", expected: { line: 2, problem: "label_empty" } },
    { label: "value of 201 characters", text: `${long(201)} = x`, expected: { line: 1, problem: "value_too_long" } },
    { label: "label of 201 characters", text: `x = ${long(201)}`, expected: { line: 1, problem: "label_too_long" } },
    { label: "200 characters each side is fine", text: `${long(200)} = ${long(200)}`, expected: { labels: { [long(200)]: long(200) } } },
    { label: "the same Dutch value twice (after trimming)", text: "blauw = blue\ngroen = green\n blauw = navy", expected: { line: 3, problem: "duplicate_value" } },
    { label: "the first problem wins", text: "a = 1\nb\n = c", expected: { line: 2, problem: "missing_separator" } },
  ])("$label", ({ text, expected }) => {
    expect(parseValueLabels(text)).toEqual(expected);
  });

  it("takes 500 lines, refuses the 501st (by its line, blank lines in between counted)", () => {
    const lines = Array.from({ length: 500 }, (_, i) => `w${i} = l${i}`);
    const parsed = parseValueLabels(lines.join("\n"));
    expect("labels" in parsed && Object.keys(parsed.labels).length).toBe(500);
    expect(parseValueLabels(["", ...lines, "", "w500 = l500"].join("\n"))).toEqual({ line: 503, problem: "too_many_labels" });
    // Blank lines do not count towards the 500.
    expect("labels" in parseValueLabels([...lines, "", "", ""].join("\n"))).toBe(true);
  });

  it("formats by Dutch value and parses back to the same labels", () => {
    const labels = { rood: "red", blauw: "blue", "éénkleurig": "single colour", gelijk: "a = b", "80 g/m²": "80 gsm" };
    const text = formatValueLabels(labels);
    expect(text.split("\n")[0]).toBe("80 g/m² = 80 gsm");
    expect(text.split("\n").slice(1, 3)).toEqual(["blauw = blue", "éénkleurig = single colour"]);
    expect(parseValueLabels(text)).toEqual({ labels });
    expect(formatValueLabels({})).toBe("");
  });
});

describe("checkValueLabels (the API's object)", () => {
  it.each<{ label: string; pairs: [string, string][]; expected: ReturnType<typeof checkValueLabels> }>([
    { label: "trimmed", pairs: [[" blauw ", " blue "]], expected: { labels: { blauw: "blue" } } },
    { label: "a Dutch value with = (the form could not write it back)", pairs: [["a=b", "x"]], expected: { index: 0, problem: "value_has_equals" } },
    { label: "a line break in a label", pairs: [["ok", "fine"], ["blauw", "blue\nnavy"]], expected: { index: 1, problem: "line_break" } },
    { label: "two keys equal once trimmed", pairs: [["blauw", "blue"], ["blauw ", "navy"]], expected: { index: 1, problem: "duplicate_value" } },
  ])("$label", ({ pairs, expected }) => {
    expect(checkValueLabels(pairs)).toEqual(expected);
  });
});

describe("attributeDefinitionSchema", () => {
  it.each<{ label: string; input: unknown; ok: boolean; path?: PropertyKey[] }>([
    { label: "the least: key and Dutch name", input: { key: "kleur", nameNl: "Kleur" }, ok: true },
    { label: "everything", input: { key: "kleur", nameNl: "Kleur", nameEn: "Colour", position: 3, filterable: true, valueLabelsEn: { blauw: "blue" } }, ok: true },
    { label: "key with spaces and a slash (as the product import takes it)", input: { key: "lengte / breedte", nameNl: "L/B" }, ok: true },
    { label: "key of 41 characters", input: { key: long(41), nameNl: "X" }, ok: false, path: ["key"] },
    { label: "key of spaces only", input: { key: "   ", nameNl: "X" }, ok: false, path: ["key"] },
    { label: "Dutch name missing", input: { key: "k" }, ok: false, path: ["nameNl"] },
    { label: "Dutch name of spaces", input: { key: "k", nameNl: "  " }, ok: false, path: ["nameNl"] },
    { label: "English name of 81 characters", input: { key: "k", nameNl: "K", nameEn: long(81) }, ok: false, path: ["nameEn"] },
    { label: "negative position", input: { key: "k", nameNl: "K", position: -1 }, ok: false, path: ["position"] },
    { label: "filterable as a string", input: { key: "k", nameNl: "K", filterable: "yes" }, ok: false, path: ["filterable"] },
    { label: "an empty label, at its value", input: { key: "k", nameNl: "K", valueLabelsEn: { blauw: " " } }, ok: false, path: ["valueLabelsEn", "blauw"] },
    { label: "labels as an array", input: { key: "k", nameNl: "K", valueLabelsEn: ["blue"] }, ok: false, path: ["valueLabelsEn"] },
  ])("$label", ({ input, ok, path }) => {
    const parsed = attributeDefinitionSchema.safeParse(input);
    expect(parsed.success).toBe(ok);
    if (!parsed.success && path) expect(parsed.error.issues[0]!.path).toEqual(path);
  });

  it("trims the key and the names", () => {
    expect(attributeDefinitionSchema.parse({ key: " kleur ", nameNl: " Kleur ", nameEn: " Colour " })).toMatchObject({ key: "kleur", nameNl: "Kleur", nameEn: "Colour" });
  });
});

const stored = (key: string, position: number, more: Partial<StoredAttributeDefinition> = {}): StoredAttributeDefinition => ({
  key,
  nameNl: key,
  nameEn: key,
  position,
  filterable: false,
  valueLabelsEn: {},
  ...more,
});

describe("planAttributeUpsert", () => {
  it.each<{ label: string; rows: Parameters<typeof planAttributeUpsert>[0]; stored: StoredAttributeDefinition[]; expected: { key: string; outcome: string; values?: Partial<StoredAttributeDefinition> }[] }>([
    {
      label: "new keys go after the last definition, in the batch's order; defaults filled in",
      rows: [{ key: "b", nameNl: "B" }, { key: "c", nameNl: "C", nameEn: "See", filterable: true }],
      stored: [stored("a", 4)],
      expected: [
        { key: "b", outcome: "created", values: { position: 5, nameEn: "B", filterable: false, valueLabelsEn: {} } },
        { key: "c", outcome: "created", values: { position: 6, nameEn: "See", filterable: true } },
      ],
    },
    { label: "a given position is taken, and the next new one goes after it", rows: [{ key: "b", nameNl: "B", position: 10 }, { key: "c", nameNl: "C" }], stored: [], expected: [{ key: "b", outcome: "created", values: { position: 10 } }, { key: "c", outcome: "created", values: { position: 11 } }] },
    { label: "left out on an update: kept", rows: [{ key: "a", nameNl: "a" }], stored: [stored("a", 2, { filterable: true, valueLabelsEn: { x: "y" } })], expected: [{ key: "a", outcome: "unchanged", values: { position: 2, filterable: true, valueLabelsEn: { x: "y" } } }] },
    { label: "a new name is an update", rows: [{ key: "a", nameNl: "Anders" }], stored: [stored("a", 0)], expected: [{ key: "a", outcome: "updated", values: { nameNl: "Anders", nameEn: "a" } }] },
    { label: "labels in another order are the same", rows: [{ key: "a", nameNl: "a", valueLabelsEn: { q: "1", p: "2" } }], stored: [stored("a", 0, { valueLabelsEn: { p: "2", q: "1" } })], expected: [{ key: "a", outcome: "unchanged" }] },
    { label: "one label fewer is an update", rows: [{ key: "a", nameNl: "a", valueLabelsEn: { p: "2" } }], stored: [stored("a", 0, { valueLabelsEn: { p: "2", q: "1" } })], expected: [{ key: "a", outcome: "updated" }] },
    { label: "no labels sent as {} clears them", rows: [{ key: "a", nameNl: "a", valueLabelsEn: {} }], stored: [stored("a", 0, { valueLabelsEn: { p: "2" } })], expected: [{ key: "a", outcome: "updated", values: { valueLabelsEn: {} } }] },
  ])("$label", ({ rows, stored: current, expected }) => {
    const plans = planAttributeUpsert(rows, current);
    expect(plans).toHaveLength(expected.length);
    for (const [i, want] of expected.entries()) expect(plans[i]).toMatchObject(want);
  });

  it("what GET gives back (every field) is all unchanged", () => {
    const current = [stored("a", 0, { nameEn: "A", filterable: true, valueLabelsEn: { blauw: "blue" } }), stored("b", 1)];
    const plans = planAttributeUpsert(current.map((definition) => attributeDefinitionSchema.parse(JSON.parse(JSON.stringify(definition)))), current);
    expect(plans.map((plan) => plan.outcome)).toEqual(["unchanged", "unchanged"]);
  });
});

describe("duplicateKeyIndex", () => {
  it.each([
    { keys: [], expected: null },
    { keys: ["a", "b"], expected: null },
    { keys: ["a", "b", "a", "b"], expected: 2 },
  ])("$keys → $expected", ({ keys, expected }) => {
    expect(duplicateKeyIndex(keys.map((key) => ({ key })))).toBe(expected);
  });
});

describe("moveDefinition and nextPosition", () => {
  const d = (key: string, position: number) => ({ key, position });
  it.each<{ label: string; ordered: { key: string; position: number }[]; key: string; direction: "up" | "down"; expected: { key: string; position: number }[] | null }>([
    { label: "distinct positions: the two swap", ordered: [d("a", 0), d("b", 5), d("c", 9)], key: "c", direction: "up", expected: [d("c", 5), d("b", 9)] },
    { label: "down is the mirror of up", ordered: [d("a", 0), d("b", 5), d("c", 9)], key: "a", direction: "down", expected: [d("a", 5), d("b", 0)] },
    { label: "the first cannot go up", ordered: [d("a", 0), d("b", 1)], key: "a", direction: "up", expected: null },
    { label: "the last cannot go down", ordered: [d("a", 0), d("b", 1)], key: "b", direction: "down", expected: null },
    { label: "unknown key", ordered: [d("a", 0)], key: "z", direction: "up", expected: null },
    { label: "equal positions: all numbered in the new order (only changes returned)", ordered: [d("a", 0), d("b", 0), d("c", 0)], key: "c", direction: "up", expected: [d("c", 1), d("b", 2)] },
    { label: "a tie elsewhere is numbered too", ordered: [d("a", 1), d("b", 1), d("c", 1)], key: "a", direction: "down", expected: [d("b", 0), d("c", 2)] },
  ])("$label", ({ ordered, key, direction, expected }) => {
    const changes = moveDefinition(ordered, key, direction);
    expect(changes).toEqual(expected);
    if (!changes) return;
    // Sorted like the database (position, then key), the order afterwards is the old one with the two swapped.
    const after = ordered.map((x) => ({ ...x, position: changes.find((c) => c.key === x.key)?.position ?? x.position })).sort((x, y) => x.position - y.position || (x.key < y.key ? -1 : 1));
    const wanted = ordered.map((x) => x.key);
    const i = wanted.indexOf(key);
    const j = direction === "up" ? i - 1 : i + 1;
    [wanted[i], wanted[j]] = [wanted[j]!, wanted[i]!];
    expect(after.map((x) => x.key)).toEqual(wanted);
  });

  it.each([
    { positions: [], expected: 0 },
    { positions: [0, 7, 3], expected: 8 },
  ])("nextPosition($positions) = $expected", ({ positions, expected }) => {
    expect(nextPosition(positions.map((position) => ({ position })))).toBe(expected);
  });
});

describe("attributeAdminRows", () => {
  const use = (key: string, active: number, inactive = 0): AttributeUsage => ({ key, activeProducts: active, inactiveProducts: inactive, distinctValues: 1, examples: [{ value: "v", products: active + inactive }] });
  it("definitions first in their order (first/last among them), then undefined keys by use, then key; a definition nobody uses has zero counts", () => {
    const rows = attributeAdminRows([stored("kleur", 0), stored("maat", 1), stored("ongebruikt", 2)], [use("zz", 3), use("maat", 2, 1), use("aa", 3), use("herkomst", 9), use("kleur", 5)]);
    expect(rows.map((row) => [row.key, row.definition !== null, row.first, row.last])).toEqual([
      ["kleur", true, true, false],
      ["maat", true, false, false],
      ["ongebruikt", true, false, true],
      ["herkomst", false, true, true],
      ["aa", false, true, true],
      ["zz", false, true, true],
    ]);
    expect(rows[1]!.usage).toMatchObject({ activeProducts: 2, inactiveProducts: 1 });
    expect(rows[2]!.usage).toEqual({ key: "ongebruikt", activeProducts: 0, inactiveProducts: 0, distinctValues: 0, examples: [] });
  });
});
