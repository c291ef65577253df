import Link from "next/link";

/** A price as the shop shows it, already formatted on the server (components/shop/product-card-data.ts). */
export interface PriceView {
  amount: string;
  /** "per PK" */
  perUnit: string;
  contract: boolean;
  /** The list price, struck through, when a contract price is below it. */
  listAmount: string | null;
}

/** The texts every price block shares (sent once per page). */
export interface PriceLabels {
  signInForPrices: string;
  exclVat: string;
  contractPrice: string;
  listPrice: string;
}

/**
 * Net price with its origin; for anonymous visitors an invitation to sign in instead. Plain markup
 * from formatted texts, so the product page (server) and the product grid (client island) share it.
 */
export function PriceBlock({
  price,
  labels,
  loginReturnTo,
  size = "md",
}: {
  price: PriceView | null;
  labels: PriceLabels;
  loginReturnTo: string;
  size?: "md" | "lg";
}) {
  if (!price) {
    return (
      <Link href={`/login?callbackUrl=${encodeURIComponent(loginReturnTo)}`} className="text-sm font-medium text-brand-700 underline">
        {labels.signInForPrices}
      </Link>
    );
  }
  return (
    <div data-testid="price">
      <div className="flex items-baseline gap-2">
        <span className={`${size === "lg" ? "text-3xl" : "text-lg"} font-semibold`}>{price.amount}</span>
        <span className="text-xs text-slate-500">
          {price.perUnit} · {labels.exclVat}
        </span>
      </div>
      {price.contract && (
        <div className="flex items-center gap-2 text-xs">
          <span className="rounded bg-brand-100 px-1.5 py-0.5 font-medium text-brand-900">{labels.contractPrice}</span>
          {price.listAmount !== null && (
            <span className="text-slate-500 line-through" aria-label={labels.listPrice}>
              {price.listAmount}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
