import { connection } from "next/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { TabNav } from "@/components/admin/tab-nav";
import { Badge } from "@/components/admin/tabs";
import { customerForPage } from "@/lib/admin/route-params";
import { getCurrentUser, requireStaff } from "@/lib/auth/guards";

export default async function CustomerLayout({ children, params }: { children: React.ReactNode; params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  if (!(await getCurrentUser())) return <>{children}</>;
  const staff = await requireStaff(`/admin/customers/${id}`);
  const [company, t] = await Promise.all([customerForPage(staff, id), getTranslations("admin.customer")]);
  const base = `/admin/customers/${company.id}`;
  return (
    <div className="space-y-4">
      <div>
        <Link href="/admin/customers" className="text-sm text-brand-700 hover:underline">
          ← {t("back")}
        </Link>
        <h1 className="mt-1 flex flex-wrap items-center gap-2 text-2xl font-semibold">
          {company.name} {!company.active && <Badge tone="red">{t("inactive")}</Badge>}
        </h1>
        <p className="text-sm text-slate-600">
          {[company.kvkNumber && t("kvk", { kvk: company.kvkNumber }), company.vatId, company.countryCode].filter(Boolean).join(" · ")}
        </p>
      </div>
      <TabNav
        label={t("tabs.label")}
        items={[
          { href: base, label: t("tabs.overview") },
          { href: `${base}/users`, label: t("tabs.users") },
          { href: `${base}/pricing`, label: t("tabs.pricing") },
          { href: `${base}/article-numbers`, label: t("tabs.articleNumbers") },
          { href: `${base}/catalog`, label: t("tabs.catalog") },
          { href: `${base}/history`, label: t("tabs.history") },
        ]}
      />
      {children}
    </div>
  );
}
