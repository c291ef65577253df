import { redirect } from "next/navigation";
import { NextResponse } from "next/server";
import { articleNumbersCsv } from "@/lib/account/article-numbers";
import { getCurrentUser, isBuyer } from "@/lib/auth/guards";
import { BUYER_TWO_STEP_SETUP_PATH, buyerMustSetUpTwoStep } from "@/lib/two-step/required";

/** GET /account/article-numbers/export — the company's own article numbers as `sku;article_number` CSV (the import's format). */
export async function GET() {
  const user = await getCurrentUser();
  if (!isBuyer(user)) return new NextResponse("Not found", { status: 404 });
  if (buyerMustSetUpTwoStep(user)) redirect(BUYER_TWO_STEP_SETUP_PATH);
  return new NextResponse(await articleNumbersCsv(user), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="article-numbers.csv"',
      "cache-control": "private, no-store",
    },
  });
}
