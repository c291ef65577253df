import { connection } from "next/server";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CartPageSync } from "@/components/shop/cart-badge";
import { costCenterOptions } from "@/components/account/cost-center-options";
import { CheckoutForm, type CheckoutCostCenters } from "@/components/shop/checkout-form";
import { CheckoutQuoteFix } from "@/components/shop/checkout-quote-fix";
import { CartTotals } from "@/components/shop/order-totals";
import { shipToChoice } from "@/lib/account/addresses";
import { costCenterChoice } from "@/lib/account/cost-centers";
import { poNumberRequired } from "@/lib/account/po-number";
import { requireBuyer } from "@/lib/auth/guards";
import { readingOfLines } from "@/lib/cart/cart-badge";
import { getPricedCart } from "@/lib/cart/cart-service";
import { listCompanyAddresses } from "@/lib/data/companies";
import { getCreditUse } from "@/lib/data/credit";
import { addressText } from "@/lib/format-address";
import { money } from "@/lib/format";
import { unitName, unitQuantity } from "@/lib/catalog/unit-names";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { getShopContext } from "@/lib/shop-context";
import { needsApproval } from "@/lib/orders/approval-rule";
import { someoneElseDecides } from "@/lib/orders/approvals";
import { exceedsCredit } from "@/lib/orders/credit";
import { fixQuoteLineAction, placeOrderAction } from "./actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("shop.checkout");

export default async function CheckoutPage() {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/checkout");
  if (buyer.punchout) redirect("/cart");
  const [{ locale, now }, t, ta, tq] = await Promise.all([getShopContext(), getTranslations("checkout"), getTranslations("account.order"), getTranslations("cart.quote")]);
  const [cart, shipTo, billTo, choice, decided, credit, poRequired] = await Promise.all([
    getPricedCart(buyer, locale, now),
    shipToChoice(buyer),
    listCompanyAddresses(buyer.companyId, "bill_to"),
    costCenterChoice(buyer, now),
    someoneElseDecides(buyer),
    getCreditUse(buyer.companyId),
    poNumberRequired(buyer),
  ]);
  // Said wherever the checkout warns that the order will wait for approval.
  const noApprover = decided ? null : ta("noApprover");
  if (!cart.orderable) redirect("/cart");
  const costCenters: CheckoutCostCenters =
    choice.mode === "free" ? { mode: "free" } : {
          mode: "list",
          required: choice.required,
          options: costCenterOptions(choice, t, locale, cart.totals.subtotalMinor).map((option) => ({
            ...option,
            overBudgetNote: option.overBudgetNote && noApprover ? `${option.overBudgetNote} ${noApprover}` : option.overBudgetNote,
          })),
          defaultCode: choice.defaultCode,
        };
  const aboveOrderLimit = needsApproval(buyer.orderLimitMinor, cart.totals.subtotalMinor);
  return (
    // On a phone the summary (lines, delivery, total, the approval notice) comes between the title and
    // the form, so the buyer has read what they order before the button; from lg up it is the side column
    // beside title and form (its second row takes any extra height of a long summary, not the title's).
    <div className="grid gap-x-8 gap-y-4 lg:grid-cols-[1fr_24rem] lg:grid-rows-[auto_1fr]">
      <CartPageSync rendered={readingOfLines(cart.lines, now)} />
      <h1 className="text-2xl font-semibold lg:col-start-1">{t("title")}</h1>
      <aside className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 max-lg:mb-4 lg:col-start-2 lg:row-span-2 lg:row-start-1" data-testid="checkout-summary">
        <h2 className="font-semibold">{t("summary")}</h2>
        <ul className="space-y-1 text-sm">
          {cart.lines.map((line) => (
            <li key={line.lineId}>
              <div className="flex justify-between gap-4">
                <span>
                  {unitQuantity(line.quantity, line.product.unit, locale)} {line.product.name}
                </span>
                <span className="whitespace-nowrap">{money(line.lineTotalMinor, locale)}</span>
              </div>
              {/*
                A quote line that would be ordered at the normal price, said before Place order and settled
                here: one whose quantity was changed (another add) goes back to the quoted quantity in one
                click, as in the cart; one whose quote lapsed can be removed. Left as it is, it is ordered at
                the normal price, as the warning says.
              */}
              {line.quote && !line.quote.verdict.applies && (
                <CheckoutQuoteFix
                  key={line.lineId}
                  lineId={line.lineId}
                  restoreTo={line.quote.lockedQuantity}
                  warning={
                    line.quote.lockedQuantity !== null
                      ? tq("quantityChangedWarning", {
                          number: line.quote.quoteNumber,
                          quantity: line.quote.lockedQuantity,
                          unit: unitName(line.product.unit, locale, line.quote.lockedQuantity),
                        })
                      : tq(line.quote.verdict.reason === "expired" ? "expiredWarning" : "notValidWarning", { number: line.quote.quoteNumber })
                  }
                  action={fixQuoteLineAction}
                />
              )}
            </li>
          ))}
        </ul>
        <CartTotals cart={cart} locale={locale} />
        {aboveOrderLimit && (
          <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="approval-needed">
            {ta("needsApproval", { limit: money(buyer.orderLimitMinor ?? 0, locale) })}
            {noApprover && ` ${noApprover}`}
          </p>
        )}
        {credit && exceedsCredit(credit, cart.totals.totalMinor) && (
          <p role="note" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="credit-hold-ahead">
            {ta("creditHoldAhead")}
          </p>
        )}
        {billTo[0] && (
          <p className="text-xs text-slate-600">
            {t("billTo")}: {addressText(billTo[0], ", ", locale)}
          </p>
        )}
      </aside>
      <section className="lg:col-start-1">
        <CheckoutForm
          addresses={shipTo.options.map((a) => ({ id: a.id, label: a.label, text: addressText(a, ", ", locale) }))}
          defaultAddressId={shipTo.defaultId}
          costCenters={costCenters}
          poNumberRequired={poRequired}
          aboveOrderLimit={aboveOrderLimit}
          minDate={calendarDate(now)}
          action={placeOrderAction}
        />
      </section>
    </div>
  );
}
