import { getTranslations } from "next-intl/server";
import type { QuoteState } from "@/lib/quotes/quote-rules";

// Quotes waiting for the buyer stand out; finished ones stay quiet.
const TONE: Record<QuoteState, string> = {
  requested: "bg-slate-100 text-slate-800",
  quoted: "bg-emerald-100 text-emerald-900",
  accepted: "bg-sky-100 text-sky-900",
  ordered: "bg-slate-100 text-slate-800",
  declined: "bg-red-100 text-red-900",
  rejected: "bg-red-100 text-red-900",
  expired: "bg-amber-100 text-amber-900",
};

/** A quote's state as the buyer sees it, "expired" included (lib/quotes/quote-rules.ts quoteState). */
export async function QuoteStatusBadge({ state }: { state: QuoteState }) {
  const t = await getTranslations("account.quotes.statuses");
  return (
    <span className={`whitespace-nowrap rounded px-2 py-0.5 ${TONE[state]}`} data-testid="quote-status" data-state={state}>
      {t(state)}
    </span>
  );
}
