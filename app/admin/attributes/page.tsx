import { connection } from "next/server";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { AttributeForm } from "@/components/admin/attribute-form";
import { AttributeTable } from "@/components/admin/attribute-table";
import { Card } from "@/components/admin/tabs";
import { isAdmin } from "@/lib/admin/access";
import { listAttributesAsAdmin } from "@/lib/admin/attributes";
import { parseSearchParams, type RawSearchParams } from "@/lib/admin/search-params";
import { requireStaff } from "@/lib/auth/guards";
import { moveAttributeAction, saveAttributeAction } from "./actions";
import { attributeFormTexts } from "./form-texts";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.attributes");

const notice = z.string().max(40).optional().catch(undefined);

/** What the keys of the products' attributes mean: names, order, filters and English value labels (admins only). */
export default async function AdminAttributesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await connection();
  const staff = await requireStaff("/admin/attributes");
  if (!isAdmin(staff)) notFound();
  const { created, deleted } = parseSearchParams(z.object({ created: notice, deleted: notice }), await searchParams);
  const [t, texts, rows] = await Promise.all([getTranslations("attributesAdmin"), attributeFormTexts(), listAttributesAsAdmin(staff)]);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      {(created || deleted) && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="attribute-notice">
          {created ? t("created", { key: created }) : t("deleted", { key: deleted! })}
        </p>
      )}
      <Card title={t("listTitle")}>
        <p className="mb-3 max-w-3xl text-sm text-slate-600">{t("listIntro")}</p>
        <AttributeTable rows={rows} moveAction={moveAttributeAction} highlight={created} />
      </Card>
      <Card title={t("newTitle")}>
        {/* Keyed by the last created key: a fresh, empty form for the next one. */}
        <AttributeForm key={created ?? ""} action={saveAttributeAction} mode="create" values={{ key: "", nameNl: "", nameEn: "", filterable: false, valueLabels: "" }} texts={texts} />
      </Card>
    </div>
  );
}
