"use server";

import { getLocale } from "next-intl/server";
import { z } from "zod";
import { buyerReportAction } from "@/lib/actions/report-action";
import { getCurrentUser, isBuyer } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { toLocale } from "@/lib/i18n/locales";
import { submittedList } from "@/lib/delimited-lines";
import { quickOrderFromRows, quickOrderFromText } from "@/lib/quick-order/quick-order";
import { suggestQuickOrderProducts } from "@/lib/quick-order/suggest";
import { buyerMustSetUpTwoStep } from "@/lib/two-step/required";

/** 1,000 lines of "sku;quantity" are well below this; a bigger file is not a quick order. */
const MAX_UPLOAD_BYTES = 512 * 1024;

export const quickOrderPasteAction = buyerReportAction(
  z.object({ text: z.string().max(200_000).optional().default(""), file: z.instanceof(File).optional() }),
  async ({ text, file }, user) => {
    return quickOrderFromText(user, await submittedList({ text, file }, MAX_UPLOAD_BYTES), toLocale(await getLocale()));
  },
  { answersCart: true },
);

const rowValue = z.union([z.string(), z.array(z.string())]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

export const quickOrderRowsAction = buyerReportAction(
  z.object({ sku: rowValue, quantity: rowValue }),
  async ({ sku, quantity }, user) => {
    if (sku.length > 200) throw new AppError("invalid_input", "too_many_lines", { count: sku.length, max: 200 });
    // The quantity as typed: read in the UI's language ("1.000" is a thousand in Dutch), with why when it cannot be.
    const rows = sku.map((code, index) => ({ code, quantity: (quantity[index] ?? "").slice(0, 40) }));
    return quickOrderFromRows(user, rows, toLocale(await getLocale()));
  },
  { answersCart: true },
);

/** SKU / name / GTIN autocomplete for the quick-order rows. */
export async function suggestProductsAction(query: string) {
  const user = await getCurrentUser();
  // Nothing while the company's required two-step verification is not on (like buyerReportAction).
  if (!isBuyer(user) || buyerMustSetUpTwoStep(user) || typeof query !== "string") return [];
  return suggestQuickOrderProducts(query, toLocale(await getLocale()), user, new Date());
}
