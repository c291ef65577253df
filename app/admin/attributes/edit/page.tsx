import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AttributeDeleteForm, AttributeForm } from "@/components/admin/attribute-form";
import { attributeHref } from "@/components/admin/attribute-table";
import { Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { isAdmin } from "@/lib/admin/access";
import { getAttributeAsAdmin, valueLabelText } from "@/lib/admin/attributes";
import { parseSearchParams, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { deleteAttributeAction, saveAttributeAction } from "../actions";
import { attributeFormTexts } from "../form-texts";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.attribute");

/**
 * One key (in the query: keys may hold spaces, "/" and "%"): its definition to edit, or — for a key
 * products use that nobody defined — the create form prefilled with it; and every value the
 * products hold for it with its English label, so an admin sees what is left to translate.
 */
export default async function AdminAttributePage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const { key } = parseSearchParams(z.object({ key: z.string().max(200).catch("") }), await searchParams);
  const staff = await requireStaff(attributeHref(key));
  if (!isAdmin(staff) || !key) notFound();
  const [t, texts, attribute] = await Promise.all([
    getTranslations("attributesAdmin"),
    attributeFormTexts(),
    getAttributeAsAdmin(staff, key).catch((error: unknown) => {
      if (isAppError(error) && error.code === "not_found") notFound();
      throw error;
    }),
  ]);
  const { definition, values, moreValues } = attribute;
  return (
    <div className="space-y-4">
      <Link href="/admin/attributes" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <h1 className="text-2xl font-semibold">{definition ? t("editTitle", { name: definition.nameNl }) : t("defineTitle", { key })}</h1>
      {!definition && <p className="max-w-3xl text-sm text-slate-600">{t("defineIntro")}</p>}
      <Card title={t("detailsTitle")}>
        <AttributeForm
          action={saveAttributeAction}
          mode={definition ? "edit" : "create"}
          values={{ key, nameNl: definition?.nameNl ?? "", nameEn: definition?.nameEn ?? "", filterable: definition?.filterable ?? false, valueLabels: valueLabelText(definition) }}
          texts={texts}
        />
      </Card>
      <Card title={t("valuesTitle")}>
        {values.length === 0 ? (
          <p className="text-sm text-slate-600">{t("valuesNone")}</p>
        ) : (
          <>
            <p className="mb-3 max-w-3xl text-sm text-slate-600">{t("valuesIntro")}</p>
            <div className="relative overflow-x-auto rounded-lg border border-slate-200">
              <table className={tableClass} data-testid="attribute-values">
                <thead>
                  <tr>
                    <th className={thClass}>{t("valueColumn")}</th>
                    <th className={thClass}>{t("productsColumn")}</th>
                    <th className={thClass}>{t("labelColumn")}</th>
                  </tr>
                </thead>
                <tbody>
                  {values.map(({ value, products }) => {
                    const label = definition && Object.hasOwn(definition.valueLabelsEn, value) ? definition.valueLabelsEn[value] : undefined;
                    return (
                      <tr key={value}>
                        <td className={tdClass}>{value || <span className="text-slate-500">{t("emptyValue")}</span>}</td>
                        <td className={tdClass}>{products}</td>
                        <td className={tdClass}>{label ?? <span className="text-slate-500">{t("noLabel", { value })}</span>}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            {moreValues && <p className="mt-2 text-xs text-slate-500">{t("valuesMore", { count: values.length })}</p>}
          </>
        )}
      </Card>
      {definition && (
        <Card title={t("deleteTitle")}>
          <div className="space-y-3">
            <p className="max-w-3xl text-sm text-slate-600">{t("deleteIntro")}</p>
            <AttributeDeleteForm action={deleteAttributeAction} attributeKey={key} texts={texts} />
          </div>
        </Card>
      )}
    </div>
  );
}
