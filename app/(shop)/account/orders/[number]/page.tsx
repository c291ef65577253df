import Link from "next/link";
import { connection } from "next/server";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/account/action-form";
import { ApprovalForm, ReorderPanel } from "@/components/account/order-actions";
import { SaveToList } from "@/components/account/save-to-list";
import { ReturnStatusBadge } from "@/components/account/return-status";
import { AnnounceCartReading } from "@/components/shop/cart-badge";
import { OrderTotals } from "@/components/shop/order-totals";
import { budgetOfOrder } from "@/lib/account/cost-centers";
import { unitQuantity } from "@/lib/catalog/unit-names";
import { getCostCenterName } from "@/lib/data/cost-centers";
import { requireBuyer } from "@/lib/auth/guards";
import { readCartBadge } from "@/lib/cart/cart-service";
import { listSaveTargets } from "@/lib/favorites/favorites";
import { addressText } from "@/lib/format-address";
import { dateText, dateTimeText, money } from "@/lib/format";
import { mayDecide } from "@/lib/orders/approval-rule";
import { someoneElseDecides } from "@/lib/orders/approvals";
import { budgetPeriodLabel } from "@/lib/orders/budget";
import { mayBuyerCancel } from "@/lib/orders/cancellation";
import { INVOICEABLE_ORDER_STATUSES } from "@/lib/invoices/document-from-order";
import { listInvoicesForBuyer } from "@/lib/invoices/invoice-access";
import { buyerVisibleComment, closingEvent, historyEventKind, orderLimitWording, shipmentEvent, stillToShip } from "@/lib/orders/order-story";
import { getOrderForViewer, seesWholeCompany } from "@/lib/orders/order-access";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { getReturnableOrderForViewer, listReturnsForViewer } from "@/lib/returns/buyer-returns";
import { standingOrderForOrder } from "@/lib/standing-orders/standing-orders";
import { getShopContext } from "@/lib/shop-context";
import { cancelOrderAction, decideOrderAction, reorderAction } from "../../actions";
import { addToCartAction } from "../../../cart/actions";
import { addToListAction } from "../../../favorites/actions";
import { OrderInvoices } from "../../invoices/order-invoices";
import { accountOrderTitle } from "@/lib/page-titles";
import { OrderStatusLabel } from "@/components/account/order-status";
import { FocusOnArrival } from "@/components/focus-on-arrival";

export const generateMetadata = async ({ params }: { params: Promise<{ number: string }> }) => accountOrderTitle((await params).number);

