import { connection } from "next/server";
import { Fragment } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm, Field } from "@/components/admin/action-form";
import { inputClass } from "@/components/admin/styles";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { SHIPPING_VAT_RATES, getOrderForStaff } from "@/lib/admin/purchase-orders";
import { listReturnsForStaff } from "@/lib/admin/returns";
import { requireStaff } from "@/lib/auth/guards";
import { standingOrderForOrder } from "@/lib/standing-orders/standing-orders";
import { isAppError } from "@/lib/errors";
import { addressText } from "@/lib/format-address";
import { dateText, dateTimeText, money } from "@/lib/format";
import { getShopContext } from "@/lib/shop-context";
import { ERP_REFERENCE_MAX } from "@/lib/admin/orders-api";
import {
  cancelWebOrderAction,
  changeOrderAction,
  confirmOrderAction,
  invoiceOrderAction,
  invoiceShipmentAction,
  resendMessageAction,
  sendMissedConfirmationAction,
  setErpReferenceAction,
  shipOrderAction,
} from "../actions";
import { OrderActionForm } from "../order-action-form";
import { OrderLines } from "./order-lines";
import { OrderResponseForm } from "../order-response-form";
import { returnTone } from "../../returns/status-tone";
import { statusTone } from "../status-tone";
import { CreditFigures, OverdueLine } from "@/components/admin/credit-figures";
import { VatEvidenceWarningNote } from "@/components/admin/vat-evidence-warning";
import { vatEvidenceWarning } from "@/lib/admin/vat-checks";
import { documentDateText, historyEntries, isUnderReview, linesToShip, purchaseOrderHeader, reasonText, responseFormLines, type OrderWords } from "@/lib/admin/order-view";
import { shownOrderStatus } from "@/lib/orders/shown-status";
import { KNOWN_CARRIERS } from "@/lib/orders/tracking-url";
import { getCostCenterName } from "@/lib/data/cost-centers";
import { adminOrderTitle } from "@/lib/page-titles";
import { unknownShipToState } from "@/lib/admin/order-ship-to";

