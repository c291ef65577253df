/**
 * SKUs as buyers type them: without the hyphen, in lower case, with a space ("kp001150", "KP 001150"
 * for KP-001150). Pure; the SQL twin of skuKeyOf is skuKey in db/schema/catalog.ts.
 */

/**
 * Typed text as skuKey reads a SKU: ASCII letters and digits only, upper case ("kp 001150",
 * "KP-001150" → "KP001150"). Anything else is dropped first, as the SQL drops it.
 */
export function skuKeyOf(text: string): string {
  return text.replace(/[^A-Za-z0-9]/g, "").toUpperCase();
}

/**
 * Of the products whose SKU has the key a buyer typed: the one meant, or the candidates to name when
 * there are several. Discontinued ones only count when no active one is left, so a retired KP001150
 * next to KP-001150 does not make "kp001150" ambiguous. Null when there is none.
 */
export function pickBySkuKey<P extends { sku: string; active: boolean }>(candidates: readonly P[]): { product: P } | { ambiguous: string[] } | null {
  if (candidates.length === 0) return null;
  const active = candidates.filter((p) => p.active);
  const among = active.length > 0 ? active : candidates;
  return among.length === 1 ? { product: among[0]! } : { ambiguous: among.map((p) => p.sku) };
}
