import { NextResponse } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { orderInboxParamsSchema, orderLinesForStaff } from "@/lib/admin/purchase-orders";
import { getStaffUser } from "@/lib/auth/guards";
import { toLocale } from "@/lib/i18n/locales";
import { MAX_EXPORT_LINES, orderLinesCsv } from "@/lib/orders/order-lines-csv";
import { calendarDate } from "@/lib/pricing/calendar-date";

/**
 * GET /admin/orders/export?status=&source=&q= — the lines of the orders the inbox finds with the same
 * filters, as CSV with the customer, the channel and our ERP number (lib/orders/order-lines-csv.ts):
 * every customer's for admins, their own customers' for account managers. Anybody else: not found.
 */
export async function GET(request: Request) {
  const staff = await getStaffUser();
  if (!staff) return new NextResponse("Not found", { status: 404 });
  const filters = orderInboxParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows = await orderLinesForStaff(staff, { status: filters.status, source: filters.source, search: filters.q || undefined }, MAX_EXPORT_LINES + 1);
  const locale = toLocale(await getLocale());
  const t = await getTranslations({ locale, namespace: "purchaseOrders" });
  if (rows.length > MAX_EXPORT_LINES) {
    return new NextResponse(t("exportTooLarge", { max: MAX_EXPORT_LINES }), { status: 413, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  const csv = orderLinesCsv(rows, {
    locale,
    statusLabel: (status) => t(`status.${status as "placed"}`),
    staff: { sourceLabel: (source) => t(`source.${source as "web"}`) },
  });
  return new NextResponse(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="orders-${calendarDate(new Date())}.csv"`,
      "cache-control": "private, no-store",
    },
  });
}
