import { connection } from "next/server";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { CategoryForm } from "@/components/admin/category-form";
import { CategoryTree } from "@/components/admin/category-tree";
import { Card } from "@/components/admin/tabs";
import { isAdmin } from "@/lib/admin/access";
import { listCategoryTreeAsAdmin } from "@/lib/admin/categories";
import { parseSearchParams, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { toLocale } from "@/lib/i18n/locales";
import { moveCategoryAction, saveCategoryAction } from "./actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.categories");

const notice = z.string().max(40).optional().catch(undefined);

/** The shop's category tree (admins only: the catalogue is the whole shop's). */
export default async function AdminCategoriesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const staff = await requireStaff("/admin/categories");
  if (!isAdmin(staff)) notFound();
  const { created, deleted } = parseSearchParams(z.object({ created: notice, deleted: notice }), await searchParams);
  const [t, locale, tree] = await Promise.all([getTranslations("categoriesAdmin"), getLocale().then(toLocale), listCategoryTreeAsAdmin(staff)]);
  const parents = tree.filter((category) => category.parentId === null).map((category) => ({ code: category.code, name: locale === "en" ? category.nameEn : category.nameNl }));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      {(created || deleted) && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="category-notice">
          {created ? t("created", { code: created }) : t("deleted", { code: deleted! })}
        </p>
      )}
      <Card title={t("newTitle")}>
        {/* Keyed by the last created code: a fresh, empty form for the next one. */}
        <CategoryForm key={created ?? ""} action={saveCategoryAction} mode="create" values={{ code: "", nameNl: "", nameEn: "", parent: "", slug: "" }} parents={parents} />
      </Card>
      <Card title={t("treeTitle")}>
        <CategoryTree tree={tree} moveAction={moveCategoryAction} highlight={created} locale={locale} />
      </Card>
    </div>
  );
}
