import "server-only";
import type { StaffUser } from "@/lib/auth/guards";
import { checkRelationShape, namedSkus, type RelationProblem, type RelationSkus } from "@/lib/catalog/product-relations";
import { findProductsByCodes } from "@/lib/data/cart-bulk";
import { listStoredRelations, replaceProductRelations, toRelationSkus, type StoredRelation } from "@/lib/data/product-relations";
import { AppError } from "@/lib/errors";
import { getProductForAdminOrThrow, isAdmin } from "./access";

/**
 * Admins maintain a product's accessories, alternatives and successor, on the product's admin page and
 * through the API (`GET/PUT /admin/api/products/:sku/relations`), like the rest of the master data:
 * account managers (and their API keys) get "not found". A save replaces all three, all or nothing.
 * SKUs are matched without regard to case, as the search and quick order match them ("kp-000237" is
 * KP-000237), and stored as the product spells it.
 */

export interface ProductRelationsView extends RelationSkus {
  /** Stored relations to products that are out of the shop now: kept, but not shown to buyers. */
  inactive: string[];
}

function viewOf(stored: readonly StoredRelation[]): ProductRelationsView {
  return { ...toRelationSkus(stored), inactive: [...new Set(stored.filter((relation) => !relation.active).map((relation) => relation.sku))] };
}

export async function getProductRelationsAsAdmin(staff: StaffUser, sku: string): Promise<ProductRelationsView> {
  const product = await getProductForAdminOrThrow(staff, sku);
  return viewOf(await listStoredRelations(product.id));
}

export type SaveRelationsResult = { status: "saved"; relations: ProductRelationsView } | { status: "rejected"; problems: RelationProblem[] };

/**
 * The SKUs as the products spell them: a SKU typed in another case becomes the one product whose SKU
 * it is apart from case. An exact match wins, and a SKU two products share apart from case, or none,
 * stays as typed (then it is exact or unknown).
 */
export function spelledAsStored(input: RelationSkus, known: readonly string[]): RelationSkus {
  const exact = new Set(known);
  const byUpper = new Map<string, string[]>();
  for (const sku of known) byUpper.set(sku.toUpperCase(), [...(byUpper.get(sku.toUpperCase()) ?? []), sku]);
  const spell = (sku: string) => {
    if (exact.has(sku)) return sku;
    const matches = byUpper.get(sku.toUpperCase()) ?? [];
    return matches.length === 1 ? matches[0]! : sku;
  };
  return { accessories: input.accessories.map(spell), alternatives: input.alternatives.map(spell), successor: input.successor === null ? null : spell(input.successor) };
}

export async function saveProductRelationsAsAdmin(staff: StaffUser, sku: string, typed: RelationSkus): Promise<SaveRelationsResult> {
  if (!isAdmin(staff)) throw new AppError("not_found", "not_found");
  // Before the checks, so "kp-1" and "KP-1" in one list are a duplicate and the product's own SKU in any case is itself.
  const known = (await findProductsByCodes([sku, ...namedSkus(typed)])).map((product) => product.sku);
  const input = spelledAsStored(typed, known);
  const result = await replaceProductRelations(sku, input, checkRelationShape(sku, input));
  if (result.outcome === "product_not_found") throw new AppError("not_found", "product_not_found");
  if (result.outcome === "invalid") return { status: "rejected", problems: result.problems };
  return { status: "saved", relations: viewOf(result.relations) };
}
