import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm, Field } from "@/components/admin/action-form";
import { inputClass } from "@/components/admin/styles";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import type { PurchaseOrderLineReason } from "@/db/schema";
import { getPurchaseOrderForStaff } from "@/lib/admin/purchase-orders";
import { requireStaff } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { dateTimeText, money } from "@/lib/format";
import { getShopContext } from "@/lib/shop-context";
import { confirmOrderAction, resendMessageAction, shipOrderAction } from "../actions";
import { statusTone } from "../status-tone";

export const metadata = { title: "Inkooporder" };

export default async function PurchaseOrderPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/orders/${id}`);
  const orderId = Number(id);
  if (!Number.isSafeInteger(orderId) || orderId <= 0) notFound();
  const detail = await getPurchaseOrderForStaff(staff, orderId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const [text, { locale }] = await Promise.all([getTranslations("purchaseOrders"), getShopContext()]);
  const { order, purchaseOrder } = detail;
  const byLine = new Map(detail.lines.map((line) => [line.lineNumber, line]));
  const reasonText = (reasons: PurchaseOrderLineReason[]) =>
    reasons.length ? reasons.map((r) => `${text(`reason.${r.code}`)}${r.detail ? ` (${r.detail})` : ""}`).join("; ") : text("detail.none");
  const headerReasons = ((purchaseOrder.header as { reasons?: PurchaseOrderLineReason[] }).reasons ?? []);
  const canConfirm = order.status === "needs_review" || order.status === "accepted";
  const canShip = order.status === "accepted" || order.status === "confirmed";

  return (
    <div className="space-y-4">
      <Link href="/admin/orders" className="text-sm text-brand-700 underline">
        {text("detail.back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          {order.orderNumber} · {purchaseOrder.buyerOrderId}
        </h1>
        <Badge tone={statusTone(order.status)}>
          <span data-testid="order-status">{text(`status.${order.status}`)}</span>
        </Badge>
      </div>
      <Card title={text("detail.header")}>
        <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="font-medium">{text("connection")}</dt>
            <dd>
              {detail.connection.name}{" "}
              <Link href={`/admin/orders/settings/${detail.connection.id}`} className="text-brand-700 underline">
                {text("detail.settings")}
              </Link>
            </dd>
          </div>
          <div>
            <dt className="font-medium">{text("detail.orderDate")}</dt>
            <dd>{purchaseOrder.orderDate ?? text("detail.none")}</dd>
          </div>
          <div>
            <dt className="font-medium">{text("detail.version")}</dt>
            <dd>{purchaseOrder.orderVersion}</dd>
          </div>
          <div>
            <dt className="font-medium">{text("detail.payloadId")}</dt>
            <dd className="break-all font-mono text-xs">{purchaseOrder.payloadId}</dd>
          </div>
          <div>
            <dt className="font-medium">{text("detail.shipTo")}</dt>
            <dd>
              {[order.shipTo.name, order.shipTo.attention, order.shipTo.street, `${order.shipTo.postalCode} ${order.shipTo.city}`, order.shipTo.countryCode].filter(Boolean).join(", ")}
            </dd>
          </div>
          <div>
            <dt className="font-medium">{text("total")}</dt>
            <dd>{money(order.totalMinor, locale, order.currency)}</dd>
          </div>
        </dl>
        {headerReasons.length > 0 && (
          <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="header-reasons">
            {text("detail.headerReasons")}: {reasonText(headerReasons)}
          </p>
        )}
      </Card>
      <Card title={text("detail.lines")}>
        <div className="overflow-x-auto">
          <table className={tableClass} data-testid="order-lines">
            <thead>
              <tr>
                <th className={thClass}>{text("detail.line")}</th>
                <th className={thClass}>{text("detail.sku")}</th>
                <th className={thClass}>{text("detail.description")}</th>
                <th className={`${thClass} text-right`}>{text("detail.quantity")}</th>
                <th className={`${thClass} text-right`}>{text("detail.buyerPrice")}</th>
                <th className={`${thClass} text-right`}>{text("detail.ourPrice")}</th>
                <th className={thClass}>{text("detail.deliveryDate")}</th>
                <th className={thClass}>{text("detail.reasons")}</th>
              </tr>
            </thead>
            <tbody>
              {detail.purchaseLines.map((line) => (
                <tr key={line.id} className={line.reasons.length ? "bg-amber-50" : undefined}>
                  <td className={tdClass}>{line.lineNumber}</td>
                  <td className={tdClass}>{line.supplierPartId}</td>
                  <td className={tdClass}>{line.description ?? byLine.get(line.lineNumber)?.name}</td>
                  <td className={`${tdClass} text-right tabular-nums`}>
                    {line.quantity} {line.unitOfMeasure}
                  </td>
                  <td className={`${tdClass} text-right tabular-nums`}>
                    {line.buyerUnitPriceMinor === null ? text("detail.none") : money(line.buyerUnitPriceMinor, locale, line.currency ?? order.currency)}
                  </td>
                  <td className={`${tdClass} text-right tabular-nums`}>
                    {line.ourUnitPriceMinor === null ? text("detail.none") : money(line.ourUnitPriceMinor, locale, order.currency)}
                  </td>
                  <td className={tdClass}>{line.requestedDeliveryDate ?? text("detail.none")}</td>
                  <td className={tdClass} data-testid={`line-reasons-${line.lineNumber}`}>
                    {reasonText(line.reasons)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {canConfirm && (
        <Card title={text("detail.confirmTitle")}>
          <ActionForm action={confirmOrderAction} submitLabel={text("detail.submitConfirm")} successMessage={text("detail.confirmed")} testId="confirm-form">
            <input type="hidden" name="orderId" value={order.id} />
            <fieldset className="flex flex-wrap gap-4 text-sm">
              <legend className="font-medium">{text("detail.decision")}</legend>
              {(["accept", "change", "reject"] as const).map((decision) => (
                <label key={decision} className="inline-flex items-center gap-1">
                  <input type="radio" name="decision" value={decision} defaultChecked={decision === "accept"} /> {text(`detail.${decision}`)}
                </label>
              ))}
            </fieldset>
            <Field label={text("detail.comment")}>
              <textarea name="comment" rows={2} className={inputClass} />
            </Field>
            <table className={tableClass}>
              <thead>
                <tr>
                  <th className={thClass}>{text("detail.line")}</th>
                  <th className={thClass}>{text("detail.newQuantity")}</th>
                  <th className={thClass}>{text("detail.newPrice")}</th>
                  <th className={thClass}>{text("detail.newDate")}</th>
                </tr>
              </thead>
              <tbody>
                {detail.lines.map((line) => (
                  <tr key={line.id}>
                    <td className={tdClass}>
                      {line.lineNumber} · {line.sku}
                    </td>
                    <td className={tdClass}>
                      <input name={`line_${line.lineNumber}_quantity`} defaultValue={line.quantity} inputMode="numeric" className={inputClass} aria-label={`${text("detail.newQuantity")} ${line.lineNumber}`} />
                    </td>
                    <td className={tdClass}>
                      <input name={`line_${line.lineNumber}_price`} defaultValue={(line.unitPriceMinor / 100).toFixed(2)} inputMode="decimal" className={inputClass} aria-label={`${text("detail.newPrice")} ${line.lineNumber}`} />
                    </td>
                    <td className={tdClass}>
                      <input type="date" name={`line_${line.lineNumber}_date`} className={inputClass} aria-label={`${text("detail.newDate")} ${line.lineNumber}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ActionForm>
        </Card>
      )}
      {canShip && (
        <Card title={text("detail.shipTitle")}>
          <ActionForm action={shipOrderAction} submitLabel={text("detail.submitShip")} successMessage={text("detail.shipped")} testId="ship-form">
            <input type="hidden" name="orderId" value={order.id} />
            <div className="grid gap-3 sm:grid-cols-3">
              <Field label={text("detail.carrier")}>
                <input name="carrier" required maxLength={100} className={inputClass} />
              </Field>
              <Field label={text("detail.trackingNumber")}>
                <input name="trackingNumber" required maxLength={100} className={inputClass} />
              </Field>
              <Field label={text("detail.trackingUrl")}>
                <input name="trackingUrl" type="url" maxLength={500} className={inputClass} />
              </Field>
            </div>
          </ActionForm>
        </Card>
      )}
      {detail.shipments.length > 0 && (
        <Card title={text("detail.shipments")}>
          <ul className="text-sm">
            {detail.shipments.map((shipment) => (
              <li key={shipment.id}>
                {shipment.shipmentNumber}: {shipment.carrier} {shipment.trackingUrl ? <a href={shipment.trackingUrl} className="underline">{shipment.trackingNumber}</a> : shipment.trackingNumber}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card title={text("detail.outbound")}>
        {detail.outbound.length === 0 ? (
          <p className="text-sm text-slate-600">{text("detail.noOutbound")}</p>
        ) : (
          <table className={tableClass} data-testid="outbound-messages">
            <thead>
              <tr>
                <th className={thClass}>{text("detail.kind")}</th>
                <th className={thClass}>{text("detail.payloadId")}</th>
                <th className={thClass}>{text("filterStatus")}</th>
                <th className={thClass}>{text("detail.attempts")}</th>
                <th className={thClass}>{text("detail.lastError")}</th>
                <th className={thClass} />
              </tr>
            </thead>
            <tbody>
              {detail.outbound.map((message) => (
                <tr key={message.id}>
                  <td className={tdClass}>{message.kind === "confirmation" ? "ConfirmationRequest" : "ShipNoticeRequest"}</td>
                  <td className={`${tdClass} break-all font-mono text-xs`}>{message.payloadId}</td>
                  <td className={tdClass}>
                    <Badge tone={message.status === "sent" ? "green" : message.status === "failed" ? "red" : "amber"}>{message.status}</Badge>
                    {message.sentAt && <span className="ml-2 text-xs">{dateTimeText(message.sentAt, locale)}</span>}
                  </td>
                  <td className={tdClass}>{message.attempts}</td>
                  <td className={tdClass}>{message.lastError ?? text("detail.none")}</td>
                  <td className={tdClass}>
                    {message.status !== "pending" && (
                      <ActionForm action={resendMessageAction} submitLabel={text("detail.resend")} successMessage={text("detail.resent")} variant="secondary" inline>
                        <input type="hidden" name="orderId" value={order.id} />
                        <input type="hidden" name="messageId" value={message.id} />
                      </ActionForm>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <Card title={text("detail.history")}>
        <ul className="text-sm">
          {detail.events.map((event) => (
            <li key={event.id}>
              {dateTimeText(event.createdAt, locale)} · {text(`status.${event.status}`)}
              {event.comment ? ` · ${event.comment}` : ""}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
