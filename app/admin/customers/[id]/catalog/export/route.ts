import { NextResponse } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { catalogExportSchema, exportCustomerCatalog } from "@/lib/admin/catalog-export";
import { getStaffUser } from "@/lib/auth/guards";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { toLocale } from "@/lib/i18n/locales";
import { requestOrigin } from "@/lib/punchout/request-origin";

/**
 * GET /admin/customers/[id]/catalog/export?format=cif|bmecat&language=&scope=&supplierIdDomain=&supplierId=
 * — the customer's static catalogue as a download, streamed (lib/admin/catalog-export.ts). Staff who
 * manage the customer only; everybody else gets the admin area's 404. scope=all for a customer that sees its
 * contract assortment only: 409 with the reason (the page does not offer it; a stale form or a typed URL).
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const staff = await getStaffUser();
  const { id } = await params;
  if (!staff || !/^\d{1,9}$/.test(id)) return new NextResponse("Not found", { status: 404 });
  const parsed = catalogExportSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const fields = Object.keys(z.flattenError(parsed.error).fieldErrors).join(", ");
    return new NextResponse(`Bad request: check ${fields}`, { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
  try {
    const file = await exportCustomerCatalog(staff, Number(id), parsed.data, { now: new Date(), shopUrl: env.APP_URL ?? requestOrigin(request) });
    return new NextResponse(file.body, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "private, no-store",
        "x-item-count": String(file.itemCount),
      },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return new NextResponse("Not found", { status: 404 });
    if (isAppError(error) && error.message === "assortment_contract_only") {
      const t = await getTranslations({ locale: toLocale(await getLocale()), namespace: "admin.errors" });
      return new NextResponse(t("assortment_contract_only"), { status: error.httpStatus, headers: { "content-type": "text/plain; charset=utf-8" } });
    }
    throw error;
  }
}
