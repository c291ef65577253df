import type { AttributeDefinition, ListPriceTier } from "../schema";
import {
  ATTRIBUTE_NAMES,
  BRANDS,
  CATALOG,
  UNIT_NAMES,
  type BrandSpec,
  type ChildCategorySpec,
  type PackSpec,
  type ParentCategorySpec,
  type Term,
  type UnitCode,
  type VariantValue,
  type VatRate,
} from "./catalog-vocabulary";
import { countryName } from "../../lib/format-address";
import { createRandom, deriveSeed, hashString, type Random } from "./random";

export interface GeneratedCategory {
  code: string;
  parentCode: string | null;
  slug: string;
  nameNl: string;
  nameEn: string;
  position: number;
}

export interface GeneratedProduct {
  sku: string;
  /** Resolved to `categoryId` when inserted. */
  categoryCode: string;
  nameNl: string;
  nameEn: string;
  descriptionNl: string;
  descriptionEn: string;
  brand: string;
  manufacturer: string;
  manufacturerPartNumber: string;
  gtin: string;
  unspsc: string;
  unit: UnitCode;
  packSize: number;
  /** What packSize counts (PackSpec.contentUnit), for a pack of more than one; else null. */
  contentUnit: string | null;
  minOrderQuantity: number;
  orderMultiple: number;
  leadTimeDays: number;
  stock: number;
  listPriceMinor: number;
  listPriceTiers: ListPriceTier[];
  vatRateBasisPoints: VatRate;
  attributes: Record<string, string>;
}

export interface GenerateProductsOptions {
  productCount: number;
  seed: number;
  batchSize?: number;
}

/** Parents first, then their children, in vocabulary order. */
export function generateCategories(): GeneratedCategory[] {
  const rows: GeneratedCategory[] = [];
  CATALOG.forEach((parent, p) => {
    rows.push({ code: parent.code, parentCode: null, slug: parent.slug, nameNl: parent.nameNl, nameEn: parent.nameEn, position: p });
  });
  for (const parent of CATALOG) {
    parent.children.forEach((child, c) => {
      rows.push({ code: child.code, parentCode: parent.code, slug: child.slug, nameNl: child.nameNl, nameEn: child.nameEn, position: c });
    });
  }
  return rows;
}

export type GeneratedAttributeDefinition = Omit<AttributeDefinition, "updatedAt">;

/**
 * A definition per key of ATTRIBUTE_NAMES, in its order, with the English label of every stored
 * value that is not its own English: "blauw" → "blue" (stored `value.nl`, English `value.en`); a
 * value stored as its `attr` ("L" for "maat L") is language-neutral unless it has an `attrEn` ("nitril" → "nitrile"). Where one stored value of a key
 * reads differently in two families, the first in vocabulary order wins. Origins are stored as the
 * country's Dutch name ("Duitsland") and labeled with its English one ("Germany").
 */
export function generateAttributeDefinitions(): GeneratedAttributeDefinition[] {
  const labels = new Map<string, Map<string, string>>();
  for (const parent of CATALOG) {
    for (const child of parent.children) {
      for (const family of child.families) {
        for (const dim of family.dims) {
          let byStored = labels.get(dim.key);
          if (!byStored) labels.set(dim.key, (byStored = new Map()));
          for (const value of dim.values) {
            const stored = value.attr ?? value.nl;
            const english = value.attr ? (value.attrEn ?? value.attr) : value.en;
            if (stored !== english && !byStored.has(stored)) byStored.set(stored, english);
          }
        }
      }
    }
  }
  return Object.entries(ATTRIBUTE_NAMES).map(([key, name], position) => ({
    key,
    nameNl: name.nl,
    nameEn: name.en,
    position,
    filterable: name.filterable,
    valueLabelsEn: key === "origin" ? originLabelsEn() : Object.fromEntries(labels.get(key) ?? []),
  }));
}

export function formatSku(sequence: number): string {
  return `KP-${String(sequence).padStart(6, "0")}`;
}

/** GS1 check digit for the 12 leading digits of a GTIN-13. */
export function gtinCheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** 871 (GS1 Netherlands) + the sequence: unique per product and independent of the seed. */
export function formatGtin(sequence: number): string {
  const body = `871${String(sequence).padStart(9, "0")}`;
  return body + gtinCheckDigit(body);
}

/**
 * Quantity breaks for tiers: `count` increasing quantities above the minimum order quantity that
 * are whole multiples of the order multiple, so every tier is orderable.
 */
