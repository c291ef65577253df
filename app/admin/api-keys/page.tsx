import Link from "next/link";
import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/admin/action-form";
import { ApiKeyForm } from "@/components/admin/api-key-form";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { API_ENDPOINTS, scopesForRole } from "@/lib/admin/api-scopes";
import { publicBaseUrl } from "@/lib/admin/request-url";
import { requireStaff } from "@/lib/auth/guards";
import { listApiKeys, listOtherStaffApiKeys, listRecentApiKeyCalls } from "@/lib/data/api-keys";
import { dateTimeText } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.apiKeys");
const CALLS_SHOWN = 20;

export default async function ApiKeysPage() {
  await connection();
  const staff = await requireStaff("/admin/api-keys");
  const isAdmin = staff.role === "admin";
  // Admins oversee every staff member's keys (and may revoke them); an account manager sees only their own.
  const [t, locale, keys, othersKeys, baseUrl] = await Promise.all([
    getTranslations("admin.apiKeys"),
    getLocale().then(toLocale),
    listApiKeys(staff.id),
    isAdmin ? listOtherStaffApiKeys(staff.id) : Promise.resolve([]),
    publicBaseUrl(),
  ]);
  const scopes = scopesForRole(isAdmin ? "admin" : "account_manager");
  const scopeText = (keyScopes: string[] | null) =>
    keyScopes === null ? t("fullAccess") : keyScopes.map((scope) => t(`scope.${scope}` as "scope.stock").split(":")[0]).join(", ");
  // Both key tables: the admin's overview has the owner first.
  const keyTableHead = (withOwner: boolean) => (
    <thead>
      <tr>
        {withOwner && <th className={thClass}>{t("owner")}</th>}
        {(["name", "prefix", "scopes", "created", "lastUsed"] as const).map((column) => (
          <th key={column} className={thClass}>
            {t(column)}
          </th>
        ))}
        <th className={thClass}>
          <span className="sr-only">{t("actions")}</span>
        </th>
      </tr>
    </thead>
  );
  const calls = await listRecentApiKeyCalls(
    keys.map((key) => key.id),
    CALLS_SHOWN,
  );
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      <Card title={t("newKey")}>
        <ApiKeyForm action={createApiKeyAction} scopes={scopes} />
      </Card>
      <Card title={t("yourKeys")}>
        {keys.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <table className={tableClass}>
            {keyTableHead(false)}
            <tbody>
              {keys.map((key) => {
                const used = calls.get(key.id) ?? { calls: [], total: 0 };
                return (
                <tr key={key.id} data-testid="api-key-row">
                  <td className={tdClass}>
                    {key.name}
                    {/* What the key did: its latest calls with their answers, so an integration can be audited. */}
                    <details className="mt-1 text-xs text-slate-600" data-testid="api-key-calls">
                      <summary className="cursor-pointer">
                        {t("calls", { count: used.total })}
                        {used.total > used.calls.length ? ` (${t("callsShown", { count: used.calls.length })})` : ""}
                      </summary>
                      {used.calls.length > 0 && (
                        <table className="mt-1">
                          <thead>
                            <tr>
                              <th className="pr-3 text-left font-medium">{t("callAt")}</th>
                              <th className="pr-3 text-left font-medium">{t("callRequest")}</th>
                              <th className="text-left font-medium">{t("callStatus")}</th>
                            </tr>
                          </thead>
                          <tbody>
                            {used.calls.map((call) => (
                              <tr key={call.id}>
                                <td className="whitespace-nowrap pr-3">{dateTimeText(call.at, locale)}</td>
                                <td className="break-all pr-3 font-mono">
                                  {call.method} {call.path}
                                </td>
                                <td className={call.status >= 400 ? "font-medium text-red-700" : ""}>{call.status}</td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                      )}
                    </details>
                  </td>
                  <td className={`${tdClass} font-mono text-xs`}>{key.prefix}…</td>
                  <td className={`${tdClass} text-xs`} data-testid="api-key-scopes">
                    {scopeText(key.scopes)}
                  </td>
                  <td className={tdClass}>{dateTimeText(key.createdAt, locale)}</td>
                  <td className={tdClass}>{key.lastUsedAt ? dateTimeText(key.lastUsedAt, locale) : "–"}</td>
                  <td className={tdClass}>
                    {key.revokedAt ? (
                      <Badge>{t("revoked")}</Badge>
                    ) : (
                      <ActionForm action={revokeApiKeyAction} submitLabel={t("revoke")} variant="link" inline confirm={t("confirmRevoke", { name: key.name })}>
                        <input type="hidden" name="keyId" value={key.id} />
                      </ActionForm>
                    )}
                  </td>
                </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
      {isAdmin && (
        <Card title={t("othersKeys")}>
          <p className="mb-2 text-sm text-slate-600">{t("othersKeysIntro")}</p>
          {othersKeys.length === 0 ? (
            <p className="text-sm text-slate-600">{t("othersNone")}</p>
          ) : (
            <table className={tableClass} data-testid="staff-api-keys">
              {keyTableHead(true)}
              <tbody>
                {othersKeys.map((key) => (
                  <tr key={key.id} data-testid="staff-api-key-row">
                    <td className={tdClass}>
                      <Link href={`/admin/staff/${key.userId}`} className="font-medium text-brand-700 underline">
                        {key.owner.name}
                      </Link>
                      <div className="text-xs text-slate-600">
                        {key.owner.email}
                        {key.owner.active ? "" : ` · ${t("ownerDeactivated")}`}
                      </div>
                    </td>
                    <td className={tdClass}>{key.name}</td>
                    <td className={`${tdClass} font-mono text-xs`}>{key.prefix}…</td>
                    <td className={`${tdClass} text-xs`}>{scopeText(key.scopes)}</td>
                    <td className={tdClass}>{dateTimeText(key.createdAt, locale)}</td>
                    <td className={tdClass}>{key.lastUsedAt ? dateTimeText(key.lastUsedAt, locale) : "–"}</td>
                    <td className={tdClass}>
                      {key.revokedAt ? (
                        <Badge>{t("revoked")}</Badge>
                      ) : (
                        <ActionForm
                          action={revokeApiKeyAction}
                          submitLabel={t("revoke")}
                          variant="link"
                          inline
                          confirm={t("confirmRevokeOthers", { name: key.name, owner: key.owner.name })}
                        >
                          <input type="hidden" name="keyId" value={key.id} />
                        </ActionForm>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      )}
      <Card title={t("usage")}>
        <p className="mb-2 text-sm text-slate-600">{t("usageIntro")}</p>
        <h3 className="mb-1 mt-3 text-sm font-medium">{t("endpoints")}</h3>
        <dl className="mb-3 space-y-2 text-xs" data-testid="api-endpoints">
          {scopes.map((scope) => (
            <div key={scope}>
              <dt className="font-medium text-slate-700">{t(`scope.${scope}`)}</dt>
              <dd className="font-mono text-slate-600">
                {API_ENDPOINTS.filter((endpoint) => endpoint.scope === scope).map((endpoint) => (
                  <div key={`${endpoint.method} ${endpoint.path}`}>
                    {endpoint.method} {endpoint.path}
                  </div>
                ))}
              </dd>
            </div>
          ))}
        </dl>
        <pre className="relative overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-100">
          {`# ${t("exampleGet")}
curl -H "Authorization: Bearer kop_…" ${baseUrl}/admin/api/price-lists/RC-DEMO/entries

# ${t("examplePut")}
curl -X PUT -H "Authorization: Bearer kop_…" -H "Content-Type: application/json" \\
  ${baseUrl}/admin/api/price-lists/RC-DEMO/entries \\
  -d '{"entries":[{"sku":"KP-000001","type":"fixed","value":"4.50","tiers":[{"minQuantity":10,"value":"4.20"}],"validTo":"2026-12-31"}]}'

# ${t("exampleDelete")}
curl -X DELETE -H "Authorization: Bearer kop_…" ${baseUrl}/admin/api/price-lists/RC-DEMO/entries/KP-000001`}
        </pre>
      </Card>
    </div>
  );
}
