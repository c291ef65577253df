import { z } from "zod";
import { attributeFilterParams, attributeFiltersFromParams, type AttributeFilters } from "./attributes";

export const PAGE_SIZE = 24;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** Catalog and search query string: ?q=&brand=&stock=1&page=2 – anything malformed falls back to defaults. */
export const listingParamsSchema = z.object({
  q: z.preprocess(first, z.string().trim().max(200).catch("")).default(""),
  brand: z.preprocess(first, z.string().trim().max(100).optional().catch(undefined)),
  stock: z.preprocess(first, z.enum(["1"]).optional().catch(undefined)),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(10_000).catch(1)).default(1),
});
/** The query string's fields, and its attribute filters (`a.<key>=<value>`, lib/catalog/attributes.ts). */
export type ListingParams = z.infer<typeof listingParamsSchema> & { attributes: AttributeFilters };

export function parseListingParams(raw: Record<string, string | string[] | undefined>): ListingParams {
  return { ...listingParamsSchema.parse(raw), attributes: attributeFiltersFromParams(raw) };
}

export function listingHref(path: string, params: ListingParams, page: number): string {
  const query = new URLSearchParams();
  if (params.q) query.set("q", params.q);
  if (params.brand) query.set("brand", params.brand);
  if (params.stock) query.set("stock", params.stock);
  for (const [name, value] of attributeFilterParams(params.attributes)) query.set(name, value);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** How many filters narrow the listing (a brand, in stock only, each attribute): the phone's "Filters (2)". */
export function activeFilterCount(params: Pick<ListingParams, "brand" | "stock" | "attributes">): number {
  return (params.brand ? 1 : 0) + (params.stock ? 1 : 0) + Object.keys(params.attributes).length;
}