export function tierQuantities(minOrderQuantity: number, orderMultiple: number, count: number, start = 0): number[] {
  const out: number[] = [];
  for (const base of [10, 25, 50, 100, 250, 500, 1000].slice(start)) {
    if (out.length >= count) break;
    const q = Math.ceil(base / orderMultiple) * orderMultiple;
    if (q > minOrderQuantity && !out.includes(q)) out.push(q);
  }
  return out;
}

const ORDER_RULES: readonly (readonly [min: number, multiple: number])[] = [
  [2, 1], [3, 1], [5, 1], [2, 2], [5, 5], [6, 6], [10, 5], [10, 10], [12, 6], [20, 10], [25, 25], [50, 25],
];
const LEAD_TIMES = [1, 2, 3, 5, 7, 10, 14, 21];
const LEAD_TIME_WEIGHTS = [40, 25, 12, 10, 6, 4, 2, 1];
const ORIGINS = ["NL", "NL", "DE", "BE", "FR", "IT", "PL", "CN"];

interface CategoryContext {
  parent: ParentCategorySpec;
  child: ChildCategorySpec;
  brands: readonly BrandSpec[];
}

function categoryContexts(): { contexts: CategoryContext[]; weights: number[] } {
  const contexts = CATALOG.flatMap((parent) =>
    parent.children.map((child) => {
      const specialists = BRANDS.filter((b) => b.categories?.includes(child.code));
      const brands = specialists.some((b) => b.exclusive)
        ? specialists
        : [...specialists, ...BRANDS.filter((b) => b.parents?.includes(parent.code))];
      return { parent, child, brands };
    }),
  );
  return { contexts, weights: contexts.map((c) => c.child.families.length) };
}

