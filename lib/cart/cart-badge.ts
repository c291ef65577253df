/**
 * What the header's cart badge shows, and from when. `at` (ms since the epoch, server clock) is
 * taken just before the units are read, so the count includes every change made before `at`; of
 * two readings the later one is the truer one. Cart actions answer with a reading instead of
 * re-rendering the page they were sent from (components/shop/cart-badge.tsx).
 */
export interface CartBadgeReading {
  units: number;
  /** The cart's lines: "Cancel punchout" asks first when there are any, and names how many it discards. */
  lines: number;
  at: number;
}

export const NO_CART: CartBadgeReading = { units: 0, lines: 0, at: 0 };

/** The reading a page that read the cart's lines at `readAt` shows (the badge counts every unit). */
export function readingOfLines(lines: { quantity: number }[], readAt: Date): CartBadgeReading {
  return { units: lines.reduce((units, line) => units + line.quantity, 0), lines: lines.length, at: readAt.getTime() };
}
