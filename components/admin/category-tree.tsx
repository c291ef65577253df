import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CategoryAdminNode } from "@/lib/admin/categories";
import type { Locale } from "@/lib/i18n/locales";
import type { FormAction } from "./action-form";
import { MoveButtons } from "./move-buttons";
import { Badge, tableClass, tdClass, thClass } from "./tabs";

/**
 * The category tree as the shop's navigation orders it: top-level categories, each followed by its
 * children (indented), with code, both names, the shop URL, product counts and up/down buttons that
 * move a category among its siblings.
 */
export async function CategoryTree({ tree, moveAction, highlight, locale }: { tree: CategoryAdminNode[]; moveAction: FormAction; highlight?: string; locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "categoriesAdmin" });
  if (tree.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className={tableClass} data-testid="category-tree">
        <thead>
          <tr>
            <th className={thClass}>{t("columns.name")}</th>
            <th className={thClass}>{t("columns.code")}</th>
            <th className={thClass}>{t("columns.url")}</th>
            <th className={thClass}>{t("columns.products")}</th>
            <th className={thClass}>{t("columns.children")}</th>
            <th className={thClass}>{t("columns.order")}</th>
          </tr>
        </thead>
        <tbody>
          {tree.map((category) => (
            <tr key={category.id} data-testid="category-row" data-code={category.code} className={category.code === highlight ? "bg-emerald-50" : undefined}>
              <td className={`${tdClass} ${category.parentId === null ? "font-medium" : "pl-8"}`}>
                {category.parentId !== null && <span aria-hidden="true">↳ </span>}
                <Link href={`/admin/categories/${encodeURIComponent(category.code)}`} className="text-brand-700 hover:underline">
                  {category.nameNl}
                </Link>
                {category.nameEn !== category.nameNl && <span className="block text-xs text-slate-500">{category.nameEn}</span>}
              </td>
              <td className={`${tdClass} font-mono`}>{category.code}</td>
              <td className={tdClass}>
                <Link href={`/catalog/${category.slug}`} className="text-brand-700 hover:underline" target="_blank">
                  /catalog/{category.slug}
                </Link>
              </td>
              <td className={tdClass} data-testid="category-products">
                {t("productCount", { total: category.activeProducts + category.inactiveProducts, inactive: category.inactiveProducts })}
              </td>
              <td className={tdClass}>{category.children > 0 ? <Badge>{t("childCount", { count: category.children })}</Badge> : t("childCount", { count: 0 })}</td>
              <td className={`${tdClass} whitespace-nowrap`}>
                <MoveButtons action={moveAction} field="code" value={category.code} first={category.first} last={category.last} labels={{ up: t("up"), down: t("down") }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