/** Yields the catalog in batches, so even a million products never sit in memory at once. */
export function* generateProducts({ productCount, seed, batchSize = 1000 }: GenerateProductsOptions): Generator<GeneratedProduct[]> {
  const random = createRandom(deriveSeed(seed, "products"));
  const { contexts, weights } = categoryContexts();
  let batch: GeneratedProduct[] = [];
  for (let sequence = 1; sequence <= productCount; sequence++) {
    batch.push(generateProduct(random, random.weighted(contexts, weights), sequence));
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

function generateProduct(random: Random, { parent, child, brands }: CategoryContext, sequence: number): GeneratedProduct {
  const family = random.pick(child.families);
  const values = family.dims.map((dim) => ({ key: dim.key, value: random.pick(dim.values) }));
  const packIndex = family.pack ? random.int(0, family.pack.sizes.length - 1) : 0;
  const packSize = family.pack?.sizes[packIndex] ?? 1;
  const unit = family.pack?.units?.[packIndex] ?? family.unit ?? child.units[0]!;
  const brand = random.pick(brands);
  const mpn = `${brand.mpnPrefix}-${random.int(10, 99)}${sequence.toString(36).toUpperCase().padStart(4, "0")}`;

  const contents = (lang: "nl" | "en") => (family.pack ? packContents(family.pack, packSize, lang) : "");
  const nameNl = [family.nl, ...values.map((x) => x.value.nl)].join(" ") + (family.pack ? `, ${contents("nl")}` : "");
  const nameEn = [family.en, ...values.map((x) => x.value.en)].join(" ") + (family.pack ? `, ${contents("en")}` : "");

  const middle = family.note && random.chance(0.5) ? family.note : random.pick(parent.sentences);
  const sold = soldPer(unit, family.pack ? packSize : 1, contents);
  const descriptionNl = `${child.blurb.nl} ${middle.nl} ${sold.nl}`;
  const descriptionEn = `${child.blurb.en} ${middle.en} ${sold.en}`;

  const listPriceMinor = listPrice(random, family.price ?? child.price, `${child.code} ${family.nl}`, values, family.pack, packSize);
  // Order minimums and multiples belong to cheap consumables, hardly ever to a € 500 balance.
  const [minOrderQuantity, orderMultiple] = random.chance(listPriceMinor < 5000 ? 0.2 : 0.03) ? random.pick(ORDER_RULES) : [1, 1];

  const attributes: Record<string, string> = {};
  for (const { key, value } of values.slice(0, 3)) attributes[key] = value.attr ?? value.nl;
  // Stored as the Dutch name, like every other value (its English label is in the definitions).
  if (Object.keys(attributes).length < 2 || random.chance(0.5)) attributes.origin = countryName(random.pick(ORIGINS), "nl");
  if (Object.keys(attributes).length < 2) attributes.unspsc = child.unspsc;

  return {
    sku: formatSku(sequence),
    categoryCode: child.code,
    nameNl,
    nameEn,
    descriptionNl,
    descriptionEn,
    brand: brand.name,
    manufacturer: brand.manufacturer,
    manufacturerPartNumber: mpn,
    gtin: formatGtin(sequence),
    unspsc: child.unspsc,
    unit,
    packSize,
    contentUnit: packSize > 1 ? (family.pack?.contentUnit ?? null) : null,
    minOrderQuantity,
    orderMultiple,
    leadTimeDays: random.weighted(LEAD_TIMES, LEAD_TIME_WEIGHTS),
    stock: random.chance(0.08) ? 0 : random.logInt(5, 2500),
    listPriceMinor,
    listPriceTiers: random.chance(0.1) ? listTiers(random, listPriceMinor, minOrderQuantity, orderMultiple) : [],
    vatRateBasisPoints: child.vat,
    attributes,
  };
}

/** "500 vel" / "500 sheets", "1 stuk" / "1 piece": the count with the pack's noun in the form that goes with it. */
export function packContents(pack: PackSpec, size: number, lang: "nl" | "en"): string {
  if (size === 1 && !pack.one) throw new Error(`A pack of 1 needs its singular noun (${pack.nl})`);
  return `${size} ${size === 1 ? pack.one![lang] : pack[lang]}`;
}

/**
 * The description's last sentence: "Geleverd per pak van 500 vel." / "Sold per pack of 500 sheets.";
 * just "per stuk" / "per piece" when the sales unit holds one. A single piece holding more (a pad of
 * 50 sheets) reads "Sold individually, 50 sheets each." in English.
 */
export function soldPer(unit: UnitCode, packSize: number, contents: (lang: "nl" | "en") => string): Term {
  const name = UNIT_NAMES[unit];
  if (packSize === 1) return { nl: `Geleverd per ${name.nl}.`, en: `Sold per ${name.en}.` };
  return {
    nl: `Geleverd per ${name.nl} van ${contents("nl")}.`,
    en: unit === "EA" ? `Sold individually, ${contents("en")} each.` : `Sold per ${name.en} of ${contents("en")}.`,
  };
}

/** The English label of each origin the generator stores (as its Dutch name): "Duitsland" → "Germany". */
function originLabelsEn(): Record<string, string> {
  return Object.fromEntries(ORIGINS.map((code) => [countryName(code, "nl"), countryName(code, "en")]).filter(([nl, en]) => nl !== en));
}

/**
 * The family's base price is fixed by its name (so the same article costs about the same across
 * brands and seeds); variants, pack size and a per-product spread of -15 %…+20 % adjust it.
 */
function listPrice(
  random: Random,
  [min, max]: readonly [number, number],
  familyKey: string,
  values: readonly { value: VariantValue }[],
  pack: PackSpec | undefined,
  packSize: number,
): number {
  const factor = values.reduce((product, { value }) => product * (value.price ?? 1), 1);
  // Vouchers: the price is the face value, never jittered or rounded to a "nice" price.
  if (min === max) return Math.round(min * factor);
  const base = min * (max / min) ** (hashString(familyKey) / 2 ** 32);
  const packFactor = pack ? (packSize / pack.sizes[0]!) ** 0.9 : 1;
  const raw = base * factor * packFactor * (0.85 + random.next() * 0.35);
  return raw >= 1000 ? Math.ceil(raw / 50) * 50 - 1 : Math.max(1, Math.round(raw));
}

function listTiers(random: Random, listPriceMinor: number, minOrderQuantity: number, orderMultiple: number): ListPriceTier[] {
  if (listPriceMinor < 50) return [];
  const tiers: ListPriceTier[] = [];
  let discount = 0;
  let previous = listPriceMinor;
  for (const minQuantity of tierQuantities(minOrderQuantity, orderMultiple, random.int(1, 3), random.int(0, 1))) {
    discount += random.int(3, 7) / 100;
    const priceMinor = Math.min(previous - 1, Math.round(listPriceMinor * (1 - discount)));
    tiers.push({ minQuantity, priceMinor });
    previous = priceMinor;
  }
  return tiers;
}
