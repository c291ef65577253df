import { NextResponse } from "next/server";
import { articleNumbersCsv } from "@/lib/account/article-numbers";
import { buyerForRoute } from "@/lib/auth/guards";

/** GET /account/article-numbers/export — the company's own article numbers as `sku;article_number` CSV (the import's format). */
export async function GET() {
  const user = await buyerForRoute();
  if (!user) return new NextResponse("Not found", { status: 404 });
  return new NextResponse(await articleNumbersCsv(user), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="article-numbers.csv"',
      "cache-control": "private, no-store",
    },
  });
}
