import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { inputClass } from "@/components/admin/styles";
import { Card } from "@/components/admin/tabs";
import { assortmentSummary } from "@/lib/admin/assortment";
import { catalogExportDefaults } from "@/lib/admin/catalog-export";
import { customerForPage } from "@/lib/admin/route-params";
import { requireStaff } from "@/lib/auth/guards";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.catalogExport");

/**
 * A static catalogue of the customer's prices for their procurement system: a plain GET form to the
 * download route, so the browser saves the file (nothing is stored on our side).
 */
export default async function CustomerCatalogPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/customers/${id}/catalog`);
  const company = await customerForPage(staff, id);
  const [t, defaults, { contractProducts }] = await Promise.all([
    getTranslations("admin.catalogExport"),
    catalogExportDefaults(staff, company.id),
    assortmentSummary(company, new Date()),
  ]);
  const radio = "mr-2 align-middle";
  // Its buyers see only the contract assortment: a file with more would offer what they cannot order (the export refuses it too).
  const contractOnly = company.assortment === "contract";
  return (
    <Card title={t("title")}>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      <form method="get" action={`/admin/customers/${company.id}/catalog/export`} className="grid max-w-3xl gap-4" data-testid="catalog-export-form">
        <fieldset>
          <legend className="text-sm font-medium">{t("format")}</legend>
          <label className="mt-1 block text-sm">
            <input type="radio" name="format" value="cif" defaultChecked className={radio} />
            {t("formatCif")}
          </label>
          <label className="block text-sm">
            <input type="radio" name="format" value="bmecat" className={radio} />
            {t("formatBmecat")}
          </label>
        </fieldset>
        <fieldset data-testid="catalog-export-scope">
          <legend className="text-sm font-medium">{t("scope")}</legend>
          <label className="mt-1 block text-sm">
            <input type="radio" name="scope" value="contract" defaultChecked className={radio} />
            {t("scopeContract")} ({contractProducts})
          </label>
          {/* Said before the download: the file would hold no item at all (the buyer's system would load an empty catalogue). */}
          {contractProducts === 0 && (
            <p role="status" className="mt-1 max-w-2xl rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900" data-testid="catalog-export-no-contract">
              {t(contractOnly ? "noContractProductsOnly" : "noContractProducts")}
            </p>
          )}
          {contractOnly ? (
            <p className="mt-1 max-w-2xl text-xs text-slate-600" data-testid="catalog-export-contract-only">
              {t("scopeContractOnly")}
            </p>
          ) : (
            <label className="block text-sm">
              <input type="radio" name="scope" value="all" className={radio} />
              {t("scopeAll")}
            </label>
          )}
        </fieldset>
        <label className="block text-sm">
          <span className="block font-medium">{t("language")}</span>
          <select name="language" defaultValue="nl" className={`${inputClass} mt-1 max-w-xs`}>
            <option value="nl">Nederlands</option>
            <option value="en">English</option>
          </select>
        </label>
        <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
          <label className="block text-sm">
            <span className="font-medium">{t("supplierIdDomain")}</span>
            <select name="supplierIdDomain" defaultValue={defaults.supplierIdDomain} className={`${inputClass} mt-1`}>
              <option value="NetworkID">{t("domainNetworkId")}</option>
              <option value="DUNS">DUNS</option>
              <option value="buyersystemid">{t("domainBuyer")}</option>
            </select>
          </label>
          <label className="block text-sm">
            <span className="font-medium">{t("supplierId")}</span>
            <input name="supplierId" required maxLength={100} pattern={'[^",;\\}\\\\\\s]+'} defaultValue={defaults.supplierId} className={`${inputClass} mt-1`} />
            <span className="text-xs text-slate-500">{t("supplierIdHint")}</span>
          </label>
        </div>
        <div>
          <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
            {t("download")}
          </button>
        </div>
      </form>
    </Card>
  );
}
