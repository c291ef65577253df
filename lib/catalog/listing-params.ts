import { z } from "zod";

export const PAGE_SIZE = 24;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/** Catalog and search query string: ?q=&brand=&stock=1&page=2 – anything malformed falls back to defaults. */
export const listingParamsSchema = z.object({
  q: z.preprocess(first, z.string().trim().max(200).catch("")).default(""),
  brand: z.preprocess(first, z.string().trim().max(100).optional().catch(undefined)),
  stock: z.preprocess(first, z.enum(["1"]).optional().catch(undefined)),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(10_000).catch(1)).default(1),
});
export type ListingParams = z.infer<typeof listingParamsSchema>;

export function parseListingParams(raw: Record<string, string | string[] | undefined>): ListingParams {
  return listingParamsSchema.parse(raw);
}

export function listingHref(path: string, params: ListingParams, page: number): string {
  const query = new URLSearchParams();
  if (params.q) query.set("q", params.q);
  if (params.brand) query.set("brand", params.brand);
  if (params.stock) query.set("stock", params.stock);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
