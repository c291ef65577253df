import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ProductForm } from "@/components/admin/product-form";
import { Card } from "@/components/admin/tabs";
import { isAdmin } from "@/lib/admin/access";
import { categoryOptions, contentUnitOptions, unitOptions } from "@/lib/admin/product-edit";
import { requireStaff } from "@/lib/auth/guards";
import { listCategories } from "@/lib/data/catalog";
import { toLocale } from "@/lib/i18n/locales";
import { saveProductAction } from "../actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.newProduct");

/** A product added by hand (admins only; the ERP's product API is the usual way in). */
export default async function NewProductPage() {
  await connection();
  const staff = await requireStaff("/admin/products/new");
  if (!isAdmin(staff)) notFound();
  const [t, tp, locale, categories] = await Promise.all([getTranslations("admin.productForm"), getTranslations("admin.products"), getLocale().then(toLocale), listCategories()]);
  return (
    <div className="space-y-4">
      <Link href="/admin/products" className="text-sm text-brand-700 hover:underline">
        ← {tp("back")}
      </Link>
      <h1 className="text-2xl font-semibold">{t("newTitle")}</h1>
      <p className="max-w-3xl text-sm text-slate-600">{t("newIntro")}</p>
      <Card title={t("dataTitle")}>
        <ProductForm
          action={saveProductAction}
          mode="create"
          categories={categoryOptions(categories, locale)}
          units={unitOptions(locale, "EA")}
          contentUnits={contentUnitOptions(locale)}
          values={{
            sku: "",
            category: "",
            nameNl: "",
            nameEn: "",
            descriptionNl: "",
            descriptionEn: "",
            brand: "",
            manufacturer: "",
            manufacturerPartNumber: "",
            gtin: "",
            unspsc: "",
            unit: "EA",
            packSize: 1,
            contentUnit: "",
            minOrderQuantity: 1,
            orderMultiple: 1,
            leadTimeDays: 1,
            listPrice: "",
            tiers: "",
            vatRate: "21",
            active: true,
            attributes: "",
          }}
        />
      </Card>
    </div>
  );
}
