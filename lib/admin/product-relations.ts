import "server-only";
import type { StaffUser } from "@/lib/auth/guards";
import { checkRelationShape, type RelationProblem, type RelationSkus } from "@/lib/catalog/product-relations";
import { listStoredRelations, replaceProductRelations, toRelationSkus, type StoredRelation } from "@/lib/data/product-relations";
import { AppError } from "@/lib/errors";
import { getProductForAdminOrThrow, isAdmin } from "./access";

/**
 * Admins maintain a product's accessories, alternatives and successor, on the product's admin page and
 * through the API (`GET/PUT /admin/api/products/:sku/relations`), like the rest of the master data:
 * account managers (and their API keys) get "not found". A save replaces all three, all or nothing.
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

export async function saveProductRelationsAsAdmin(staff: StaffUser, sku: string, input: RelationSkus): Promise<SaveRelationsResult> {
  if (!isAdmin(staff)) throw new AppError("not_found", "not_found");
  const result = await replaceProductRelations(sku, input, checkRelationShape(sku, input));
  if (result.outcome === "product_not_found") throw new AppError("not_found", "product_not_found");
  if (result.outcome === "invalid") return { status: "rejected", problems: result.problems };
  return { status: "saved", relations: viewOf(result.relations) };
}
