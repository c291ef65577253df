import { NextResponse } from "next/server";
import { customerArticleNumbersCsv } from "@/lib/admin/customer-article-numbers";
import { getStaffUser } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";

/** GET /admin/customers/[id]/article-numbers/export — the customer's own article numbers as `sku;article_number` CSV. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const staff = await getStaffUser();
  const { id } = await params;
  if (!staff || !/^\d{1,9}$/.test(id)) return new NextResponse("Not found", { status: 404 });
  try {
    return new NextResponse(await customerArticleNumbersCsv(staff, Number(id)), {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="article-numbers-${id}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") return new NextResponse("Not found", { status: 404 });
    throw error;
  }
}
