import { connection as dynamic } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Badge, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { ConnectionHandover } from "@/components/punchout/connection-handover";
import { ConnectionForm, RotateSecretForm } from "@/components/punchout/connection-form";
import { connectionHandover } from "@/lib/admin/connection-handover";
import { getConnectionWithCustomerForStaff } from "@/lib/admin/punchout-connections";
import { publicBaseUrl } from "@/lib/admin/request-url";
import { requireStaff } from "@/lib/auth/guards";
import { listProtocolMessages } from "@/lib/data/protocol-messages";
import { getPurchaseOrderSettings } from "@/lib/data/purchase-orders";
import { isAppError } from "@/lib/errors";
import { connectionTestPath } from "@/lib/punchout/connection-test";
import { presetName, protocolName } from "@/lib/punchout/preset-names";
import { dateTimeText } from "@/lib/format";
import { getShopContext } from "@/lib/shop-context";
import { rotateSecretAction, updateConnectionAction } from "../actions";
import { pageTitle } from "@/lib/i18n/page-title";
import { MessageDirection, MessageOrderLink, MessageOutcome, MessageTypeName } from "@/components/admin/protocol-message-labels";

export const generateMetadata = pageTitle("admin.connection");

export default async function ConnectionPage({ params }: { params: Promise<{ id: string }> }) {
  await dynamic();
  const { id } = await params;
  const staff = await requireStaff(`/admin/connections/${id}`);
  const connectionId = Number(id);
  if (!Number.isSafeInteger(connectionId)) notFound();
  const connection = await getConnectionWithCustomerForStaff(staff, connectionId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const [t, messages, { locale }, baseUrl, orderSettings] = await Promise.all([
    getTranslations("punchout.admin"),
    listProtocolMessages({ connectionId }, 20),
    getShopContext(),
    publicBaseUrl(),
    getPurchaseOrderSettings(connectionId),
  ]);
  const handover = connectionHandover(connection, baseUrl);
  // It takes purchase orders (the handover names the order URL) but has nowhere to send their confirmations,
  // ship notices and cXML invoices: said here, where the connection is set up, not first when an order is decided.
  const responseAddressMissing = handover.some((item) => item.key === "cxmlOrderUrl") && !orderSettings?.orderResponseUrl;
  const credentials = (list: { domain: string; identity: string }[]) => list.map((c) => `${c.domain}:${c.identity}`).join("\n");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <Link href="/admin/connections" className="text-sm text-brand-700 underline">
            {t("title")}
          </Link>
          <h1 className="text-2xl font-semibold">
            {connection.name} <Badge>{protocolName(connection.protocol)}</Badge>
          </h1>
          <p className="text-sm text-slate-600" data-testid="connection-customer">
            {t("customer")}:{" "}
            <Link href={`/admin/customers/${connection.companyId}`} className="text-brand-700 underline">
              {connection.companyName}
            </Link>{" "}
            · {t("preset")}: {presetName(connection.protocol, connection.presetId, locale)}
          </p>
          <p className="text-sm text-slate-600">
            <Link href={`/admin/orders/settings/${connection.id}`} className="text-brand-700 underline">
              {t("orderSettings")}
            </Link>{" "}
            ·{" "}
            <Link href={connectionTestPath(connection.id)} className="text-brand-700 underline">
              {t("testConnection")}
            </Link>
          </p>
          {responseAddressMissing && (
            <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note" data-testid="no-response-address">
              {t.rich("noResponseAddress", {
                link: (chunks) => (
                  <Link href={`/admin/orders/settings/${connection.id}`} className="font-medium underline">
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          )}
        </div>
        <RotateSecretForm id={connection.id} protocol={connection.protocol} action={rotateSecretAction} />
      </div>
      <ConnectionHandover protocol={connection.protocol} items={handover} />
      <ConnectionForm
        action={updateConnectionAction}
        protocol={connection.protocol}
        values={{
          id: connection.id,
          name: connection.name,
          enabled: connection.enabled,
          environment: connection.environment,
          username: connection.username ?? "",
          allowedReturnOrigins: connection.allowedReturnOrigins.join("\n"),
          cxmlFrom: credentials(connection.cxmlFrom),
          cxmlSender: credentials(connection.cxmlSender),
          cxmlTo: connection.cxmlTo ? `${connection.cxmlTo.domain}:${connection.cxmlTo.identity}` : "",
          settings: JSON.stringify(connection.settings, null, 2),
        }}
      />
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("recentMessages")}</h2>
        {messages.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="no-recent-messages">
            {t("noRecentMessages")}
          </p>
        ) : (
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>{t("time")}</th>
                <th className={thClass}>{t("type")}</th>
                <th className={thClass}>{t("direction")}</th>
                <th className={thClass}>{t("order")}</th>
                <th className={thClass}>{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {messages.map((m) => (
                <tr key={m.id}>
                  <td className={tdClass}>
                    <Link href={`/admin/messages/${m.id}`} className="text-brand-700 underline">
                      {dateTimeText(m.createdAt, locale)}
                    </Link>
                  </td>
                  <td className={tdClass}>
                    <MessageTypeName type={m.type} />
                  </td>
                  <td className={tdClass}>
                    <MessageDirection message={m} />
                  </td>
                  <td className={tdClass}>
                    <MessageOrderLink order={m.order} />
                  </td>
                  <td className={tdClass}>
                    <MessageOutcome message={m} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
