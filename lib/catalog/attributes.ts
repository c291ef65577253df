import type { AttributeDefinition } from "@/db/schema";
import type { Locale } from "@/lib/i18n/locales";

/** What the shop, the back office and the seed handle of an attribute definition (all but the time it changed). */
export type AttributeMeaning = Omit<AttributeDefinition, "updatedAt">;

/** One line of a product's specifications as the shop shows it. */
export interface LabelledAttribute {
  key: string;
  label: string;
  /** As the shopper reads it (translated where a label is known). */
  value: string;
  /** As stored: what a filter on it compares. */
  storedValue: string;
  /** Offered as a filter: the value may link to its category filtered on it. */
  filterable: boolean;
}

/** The filters on attributes a listing URL holds: key → the one value chosen. */
export type AttributeFilters = Record<string, string>;

/** Query-string parameters of attribute filters: `a.<key>=<value>` (`a.colour=blauw`). */
export const ATTRIBUTE_PARAM_PREFIX = "a.";
/** More filters than any page offers at once: the rest of a longer URL is ignored. */
export const MAX_ATTRIBUTE_FILTERS = 8;
/** At most this many values per attribute are offered (the most frequent; a chosen one always). */
export const MAX_FACET_VALUES = 40;

export function attributeName(definition: AttributeMeaning, locale: Locale): string {
  return locale === "en" ? definition.nameEn : definition.nameNl;
}

/** A stored value as the shopper reads it: its English label in English where one is known. */
export function attributeValueLabel(definition: AttributeMeaning | undefined, value: string, locale: Locale): string {
  if (locale !== "en" || !definition) return value;
  return Object.hasOwn(definition.valueLabelsEn, value) ? definition.valueLabelsEn[value]! : value;
}

const byKey = (definitions: readonly AttributeMeaning[]) => new Map(definitions.map((d) => [d.key, d]));

/**
 * A product's attributes in the shopper's language and in the definitions' order; keys nobody has
 * defined yet follow under their own name (in key order), so nothing a product carries is hidden.
 */
export function labelAttributes(attributes: Record<string, string>, definitions: readonly AttributeMeaning[], locale: Locale): LabelledAttribute[] {
  const known = byKey(definitions);
  return Object.entries(attributes)
    .filter(([, value]) => value.trim() !== "")
    .map(([key, value]) => ({ key, value, definition: known.get(key) }))
    .sort((a, b) => {
      if (a.definition && b.definition) return a.definition.position - b.definition.position || compareText(a.key, b.key);
      if (a.definition || b.definition) return a.definition ? -1 : 1;
      return compareText(a.key, b.key);
    })
    .map(({ key, value, definition }) => ({
      key,
      label: definition ? attributeName(definition, locale) : key,
      value: attributeValueLabel(definition, value, locale),
      storedValue: value,
      filterable: definition?.filterable ?? false,
    }));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The attribute filters of a listing's query string. Malformed ones are dropped, not refused (a
 * shared link with a stale filter still shows the category): key 1–40 characters as products carry
 * them, value 1–200, the first value of a repeated parameter, at most MAX_ATTRIBUTE_FILTERS.
 */
export function attributeFiltersFromParams(raw: Record<string, string | string[] | undefined>): AttributeFilters {
  const filters: AttributeFilters = {};
  let taken = 0;
  for (const [name, given] of Object.entries(raw)) {
    if (!name.startsWith(ATTRIBUTE_PARAM_PREFIX)) continue;
    const key = name.slice(ATTRIBUTE_PARAM_PREFIX.length).trim();
    const value = (Array.isArray(given) ? given[0] : given)?.trim() ?? "";
    if (key.length < 1 || key.length > 40 || value.length < 1 || value.length > 200) continue;
    if (taken >= MAX_ATTRIBUTE_FILTERS) break;
    filters[key] = value;
    taken++;
  }
  return filters;
}

/** A listing filtered on one attribute value: `/catalog/<slug>?a.<key>=<value>`. */
export function attributeFilterHref(path: string, key: string, value: string): string {
  return `${path}?${new URLSearchParams([[`${ATTRIBUTE_PARAM_PREFIX}${key}`, value]]).toString()}`;
}

/** The filters as query-string pairs, in key order (one URL per selection: cache- and test-friendly). */
export function attributeFilterParams(filters: AttributeFilters): [string, string][] {
  return Object.keys(filters)
    .sort(compareText)
    .map((key) => [`${ATTRIBUTE_PARAM_PREFIX}${key}`, filters[key]!]);
}

const LETTER_SIZES = ["XXXS", "XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL", "XXXXL"];

