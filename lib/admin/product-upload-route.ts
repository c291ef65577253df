import "server-only";
import { requireStaff, type StaffUser } from "@/lib/auth/guards";
import { isCrossOriginPost } from "@/lib/auth/same-origin";

/**
 * The start of a product page's multipart upload route (photos, documents): the staff member checked
 * before the body is read, cross-origin posts refused, and the answer a redirect back to the product
 * page's card (`anchor`) with the outcome in the query, so the form works without JavaScript.
 */
export async function openProductUpload(
  request: Request,
  rawSku: string,
  anchor: string,
): Promise<{ refused: Response } | { staff: StaffUser; sku: string; back: (query: Record<string, string>) => Response }> {
  const sku = decodeURIComponent(rawSku);
  const page = `/admin/products/${encodeURIComponent(sku)}`;
  const staff = await requireStaff(page);
  if (isCrossOriginPost(request)) return { refused: Response.json({ error: "cross_origin" }, { status: 403 }) };
  return { staff, sku, back: (query) => new Response(null, { status: 303, headers: { location: `${page}?${new URLSearchParams(query)}#${anchor}` } }) };
}
