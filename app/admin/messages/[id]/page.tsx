import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getMessageForStaff, messageInvoiceId, prettyPayload } from "@/lib/admin/protocol-messages";
import { requireStaff } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { dateTimeText } from "@/lib/format";
import { getShopContext } from "@/lib/shop-context";
import { replayMessageAction } from "../actions";
import { ReplayForm } from "./replay-form";
import { pageTitle } from "@/lib/i18n/page-title";
import { MessageDirection, MessageOrderLink, MessageReason, MessageStatusBadge, MessageSummary, MessageTypeName } from "@/components/admin/protocol-message-labels";

export const generateMetadata = pageTitle("admin.message");

export default async function MessagePage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/messages/${id}`);
  if (!/^\d{1,12}$/.test(id)) notFound();
  const message = await getMessageForStaff(staff, Number(id)).catch((error: unknown) => {
    if (isAppError(error)) notFound();
    throw error;
  });
  const invoiceId = messageInvoiceId(message);
  const [t, { locale }] = await Promise.all([getTranslations("punchout.admin"), getShopContext()]);
  return (
    <div className="space-y-4">
      <Link href="/admin/messages" className="text-sm text-brand-700 underline">
        {t("messagesTitle")}
      </Link>
      <div className="flex flex-wrap items-start gap-3">
        <h1 className="text-2xl font-semibold">
          <MessageTypeName type={message.type} />
        </h1>
        <MessageStatusBadge message={message} />
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
        <dt className="text-slate-500">{t("customer")}</dt>
        <dd data-testid="message-customer">
          {message.company ? (
            <Link href={`/admin/customers/${message.company.id}`} className="text-brand-700 underline">
              {message.company.name}
            </Link>
          ) : (
            "—"
          )}
        </dd>
        <dt className="text-slate-500">{t("connection")}</dt>
        <dd data-testid="message-connection">
          {message.connection ? (
            <Link href={`/admin/connections/${message.connection.id}`} className="text-brand-700 underline">
              {message.connection.name}
            </Link>
          ) : (
            "—"
          )}
        </dd>
        {message.order && (
          <>
            <dt className="text-slate-500">{t("order")}</dt>
            <dd>
              <MessageOrderLink order={message.order} />
            </dd>
          </>
        )}
        <dt className="text-slate-500">{t("time")}</dt>
        <dd>{dateTimeText(message.createdAt, locale)}</dd>
        <dt className="text-slate-500">{t("direction")}</dt>
        <dd>
          <MessageDirection message={message} />
        </dd>
        <dt className="text-slate-500">HTTP</dt>
        <dd>{message.httpStatus ?? "—"}</dd>
        <dt className="text-slate-500">ms</dt>
        <dd>{message.durationMs ?? "—"}</dd>
        {message.error && (
          <>
            <dt className="text-slate-500">{t("error")}</dt>
            <dd>
              <MessageReason message={message} />
              <span className="font-mono break-all">{message.error}</span>
            </dd>
          </>
        )}
        {invoiceId !== null && (
          <>
            <dt className="text-slate-500">{t("invoice")}</dt>
            <dd>
              <Link href={`/admin/invoices/${invoiceId}`} className="text-brand-700 underline" data-testid="message-invoice-link">
                {t("invoice")} #{invoiceId}
              </Link>
            </dd>
          </>
        )}
      </dl>
      {message.direction === "inbound" && message.type === "cxml.OrderRequest" && (
        <ReplayForm action={replayMessageAction} messageId={message.id} />
      )}
      <section>
        <h2 className="font-semibold">{t("summary")}</h2>
        <MessageSummary summary={message.summary} order={message.order} />
      </section>
      <section>
        <div className="flex items-center justify-between">
          <h2 className="font-semibold">{t("payload")}</h2>
          <a href={`/admin/messages/${message.id}/download`} className="text-sm text-brand-700 underline">
            {t("download")}
          </a>
        </div>
        <pre className="max-h-[32rem] overflow-auto rounded-lg bg-slate-900 p-3 text-xs text-slate-100" data-testid="payload">
          {prettyPayload(message)}
        </pre>
      </section>
    </div>
  );
}