/**
 * Where a clothing size stands among the others (S < M < L < XL…, "2XL" = XXL, "M/L" between M and
 * L), or null for anything else: sizes sorted as text read "L, M, S, XL".
 */
export function letterSizeRank(value: string): number | null {
  const parts = value.trim().toUpperCase().split("/");
  if (parts.length > 2) return null;
  const ranks = parts.map((part) => {
    const size = part.trim().replace(/^([2-5])XL$/, (_, n: string) => "X".repeat(Number(n)) + "L");
    const rank = LETTER_SIZES.indexOf(size);
    return rank < 0 ? null : rank;
  });
  return ranks.some((rank) => rank === null) ? null : (ranks as number[]).reduce((sum, rank) => sum + rank, 0) / ranks.length;
}

/** Values in the order a buyer expects: clothing sizes by size, the rest naturally ("38" before "100", "A3" before "A4"). */
function compareValues(collator: Intl.Collator) {
  return (a: { value: string; label: string }, b: { value: string; label: string }): number => {
    const [rankA, rankB] = [letterSizeRank(a.value), letterSizeRank(b.value)];
    if (rankA !== null && rankB !== null) return rankA - rankB || collator.compare(a.label, b.label);
    if (rankA !== null || rankB !== null) return rankA !== null ? -1 : 1;
    return collator.compare(a.label, b.label);
  };
}

/** A listing's count of one value of a filterable attribute, with what the shop says about it. */
export interface AttributeCount {
  key: string;
  value: string;
  count: number;
  nameNl: string;
  nameEn: string;
  position: number;
  /** The English label of this value, if the definition has one. */
  valueLabelEn: string | null;
}

/** The (filterable) definitions a listing's counts carry, as attributeFacets takes them. */
export function definitionsOfCounts(counts: readonly AttributeCount[]): AttributeMeaning[] {
  const byKey = new Map<string, AttributeMeaning>();
  for (const count of counts) {
    let definition = byKey.get(count.key);
    if (!definition) {
      definition = { key: count.key, nameNl: count.nameNl, nameEn: count.nameEn, position: count.position, filterable: true, valueLabelsEn: {} };
      byKey.set(count.key, definition);
    }
    // defineProperty: a value named "__proto__" is a label like any other, not the object's prototype.
    if (count.valueLabelEn !== null) Object.defineProperty(definition.valueLabelsEn, count.value, { value: count.valueLabelEn, enumerable: true, writable: true, configurable: true });
  }
  return [...byKey.values()];
}

/** One filter the listing offers: an attribute, its values with the number of products each. */
export interface AttributeFacet {
  key: string;
  label: string;
  selected: string | null;
  values: { value: string; label: string; count: number }[];
}

/**
 * The facets of a listing from its counted (key, value) pairs, which carry their filterable
 * definitions: in the definitions' order; an attribute is offered when it tells products apart (two
 * values or more) or is chosen (a chosen attribute none of the products carries is not offered:
 * "Clear filters" drops it).
 * Values in the order a buyer expects (clothing sizes S, M, L, XL; otherwise naturally: "38" before
 * "100", "A3" before "A4"), at most MAX_FACET_VALUES of the
 * most frequent, and a chosen value is always there, with a count of 0 if no product has it now.
 */
export function attributeFacets(counts: readonly AttributeCount[], selected: AttributeFilters, locale: Locale): AttributeFacet[] {
  const definitions = definitionsOfCounts(counts);
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: "base" });
  const perKey = new Map<string, Map<string, number>>();
  for (const { key, value, count } of counts) {
    const values = perKey.get(key) ?? new Map<string, number>();
    values.set(value, (values.get(value) ?? 0) + count);
    perKey.set(key, values);
  }
  const facets: AttributeFacet[] = [];
  for (const definition of [...definitions].sort((a, b) => a.position - b.position || compareText(a.key, b.key))) {
    if (!definition.filterable) continue;
    const chosen = Object.hasOwn(selected, definition.key) ? selected[definition.key]! : null;
    const values = new Map(perKey.get(definition.key) ?? []);
    if (values.size < 2 && chosen === null) continue;
    let offered = [...values].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0])).slice(0, MAX_FACET_VALUES);
    if (chosen !== null && !offered.some(([value]) => value === chosen)) offered = [...offered, [chosen, values.get(chosen) ?? 0]];
    facets.push({
      key: definition.key,
      label: attributeName(definition, locale),
      selected: chosen,
      values: offered
        .map(([value, count]) => ({ value, label: attributeValueLabel(definition, value, locale), count }))
        .sort(compareValues(collator)),
    });
  }
  return facets;
}
