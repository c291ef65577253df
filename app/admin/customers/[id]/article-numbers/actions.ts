"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { importCustomerArticleNumbers, saveCustomerArticleNumber } from "@/lib/admin/customer-article-numbers";
import { staffReportAction } from "@/lib/actions/report-action";
import { submittedList } from "@/lib/delimited-lines";

const companyId = z.coerce.number().int().positive();
/** 5,000 lines of "sku;own number" stay well below this. */
const MAX_UPLOAD_BYTES = 512 * 1024;

/** The customer's own article numbers, loaded by their account manager (lib/admin/customer-article-numbers.ts). */
export const importCustomerArticleNumbersAction = staffReportAction(
  z.object({ companyId, text: z.string().max(400_000).optional().default(""), file: z.instanceof(File).optional() }),
  async ({ companyId: id, text, file }, staff) => {
    const report = await importCustomerArticleNumbers(staff, id, await submittedList({ text, file }, MAX_UPLOAD_BYTES));
    if (report.saved) revalidatePath(`/admin/customers/${id}/article-numbers`);
    return report;
  },
);

export const saveCustomerArticleNumberAction = staffReportAction(
  z.object({ companyId, sku: z.string().trim().min(1).max(100), articleNumber: z.string().max(200).optional().default("") }),
  async ({ companyId: id, sku, articleNumber }, staff) => {
    const report = await saveCustomerArticleNumber(staff, id, sku, articleNumber);
    if (report.saved) revalidatePath(`/admin/customers/${id}/article-numbers`);
    return report;
  },
);
