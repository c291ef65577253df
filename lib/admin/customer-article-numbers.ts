import "server-only";
import {
  applyArticleNumberText,
  applyOneArticleNumber,
  articleNumbersCsv,
  listCompanyArticleNumbers,
  type ArticleNumberReport,
} from "@/lib/account/article-numbers";
import type { StaffUser } from "@/lib/auth/guards";
import type { ArticleNumberRow } from "@/lib/data/customer-article-numbers";
import { AppError } from "@/lib/errors";
import { canSeeCustomer } from "./access";

/**
 * A customer's own article numbers from the account manager's side: customers often send their
 * material numbers as a spreadsheet, and the account manager loads it — through the same all-or-nothing
 * import the customer's company admins use. Only staff who may see the customer.
 */

async function assertCustomer(staff: StaffUser, companyId: number): Promise<void> {
  if (!(await canSeeCustomer(staff, companyId))) throw new AppError("not_found", "customer_not_found");
}

export async function listCustomerArticleNumbers(staff: StaffUser, companyId: number, options: { query?: string; page: number }): Promise<{ items: ArticleNumberRow[]; total: number }> {
  await assertCustomer(staff, companyId);
  return listCompanyArticleNumbers({ companyId }, options);
}

export async function importCustomerArticleNumbers(staff: StaffUser, companyId: number, text: string): Promise<ArticleNumberReport> {
  await assertCustomer(staff, companyId);
  return applyArticleNumberText({ companyId, userId: staff.id }, text);
}

export async function saveCustomerArticleNumber(staff: StaffUser, companyId: number, sku: string, articleNumber: string): Promise<ArticleNumberReport> {
  await assertCustomer(staff, companyId);
  return applyOneArticleNumber({ companyId, userId: staff.id }, sku, articleNumber);
}

export async function customerArticleNumbersCsv(staff: StaffUser, companyId: number): Promise<string> {
  await assertCustomer(staff, companyId);
  return articleNumbersCsv({ companyId });
}
