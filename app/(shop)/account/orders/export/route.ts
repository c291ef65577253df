import { NextResponse } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { buyerForRoute } from "@/lib/auth/guards";
import { toLocale } from "@/lib/i18n/locales";
import { orderLinesForViewer } from "@/lib/orders/order-access";
import { MAX_EXPORT_LINES, orderLinesCsv } from "@/lib/orders/order-lines-csv";
import { orderSearchOf, orderSearchParamsSchema } from "@/lib/orders/order-search-params";
import { calendarDate } from "@/lib/pricing/calendar-date";

/**
 * GET /account/orders/export?q=&status=&from=&to= — the lines of the orders the list shows with the
 * same search, as CSV (lib/orders/order-lines-csv.ts): a buyer's own orders, the whole company's for
 * approvers and company admins, like the list. Anybody else: not found.
 */
export async function GET(request: Request) {
  const user = await buyerForRoute();
  if (!user) return new NextResponse("Not found", { status: 404 });
  const params = orderSearchParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = await orderLinesForViewer(user, orderSearchOf(params), MAX_EXPORT_LINES + 1);
  const locale = toLocale(await getLocale());
  const t = await getTranslations({ locale, namespace: "orders" });
  if (rows.length > MAX_EXPORT_LINES) {
    return new NextResponse(t("exportTooLarge", { max: MAX_EXPORT_LINES }), { status: 413, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const csv = orderLinesCsv(rows, { locale, statusLabel: (status) => t(`statuses.${status as "placed"}`) });
  return new NextResponse(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="orders-${calendarDate(new Date())}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
