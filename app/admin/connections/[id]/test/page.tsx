import { connection as dynamic } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/admin/action-form";
import { Badge, Card } from "@/components/admin/tabs";
import { ConnectionTestResultView } from "@/components/punchout/connection-test-result";
import { latestConnectionTestResult } from "@/lib/admin/connection-test";
import { getConnectionForStaff } from "@/lib/admin/punchout-connections";
import { requireStaff } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { getShopContext } from "@/lib/shop-context";
import { startConnectionTestAction } from "../../actions";
import { pageTitle } from "@/lib/i18n/page-title";
import { protocolName } from "@/lib/punchout/preset-names";

export const generateMetadata = pageTitle("admin.connectionTest");

export default async function ConnectionTestPage({ params }: { params: Promise<{ id: string }> }) {
  await dynamic();
  const { id } = await params;
  const staff = await requireStaff(`/admin/connections/${id}/test`);
  if (!/^\d{1,9}$/.test(id)) notFound();
  const connectionId = Number(id);
  const connection = await getConnectionForStaff(staff, connectionId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const [t, result, { locale }] = await Promise.all([getTranslations("punchout.admin.connectionTest"), latestConnectionTestResult(staff, connectionId), getShopContext()]);
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/admin/connections/${connection.id}`} className="text-sm text-brand-700 underline">
          {connection.name}
        </Link>
        <h1 className="text-2xl font-semibold">
          {t("title")} <Badge>{protocolName(connection.protocol)}</Badge>
        </h1>
      </div>
      <Card>
        <div className="space-y-3 text-sm text-slate-700">
          <p>{t(connection.protocol === "oci" ? "introOci" : "introCxml")}</p>
          <p>{t("introReturn")}</p>
          {!connection.enabled && <p className="text-amber-800">{t("disabledHint")}</p>}
          <ActionForm action={startConnectionTestAction} submitLabel={t("start")} testId="start-connection-test">
            <input type="hidden" name="id" value={connection.id} />
          </ActionForm>
        </div>
      </Card>
      <section id="result" className="space-y-3">
        <h2 className="text-lg font-semibold">{t("latest")}</h2>
        {result ? <ConnectionTestResultView result={result} locale={locale} /> : <p className="text-sm text-slate-600">{t("none")}</p>}
      </section>
    </div>
  );
}