const DOCUMENT_AMOUNTS = ["shipping", "discount"] as const;

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }) => adminOrderTitle((await params).id);

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/orders/${id}`);
  const orderId = Number(id);
  if (!Number.isSafeInteger(orderId) || orderId <= 0 || orderId > 2_147_483_647) notFound();
  const detail = await getOrderForStaff(staff, orderId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const [text, { locale }, standingOrder, returns, tReturns, tReturnStatus, vatWarning, costCenterName] = await Promise.all([
    getTranslations("purchaseOrders"),
    getShopContext(),
    standingOrderForOrder(null, orderId),
    detail.shipments.length > 0 ? listReturnsForStaff(staff, { orderId, limit: 50, offset: 0 }) : null,
    getTranslations("admin.returns"),
    getTranslations("account.returns.statuses"),
    // Invoicing at 0 % without current VIES evidence: said beside the invoice forms, not blocked.
    detail.canInvoice || detail.canInvoiceShipments ? vatEvidenceWarning(staff, detail.company.id, new Date()) : null,
    detail.order.costCenter ? getCostCenterName(detail.order.costCenterId) : null,
  ]);
  // Held for an unknown ship-to address: add it to the customer from here (lib/admin/order-ship-to.ts).
  const unknownShipTo = await unknownShipToState(detail);
  const { order, purchaseOrder } = detail;
  const words: OrderWords = { text, locale, amount: (minor) => money(minor, locale, order.currency) };
  const { reasons: headerReasons, buyerContact } = purchaseOrderHeader(purchaseOrder?.header);
  // One status: "Partly shipped" while lines are still to ship, as the order list and the buyer's page say.
  const shownStatus = shownOrderStatus(order.status, order.status === "shipped" && detail.canShip);
  const none = text("detail.none");

  return (
    <div className="space-y-4">
      <Link href="/admin/orders" className="text-sm text-brand-700 underline">
        {text("detail.back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          {order.orderNumber}
          {purchaseOrder ? ` · ${purchaseOrder.buyerOrderId}` : order.poNumber ? ` · ${order.poNumber}` : ""}
        </h1>
        <Badge tone={statusTone(shownStatus)}>
          <span data-testid="order-status">{text(`status.${shownStatus}`)}</span>
        </Badge>
        <Badge>
          <span data-testid="order-source">{text(`source.${order.source}`)}</span>
        </Badge>
        {/* For the supplier's ERP: the order as a Peppol BIS Ordering 3 UBL Order (lib/admin/peppol-order.ts). */}
        <a href={`/admin/orders/${order.id}/ubl-order`} className="ml-auto text-sm text-brand-700 underline" data-testid="ubl-order-download" download>
          {text("detail.ublOrder")}
        </a>
      </div>
      <Card title={text("detail.header")}>
        <dl className="grid grid-cols-1 gap-2 text-sm sm:grid-cols-2" data-testid="order-header">
          <div>
            <dt className="font-medium">{text("customer")}</dt>
            <dd>
              <Link href={`/admin/customers/${detail.company.id}`} className="text-brand-700 underline">
                {detail.company.name}
              </Link>
              {detail.company.invoiceOnShipment && <span className="ml-2 text-xs text-slate-500">{text("detail.invoiceOnShipment")}</span>}
            </dd>
          </div>
          <div>
            <dt className="font-medium">{text("detail.buyer")}</dt>
            <dd>
              {detail.buyer ? (
                `${detail.buyer.name} (${detail.buyer.email})`
              ) : buyerContact ? (
                // The purchase order names its orderer, who has no account with us: said as sent, and that it is no user.
                <>
                  {buyerContact.name ?? buyerContact.email}
                  {buyerContact.name && buyerContact.email ? ` (${buyerContact.email})` : ""}{" "}
                  <span className="text-xs text-slate-500">{text("detail.contactNotUser")}</span>
                </>
              ) : (
                none
              )}
            </dd>
          </div>
          <div>
            <dt className="font-medium">{text("poNumber")}</dt>
            <dd>{order.poNumber ?? none}</dd>
          </div>
          {standingOrder && (
            <div>
              <dt className="font-medium">{text("detail.standingOrder")}</dt>
              <dd data-testid="order-standing-order">{standingOrder.listName}</dd>
            </div>
          )}
          <div>
            <dt className="font-medium">{text("detail.costCenter")}</dt>
            <dd>{order.costCenter ? (costCenterName ? `${order.costCenter} – ${costCenterName}` : order.costCenter) : none}</dd>
          </div>
          {order.approvalReasons.length > 0 && (
            <div>
              <dt className="font-medium">{text("detail.approvalReasons")}</dt>
              <dd data-testid="order-approval-reasons">{order.approvalReasons.map((reason) => text(`detail.approvalReason.${reason}`)).join("; ")}</dd>
            </div>
          )}
          <div>
            <dt className="font-medium">{text("detail.placedAt")}</dt>
            <dd>{dateTimeText(order.placedAt, locale)}</dd>
          </div>
          <div>
            <dt className="font-medium">{text("detail.requestedDelivery")}</dt>
            <dd>{order.requestedDeliveryDate ? dateText(order.requestedDeliveryDate, locale) : none}</dd>
          </div>
          {purchaseOrder && detail.connection && (
            <>
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
                <dd data-testid="order-date">{documentDateText(purchaseOrder.orderDate, locale) ?? none}</dd>
              </div>
              <div>
                <dt className="font-medium">{text("detail.version")}</dt>
                <dd>{purchaseOrder.orderVersion}</dd>
              </div>
              <div>
                <dt className="font-medium">{text("detail.payloadId")}</dt>
                <dd className="break-all font-mono text-xs">{purchaseOrder.payloadId}</dd>
              </div>
            </>
          )}
          <div>
            <dt className="font-medium">{text("detail.shipTo")}</dt>
            <dd>{addressText(order.shipTo, ", ", locale)}</dd>
          </div>
          <div>
            <dt className="font-medium">{text("detail.billTo")}</dt>
            <dd>{order.billTo ? addressText(order.billTo, ", ", locale) : none}</dd>
          </div>
          {order.note && (
            <div className="sm:col-span-2">
              <dt className="font-medium">{text("detail.note")}</dt>
              <dd className="whitespace-pre-line">{order.note}</dd>
            </div>
          )}
          <div>
            <dt className="font-medium">{text("total")}</dt>
            <dd>
              {money(order.totalMinor, locale, order.currency)}{" "}
              <span className="text-xs text-slate-500">({text("detail.exclVat", { amount: money(order.subtotalMinor, locale, order.currency) })})</span>
              {order.deliveryChargeMinor > 0 && (
                <span className="block text-xs text-slate-500" data-testid="order-delivery-charge">
                  {text("detail.deliveryCharge", { amount: money(order.deliveryChargeMinor, locale, order.currency) })}
                </span>
              )}
            </dd>
          </div>
          {/* The order's number in the supplier's ERP: reported by the ERP (orders API) or typed in here. */}
          <div>
            <dt className="font-medium">{text("detail.erpReference")}</dt>
            <dd>
              <span data-testid="erp-reference">{order.erpReference ?? none}</span>
              {order.erpReferenceAt && <span className="ml-2 text-xs text-slate-500">{dateTimeText(order.erpReferenceAt, locale)}</span>}
              <details className="mt-1">
                <summary className="cursor-pointer text-xs text-brand-700 underline">{text("detail.erpReferenceEdit")}</summary>
                <ActionForm
                  action={setErpReferenceAction}
                  submitLabel={text("detail.erpReferenceSave")}
                  successMessage={text("detail.erpReferenceSaved")}
                  fieldLabels={{ erpReference: text("detail.erpReference") }}
                  keepInput
                  className="mt-2 flex flex-wrap items-end gap-2"
                  variant="secondary"
                  testId="erp-reference-form"
                >
                  <input type="hidden" name="orderId" value={order.id} />
                  <input
                    name="erpReference"
                    defaultValue={order.erpReference ?? ""}
                    maxLength={ERP_REFERENCE_MAX}
                    aria-label={text("detail.erpReference")}
                    placeholder={text("detail.erpReferencePlaceholder")}
                    className={`${inputClass} w-48`}
                  />
                </ActionForm>
              </details>
            </dd>
          </div>
        </dl>
        {headerReasons.length > 0 && (
          <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="header-reasons">
            {text("detail.headerReasons")}: {reasonText(headerReasons, words, detail.discontinued)}
          </p>
        )}
        {unknownShipTo &&
          (unknownShipTo.added ? (
            <p className="mt-2 text-sm text-green-800" data-testid="ship-to-added">
              {text("detail.shipToAdded", { label: unknownShipTo.label })}
            </p>
          ) : (
            <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-slate-700" data-testid="ship-to-unknown">
              <span>{text("detail.addShipToHint")}</span>
              <Link href={`/admin/customers/${detail.company.id}/addresses/new?order=${order.id}`} className="font-medium text-brand-700 underline" data-testid="add-ship-to">
                {text("detail.addShipTo")}
              </Link>
            </p>
          ))}
      </Card>
      <Card title={text("detail.lines")}>
        <div className="relative overflow-x-auto">
          <OrderLines detail={detail} words={words} />
        </div>
      </Card>
      {detail.canConfirm && purchaseOrder && (
        <Card title={text("detail.confirmTitle")}>
          {detail.responseAddressMissing && detail.connection && (
            <NoResponseAddress kind="Confirm" connection={detail.connection} text={text} />
          )}
          <OrderResponseForm
            action={confirmOrderAction}
            orderId={order.id}
            lines={responseFormLines(detail.lines, detail.purchaseLines, order.requestedDeliveryDate)}
            initialDecision={isUnderReview(order.status, headerReasons, detail.purchaseLines) ? null : "accept"}
          />
        </Card>
      )}
      {detail.canSendMissedConfirmation && detail.connection && (
        <Card title={text("detail.lateConfirmationTitle")}>
          <p className="mb-3 text-sm text-slate-600">{text("detail.lateConfirmationIntro", { connection: detail.connection.name })}</p>
          <OrderActionForm action={sendMissedConfirmationAction} submitLabel={text("detail.lateConfirmationSubmit")} successKey="confirmationSent" testId="late-confirmation-form">
            <input type="hidden" name="orderId" value={order.id} />
          </OrderActionForm>
        </Card>
      )}
      {(detail.credit || (detail.overdue && detail.overdue.count > 0)) && (
        <Card title={text("detail.creditTitle")}>
          {detail.credit && <CreditFigures credit={detail.credit} currency={order.currency} locale={locale} />}
          {detail.overdue && <OverdueLine overdue={detail.overdue} locale={locale} />}
          {detail.credit && order.status === "needs_review" && (
            <p className="mt-2 text-sm text-slate-600">
              {text("detail.creditWithOrder", { total: money(order.totalMinor, locale, order.currency) })}
            </p>
          )}
        </Card>
      )}
      {detail.canConfirm && !purchaseOrder && order.status === "needs_review" && (
        <Card title={text("detail.releaseTitle")}>
          <OrderActionForm action={confirmOrderAction} submitLabel={text("detail.decide")} successKey="decided" testId="release-form" fieldLabels={{ comment: text("detail.commentLabel") }}>
            <input type="hidden" name="orderId" value={order.id} />
            <p className="text-sm text-slate-600">{text("detail.releaseIntro")}</p>
            <fieldset className="flex flex-wrap gap-4 text-sm">
              <legend className="font-medium">{text("detail.decision")}</legend>
              <label className="inline-flex items-center gap-1">
                <input type="radio" name="decision" value="accept" defaultChecked /> {text("detail.release")}
              </label>
              <label className="inline-flex items-center gap-1">
                <input type="radio" name="decision" value="reject" /> {text("detail.cancelHeld")}
              </label>
            </fieldset>
            <Field label={text("detail.releaseComment")}>
              <textarea name="comment" rows={2} maxLength={1000} className={inputClass} />
            </Field>
          </OrderActionForm>
        </Card>
      )}
      {detail.canConfirm && !purchaseOrder && order.status === "placed" && (
        <Card title={text("detail.confirmTitle")}>
          <OrderActionForm action={confirmOrderAction} submitLabel={text("detail.confirmWebOrder")} successKey="confirmed" testId="confirm-form">
            <input type="hidden" name="orderId" value={order.id} />
            <input type="hidden" name="decision" value="accept" />
            <p className="text-sm text-slate-600">{text("detail.confirmWebIntro")}</p>
            <Field label={text("detail.commentOptional")}>
              <textarea name="comment" rows={2} maxLength={1000} className={inputClass} />
            </Field>
          </OrderActionForm>
        </Card>
      )}
      {detail.canEdit && (
        <Card title={text("detail.editTitle")}>
          <p className="mb-3 text-sm text-slate-600">{text("detail.editIntro")}</p>
          <ActionForm
            action={changeOrderAction}
            submitLabel={text("detail.editSubmit")}
            successMessage={text("detail.edited")}
            confirm={text("detail.editConfirm")}
            keepInput
            fieldLabels={{
              reason: text("detail.editReason"),
              additions: text("detail.editAdditions"),
              ...Object.fromEntries(detail.lines.map((line) => [`quantity_${line.lineNumber}`, `${text("detail.editQuantity")} ${line.lineNumber} · ${line.sku}`])),
            }}
            testId="edit-order-form"
          >
            <input type="hidden" name="orderId" value={order.id} />
            <table className={tableClass} data-testid="edit-lines">
              <thead>
                <tr>
                  <th className={thClass}>{text("detail.line")}</th>
                  <th className={thClass}>{text("detail.description")}</th>
                  <th className={`${thClass} text-right`}>{text("detail.quantity")}</th>
                  <th className={thClass}>{text("detail.editQuantity")}</th>
                </tr>
              </thead>
              <tbody>
                {detail.lines.map((line) => (
                  <tr key={line.lineNumber}>
                    <td className={tdClass}>
                      {line.lineNumber} · {line.sku}
                    </td>
                    <td className={tdClass}>{line.name}</td>
                    <td className={`${tdClass} text-right tabular-nums`}>{line.quantity}</td>
                    <td className={tdClass}>
                      {line.priceSource.kind === "quote" ? (
                        <span className="text-xs text-slate-500">{text("detail.editQuoteLine")}</span>
                      ) : (
                        <input
                          name={`quantity_${line.lineNumber}`}
                          type="number"
                          min={0}
                          step={1}
                          defaultValue={line.quantity}
                          className={inputClass}
                          aria-label={`${text("detail.editQuantity")} ${line.lineNumber}`}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Field label={text("detail.editAdditions")} hint={text("detail.editAdditionsHint")}>
              <textarea name="additions" rows={2} maxLength={20_000} className={`${inputClass} font-mono`} />
            </Field>
            {detail.company.assortment === "contract" && (
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="allowOutsideAssortment" className="mt-1" data-testid="edit-outside-assortment" />
                <span>
                  {text("detail.editOutsideAssortment")}
                  <span className="block text-xs text-slate-500">{text("detail.editOutsideAssortmentHint")}</span>
                </span>
              </label>
            )}
            <Field label={text("detail.editReason")}>
              <textarea name="reason" required rows={2} maxLength={500} className={inputClass} />
            </Field>
          </ActionForm>
        </Card>
      )}
      {detail.canCancel && (
        <Card title={text("detail.cancelTitle")}>
          <p className="mb-3 text-sm text-slate-600">{text("detail.cancelIntro")}</p>
          <ActionForm
            action={cancelWebOrderAction}
            submitLabel={text("detail.cancelSubmit")}
            variant="danger"
            confirm={text("detail.cancelConfirm")}
            fieldLabels={{ comment: text("detail.cancelReason") }}
            keepInput
            testId="cancel-order-form"
          >
            <input type="hidden" name="orderId" value={order.id} />
            <Field label={text("detail.cancelReason")}>
              <textarea name="comment" required rows={2} maxLength={1000} className={inputClass} />
            </Field>
          </ActionForm>
        </Card>
      )}
      {detail.canShip && (
        <Card title={text("detail.shipTitle")}>
          {detail.responseAddressMissing && detail.connection && <NoResponseAddress kind="Ship" connection={detail.connection} text={text} />}
          <OrderActionForm
            action={shipOrderAction}
            submitLabel={text("detail.submitShip")}
            successKey="shipped"
            testId="ship-form"
            fieldLabels={{ carrier: text("detail.carrier"), trackingNumber: text("detail.trackingNumber"), trackingUrl: text("detail.trackingUrl") }}
          >
            <input type="hidden" name="orderId" value={order.id} />
            <div className="grid gap-3 sm:grid-cols-3">
              <Field label={text("detail.carrier")}>
                <input name="carrier" required maxLength={100} list="known-carriers" className={inputClass} />
                <datalist id="known-carriers">
                  {KNOWN_CARRIERS.map((carrier) => (
                    <option key={carrier} value={carrier} />
                  ))}
                </datalist>
              </Field>
              <Field label={text("detail.trackingNumber")}>
                <input name="trackingNumber" required maxLength={100} className={inputClass} />
              </Field>
              <Field label={text("detail.trackingUrl")} hint={text("detail.trackingUrlHint", { carriers: KNOWN_CARRIERS.join(", ") })}>
                <input name="trackingUrl" type="url" maxLength={500} className={inputClass} />
              </Field>
            </div>
            <table className={tableClass} data-testid="ship-lines">
              <thead>
                <tr>
                  <th className={thClass}>{text("detail.line")}</th>
                  <th className={thClass}>{text("detail.description")}</th>
                  <th className={`${thClass} text-right`}>{text("detail.openToShip")}</th>
                  <th className={thClass}>{text("detail.shipNow")}</th>
                </tr>
              </thead>
              <tbody>
                {linesToShip(detail.progress, detail.lines).map((line) => (
                  <tr key={line.lineNumber}>
                    <td className={tdClass}>
                      {line.lineNumber} · {line.sku}
                    </td>
                    <td className={tdClass}>{line.name}</td>
                    <td className={`${tdClass} text-right tabular-nums`}>{line.openToShip}</td>
                    <td className={tdClass}>
                      <input
                        name={`ship_${line.lineNumber}`}
                        type="number"
                        min={0}
                        max={line.openToShip}
                        step={1}
                        defaultValue={line.openToShip}
                        className={inputClass}
                        aria-label={`${text("detail.shipNow")} ${line.lineNumber}`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="text-xs text-slate-500">{text("detail.shipHint")}</p>
          </OrderActionForm>
        </Card>
      )}
      {detail.shipments.length > 0 && (
        <Card title={text("detail.shipments")}>
          {vatWarning && detail.canInvoiceShipments && detail.shipments.some((shipment) => !shipment.invoiced) && (
            <div className="mb-3">
              <VatEvidenceWarningNote warning={vatWarning} locale={locale} testId="vat-evidence-warning-shipments" />
            </div>
          )}
          <ul className="divide-y divide-slate-100 text-sm" data-testid="shipments">
            {detail.shipments.map((shipment) => (
              <li key={shipment.id} className="flex flex-wrap items-center gap-3 py-2" data-testid="shipment-row" data-shipment-number={shipment.shipmentNumber} data-invoiced={shipment.invoiced}>
                <span className="font-medium">{shipment.shipmentNumber}</span>
                <span>{dateTimeText(shipment.createdAt, locale)}</span>
                <span>
                  {shipment.carrier}{" "}
                  {shipment.trackingUrl ? (
                    <a href={shipment.trackingUrl} className="underline">
                      {shipment.trackingNumber}
                    </a>
                  ) : (
                    shipment.trackingNumber
                  )}
                </span>
                <span className="text-slate-600">{shipment.lines.map((line) => text("detail.shipmentLine", { line: line.lineNumber, quantity: line.quantity })).join(", ")}</span>
                {shipment.invoiced ? (
                  <Badge tone="green">{text("detail.invoiced")}</Badge>
                ) : (
                  <>
                    <Badge tone="amber">{text("detail.notInvoiced")}</Badge>
                    {detail.canInvoiceShipments && (
                      <OrderActionForm action={invoiceShipmentAction} submitLabel={text("invoices.invoiceShipment")} successKey="invoiced" variant="secondary" inline testId="invoice-shipment-form">
                        <input type="hidden" name="orderId" value={order.id} />
                        <input type="hidden" name="shipmentId" value={shipment.id} />
                      </OrderActionForm>
                    )}
                    {shipment.autoInvoiceFailure && (
                      <span className="basis-full text-xs text-amber-900" data-testid="shipment-invoice-error">
                        {text("detail.autoInvoiceFailed", { reason: shipment.autoInvoiceFailure })}
                      </span>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {returns && returns.items.length > 0 && (
        <Card title={tReturns("orderSection")}>
          <ul className="divide-y divide-slate-100 text-sm" data-testid="order-returns">
            {returns.items.map((item) => (
              <li key={item.id} className="flex flex-wrap items-center gap-3 py-2">
                <Link href={`/admin/returns/${item.id}`} className="font-medium text-brand-700 underline">
                  {item.returnNumber}
                </Link>
                <span>{dateTimeText(item.createdAt, locale)}</span>
                <span>{item.requesterName}</span>
                <Badge tone={returnTone(item.status)}>{tReturnStatus(item.status)}</Badge>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card title={text("invoices.title")}>
        {detail.invoices.length === 0 ? (
          <p className="text-sm text-slate-600">{text("invoices.none")}</p>
        ) : (
          <table className={tableClass} data-testid="order-invoices">
            <thead>
              <tr>
                <th className={thClass}>{text("invoices.number")}</th>
                <th className={thClass}>{text("invoices.kind")}</th>
                <th className={thClass}>{text("invoices.date")}</th>
                <th className={`${thClass} text-right`}>{text("invoices.amount")}</th>
              </tr>
            </thead>
            <tbody>
              {detail.invoices.map((invoice) => (
                <tr key={invoice.id} data-testid="order-invoice-row" data-kind={invoice.kind}>
                  <td className={tdClass}>
                    <Link href={`/admin/invoices/${invoice.id}`} className="text-brand-700 underline">
                      {invoice.number}
                    </Link>
                  </td>
                  <td className={tdClass}>{text(`invoices.kinds.${invoice.kind}`)}</td>
                  <td className={tdClass}>{dateText(invoice.issueDate, locale)}</td>
                  <td className={`${tdClass} text-right tabular-nums`}>{money(invoice.payableMinor, locale, invoice.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {detail.canInvoice && (
          <div className="mt-4 space-y-3 border-t border-slate-100 pt-3">
            {vatWarning && <VatEvidenceWarningNote warning={vatWarning} locale={locale} />}
            <OrderActionForm
              action={invoiceOrderAction}
              submitLabel={text("invoices.invoiceOpenLines")}
              successKey="invoiced"
              testId="invoice-order-form"
              fieldLabels={Object.fromEntries(
                DOCUMENT_AMOUNTS.flatMap((kind) => (["Amount", "VatRate", "Reason"] as const).map((part) => [`${kind}${part}`, text(`invoices.${kind}${part}`)])),
              )}
            >
              <input type="hidden" name="orderId" value={order.id} />
              <p className="text-sm text-slate-600">{text("invoices.openLinesIntro")}</p>
              <div className="grid gap-3 sm:grid-cols-3">
                {/* A shipping charge and a discount: the same three fields each (lib/admin/purchase-orders.ts invoiceOrderSchema). */}
                {DOCUMENT_AMOUNTS.map((kind) => (
                  <Fragment key={kind}>
                    <Field label={text(`invoices.${kind}Amount`)} hint={text(`invoices.${kind}Hint`)}>
                      <input name={`${kind}Amount`} inputMode="decimal" maxLength={20} placeholder="0,00" className={inputClass} />
                    </Field>
                    <Field label={text(`invoices.${kind}VatRate`)}>
                      <select name={`${kind}VatRate`} defaultValue="2100" className={inputClass}>
                        {SHIPPING_VAT_RATES.map((rate) => (
                          <option key={rate} value={rate}>
                            {Number(rate) / 100} %
                          </option>
                        ))}
                      </select>
                    </Field>
                    <Field label={text(`invoices.${kind}Reason`)}>
                      <input name={`${kind}Reason`} maxLength={100} defaultValue={text(`invoices.${kind}ReasonDefault`)} className={inputClass} />
                    </Field>
                  </Fragment>
                ))}
              </div>
            </OrderActionForm>
          </div>
        )}
      </Card>
      {purchaseOrder && (
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
                    <td className={tdClass}>{message.kind === "confirmation" ? "ConfirmationRequest" : message.kind === "invoice" ? "InvoiceDetailRequest" : "ShipNoticeRequest"}</td>
                    <td className={`${tdClass} break-all font-mono text-xs`}>{message.payloadId}</td>
                    <td className={tdClass}>
                      <Badge tone={message.status === "sent" ? "green" : message.status === "failed" ? "red" : "amber"}>{message.status}</Badge>
                      {message.sentAt && <span className="ml-2 text-xs">{dateTimeText(message.sentAt, locale)}</span>}
                    </td>
                    <td className={tdClass}>{message.attempts}</td>
                    <td className={tdClass}>{message.lastError ?? none}</td>
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
      )}
      <Card title={text("detail.history")}>
        <ul className="text-sm" data-testid="order-history">
          {historyEntries(detail, words).map((entry) => (
            <li key={entry.id} className="whitespace-pre-line">
              {dateTimeText(entry.createdAt, locale)} · {entry.label}
              {entry.by ? ` · ${entry.by}` : ""}
              {entry.comment ? ` · ${entry.comment}` : ""}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

/** Said before the account manager decides or ships: the buyer's system will not hear of it (getOrderForStaff's responseAddressMissing). */
function NoResponseAddress({
  kind,
  connection,
  text,
}: {
  kind: "Confirm" | "Ship";
  connection: { id: number; name: string };
  text: Awaited<ReturnType<typeof getTranslations<"purchaseOrders">>>;
}) {
  return (
    <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note" data-testid="no-response-address">
      {text.rich(`detail.noResponseAddress${kind}`, {
        connection: connection.name,
        link: (chunks) => (
          <Link href={`/admin/orders/settings/${connection.id}`} className="font-medium underline">
            {chunks}
          </Link>
        ),
      })}
    </p>
  );
}
