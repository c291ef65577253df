import { getTranslations } from "next-intl/server";
import type { ReturnStatus } from "@/lib/returns/return-rules";

// Returns waiting for somebody stand out; finished ones stay quiet.
const TONE: Record<ReturnStatus, string> = {
  requested: "bg-amber-100 text-amber-900",
  approved: "bg-sky-100 text-sky-900",
  completed: "bg-emerald-100 text-emerald-900",
  rejected: "bg-red-100 text-red-900",
  cancelled: "bg-slate-100 text-slate-800",
};

/** A return's status, in the buyer's and in staff's lists alike. */
export async function ReturnStatusBadge({ status }: { status: ReturnStatus }) {
  const t = await getTranslations("account.returns.statuses");
  return (
    <span className={`whitespace-nowrap rounded px-2 py-0.5 ${TONE[status]}`} data-testid="return-status" data-status={status}>
      {t(status)}
    </span>
  );
}
