import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { ActionForm } from "@/components/admin/action-form";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { WebhookEndpointForm, WebhookRotateForm } from "@/components/admin/webhook-forms";
import { Pagination } from "@/components/shop/pagination";
import { id as idSchema } from "@/lib/admin/schemas";
import { publicBaseUrl } from "@/lib/admin/request-url";
import { pageParam, parseSearchParams, type RawSearchParams } from "@/lib/admin/search-params";
import { getEndpointForAdmin, listDeliveriesForAdmin } from "@/lib/admin/webhooks";
import { requireStaff } from "@/lib/auth/guards";
import { dateTimeText } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import {
  resendWebhookDeliveryAction,
  rotateWebhookSecretAction,
  sendWebhookTestAction,
  setWebhookEnabledAction,
  updateWebhookEndpointAction,
} from "../actions";
import { orNotFound } from "../load";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.webhook");

const paramsSchema = z.object({ page: pageParam });
const STATUS_TONE = { pending: "blue", delivered: "green", failed: "red" } as const;

/** The body as sent, indented for reading (left as it is if it is not JSON). */
function prettyJson(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/**
 * How the supplier's system fetches and acknowledges a pull endpoint's events (the routes under
 * app/admin/api/webhooks): the calls for this endpoint, ready to paste, and the rule that makes it safe.
 */
async function PullApiCard({ endpointId }: { endpointId: number }) {
  const [t, baseUrl] = await Promise.all([getTranslations("admin.webhooks"), publicBaseUrl()]);
  const events = `/admin/api/webhooks/${endpointId}/events`;
  const fetchPath = `${events}?limit=50`;
  const ackPath = `${events}/ack`;
  const code = (chunks: React.ReactNode) => <code className="break-all font-mono text-xs">{chunks}</code>;
  const pre = "relative overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100";
  return (
    <div data-testid="webhook-pull-api">
      <Card title={t("pullApi.title")}>
        <div className="space-y-4 text-sm">
          <p className="text-slate-600">
            {t.rich("pullApi.intro", {
              link: (chunks) => (
                <Link href="/admin/api-keys" className="text-brand-700 underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
          <div className="space-y-1">
            <p className="font-medium">{t("pullApi.fetch")}</p>
            {code(`GET ${fetchPath}`)}
            <pre className={pre}>{`curl -H "Authorization: Bearer $KOPPEL_API_KEY" "${baseUrl}${fetchPath}"`}</pre>
          </div>
          <div className="space-y-1">
            <p className="font-medium">{t("pullApi.ack")}</p>
            {code(`POST ${ackPath}`)}
            <pre className={pre}>
              {`curl -X POST -H "Authorization: Bearer $KOPPEL_API_KEY" -H "Content-Type: application/json" \\
  "${baseUrl}${ackPath}" -d '{"ids":["evt_…"]}'`}
            </pre>
          </div>
          <p className="rounded-md border border-amber-300 bg-amber-50 p-3">{t("pullApi.rule")}</p>
          <p className="text-slate-600">
            {t.rich("pullApi.erpReference", { call: "PUT /admin/api/orders/<number>/erp-reference", body: '{"erpReference":"SO-2026-0815"}', code })}
          </p>
        </div>
      </Card>
    </div>
  );
}

/**
 * One webhook endpoint: its settings, its secret (push: replaced, never shown again) or how its events
 * are fetched (pull), and every delivery, newest first.
 */
export default async function WebhookEndpointPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  await connection();
  const { id: rawId } = await params;
  const staff = await requireStaff(`/admin/settings/webhooks/${rawId}`);
  const parsedId = idSchema.safeParse(rawId);
  if (!parsedId.success) notFound();
  const endpointId = parsedId.data;
  const { page } = parseSearchParams(paramsSchema, await searchParams);
  const [endpoint, deliveries] = await orNotFound(Promise.all([getEndpointForAdmin(staff, endpointId), listDeliveriesForAdmin(staff, endpointId, page)]));
  const [t, locale] = await Promise.all([getTranslations("admin.webhooks"), getLocale().then(toLocale)]);
  const pages = Math.max(1, Math.ceil(deliveries.total / deliveries.limit));
  const when = (value: Date | null) => (value ? dateTimeText(value, locale) : "–");
  // Pull: "delivered" means acknowledged, and a pending event is due whenever the ERP fetches (no next attempt).
  const pull = endpoint.delivery === "pull";
  const statusText = (status: keyof typeof STATUS_TONE, attempts: number) =>
    !pull ? t(`deliveryStatus.${status}`) : status === "pending" && attempts > 0 ? t("pullDeliveryStatus.fetched") : t(`pullDeliveryStatus.${status}`);
  return (
    <div className="space-y-6">
      <div>
        <Link href="/admin/settings/webhooks" className="text-sm text-brand-700 underline">
          ← {t("back")}
        </Link>
        <h1 className="mt-1 flex flex-wrap items-center gap-2 text-2xl font-semibold">
          {endpoint.name}
          <Badge tone={endpoint.enabled ? "green" : "red"}>{endpoint.enabled ? t("enabled") : t("disabled")}</Badge>
        </h1>
        {pull ? <p className="text-sm text-slate-600">{t("deliveryPull")}</p> : <p className="break-all font-mono text-sm text-slate-600">{endpoint.url}</p>}
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("details")}>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]" data-testid="webhook-endpoint-details">
            {pull ? (
              <>
                <dt className="font-medium text-slate-700">{t("delivery")}</dt>
                <dd>{t("deliveryPull")}</dd>
              </>
            ) : (
              <>
                <dt className="font-medium text-slate-700">{t("url")}</dt>
                <dd className="break-all font-mono text-xs">{endpoint.url}</dd>
              </>
            )}
            <dt className="font-medium text-slate-700">{t("status")}</dt>
            <dd>
              {endpoint.enabled ? t("enabled") : t("disabled")}
              {!endpoint.enabled && endpoint.disabledReason && <span className="block text-xs text-slate-500">{t("disabledReason", { reason: endpoint.disabledReason, name: endpoint.disabledByName ?? "?" })}</span>}
            </dd>
            <dt className="font-medium text-slate-700">{t("created")}</dt>
            <dd>{when(endpoint.createdAt)}</dd>
            <dt className="font-medium text-slate-700">{t("updated")}</dt>
            <dd>{when(endpoint.updatedAt)}</dd>
          </dl>
        </Card>
        <Card title={t("manage")}>
          <div className="space-y-4">
            <div className="space-y-1">
              {/* Keyed by the state it switches to: the form starts afresh once the page shows the new state. */}
              <ActionForm
                key={endpoint.enabled ? "disable" : "enable"}
                action={setWebhookEnabledAction}
                submitLabel={endpoint.enabled ? t("disable") : t("enable")}
                variant={endpoint.enabled ? "danger" : "secondary"}
                confirm={endpoint.enabled ? t("confirmDisable") : undefined}
                testId="webhook-enabled-form"
              >
                <input type="hidden" name="endpointId" value={endpoint.id} />
                <input type="hidden" name="enabled" value={endpoint.enabled ? "false" : "true"} />
              </ActionForm>
              {endpoint.enabled && <p className="text-xs text-slate-500">{t("disableHint")}</p>}
            </div>
            <div className="space-y-1">
              <ActionForm action={sendWebhookTestAction} submitLabel={t("sendTest")} successMessage={t("testQueued")} variant="secondary" testId="webhook-test-form">
                <input type="hidden" name="endpointId" value={endpoint.id} />
              </ActionForm>
              <p className="text-xs text-slate-500">{pull ? t("testHintPull") : t("testHint")}</p>
            </div>
            {/* A pull endpoint signs nothing: no secret to replace (rotateEndpointSecret refuses it). */}
            {!pull && <WebhookRotateForm action={rotateWebhookSecretAction} endpointId={endpoint.id} />}
          </div>
        </Card>
      </div>

      {pull && <PullApiCard endpointId={endpoint.id} />}

      <Card title={t("edit")}>
        <WebhookEndpointForm action={updateWebhookEndpointAction} endpointId={endpoint.id} name={endpoint.name} url={endpoint.url} delivery={endpoint.delivery} />
      </Card>

      <Card title={t("deliveries")}>
        <p className="mb-2 text-sm text-slate-600">{deliveries.total === 0 ? t("noDeliveries") : t("deliveriesCount", { count: deliveries.total })}</p>
        {deliveries.items.length > 0 && (
          <div className="relative overflow-x-auto">
            <table className={tableClass} data-testid="webhook-deliveries">
              <thead>
                <tr>
                  <th className={thClass}>{t("createdAt")}</th>
                  <th className={thClass}>{t("eventType")}</th>
                  <th className={thClass}>{t("order")}</th>
                  <th className={thClass}>{t("status")}</th>
                  <th className={`${thClass} text-right`}>{pull ? t("fetchedCount") : t("attempts")}</th>
                  <th className={thClass}>{t("lastResult")}</th>
                  <th className={thClass}>{t("nextAttempt")}</th>
                  <th className={thClass}>{pull ? t("acknowledgedAt") : t("deliveredAt")}</th>
                  <th className={thClass}>{t("more")}</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.items.map((delivery) => (
                  <tr key={delivery.id} data-testid="webhook-delivery" data-status={delivery.status} data-event-type={delivery.eventType}>
                    <td className={`${tdClass} whitespace-nowrap`}>{when(delivery.createdAt)}</td>
                    <td className={tdClass}>
                      <code className="font-mono text-xs">{delivery.eventType}</code>
                    </td>
                    <td className={tdClass}>
                      {delivery.orderId && delivery.orderNumber ? (
                        <Link href={`/admin/orders/${delivery.orderId}`} className="text-brand-700 underline">
                          {delivery.orderNumber}
                        </Link>
                      ) : (
                        "–"
                      )}
                    </td>
                    <td className={tdClass}>
                      <Badge tone={STATUS_TONE[delivery.status]}>{statusText(delivery.status, delivery.attempts)}</Badge>
                    </td>
                    <td className={`${tdClass} text-right tabular-nums`}>{delivery.attempts}</td>
                    <td className={`${tdClass} max-w-xs`}>
                      {delivery.lastHttpStatus !== null && <span className="font-mono text-xs">HTTP {delivery.lastHttpStatus}</span>}
                      {delivery.lastError && (
                        <span className="block break-words text-xs text-red-800" title={delivery.lastError}>
                          {delivery.lastError.length > 200 ? `${delivery.lastError.slice(0, 200)}…` : delivery.lastError}
                        </span>
                      )}
                      {delivery.lastHttpStatus === null && !delivery.lastError && "–"}
                    </td>
                    <td className={`${tdClass} whitespace-nowrap`}>{delivery.status === "pending" && !pull ? when(delivery.nextAttemptAt) : "–"}</td>
                    <td className={`${tdClass} whitespace-nowrap`}>{when(delivery.deliveredAt)}</td>
                    <td className={`${tdClass} space-y-2`}>
                      {delivery.status !== "pending" && (
                        <ActionForm action={resendWebhookDeliveryAction} submitLabel={t("resend")} variant="secondary" inline className="inline-flex" testId="webhook-resend-form">
                          <input type="hidden" name="endpointId" value={endpoint.id} />
                          <input type="hidden" name="deliveryId" value={delivery.id} />
                        </ActionForm>
                      )}
                      <details className="min-w-48">
                        <summary className="cursor-pointer text-brand-700 underline">{t("body")}</summary>
                        <div className="mt-2 space-y-2">
                          <p className="text-xs text-slate-600">
                            {pull ? t("eventIdPull") : t("eventId")}: <code className="break-all font-mono">{delivery.eventId}</code>
                          </p>
                          {delivery.body ? (
                            <pre className="max-h-96 max-w-2xl overflow-auto rounded bg-slate-900 p-3 text-xs text-slate-100" data-testid="webhook-delivery-body">
                              {prettyJson(delivery.body)}
                            </pre>
                          ) : (
                            <p className="text-xs text-slate-600">{pull ? t("bodyNotYetPull") : t("bodyNotYet")}</p>
                          )}
                        </div>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={page} pages={pages} hrefFor={(p) => `/admin/settings/webhooks/${endpoint.id}?page=${p}`} />
      </Card>
    </div>
  );
}
