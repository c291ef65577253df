import { z } from "zod";
import { checkQuantity, type QuantityRules } from "@/lib/cart/quantity-rules";
import { productName } from "@/lib/catalog/product-name";

/**
 * Related products, pure: the admin's SKU lists (form text or API arrays) and the checks that need no
 * database, plus the decisions the checks with the database come to (unknown or newly named inactive
 * SKUs, a successor that leads back to the product). The database side is lib/data/product-relations.ts.
 */

export const MAX_ACCESSORIES = 20;
export const MAX_ALTERNATIVES = 20;

export type RelationField = "accessories" | "alternatives" | "successor";
export const RELATION_FIELDS: readonly RelationField[] = ["accessories", "alternatives", "successor"];

/** A product's relations by SKU, in the admin's order: what the API takes and gives back. */
export interface RelationSkus {
  accessories: string[];
  alternatives: string[];
  successor: string | null;
}

export type RelationProblem =
  | { field: RelationField; problem: "too_many"; max: number }
  | { field: RelationField; problem: "unknown_sku" | "inactive_sku" | "duplicate_sku" | "itself"; skus: string[] }
  /** The chain of successors the new one would close, from the product back to itself. */
  | { field: "successor"; problem: "successor_cycle"; path: string[] };

/** No SKU is longer (lib/catalog/product-import.ts); a longer string is refused before any lookup. */
const sku = z.string().trim().min(1).max(40);

/**
 * `PUT /admin/api/products/:sku/relations`: replaces all three. A missing list is empty and a missing
 * successor none; an unknown key is refused, so a misspelt "accesories" never empties the list
 * silently. The limits are checked by checkRelationShape, which names the field.
 */
export const relationsPutSchema = z.strictObject({
  accessories: z.array(sku).max(200).default([]),
  alternatives: z.array(sku).max(200).default([]),
  successor: sku.nullable().default(null),
});

/** "KP-1\nKP-2, KP-3" → ["KP-1", "KP-2", "KP-3"]: one per line or separated by commas (SKUs hold no spaces). */
export function parseSkuList(text: string): string[] {
  return text.split(/[\s,]+/).filter((part) => part !== "");
}

/** The form's three fields → the API's shape (an empty successor field: none). */
export function relationSkusFromText(input: { accessories: string; alternatives: string; successor: string }): RelationSkus {
  const successor = input.successor.trim();
  return { accessories: parseSkuList(input.accessories), alternatives: parseSkuList(input.alternatives), successor: successor === "" ? null : successor };
}

/** The API's shape → the form's text, one SKU per line. */
export function relationText(skus: readonly string[]): string {
  return skus.join("\n");
}

function duplicates(skus: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const value of skus) (seen.has(value) ? twice : seen).add(value);
  return [...twice];
}

/** What can be refused without the database: too many, a SKU named twice in a list, the product itself. */
export function checkRelationShape(ownSku: string, input: RelationSkus): RelationProblem[] {
  const problems: RelationProblem[] = [];
  const lists = [
    ["accessories", input.accessories, MAX_ACCESSORIES],
    ["alternatives", input.alternatives, MAX_ALTERNATIVES],
  ] as const;
  for (const [field, skus, max] of lists) {
    if (skus.length > max) problems.push({ field, problem: "too_many", max });
    const twice = duplicates(skus);
    if (twice.length > 0) problems.push({ field, problem: "duplicate_sku", skus: twice });
    if (skus.includes(ownSku)) problems.push({ field, problem: "itself", skus: [ownSku] });
  }
  if (input.successor === ownSku) problems.push({ field: "successor", problem: "itself", skus: [ownSku] });
  return problems;
}

/** The SKUs one field names. */
export function skusOf(input: RelationSkus, field: RelationField): string[] {
  if (field === "successor") return input.successor === null ? [] : [input.successor];
  return input[field];
}

/** Every SKU the input names, once. */
export function namedSkus(input: RelationSkus): string[] {
  return [...new Set([...input.accessories, ...input.alternatives, ...(input.successor === null ? [] : [input.successor])])];
}

/**
 * Unknown SKUs, and inactive products named anew. An inactive product the field holds already stays
 * (it is not shown in the shop, and comes back when it is reactivated), so sending the stored
 * relations back unchanged always works.
 */
export function checkRelationTargets(
  input: RelationSkus,
  found: ReadonlyMap<string, { active: boolean }>,
  stored: Readonly<Record<RelationField, ReadonlySet<string>>>,
): RelationProblem[] {
  const problems: RelationProblem[] = [];
  for (const field of RELATION_FIELDS) {
    const skus = skusOf(input, field);
    const unknown = skus.filter((s) => !found.has(s));
    const inactive = skus.filter((s) => found.get(s)?.active === false && !stored[field].has(s));
    if (unknown.length > 0) problems.push({ field, problem: "unknown_sku", skus: [...new Set(unknown)] });
    if (inactive.length > 0) problems.push({ field, problem: "inactive_sku", skus: [...new Set(inactive)] });
  }
  return problems;
}

/**
 * Whether making `successorChain[0]` the product's successor closes a loop. `successorChain` is the
 * stored chain from the new successor on (its successor, that one's, …), by SKU. Returns the loop
 * from the product back to itself ("KP-1 → KP-9 → KP-1"), or null.
 */
export function successorCycle(ownSku: string, successorChain: readonly string[]): string[] | null {
  const back = successorChain.indexOf(ownSku);
  return back === -1 ? null : [ownSku, ...successorChain.slice(0, back + 1)];
}

/**
 * What a report offers instead of a discontinued product: its successor, in the quantity asked for if
 * the successor may be ordered so, else the nearest quantity it may be ordered in.
 */
export function successorQuantity(requested: number, successor: QuantityRules): number {
  const check = checkQuantity(requested, successor);
  return check.ok ? requested : check.suggestedQuantity;
}

/**
 * A product page's relations (each list in the admin's order, only products in the shop) by kind. A
 * successor that is also named an alternative is shown once, as the successor.
 */
export function splitRelations<T extends { id: number }>(
  relations: readonly { kind: "accessory" | "alternative" | "successor"; product: T }[],
): { accessories: T[]; alternatives: T[]; successor: T | null } {
  const successor = relations.find((relation) => relation.kind === "successor")?.product ?? null;
  return {
    accessories: relations.filter((relation) => relation.kind === "accessory").map((relation) => relation.product),
    alternatives: relations.filter((relation) => relation.kind === "alternative" && relation.product.id !== successor?.id).map((relation) => relation.product),
    successor,
  };
}

/** What a report offers in place of a discontinued product: the product in the shop that replaces it. */
export interface SuccessorOffer {
  sku: string;
  name: string;
  /** The quantity to add: the one asked for where the successor may be ordered so, else the nearest that may. */
  quantity: number;
}

export function toSuccessorOffer(
  successor: QuantityRules & { sku: string; nameNl: string; nameEn: string },
  requested: number,
  locale: "nl" | "en",
): SuccessorOffer {
  return { sku: successor.sku, name: productName(successor, locale), quantity: successorQuantity(requested, successor) };
}
