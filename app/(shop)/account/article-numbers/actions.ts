"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { importArticleNumbers, saveArticleNumber } from "@/lib/account/article-numbers";
import { buyerReportAction } from "@/lib/actions/report-action";
import { submittedList } from "@/lib/delimited-lines";

/** 5,000 lines of "sku;own number" stay well below this. */
const MAX_UPLOAD_BYTES = 512 * 1024;

export const importArticleNumbersAction = buyerReportAction(
  z.object({ text: z.string().max(400_000).optional().default(""), file: z.instanceof(File).optional() }),
  async ({ text, file }, user) => {
    const report = await importArticleNumbers(user, await submittedList({ text, file }, MAX_UPLOAD_BYTES));
    if (report.saved) revalidatePath("/account/article-numbers");
    return report;
  },
);

export const saveArticleNumberAction = buyerReportAction(
  z.object({ sku: z.string().trim().min(1).max(100), articleNumber: z.string().max(200).optional().default("") }),
  async ({ sku, articleNumber }, user) => {
    const report = await saveArticleNumber(user, sku, articleNumber);
    if (report.saved) revalidatePath("/account/article-numbers");
    return report;
  },
);
