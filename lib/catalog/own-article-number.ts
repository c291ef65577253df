import "server-only";
import { listProductsByIds, type ProductRow } from "@/lib/data/catalog";
import { productIdsByArticleNumbers } from "@/lib/data/customer-article-numbers";

/** The active product a company's own article number names (case-insensitive), for the search page. */
export async function findProductByOwnArticleNumber(companyId: number, query: string): Promise<ProductRow | null> {
  const number = query.trim();
  if (number === "" || number.length > 40) return null;
  const [productId] = (await productIdsByArticleNumbers(companyId, [number])).values();
  if (productId === undefined) return null;
  const [product] = await listProductsByIds([productId]);
  return product?.active ? product : null;
}
