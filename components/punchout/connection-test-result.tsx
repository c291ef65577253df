import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import type { ConnectionTestResult } from "@/lib/admin/connection-test";
import { dateTimeText, money } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import { exceedsOciLength } from "@/lib/punchout/oci/read-transfer-fields";

/** What the buyer's system would have received from the newest connection test, field by field. */
export async function ConnectionTestResultView({ result, locale }: { result: ConnectionTestResult; locale: Locale }) {
  const t = await getTranslations("punchout.admin.connectionTest");
  const cancelled = result.summary.mode === "cancel";
  return (
    <div className="space-y-4" data-testid="connection-test-result">
      <p className="text-sm text-slate-600">
        {t("receivedAt", { time: dateTimeText(result.createdAt, locale), name: result.staffName ?? "–" })} ·{" "}
        <Link href={`/admin/messages/${result.messageId}`} className="text-brand-700 underline">
          {t("inLog")}
        </Link>
        {cancelled && (
          <>
            {" "}
            <Badge tone="amber">{t("cancelled")}</Badge>
          </>
        )}
      </p>
      {result.kind === "oci" && <OciResult result={result} />}
      {result.kind === "cxml" && <CxmlResult result={result} locale={locale} />}
      {result.kind === "unreadable" && (
        <Card>
          <p className="text-sm text-red-700">{t("unreadable", { error: result.error })}</p>
        </Card>
      )}
      {result.kind !== "oci" && (
        <details className="rounded-md border border-slate-200 bg-white p-3">
          <summary className="cursor-pointer text-sm font-medium">{t("rawXml")}</summary>
          <pre className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap break-all text-xs">{result.payload}</pre>
        </details>
      )}
    </div>
  );
}

async function OciResult({ result }: { result: Extract<ConnectionTestResult, { kind: "oci" }> }) {
  const t = await getTranslations("punchout.admin.connectionTest");
  const { items, otherFields } = result.cart;
  return (
    <>
      <p className="text-sm">{t("ociLines", { count: items.length, charset: String(result.summary.charset ?? "utf-8") })}</p>
      {items.map((item) => (
        <Card key={item.index} title={t("line", { index: item.index })}>
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>{t("field")}</th>
                <th className={thClass}>{t("value")}</th>
                <th className={thClass}>{t("length")}</th>
              </tr>
            </thead>
            <tbody>
              {item.values.map((value) => (
                <tr key={value.field}>
                  <td className={`${tdClass} font-mono text-xs`}>{value.field === "LONGTEXT" ? `NEW_ITEM-LONGTEXT_${item.index}:132[]` : `NEW_ITEM-${value.field}[${item.index}]`}</td>
                  <td className={`${tdClass} break-all`}>{value.value}</td>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    {[...value.value].length}
                    {value.maxLength !== null && ` / ${value.maxLength}`}{" "}
                    {exceedsOciLength(value) && <Badge tone="red">{t("tooLong")}</Badge>}
                    {value.unknown && <Badge tone="amber">{t("unknownField")}</Badge>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      ))}
      {otherFields.length > 0 && (
        <Card title={t("otherFields")}>
          <table className={tableClass}>
            <tbody>
              {otherFields.map(([name, value], index) => (
                <tr key={index}>
                  <td className={`${tdClass} font-mono text-xs`}>{name}</td>
                  <td className={`${tdClass} break-all`}>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
    </>
  );
}

async function CxmlResult({ result, locale }: { result: Extract<ConnectionTestResult, { kind: "cxml" }>; locale: Locale }) {
  const t = await getTranslations("punchout.admin.connectionTest");
  const { message } = result;
  return (
    <>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">BuyerCookie</dt>
        <dd className="font-mono text-xs">{message.buyerCookie}</dd>
        <dt className="text-slate-600">operationAllowed</dt>
        <dd>{message.operationAllowed}</dd>
        <dt className="text-slate-600">{t("total")}</dt>
        <dd>{money(message.total.amountMinor, locale, message.total.currency)}</dd>
      </dl>
      <Card title={t("cxmlItems", { count: message.items.length })}>
        <div className="overflow-x-auto">
          <table className={tableClass}>
            <thead>
              <tr>
                <th className={thClass}>{t("quantity")}</th>
                <th className={thClass}>SupplierPartID</th>
                <th className={thClass}>SupplierPartAuxiliaryID</th>
                <th className={thClass}>BuyerPartID</th>
                <th className={thClass}>{t("unitPrice")}</th>
                <th className={thClass}>UnitOfMeasure</th>
                <th className={thClass}>{t("description")}</th>
                <th className={thClass}>Classification</th>
                <th className={thClass}>{t("manufacturer")}</th>
                <th className={thClass}>LeadTime</th>
                <th className={thClass}>AttachmentReference</th>
                <th className={thClass}>Extrinsic</th>
              </tr>
            </thead>
            <tbody>
              {message.items.map((item, index) => (
                <tr key={index}>
                  <td className={tdClass}>{item.quantity}</td>
                  <td className={`${tdClass} font-mono text-xs`}>{item.supplierPartId}</td>
                  <td className={`${tdClass} font-mono text-xs`}>{item.supplierPartAuxiliaryId ?? "–"}</td>
                  <td className={`${tdClass} font-mono text-xs`}>{item.buyerPartId ?? "–"}</td>
                  <td className={`${tdClass} whitespace-nowrap`}>
                    {money(item.unitPrice.amountMinor, locale, item.unitPrice.currency)}
                    {item.priceBasisQuantity && ` / ${item.priceBasisQuantity}`}
                  </td>
                  <td className={tdClass}>{item.unitOfMeasure ?? "–"}</td>
                  <td className={tdClass}>
                    {item.shortName && <div className="font-medium">{item.shortName}</div>}
                    {item.description}
                  </td>
                  <td className={tdClass}>{item.classifications.map((c) => `${c.domain}: ${c.code}`).join(", ") || "–"}</td>
                  <td className={tdClass}>{[item.manufacturerName, item.manufacturerPartId].filter(Boolean).join(" · ") || "–"}</td>
                  <td className={tdClass}>{item.leadTimeDays ?? "–"}</td>
                  <td className={tdClass} data-testid="test-attachments">
                    {item.attachments.length === 0
                      ? "–"
                      : item.attachments.map((attachment, position) => (
                          <div key={position}>
                            {attachment.url && /^https?:\/\//i.test(attachment.url) ? (
                              <a href={attachment.url} target="_blank" rel="noreferrer" className="text-brand-700 underline">
                                {attachment.description ?? attachment.name}
                              </a>
                            ) : (
                              (attachment.description ?? attachment.name)
                            )}
                            {attachment.url ? null : <span className="text-xs text-amber-700"> (URL –)</span>}
                          </div>
                        ))}
                  </td>
                  <td className={tdClass}>{item.extrinsics.map((e) => `${e.name}=${e.value}`).join(", ") || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
