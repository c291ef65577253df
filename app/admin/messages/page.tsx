import { connection } from "next/server";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { Badge, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { connectionLabelsOf, INVOICE_LOG_TYPE, invoiceLogType, listMessageLogForStaff } from "@/lib/admin/protocol-messages";
import { MESSAGE_TYPE_GROUPS, messageTypeKey } from "@/lib/admin/protocol-message-types";
import { requireStaff } from "@/lib/auth/guards";
import { dateTimeText } from "@/lib/format";
import { getShopContext } from "@/lib/shop-context";
import { pageTitle } from "@/lib/i18n/page-title";
import { GetForm } from "@/components/get-form";
import { MessageDirection, MessageOrderLink, MessageOutcome, MessageTypeName } from "@/components/admin/protocol-message-labels";

export const generateMetadata = pageTitle("admin.messages");

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const filtersSchema = z.object({
  connection: z.preprocess(first, z.coerce.number().int().positive().optional().catch(undefined)),
  /** Searched like the connections list (customer, name, USERNAME, cXML identity). */
  search: z.preprocess(first, z.string().trim().max(100).optional().catch(undefined)),
  /** A purchase order number or payloadID: that document's messages (MessageFilters.document). */
  document: z.preprocess(first, z.string().trim().max(200).optional().catch(undefined)),
  type: z.preprocess(first, z.string().trim().max(60).optional().catch(undefined)),
  direction: z.preprocess(first, z.enum(["inbound", "outbound"]).optional().catch(undefined)),
  status: z.preprocess(first, z.enum(["ok", "rejected", "error"]).optional().catch(undefined)),
  from: z.preprocess(first, z.iso.date().optional().catch(undefined)),
  until: z.preprocess(first, z.iso.date().optional().catch(undefined)),
});

export default async function MessagesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const staff = await requireStaff("/admin/messages");
  const filters = filtersSchema.parse(await searchParams);
  const [t, tl, { locale }] = await Promise.all([getTranslations("punchout.admin"), getTranslations("punchout.admin.log"), getShopContext()]);
  const entries = await listMessageLogForStaff(staff, {
    connectionId: filters.connection,
    connectionSearch: filters.search || undefined,
    document: filters.document || undefined,
    type: filters.type || undefined,
    direction: filters.direction,
    status: filters.status,
    from: filters.from ? new Date(`${filters.from}T00:00:00Z`) : undefined,
    until: filters.until ? new Date(new Date(`${filters.until}T00:00:00Z`).getTime() + 86_400_000) : undefined,
  });
  const labels = await connectionLabelsOf(entries);
  const connectionText = (id: number | null) => {
    const label = id === null ? undefined : labels.get(id);
    return label ? `${label.companyName} · ${label.name}` : "—";
  };
  const select = "rounded-md border border-slate-300 px-2 py-1.5 text-sm";
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="text-2xl font-semibold">{t("messagesTitle")}</h1>
        <Link href={`/admin/messages?type=${INVOICE_LOG_TYPE}`} className="text-sm text-brand-700 underline" data-testid="outbound-invoices-link">
          {t("outboundInvoices")}
        </Link>
      </div>
      <GetForm action="/admin/messages" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
        <label>
          {t("connection")}
          <input type="search" name="search" defaultValue={filters.search ?? ""} placeholder={t("searchPlaceholder")} className={`${select} block w-72`} />
        </label>
        <label>
          {t("document")}
          <input type="search" name="document" defaultValue={filters.document ?? ""} placeholder={t("documentPlaceholder")} className={`${select} block w-56`} />
        </label>
        <label>
          {t("type")}
          {/* The types the log holds by name; a type only a link names (one the list does not know) stays selectable as it is. */}
          <select name="type" defaultValue={filters.type ?? ""} className={`${select} block`}>
            <option value="">{tl("allTypes")}</option>
            {MESSAGE_TYPE_GROUPS.map(({ group, types }) => (
              <optgroup key={group} label={tl(`typeGroups.${group}`)}>
                {types.map((type) => (
                  <option key={type} value={type}>
                    {tl(`types.${messageTypeKey(type)}`)}
                  </option>
                ))}
              </optgroup>
            ))}
            {filters.type && !MESSAGE_TYPE_GROUPS.some(({ types }) => (types as readonly string[]).includes(filters.type!)) && (
              <option value={filters.type}>{messageTypeKey(filters.type) ? tl(`types.${messageTypeKey(filters.type)}`) : filters.type}</option>
            )}
          </select>
        </label>
        <label>
          {t("direction")}
          <select name="direction" defaultValue={filters.direction ?? ""} className={`${select} block`}>
            <option value="">—</option>
            <option value="inbound">{tl("directions.inbound")}</option>
            <option value="outbound">{tl("directions.outbound")}</option>
          </select>
        </label>
        <label>
          {t("status")}
          <select name="status" defaultValue={filters.status ?? ""} className={`${select} block`}>
            <option value="">—</option>
            <option value="ok">{tl("statuses.ok")}</option>
            <option value="rejected">{tl("statuses.rejected")}</option>
            <option value="error">{tl("statuses.error")}</option>
          </select>
        </label>
        <label>
          {t("from")}
          <input type="date" name="from" defaultValue={filters.from ?? ""} className={`${select} block`} />
        </label>
        <label>
          {t("until")}
          <input type="date" name="until" defaultValue={filters.until ?? ""} className={`${select} block`} />
        </label>
        <button type="submit" className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50">
          {t("filter")}
        </button>
      </GetForm>
      <table className={tableClass}>
        <thead>
          <tr>
            <th className={thClass}>{t("time")}</th>
            <th className={thClass}>{t("type")}</th>
            <th className={thClass}>{t("direction")}</th>
            <th className={thClass}>{t("connection")}</th>
            <th className={thClass}>{t("order")}</th>
            <th className={thClass}>{t("status")}</th>
            <th className={thClass}>ms</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => {
            if (entry.kind === "invoice") {
              const d = entry.delivery;
              return (
                <tr key={`invoice-${d.id}`} data-testid="invoice-delivery-row">
                  <td className={tdClass}>
                    <Link href={`/admin/invoices/${d.invoiceId}`} className="text-brand-700 underline">
                      {dateTimeText(d.sentAt ?? d.createdAt, locale)}
                    </Link>
                  </td>
                  <td className={tdClass}>
                    <MessageTypeName type={invoiceLogType(d.channel)} />
                    <Link href={`/admin/invoices/${d.invoiceId}`} className="text-xs text-brand-700 underline">
                      {t(d.invoiceKind === "credit_note" ? "creditNoteEntry" : "invoiceEntry", { number: d.invoiceNumber })}
                    </Link>
                    <div className="text-xs text-slate-500">
                      {t(`invoiceChannels.${d.channel}`)} · {d.companyName}
                    </div>
                  </td>
                  <td className={tdClass}>
                    <MessageDirection message={{ direction: "outbound" }} />
                  </td>
                  <td className={tdClass}>{connectionText(d.connectionId)}</td>
                  <td className={tdClass}></td>
                  <td className={tdClass}>
                    <Badge tone={d.status === "sent" ? "green" : d.status === "failed" ? "red" : "amber"}>{t(`deliveryStatus.${d.status}`)}</Badge>
                    <div className="text-xs text-slate-500">{t("attempts", { count: d.attempts })}</div>
                    {d.lastError && <div className="text-xs text-slate-500">{d.lastError}</div>}
                  </td>
                  <td className={tdClass}></td>
                </tr>
              );
            }
            const m = entry.message;
            return (
              <tr key={m.id} data-testid="message-row">
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
                <td className={tdClass}>{connectionText(m.connectionId)}</td>
                <td className={tdClass}>
                  <MessageOrderLink order={m.order} />
                </td>
                <td className={tdClass}>
                  <MessageOutcome message={m} />
                </td>
                <td className={tdClass}>{m.durationMs ?? ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {entries.length === 0 && <p className="text-sm text-slate-600">{filters.document ? t("noMessagesForDocument", { document: filters.document }) : t("noMessages")}</p>}
    </div>
  );
}
