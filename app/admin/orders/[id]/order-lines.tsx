import { tableClass, tdClass, thClass } from "@/components/admin/tabs";
import type { OrderForStaff } from "@/lib/admin/purchase-orders";
import { buyerQuantityText, confirmationColumn, documentDateText, reasonText, type OrderWords } from "@/lib/admin/order-view";
import { unitQuantity } from "@/lib/catalog/unit-names";
import { dateText, money } from "@/lib/format";

const struck = "text-slate-500 line-through";

/** The order's lines: a purchase order's as the buyer sent them (with what the confirmation made of them), a web order's as placed. */
export function OrderLines({ detail, words }: { detail: OrderForStaff; words: OrderWords }) {
  const { text, locale } = words;
  const { order } = detail;
  const none = text("detail.none");
  const byLine = new Map(detail.lines.map((line) => [line.lineNumber, line]));
  const progress = new Map(detail.progress.map((line) => [line.lineNumber, line]));
  if (!detail.purchaseOrder) {
    return (
      <table className={tableClass} data-testid="order-lines">
        <thead>
          <tr>
            <th className={thClass}>{text("detail.line")}</th>
            <th className={thClass}>{text("detail.sku")}</th>
            <th className={thClass}>{text("detail.description")}</th>
            <th className={`${thClass} text-right`}>{text("detail.quantity")}</th>
            <th className={`${thClass} text-right`}>{text("detail.unitPrice")}</th>
            <th className={`${thClass} text-right`}>{text("detail.lineTotal")}</th>
            <th className={`${thClass} text-right`}>{text("detail.shippedQty")}</th>
            <th className={`${thClass} text-right`}>{text("detail.invoicedQty")}</th>
          </tr>
        </thead>
        <tbody>
          {detail.lines.map((line) => (
            <tr key={line.id} data-testid={`order-line-${line.lineNumber}`}>
              <td className={tdClass}>{line.lineNumber}</td>
              <td className={tdClass}>
                {line.sku}
                {line.customerArticleNumber && <div className="text-xs text-slate-500">{text("detail.customerArticleNumber", { number: line.customerArticleNumber })}</div>}
                {line.priceSource.kind === "quote" && <div className="text-xs text-slate-500" data-testid="line-quote">{text("detail.quotedPrice", { number: line.priceSource.quoteNumber ?? "" })}</div>}
              </td>
              <td className={tdClass}>{line.name}</td>
              <td className={`${tdClass} text-right tabular-nums`}>
                <span title={line.unit}>{unitQuantity(line.quantity, line.unit, locale)}</span>
              </td>
              <td className={`${tdClass} text-right tabular-nums`}>{money(line.unitPriceMinor, locale, order.currency)}</td>
              <td className={`${tdClass} text-right tabular-nums`}>{money(line.lineTotalMinor, locale, order.currency)}</td>
              <td className={`${tdClass} text-right tabular-nums`}>{progress.get(line.lineNumber)?.shipped ?? 0}</td>
              <td className={`${tdClass} text-right tabular-nums`}>{progress.get(line.lineNumber)?.invoiced ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  }
  // What the confirmation changed is struck through where the buyer's value stands, the new value in its own column.
  const confirmed = confirmationColumn(order.status, detail.lines, detail.purchaseLines);
  return (
    <table className={tableClass} data-testid="order-lines">
      <thead>
        <tr>
          <th className={thClass}>{text("detail.line")}</th>
          <th className={thClass}>{text("detail.sku")}</th>
          <th className={thClass}>{text("detail.description")}</th>
          <th className={`${thClass} text-right`}>{text("detail.quantity")}</th>
          <th className={`${thClass} text-right`}>{text("detail.buyerPrice")}</th>
          <th className={`${thClass} text-right`}>{text("detail.ourPrice")}</th>
          {confirmed && <th className={`${thClass} text-right`}>{text("detail.confirmedLine")}</th>}
          <th className={thClass}>{text("detail.deliveryDate")}</th>
          <th className={`${thClass} text-right`}>{text("detail.shippedQty")}</th>
          <th className={`${thClass} text-right`}>{text("detail.invoicedQty")}</th>
          <th className={thClass}>{text("detail.reasons")}</th>
        </tr>
      </thead>
      <tbody>
        {detail.purchaseLines.map((line) => {
          const row = confirmed?.get(line.lineNumber);
          const confirmation = row?.confirmation;
          return (
            <tr key={line.id} className={line.reasons.length ? "bg-amber-50" : undefined} data-rejected={confirmation?.rejected || undefined}>
              <td className={tdClass}>{line.lineNumber}</td>
              <td className={tdClass}>
                <span className={row?.struck.line ? struck : undefined}>{line.supplierPartId}</span>
              </td>
              <td className={tdClass}>
                <span className={row?.struck.line ? struck : undefined}>{line.description ?? byLine.get(line.lineNumber)?.name}</span>
              </td>
              <td className={`${tdClass} text-right tabular-nums`}>
                <span className={row?.struck.quantity ? struck : undefined}>
                  {/* The buyer's UnitOfMeasure as sent, in words where we know the code (the code on hover). */}
                  <span title={line.unitOfMeasure ?? undefined}>{buyerQuantityText(line.quantity, line.unitOfMeasure, locale)}</span>
                </span>
              </td>
              <td className={`${tdClass} text-right tabular-nums`}>
                <span className={row?.struck.price ? struck : undefined}>
                  {line.buyerUnitPriceMinor === null ? none : money(line.buyerUnitPriceMinor, locale, line.currency ?? order.currency)}
                </span>
              </td>
              <td className={`${tdClass} text-right tabular-nums`}>{line.ourUnitPriceMinor === null ? none : money(line.ourUnitPriceMinor, locale, order.currency)}</td>
              {confirmed && (
                <td className={`${tdClass} text-right tabular-nums`} data-testid={`line-confirmed-${line.lineNumber}`}>
                  {confirmation?.rejected ? (
                    <span className="font-semibold text-red-700">{text("detail.rejectedLine")}</span>
                  ) : confirmation ? (
                    <>
                      <span className={confirmation.quantityChanged ? "font-semibold" : undefined}>{confirmation.ordered.quantity}</span> ×{" "}
                      <span className={confirmation.priceChanged ? "font-semibold" : undefined}>{money(confirmation.ordered.unitPriceMinor, locale, order.currency)}</span>
                      {confirmation.ordered.confirmedDeliveryDate && (
                        <span className="block text-xs text-slate-600" data-testid={`line-confirmed-date-${line.lineNumber}`}>
                          {text("detail.confirmedDelivery", { date: dateText(confirmation.ordered.confirmedDeliveryDate, locale) })}
                        </span>
                      )}
                    </>
                  ) : (
                    none
                  )}
                </td>
              )}
              <td className={tdClass}>{documentDateText(line.requestedDeliveryDate, locale) ?? none}</td>
              <td className={`${tdClass} text-right tabular-nums`}>{progress.get(line.lineNumber)?.shipped ?? none}</td>
              <td className={`${tdClass} text-right tabular-nums`}>{progress.get(line.lineNumber)?.invoiced ?? none}</td>
              <td className={tdClass} data-testid={`line-reasons-${line.lineNumber}`}>
                {reasonText(line.reasons, words, detail.discontinued)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
