/** "59 op voorraad" / "Niet op voorraad – levering in 3 dagen", already translated. */
export function StockBadge({ text, inStock }: { text: string; inStock: boolean }) {
  return <span className={inStock ? "text-xs font-medium text-emerald-700" : "text-xs font-medium text-amber-700"}>{text}</span>;
}
