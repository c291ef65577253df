import { connection } from "next/server";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/admin/action-form";
import { ApiKeyForm } from "@/components/admin/api-key-form";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { publicBaseUrl } from "@/lib/admin/request-url";
import { requireStaff } from "@/lib/auth/guards";
import { listApiKeys } from "@/lib/data/api-keys";
import { dateTimeText } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { createApiKeyAction, revokeApiKeyAction } from "./actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.apiKeys");

export default async function ApiKeysPage() {
  await connection();
  const staff = await requireStaff("/admin/api-keys");
  const [t, locale, keys, baseUrl] = await Promise.all([getTranslations("admin.apiKeys"), getLocale().then(toLocale), listApiKeys(staff.id), publicBaseUrl()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
      </div>
      <Card title={t("newKey")}>
        <ApiKeyForm action={createApiKeyAction} />
      </Card>
      <Card title={t("yourKeys")}>
        {keys.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>{t("name")}</th>
                <th className={thClass}>{t("prefix")}</th>
                <th className={thClass}>{t("created")}</th>
                <th className={thClass}>{t("lastUsed")}</th>
                <th className={thClass}>
                  <span className="sr-only">{t("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id}>
                  <td className={tdClass}>{key.name}</td>
                  <td className={`${tdClass} font-mono text-xs`}>{key.prefix}…</td>
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
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title={t("usage")}>
        <p className="mb-2 text-sm text-slate-600">{t("usageIntro")}</p>
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