export default async function OrderPage({
  params,
  searchParams,
}: {
  params: Promise<{ number: string }>;
  searchParams: Promise<{ placed?: string; decided?: string; cancelled?: string }>;
}) {
  await connection(); // DB-backed: never prerendered at build time
  const [{ number }, { placed, decided, cancelled }] = await Promise.all([params, searchParams]);
  const buyer = await requireBuyer(`/account/orders/${number}`);
  const [{ locale, canEditCart }, t, tc, ta, tm, tcat, tcart] = await Promise.all([
    getShopContext(),
    getTranslations("orders"),
    getTranslations("checkout"),
    getTranslations("account.order"),
    getTranslations("account.messages"),
    getTranslations("catalog"),
    getTranslations("cart"),
  ]);
  // A plain buyer only sees their own orders; another company's order does not exist for them.
  const detail = await getOrderForViewer(buyer, decodeURIComponent(number));
  if (!detail) notFound();
  const { order, lines, events, placedBy, placedByOrderLimitMinor, shipments } = detail;
  const lineByNumber = new Map(lines.map((line) => [line.lineNumber, line]));
  const awaiting = order.status === "awaiting_approval";
  // A web order waits for our review only when it goes beyond the customer's credit limit (lib/orders/credit.ts).
  const creditHold = order.status === "needs_review" && order.source === "web";
  const shipped = shipments.length > 0;
  const [lists, cartAfterCheckout, standingOrder, budget, someoneDecides, returnable, returns, tr, costCenterName, invoiceRows] = await Promise.all([
    canEditCart ? listSaveTargets(buyer) : [],
    placed === "1" ? readCartBadge(buyer) : null,
    standingOrderForOrder(buyer, order.id),
    // While it waits, whoever sees it sees how far the budget it goes beyond is used.
    awaiting && order.approvalReasons.includes("budget") ? budgetOfOrder(order) : null,
    // Nobody but the orderer could decide: say so, or it waits without anybody knowing why.
    awaiting && order.userId !== null ? someoneElseDecides({ id: order.userId, companyId: order.companyId }) : true,
    // Returns exist only for shipped goods: an unshipped order asks nothing more.
    shipped ? getReturnableOrderForViewer(buyer, order.id) : null,
    shipped ? listReturnsForViewer(buyer, { orderId: order.id, limit: 50, offset: 0 }) : null,
    getTranslations("account.returns"),
    order.costCenter ? getCostCenterName(order.costCenterId) : null,
    listInvoicesForBuyer(buyer, { orderId: order.id }, new Date()),
  ]);
  const returnWindowOpen = returnable?.deadline != null && returnable.deadline >= calendarDate(new Date());
  const anythingReturnable = returnable?.lines.some((line) => line.returnable > 0) ?? false;
  const nobodyDecides = !someoneDecides;
  const decidable = mayDecide(buyer, order) && !buyer.impersonatedBy;
  // The customer's own decision (lib/orders/cancel-order.ts): not offered to staff viewing as them.
  const cancellable = mayBuyerCancel(order) && !buyer.impersonatedBy;
  const reorderFormId = `reorder-${order.orderNumber}`;

  // What each event of the order says, in the reader's language. A comment follows the one who gave it
  // ("Approved by <approver>: <comment>"), never a phrase about something else ("– order placed: …").
  const eventTexts = (index: number): string[] => {
    const event = events[index]!;
    const name = event.userName;
    const by = name ? ` ${ta("historyBy", { name })}` : "";
    const comment = buyerVisibleComment(event.comment);
    const withComment = (label: string) => label + (comment ? `: ${comment}` : "");
    const approvedWith = (given: string) => (name ? ta("approvedByCommentEvent", { name, comment: given }) : ta("approvedCommentEvent", { comment: given }));
    switch (historyEventKind(event, events[index - 1], order.source)) {
      case "changed":
        return [withComment(ta("changedEvent") + by)];
      case "confirmation_sent":
        // Staff's late delivery of the confirmation to the buyer's system: its decision is in this history already.
        return [];
      case "submitted":
        return [withComment(ta("submittedEvent") + by)];
      case "approved":
        if (comment) return [approvedWith(comment)];
        return [name ? ta("approvedByEvent", { name }) : ta("approvedEvent")];
      case "approved_held":
        // The approver's comment with their approval; the hold that followed is ours, on a line of its own.
        if (comment) return [approvedWith(comment), ta("creditHoldEvent")];
        return [name ? ta("approvedHeldByEvent", { name }) : ta("approvedHeldEvent")];
      case "credit_hold":
        // The orderer placed it; the shop held it (not "held … by <orderer>").
        return [withComment(name ? ta("creditHoldByEvent", { name }) : ta("creditHoldEvent"))];
      case "rejected":
        return [withComment(ta("rejectedEvent") + by)];
      case "status": {
        // A shipment: "Partly shipped" while something is still to come, told from the shipments.
        const shipment = event.status === "shipped" ? shipmentEvent(event.comment, lines, shipments) : null;
        if (shipment) return [`${shipment.partial ? ta("partlyShipped") : t("statuses.shipped")}${by}: ${shipment.comment}`];
        return [withComment(t(`statuses.${event.status}`) + by)];
      }
    }
  };
  // The order's own events and, among them in time, each invoice and credit note issued for it.
  const history = [
    ...events.flatMap((event, index) => eventTexts(index).map((text) => ({ at: event.createdAt, text }))),
    ...invoiceRows.map((invoice) => ({
      at: invoice.createdAt,
      text: ta(invoice.kind === "credit_note" ? "creditNoteEvent" : "invoiceEvent", { number: invoice.number }),
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  // A rejected or cancelled order says at the top who decided so and why (also further down in its history).
  const closed = order.status === "rejected" || order.status === "cancelled" ? closingEvent(events, order.status) : null;
  const amount = money(order.subtotalMinor, locale, order.currency);
  const limitWording = orderLimitWording({
    subtotalMinor: order.subtotalMinor,
    currentLimitMinor: placedByOrderLimitMinor,
    viewerIsOrderer: order.userId === buyer.id,
    ordererName: placedBy,
  });
  const reasonText = (reason: (typeof order.approvalReasons)[number]) =>
    reason === "budget"
      ? ta("approvalReasons.budget", { code: order.costCenter ?? "–" })
      : ta(`approvalReasons.${limitWording.key}`, {
          amount,
          name: placedBy ?? "–",
          limit: "limitMinor" in limitWording ? money(limitWording.limitMinor, locale, order.currency) : "",
        });
  // What has not shipped yet of an order that has begun to ship (the admin sees "Partly shipped" too).
  const toShip = order.status === "shipped" ? stillToShip(lines, shipments) : [];
  // Invoices come only for an order we deliver: none for one awaiting approval, rejected or cancelled (unless some exist).
  const showInvoices = invoiceRows.length > 0 || (INVOICEABLE_ORDER_STATUSES as readonly string[]).includes(order.status);

  return (
    <div className="space-y-6">
      {cartAfterCheckout && <AnnounceCartReading reading={cartAfterCheckout} />}
      {decided && decided === order.status && (decided === "placed" || decided === "rejected" || decided === "needs_review") && (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {tm(decided === "rejected" ? "order_rejected" : "order_approved")}
        </p>
      )}
      {cancelled === "1" && order.status === "cancelled" && (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="order-cancelled">
          {ta("cancelledNotice", { number: order.orderNumber })}
        </p>
      )}
      <h1 className="text-2xl font-semibold" data-testid="order-number">
        {t("detailTitle", { number: order.orderNumber })}
      </h1>
      {/* Under the h1 (an h2 above it broke the outline), and with the focus: after checkout the screen
          reader reads the confirmation first, and the keyboard goes on from it. */}
      {placed === "1" &&
        (order.status === "awaiting_approval" || creditHold ? (
          <FocusOnArrival role="status" className="rounded-lg border border-amber-200 bg-amber-50 p-4" testId="order-confirmation">
            {/* Not "Thank you for your order": it is not placed yet, and may be rejected. */}
            <h2 className="font-semibold text-amber-900">{t(creditHold ? "confirmationTitleReview" : "confirmationTitleApproval")}</h2>
            <p className="text-amber-900">{ta(creditHold ? "creditHoldPlaced" : "awaitingApprovalPlaced", { number: order.orderNumber })}</p>
          </FocusOnArrival>
        ) : (
          <FocusOnArrival role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4" testId="order-confirmation">
            <h2 className="font-semibold text-emerald-900">{t("confirmationTitle")}</h2>
            <p className="text-emerald-900">{t("confirmationText", { number: order.orderNumber })}</p>
          </FocusOnArrival>
        ))}
      {awaiting && placed !== "1" && (
        // The approver reading it decides themselves: not "awaits an approver of your company".
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="awaiting-approval">
          {ta(decidable ? "awaitingApprovalYours" : "awaitingApproval")}
        </p>
      )}
      {creditHold && placed !== "1" && (
        <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="credit-hold">
          {ta("creditHold")}
        </p>
      )}
      {nobodyDecides && (
        <p role="note" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="no-approver">
          {ta("noApprover")}
        </p>
      )}
      {awaiting && order.approvalReasons.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-sm text-amber-900" data-testid="approval-reasons">
          {order.approvalReasons.map((reason) => (
            <li key={reason} data-reason={reason}>
              {reasonText(reason)}
            </li>
          ))}
          {budget && budget.budgetMinor !== null && (
            <li data-testid="order-budget">
              {ta("budgetUse", {
                code: budget.code,
                name: budget.name,
                used: money(budget.committedMinor, locale, order.currency),
                budget: money(budget.budgetMinor, locale, order.currency),
                period: budgetPeriodLabel(budget, locale),
              })}
            </li>
          )}
        </ul>
      )}
      {order.status === "rejected" && (
        <div role="note" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="rejected-notice">
          <p>{closed?.name ? ta("rejectedByNotice", { name: closed.name }) : ta("rejectedNotice")}</p>
          {closed?.reason && <p className="whitespace-pre-line">{ta("closedReason", { reason: closed.reason })}</p>}
        </div>
      )}
      {order.status === "cancelled" && (
        <div role="note" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="cancelled-notice">
          <p>{closed?.name ? ta("cancelledByNotice", { name: closed.name }) : ta("cancelledStateNotice")}</p>
          {closed?.reason && <p className="whitespace-pre-line">{ta("closedReason", { reason: closed.reason })}</p>}
        </div>
      )}
      <dl className="grid gap-x-8 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-slate-500">{t("status")}</dt>
        <dd>
          {/* "Partly shipped" while quantities are still to come (listed further down), as in the order list. */}
          <OrderStatusLabel status={order.status} partlyShipped={toShip.length > 0} testId="order-status" />
        </dd>
        <dt className="text-slate-500">{t("date")}</dt>
        <dd>{dateTimeText(order.placedAt, locale)}</dd>
        {seesWholeCompany(buyer) && (
          <>
            <dt className="text-slate-500">{ta("placedBy")}</dt>
            <dd>{placedBy ?? "–"}</dd>
          </>
        )}
        {standingOrder && (
          <>
            <dt className="text-slate-500">{ta("standingOrder")}</dt>
            <dd data-testid="order-standing-order">
              {standingOrder.href ? (
                <Link href={standingOrder.href} className="text-brand-700 underline">
                  {standingOrder.listName}
                </Link>
              ) : (
                standingOrder.listName
              )}
            </dd>
          </>
        )}
        <dt className="text-slate-500">{tc("poNumber")}</dt>
        <dd>{order.poNumber ?? "–"}</dd>
        <dt className="text-slate-500">{tc("costCenter")}</dt>
        <dd>{order.costCenter ? (costCenterName ? tc("costCenterOption", { code: order.costCenter, name: costCenterName }) : order.costCenter) : "–"}</dd>
        <dt className="text-slate-500">{tc("requestedDeliveryDate")}</dt>
        <dd>{order.requestedDeliveryDate ? dateText(order.requestedDeliveryDate, locale) : "–"}</dd>
        <dt className="text-slate-500">{tc("shipTo")}</dt>
        <dd>{addressText(order.shipTo, ", ", locale)}</dd>
        {order.billTo && (
          <>
            <dt className="text-slate-500">{tc("billTo")}</dt>
            <dd>{addressText(order.billTo, ", ", locale)}</dd>
          </>
        )}
        {order.note && (
          <>
            <dt className="text-slate-500">{tc("note")}</dt>
            <dd className="whitespace-pre-line">{order.note}</dd>
          </>
        )}
      </dl>
      {decidable && (
        <section className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4" aria-labelledby="approval-title">
          <h2 id="approval-title" className="font-semibold">
            {ta("approvalTitle")}
          </h2>
          <p className="text-sm">{ta("approvalIntro", { name: placedBy ?? "–", amount })}</p>
          <ApprovalForm orderNumber={order.orderNumber} action={decideOrderAction} />
        </section>
      )}
      {cancellable && (
        <details className="rounded-lg border border-slate-200 bg-white p-4" data-testid="cancel-order">
          <summary className="cursor-pointer font-semibold">{ta("cancelTitle")}</summary>
          <p className="mt-2 text-sm text-slate-600">{ta("cancelIntro")}</p>
          <ActionForm
            action={cancelOrderAction}
            submitLabel={ta("cancelSubmit")}
            className="mt-2 space-y-2"
            submitClassName="rounded-md border border-red-700 px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
          >
            <input type="hidden" name="orderNumber" value={order.orderNumber} />
            <label className="block text-sm">
              <span className="font-medium">{ta("cancelReason")}</span>
              <textarea name="comment" rows={2} maxLength={1000} className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2" />
            </label>
          </ActionForm>
        </details>
      )}
      {order.status === "awaiting_approval" && order.userId === buyer.id && buyer.role !== "buyer" && (
        <p className="text-sm text-slate-600">{ta("ownOrder")}</p>
      )}
      {/*
        On a phone each line is a block of its own, as in the cart: the product across the width, the
        quantity × price and the line total under it, labelled; the table from sm up. The box stays
        positioned and scrolls sideways rather than making the page wider than the screen.
      */}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="block w-full text-sm sm:table">
          <thead className="hidden bg-slate-100 text-left sm:table-header-group">
            <tr>
              {/* Named for a screen reader's table navigation: an empty header says nothing of the column. */}
              {canEditCart && (
                <th className="w-8 p-3">
                  <span className="sr-only">{ta("selectColumn")}</span>
                </th>
              )}
              <th className="p-3">#</th>
              <th className="p-3">{t("product")}</th>
              <th className="p-3 text-right">{t("quantityPrice")}</th>
              <th className="p-3 text-right">{t("total")}</th>
            </tr>
          </thead>
          <tbody className="block sm:table-row-group">
            {lines.map((line) => (
              <tr
                key={line.id}
                className="grid grid-cols-[auto_auto_1fr_auto] border-t border-slate-100 align-top max-sm:first:border-t-0 sm:table-row"
                data-testid="order-line"
                data-sku={line.sku}
              >
                {canEditCart && (
                  <td className="p-3 max-sm:pr-0">
                    <input type="checkbox" name="lines" value={line.lineNumber} form={reorderFormId} aria-label={ta("selectLine", { number: line.lineNumber, sku: line.sku })} />
                  </td>
                )}
                <td className="p-3 max-sm:pr-0 max-sm:text-slate-500">
                  <span className="sm:hidden">#</span>
                  {line.lineNumber}
                </td>
                <td className={`p-3 ${canEditCart ? "max-sm:col-span-2" : "max-sm:col-span-3"}`}>
                  {line.name}
                  <div className="text-xs text-slate-500">
                    {line.sku}
                    {line.customerArticleNumber && <span data-testid="own-article-number"> · {tcat("yourNumber", { number: line.customerArticleNumber })}</span>}
                    {line.priceSource.kind === "quote" && line.priceSource.quoteNumber && (
                      <>
                        {" · "}
                        <Link href={`/account/quotes/${encodeURIComponent(line.priceSource.quoteNumber)}`} className="text-brand-700 underline" data-testid="line-quote">
                          {tcart("quote.badge", { number: line.priceSource.quoteNumber })}
                        </Link>
                      </>
                    )}
                  </div>
                  {canEditCart && line.productId !== null && (
                    <SaveToList sku={line.sku} productName={line.name} defaultQuantity={line.quantity} action={addToListAction} lists={lists} compact />
                  )}
                </td>
                <td className="p-3 text-right max-sm:col-span-3 max-sm:col-start-1 max-sm:pt-0 max-sm:text-left">
                  <span className="block text-xs text-slate-500 sm:hidden">{t("quantityPrice")}</span>
                  {unitQuantity(line.quantity, line.unit, locale)} × {money(line.unitPriceMinor, locale, order.currency)}
                </td>
                <td className="p-3 text-right font-medium whitespace-nowrap max-sm:pt-0 sm:font-normal">
                  <span className="block text-xs font-normal text-slate-500 sm:hidden">{t("total")}</span>
                  {money(line.lineTotalMinor, locale, order.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <OrderTotals
        subtotalMinor={order.subtotalMinor}
        totalMinor={order.totalMinor}
        breakdown={order.vatBreakdown}
        locale={locale}
        delivery={{ chargeMinor: order.deliveryChargeMinor }}
      />
      {canEditCart && <ReorderPanel formId={reorderFormId} orderNumber={order.orderNumber} action={reorderAction} addToCartAction={addToCartAction} locale={locale} />}
      {shipments.length > 0 && (
        <section aria-labelledby="shipments-title">
          <h2 id="shipments-title" className="font-semibold">
            {ta("shipments")}
          </h2>
          <ul className="mt-2 space-y-2 text-sm">
            {shipments.map((shipment) => (
              <li key={shipment.shipmentNumber} className="rounded-md border border-slate-200 bg-white p-3" data-testid="order-shipment">
                <div className="flex flex-wrap items-baseline gap-x-3">
                  <span className="font-medium">{shipment.shipmentNumber}</span>
                  <span className="text-slate-600">{dateTimeText(shipment.createdAt, locale)}</span>
                  <span>
                    {shipment.carrier} · {ta("trackingNumber")} <span className="font-mono">{shipment.trackingNumber}</span>
                  </span>
                  {shipment.trackingUrl && (
                    <a href={shipment.trackingUrl} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline" data-testid="track-and-trace">
                      {ta("trackShipment")}
                    </a>
                  )}
                </div>
                <ul className="mt-1 text-slate-700">
                  {shipment.lines.map((line) => (
                    <li key={line.lineNumber}>
                      {unitQuantity(line.quantity, lineByNumber.get(line.lineNumber)?.unit ?? "", locale)} {lineByNumber.get(line.lineNumber)?.sku} {lineByNumber.get(line.lineNumber)?.name}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
          {toShip.length > 0 && (
            <div className="mt-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="still-to-ship">
              <h3 className="font-medium">{ta("stillToShip")}</h3>
              <ul className="mt-1">
                {toShip.map((open) => (
                  <li key={open.lineNumber}>
                    {unitQuantity(open.quantity, lineByNumber.get(open.lineNumber)?.unit ?? "", locale)} {lineByNumber.get(open.lineNumber)?.sku} {lineByNumber.get(open.lineNumber)?.name}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}
      {shipped && (
        <section aria-labelledby="returns-title" className="space-y-2" data-testid="order-returns">
          <h2 id="returns-title" className="font-semibold">
            {tr("orderSection")}
          </h2>
          {returns && returns.items.length > 0 && (
            <ul className="space-y-1 text-sm">
              {returns.items.map((item) => (
                <li key={item.id} className="flex flex-wrap items-center gap-3">
                  <Link href={`/account/returns/${encodeURIComponent(item.returnNumber)}`} className="font-medium text-brand-700 underline">
                    {item.returnNumber}
                  </Link>
                  <span>{dateText(item.createdAt, locale)}</span>
                  <ReturnStatusBadge status={item.status} />
                </li>
              ))}
            </ul>
          )}
          {returnWindowOpen && anythingReturnable ? (
            <p className="text-sm">
              <Link href={`/account/orders/${encodeURIComponent(order.orderNumber)}/return`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-50" data-testid="return-items">
                {tr("returnItems")}
              </Link>{" "}
              <span className="text-slate-600">{tr("returnUntil", { date: dateText(returnable!.deadline!, locale) })}</span>
            </p>
          ) : (
            returnable?.deadline &&
            !returnWindowOpen && <p className="text-sm text-slate-600">{tr("windowClosed", { date: dateText(returnable.deadline, locale) })}</p>
          )}
        </section>
      )}
      {showInvoices && <OrderInvoices rows={invoiceRows} locale={locale} />}
      <section>
        <h2 className="font-semibold">{t("history")}</h2>
        <ol className="mt-2 space-y-1 text-sm" data-testid="order-history">
          {history.map((entry, index) => (
            <li key={index} className="whitespace-pre-line">
              {dateTimeText(entry.at, locale)} – {entry.text}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
