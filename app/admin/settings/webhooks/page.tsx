import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { WebhookCreateForm } from "@/components/admin/webhook-forms";
import { listEndpointsForAdmin } from "@/lib/admin/webhooks";
import { requireStaff } from "@/lib/auth/guards";
import { dateTimeText } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { createWebhookEndpointAction } from "./actions";
import { orNotFound } from "./load";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.webhooks");

/** Order webhooks into the supplier's own systems (ERP, middleware): admins only, everybody else gets a 404. */
export default async function WebhooksPage() {
  await connection();
  const staff = await requireStaff("/admin/settings/webhooks");
  const endpoints = await orNotFound(listEndpointsForAdmin(staff));
  const [t, locale] = await Promise.all([getTranslations("admin.webhooks"), getLocale().then(toLocale)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="max-w-4xl text-sm text-slate-600">{t("intro")}</p>
      </div>
      <Card title={t("endpoints")}>
        {endpoints.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className={tableClass} data-testid="webhook-endpoints">
              <thead>
                <tr>
                  <th className={thClass}>{t("name")}</th>
                  <th className={thClass}>{t("url")}</th>
                  <th className={thClass}>{t("status")}</th>
                  <th className={`${thClass} text-right`}>{t("pending")}</th>
                  <th className={`${thClass} text-right`}>{t("failed")}</th>
                  <th className={thClass}>{t("lastDelivered")}</th>
                </tr>
              </thead>
              <tbody>
                {endpoints.map((endpoint) => (
                  <tr key={endpoint.id} data-testid="webhook-endpoint" data-enabled={endpoint.enabled ? "true" : "false"} data-delivery={endpoint.delivery}>
                    <td className={tdClass}>
                      <Link href={`/admin/settings/webhooks/${endpoint.id}`} className="text-brand-700 underline">
                        {endpoint.name}
                      </Link>
                    </td>
                    {/* A pull endpoint has no URL: the supplier's system fetches its events through the API. */}
                    {endpoint.delivery === "pull" ? (
                      <td className={tdClass}>
                        <Badge>{t("deliveryPull")}</Badge>
                      </td>
                    ) : (
                      <td className={`${tdClass} break-all font-mono text-xs`}>{endpoint.url}</td>
                    )}
                    <td className={tdClass}>
                      <Badge tone={endpoint.enabled ? "green" : "red"}>{endpoint.enabled ? t("enabled") : t("disabled")}</Badge>
                      {!endpoint.enabled && endpoint.disabledReason && (
                        <span className="mt-0.5 block text-xs text-slate-500">{t("disabledReason", { reason: endpoint.disabledReason, name: endpoint.disabledByName ?? "?" })}</span>
                      )}
                    </td>
                    <td className={`${tdClass} text-right tabular-nums`}>{endpoint.pending}</td>
                    <td className={`${tdClass} text-right tabular-nums ${endpoint.failed > 0 ? "font-semibold text-red-700" : ""}`}>{endpoint.failed}</td>
                    <td className={tdClass}>{endpoint.lastDeliveredAt ? dateTimeText(endpoint.lastDeliveredAt, locale) : t("never")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title={t("newEndpoint")}>
        <WebhookCreateForm action={createWebhookEndpointAction} />
      </Card>
    </div>
  );
}
