/**
 * What a line of a per-line report (components/account/line-report.tsx: quick order, favorites,
 * reorder) says, where more than a message key decides it. Pure.
 */

/**
 * The values of an added line's one sentence (account.report.added): "Toegevoegd: 1, geen aantal
 * opgegeven (nu 2.003 in uw winkelwagen)". The cart's quantity is said when the cart holds more of
 * the product than this line added (otherwise it would only repeat the number); the same for a line
 * added by its fix button, so both read alike.
 */
export function addedMessageValues(outcome: { quantity: number; lineQuantity: number }, quantityAssumed: boolean) {
  return {
    quantity: outcome.quantity,
    assumed: quantityAssumed ? "yes" : "no",
    more: outcome.lineQuantity > outcome.quantity ? "yes" : "no",
    lineQuantity: outcome.lineQuantity,
  };
}

/**
 * The input column's text around the SKU as typed, so the SKU can be kept on one line at phone width
 * ("KP-000178" rather than "KP-00" / "0178;") while the rest (quantity, extra columns) wraps. Without
 * the code in the text (a header line, nothing typed), all of it is `after`.
 */
export function inputParts(input: string, code: string | null | undefined): { before: string; sku: string; after: string } {
  const at = code ? input.indexOf(code) : -1;
  if (!code || at < 0) return { before: "", sku: "", after: input };
  return { before: input.slice(0, at), sku: code, after: input.slice(at + code.length) };
}
