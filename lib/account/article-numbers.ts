import "server-only";
import { csvField } from "@/lib/admin/price-csv/parse-csv";
import type { BuyerUser } from "@/lib/auth/guards";
import { findProductsByCodes } from "@/lib/data/cart-bulk";
import { applyArticleNumbers, listAllArticleNumbers, listArticleNumbers, productIdsByArticleNumbers, type ArticleNumberRow } from "@/lib/data/customer-article-numbers";
import { listProductsByIds } from "@/lib/data/catalog";
import { AppError } from "@/lib/errors";
import { checkArticleNumber, parseArticleNumberLines, type ArticleNumberLine } from "./article-number-lines";

/**
 * The customer's own article numbers in "My account" (db/schema/account.ts customerArticleNumbers):
 * everybody in the company sees them (beside our SKU on product cards, the cart and orders); company
 * admins maintain them, one at a time or as a pasted/uploaded list, all or nothing — and so can the
 * customer's account managers (lib/admin/customer-article-numbers.ts), through the same functions.
 */

/** Whose numbers change, and who changes them (a company admin, or staff for the customer). */
export interface ArticleNumberEditor {
  companyId: number;
  userId: number;
}

type AccountUser = Pick<BuyerUser, "id" | "companyId" | "role" | "impersonatedBy">;

export const canManageArticleNumbers = (user: Pick<AccountUser, "role" | "impersonatedBy">) => user.role === "company_admin" && !user.impersonatedBy;

export const ARTICLE_NUMBERS_PAGE_SIZE = 50;

/** One row of a company's list (our SKU and product name beside their number). */
export type { ArticleNumberRow };

export async function listCompanyArticleNumbers(user: Pick<AccountUser, "companyId">, options: { query?: string; page: number }): Promise<{ items: ArticleNumberRow[]; total: number }> {
  return listArticleNumbers(user.companyId, { query: options.query?.trim() || undefined, offset: (options.page - 1) * ARTICLE_NUMBERS_PAGE_SIZE, limit: ARTICLE_NUMBERS_PAGE_SIZE });
}

export type ArticleNumberOutcome =
  | { status: "set"; articleNumber: string; sku: string; movedFromSku: string | null }
  | { status: "removed"; sku: string }
  | { status: "unknown_sku" }
  | { status: "missing_sku" | "too_long" | "invalid_characters" }
  | { status: "duplicate_sku"; firstLine: number }
  | { status: "duplicate_number"; firstLine: number };

export interface ArticleNumberReportLine {
  lineNumber: number;
  /** The SKU as written. */
  code: string;
  outcome: ArticleNumberOutcome;
}

export interface ArticleNumberReport {
  /** False when any line has a problem: then nothing was saved. */
  saved: boolean;
  lines: ArticleNumberReportLine[];
  set: number;
  removed: number;
  problems: number;
}

/**
 * Applies `sku;own number` lines (lib/account/article-number-lines.ts) for the user's company: all of
 * them, or — when any line has a problem (unknown SKU, a number too long, the same SKU or number
 * twice) — none, with every line reported either way. A number that belonged to another product
 * moves to the one named, and the report says from which.
 */
export async function importArticleNumbers(user: AccountUser, text: string): Promise<ArticleNumberReport> {
  if (!canManageArticleNumbers(user)) throw new AppError("forbidden", "company_admin_only");
  return applyArticleNumberText({ companyId: user.companyId, userId: user.id }, text);
}

/** One SKU's own number from the form: an empty number removes it. */
export async function saveArticleNumber(user: AccountUser, sku: string, articleNumber: string): Promise<ArticleNumberReport> {
  if (!canManageArticleNumbers(user)) throw new AppError("forbidden", "company_admin_only");
  return applyOneArticleNumber({ companyId: user.companyId, userId: user.id }, sku, articleNumber);
}

/** The list import for an editor whose right to edit the caller has checked. */
export async function applyArticleNumberText(editor: ArticleNumberEditor, text: string): Promise<ArticleNumberReport> {
  const parsed = parseArticleNumberLines(text);
  if (!parsed.ok) {
    if (parsed.error === "empty") throw new AppError("invalid_input", "article_numbers_empty");
    throw new AppError("invalid_input", "too_many_lines", { count: parsed.count, max: 5000 });
  }
  return applyLines(editor, parsed.lines);
}

