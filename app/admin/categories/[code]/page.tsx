import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { CategoryCommandForm, CategoryForm, CategoryTargetSelect } from "@/components/admin/category-form";
import { Card } from "@/components/admin/tabs";
import { isAdmin } from "@/lib/admin/access";
import { listCategoryTreeAsAdmin } from "@/lib/admin/categories";
import { parseSearchParams, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { deletionBlockers } from "@/lib/catalog/category-admin";
import { toLocale } from "@/lib/i18n/locales";
import { deleteCategoryAction, moveCategoryProductsAction, saveCategoryAction } from "../actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.category");

/** One category: its details, moving all its products elsewhere, and deleting it once empty (admins only). */
export default async function AdminCategoryPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<RawSearchParams> }) {
  await connection();
  const code = decodeURIComponent((await params).code);
  // The outcome of "move all products" (app/admin/categories/actions.ts redirects back with it).
  const moved = parseSearchParams(z.object({ moved: z.coerce.number().int().min(0).optional().catch(undefined), to: z.string().max(40).optional().catch(undefined) }), await searchParams);
  const staff = await requireStaff(`/admin/categories/${encodeURIComponent(code)}`);
  if (!isAdmin(staff)) notFound();
  const [t, tf, locale, tree] = await Promise.all([getTranslations("categoriesAdmin"), getTranslations("categoriesAdmin.form"), getLocale().then(toLocale), listCategoryTreeAsAdmin(staff)]);
  const category = tree.find((node) => node.code === code);
  if (!category) notFound();
  const nameOf = (node: (typeof tree)[number]) => (locale === "en" ? node.nameEn : node.nameNl);
  const byId = new Map(tree.map((node) => [node.id, node]));
  const parents = tree.filter((node) => node.parentId === null && node.id !== category.id).map((node) => ({ code: node.code, name: nameOf(node) }));
  const targets = tree
    .filter((node) => node.id !== category.id)
    .map((node) => {
      const parent = node.parentId === null ? undefined : byId.get(node.parentId);
      return { code: node.code, name: parent ? `${nameOf(parent)} › ${nameOf(node)}` : nameOf(node) };
    });
  const products = category.activeProducts + category.inactiveProducts;
  const blockers = deletionBlockers({ products, children: category.children });
  return (
    <div className="space-y-4">
      <Link href="/admin/categories" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">{t("editTitle", { name: nameOf(category) })}</h1>
        <Link href={`/catalog/${category.slug}`} className="text-sm text-brand-700 hover:underline" target="_blank">
          {t("openInShop")}: /catalog/{category.slug}
        </Link>
      </div>
      {moved.moved !== undefined && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="category-notice">
          {t("moved", { moved: moved.moved, to: moved.to ?? "" })}
        </p>
      )}
      <Card title={t("detailsTitle")}>
        <CategoryForm
          action={saveCategoryAction}
          mode="edit"
          values={{ code: category.code, nameNl: category.nameNl, nameEn: category.nameEn, parent: category.parentCode ?? "", slug: category.slug }}
          parents={parents}
        />
      </Card>
      <Card title={t("productsTitle")}>
        <p className="mb-3 text-sm text-slate-700" data-testid="category-product-count">
          {t("productCount", { total: products, inactive: category.inactiveProducts })}
        </p>
        {products === 0 ? (
          <p className="text-sm text-slate-600">{t("productsNone")}</p>
        ) : (
          <>
            <p className="mb-3 max-w-3xl text-sm text-slate-600">{t("productsIntro")}</p>
            <CategoryCommandForm action={moveCategoryProductsAction} code={category.code} submitLabel={tf("moveSubmit")} confirm={tf("moveConfirm")} testId="category-move-products">
              <CategoryTargetSelect options={targets} />
            </CategoryCommandForm>
          </>
        )}
      </Card>
      <Card title={t("deleteTitle")}>
        {blockers ? (
          <p className="text-sm text-slate-700" data-testid="category-delete-blocked">
            {t("deleteBlocked", blockers)}
          </p>
        ) : (
          <div className="space-y-3">
            <p className="text-sm text-slate-600">{t("deleteIntro")}</p>
            <CategoryCommandForm action={deleteCategoryAction} code={category.code} submitLabel={tf("delete")} confirm={tf("deleteConfirm")} variant="danger" testId="category-delete" />
          </div>
        )}
      </Card>
    </div>
  );
}