/** One SKU's number (empty: remove it) for an editor whose right to edit the caller has checked; checked like a list line. */
export async function applyOneArticleNumber(editor: ArticleNumberEditor, sku: string, articleNumber: string): Promise<ArticleNumberReport> {
  const code = sku.trim();
  const number = articleNumber.trim();
  const checked = checkArticleNumber(number);
  const line: ArticleNumberLine = !code
    ? { lineNumber: 1, kind: "invalid", sku: code, problem: "missing_sku" }
    : number === ""
      ? { lineNumber: 1, kind: "remove", sku: code }
      : checked.ok
        ? { lineNumber: 1, kind: "set", sku: code, articleNumber: checked.value }
        : { lineNumber: 1, kind: "invalid", sku: code, problem: checked.problem };
  return applyLines(editor, [line]);
}

async function applyLines(editor: ArticleNumberEditor, lines: ArticleNumberLine[]): Promise<ArticleNumberReport> {
  const products = await findProductsByCodes(lines.flatMap((l) => (l.kind === "invalid" ? [] : [l.sku])));
  const bySku = new Map(products.map((p) => [p.sku.toUpperCase(), p]));
  const byGtin = new Map(products.filter((p) => p.gtin).map((p) => [p.gtin!, p]));
  const seenSku = new Map<number, number>();
  const seenNumber = new Map<string, number>();
  const resolved = lines.map((line): ArticleNumberReportLine & { productId?: number; articleNumber?: string | null } => {
    if (line.kind === "invalid") return { lineNumber: line.lineNumber, code: line.sku, outcome: { status: line.problem } };
    const product = bySku.get(line.sku.toUpperCase()) ?? byGtin.get(line.sku);
    if (!product) return { lineNumber: line.lineNumber, code: line.sku, outcome: { status: "unknown_sku" } };
    const firstSku = seenSku.get(product.id);
    if (firstSku !== undefined) return { lineNumber: line.lineNumber, code: line.sku, outcome: { status: "duplicate_sku", firstLine: firstSku } };
    seenSku.set(product.id, line.lineNumber);
    if (line.kind === "remove") return { lineNumber: line.lineNumber, code: line.sku, outcome: { status: "removed", sku: product.sku }, productId: product.id, articleNumber: null };
    const key = line.articleNumber.toLowerCase();
    const firstNumber = seenNumber.get(key);
    if (firstNumber !== undefined) return { lineNumber: line.lineNumber, code: line.sku, outcome: { status: "duplicate_number", firstLine: firstNumber } };
    seenNumber.set(key, line.lineNumber);
    return {
      lineNumber: line.lineNumber,
      code: line.sku,
      outcome: { status: "set", articleNumber: line.articleNumber, sku: product.sku, movedFromSku: null },
      productId: product.id,
      articleNumber: line.articleNumber,
    };
  });
  const problems = resolved.filter((l) => l.outcome.status !== "set" && l.outcome.status !== "removed").length;
  if (problems === 0) {
    // Numbers that another product of this company holds and that this list does not also reassign move: say from where.
    const owners = await productIdsByArticleNumbers(editor.companyId, [...seenNumber.keys()]);
    const moving = resolved.flatMap((l) => {
      const owner = l.outcome.status === "set" ? owners.get(l.outcome.articleNumber.toLowerCase()) : undefined;
      return owner !== undefined && owner !== l.productId && !seenSku.has(owner) ? [[l, owner] as const] : [];
    });
    const ownerSkus = new Map((await listProductsByIds(moving.map(([, owner]) => owner))).map((p) => [p.id, p.sku]));
    for (const [line, owner] of moving) if (line.outcome.status === "set") line.outcome.movedFromSku = ownerSkus.get(owner) ?? null;
    await applyArticleNumbers(
      editor.companyId,
      editor.userId,
      resolved.flatMap((l) => (l.productId === undefined ? [] : [{ productId: l.productId, articleNumber: l.articleNumber ?? null }])),
    );
  }
  return {
    saved: problems === 0,
    lines: resolved.map(({ lineNumber, code, outcome }) => ({ lineNumber, code, outcome })),
    set: resolved.filter((l) => l.outcome.status === "set").length,
    removed: resolved.filter((l) => l.outcome.status === "removed").length,
    problems,
  };
}

/** A company's numbers as CSV (`sku;own number`, the import's own format), for Excel. */
export async function articleNumbersCsv(user: Pick<AccountUser, "companyId">): Promise<string> {
  const rows = await listAllArticleNumbers(user.companyId);
  return ["sku;article_number", ...rows.map((r) => `${csvField(r.sku, ";")};${csvField(r.articleNumber, ";")}`)].join("\r\n") + "\r\n";
}
