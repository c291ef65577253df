import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/admin/action-form";
import { StandingOrderSchedule } from "@/components/account/standing-order-schedule";
import { AddressForm } from "@/components/admin/address-form";
import { CreditFigures, OverdueLine } from "@/components/admin/credit-figures";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { VatCheckPanel } from "@/components/admin/vat-check-panel";
import { isAdmin } from "@/lib/admin/access";
import { assortmentAtAGlance } from "@/lib/admin/assortment";
import { CUSTOMER_PEPPOL_SCHEMES, DOCUMENT_LOCALE_OPTIONS, INVOICE_CHANNEL_OPTIONS, VAT_TREATMENT_OPTIONS } from "@/lib/admin/invoicing-settings";
import { INCOTERMS } from "@/lib/admin/schemas";
import { customerForPage } from "@/lib/admin/route-params";
import { vatIdStatus } from "@/lib/admin/vat-checks";
import { requireStaff } from "@/lib/auth/guards";
import { listAddressLimits } from "@/lib/data/companies";
import { hasCxmlConnection, listCustomerAddresses, listCustomerManagers, listStaffMembers } from "@/lib/data/customers";
import { listCostCenters } from "@/lib/data/cost-centers";
import { getCreditUse, getOverdueInvoices, listOrdersToReview } from "@/lib/data/credit";
import { listCompanyStandingOrders } from "@/lib/data/standing-orders";
import { dateText, dateTimeText, money } from "@/lib/format";
import { countryOptions } from "@/lib/i18n/countries";
import { toLocale } from "@/lib/i18n/locales";
import { budgetPeriodLabel, remainingBudget } from "@/lib/orders/budget";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { checkCustomerVatIdAction, deleteAddressAction, saveAddressAction, setManagersAction, setPoNumberRequiredAction, updateCustomerAction } from "../actions";
import { CustomerMasterDataForm } from "./customer-master-data-form";
import { CustomerPunchoutConnections } from "./punchout-connections";
import { adminCustomerTitle } from "@/lib/page-titles";

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }) => adminCustomerTitle((await params).id);

export default async function CustomerOverviewPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/customers/${id}`);
  const company = await customerForPage(staff, id);
  const [t, ts, tc, locale, addresses, managers, staffMembers, cxmlConnected, standingOrders, costCenters] = await Promise.all([
    getTranslations("admin.customer"),
    getTranslations("account.standingOrder"),
    getTranslations("costCenters"),
    getLocale().then(toLocale),
    listCustomerAddresses(company.id),
    listCustomerManagers(company.id),
    isAdmin(staff) ? listStaffMembers() : Promise.resolve([]),
    hasCxmlConnection(company.id),
    listCompanyStandingOrders(company.id),
    listCostCenters(company.id, calendarDate(new Date())),
  ]);
  // Delivery addresses the company admin limited to some users (My account → Addresses): named here, read-only.
  const [ta, limitedTo, credit, overdue, toReview, tcr, roles, vatStatus, tv, tas, assortment] = await Promise.all([
    getTranslations("admin.address"),
    listAddressLimits(company.id),
    getCreditUse(company.id),
    getOverdueInvoices(company.id, calendarDate(new Date())),
    listOrdersToReview(company.id),
    getTranslations("admin.credit"),
    getTranslations("admin.roles"),
    vatIdStatus(company, new Date()),
    getTranslations("admin.vies"),
    getTranslations("admin.assortment"),
    assortmentAtAGlance(company, new Date()),
  ]);
  return (
    <div className="space-y-6">
      <Card title={t("details")}>
        {/* Set on the pricing tab (it follows from the price lists); shown here beside the terms, since it decides what the buyers see at all. */}
        <div className="mb-4 space-y-2 text-sm" data-testid="customer-assortment" data-assortment={assortment.assortment} data-count={assortment.contractProducts ?? undefined}>
          <p>
            <span className="font-medium">{tas("label")}:</span>{" "}
            <Badge tone={assortment.assortment === "contract" ? "blue" : "slate"}>{tas(`options.${assortment.assortment}`)}</Badge>
            {assortment.contractProducts !== null && <> · {tas("countShort", { count: assortment.contractProducts })}</>} ·{" "}
            <Link href={`/admin/customers/${company.id}/pricing`} className="text-brand-700 underline">
              {tas("change")}
            </Link>
          </p>
          {assortment.emptyShop && (
            <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800" data-testid="assortment-empty-warning">
              {tas("emptyActive")}
            </p>
          )}
        </div>
        <CustomerMasterDataForm
          action={updateCustomerAction}
          submitLabel={t("save")}
          values={company}
          hasCxmlConnection={cxmlConnected}
          options={{ countries: countryOptions(locale, [company.countryCode]), peppolSchemes: CUSTOMER_PEPPOL_SCHEMES, incoterms: INCOTERMS, channels: INVOICE_CHANNEL_OPTIONS, vatTreatments: VAT_TREATMENT_OPTIONS, documentLocales: DOCUMENT_LOCALE_OPTIONS }}
        />
      </Card>

      {vatStatus && (
        <Card title={tv("title")}>
          <VatCheckPanel status={vatStatus} action={checkCustomerVatIdAction} fields={{ companyId: company.id }} locale={locale} />
        </Card>
      )}

      <Card title={tcr("title")}>
        <div className="space-y-3" data-testid="customer-credit">
          {credit ? <CreditFigures credit={credit} locale={locale} /> : <p className="text-sm text-slate-600">{tcr("none")}</p>}
          <OverdueLine overdue={overdue} locale={locale} />
          {toReview.length > 0 && (
            <div>
              <h3 className="text-sm font-medium">{tcr("toReview")}</h3>
              <ul className="text-sm" data-testid="orders-to-review">
                {toReview.map((order) => (
                  <li key={order.id}>
                    <Link href={`/admin/orders/${order.id}`} className="text-brand-700 underline">
                      {order.orderNumber}
                    </Link>{" "}
                    · {money(order.totalMinor, locale, order.currency)} · {dateTimeText(order.placedAt, locale)}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      </Card>

      <Card title={t("addresses")}>
        <div className="relative overflow-x-auto">
          <table className={tableClass} data-testid="address-table">
            <thead>
              <tr>
                <th className={thClass}>{ta("kind")}</th>
                <th className={thClass}>{ta("label")}</th>
                <th className={thClass}>{ta("address")}</th>
                <th className={thClass}>{ta("externalId")}</th>
                <th className={thClass}>
                  <span className="sr-only">{t("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {addresses.map((address) => (
                <tr key={address.id}>
                  <td className={tdClass}>
                    {ta(address.kind)} {address.isDefault && <Badge tone="green">{ta("default")}</Badge>}
                  </td>
                  <td className={tdClass}>{address.label}</td>
                  <td className={tdClass}>
                    {address.name}
                    {address.attention && <div className="text-xs text-slate-500">{ta("attn", { name: address.attention })}</div>}
                    <div className="text-xs text-slate-600">
                      {address.street}, {address.postalCode} {address.city}, {address.countryCode}
                    </div>
                    {limitedTo.has(address.id) && (
                      <div className="text-xs text-amber-800" data-testid="address-limited-to">
                        {ta("limitedTo", { names: limitedTo.get(address.id)!.join(", ") })}
                      </div>
                    )}
                  </td>
                  <td className={tdClass}>{address.externalId ?? "–"}</td>
                  <td className={`${tdClass} space-y-2`}>
                    <details>
                      <summary className="cursor-pointer text-sm text-brand-700">{t("edit")}</summary>
                      <div className="mt-2 w-[48rem] max-w-[80vw]">
                        <AddressForm action={saveAddressAction} companyId={company.id} values={address} submitLabel={t("save")} />
                      </div>
                    </details>
                    <ActionForm action={deleteAddressAction} submitLabel={t("delete")} variant="link" confirm={t("confirmDeleteAddress", { label: address.label })} inline>
                      <input type="hidden" name="companyId" value={company.id} />
                      <input type="hidden" name="addressId" value={address.id} />
                    </ActionForm>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <details className="mt-4">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("addAddress")}</summary>
          <div className="mt-2">
            <AddressForm
              action={saveAddressAction}
              companyId={company.id}
              submitLabel={t("addAddress")}
              values={{ id: null, kind: "ship_to", label: "", name: company.name, attention: null, street: "", postalCode: "", city: "", countryCode: company.countryCode, isDefault: false, externalId: null }}
            />
          </div>
        </details>
      </Card>

      {/* What the customer orders by itself, and when: for stock and delivery planning. Read-only here. */}
      <Card title={t("standingOrders")}>
        <p className="mb-2 text-sm text-slate-600">{t("standingOrdersIntro")}</p>
        {standingOrders.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noStandingOrders")}</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className={tableClass} data-testid="customer-standing-orders">
              <thead>
                <tr>
                  <th className={thClass}>{t("standingOrderList")}</th>
                  <th className={thClass}>{t("standingOrderOwner")}</th>
                  <th className={thClass}>{t("standingOrderSchedule")}</th>
                  <th className={thClass}>{t("standingOrderLastRun")}</th>
                </tr>
              </thead>
              <tbody>
                {standingOrders.map((standing) => (
                  <tr key={standing.id} data-testid="customer-standing-order">
                    <td className={tdClass}>{standing.listName}</td>
                    <td className={tdClass}>{standing.ownerName}</td>
                    <td className={tdClass}>
                      <StandingOrderSchedule schedule={standing} locale={locale} />
                    </td>
                    <td className={tdClass}>
                      {standing.lastRun ? (
                        <>
                          {dateText(standing.lastRun.runOn, locale)}: {ts(`outcomes.${standing.lastRun.outcome}`)}
                          {standing.lastRun.orderId && standing.lastRun.orderNumber && (
                            <>
                              {" "}
                              <Link href={`/admin/orders/${standing.lastRun.orderId}`} className="text-brand-700 underline">
                                {standing.lastRun.orderNumber}
                              </Link>
                            </>
                          )}
                        </>
                      ) : (
                        "–"
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      {/* The customer's own cost centres and budgets (kept by its company admin): read-only here. */}
      <Card title={tc("admin.title")}>
        <p className="mb-2 text-sm text-slate-600">{tc("admin.intro")}</p>
        <p className="mb-2 text-sm" data-testid="customer-cost-center-required">
          {company.costCenterRequired ? tc("admin.requiredYes") : tc("admin.requiredNo")}
        </p>
        {/* Also the customer's company admin's to set (My account → Users); staff who may edit the customer change it here. */}
        <p className="mb-2 text-sm" data-testid="customer-po-number-required" data-required={company.poNumberRequired}>
          {company.poNumberRequired ? t("poNumberRequiredYes") : t("poNumberRequiredNo")}
        </p>
        <details className="mb-4">
          <summary className="cursor-pointer text-sm text-brand-700">{t("edit")}</summary>
          <ActionForm action={setPoNumberRequiredAction} submitLabel={t("poNumberRequiredSave")} successMessage={t("saved")} variant="secondary" className="mt-2 space-y-2" testId="po-number-required-form">
            <input type="hidden" name="companyId" value={company.id} />
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="required" defaultChecked={company.poNumberRequired} className="mt-1" />
              <span>
                <span className="font-medium">{t("poNumberRequiredLabel")}</span>
                <span className="block text-slate-600">{t("poNumberRequiredHint")}</span>
              </span>
            </label>
          </ActionForm>
        </details>
        {costCenters.length === 0 ? (
          <p className="text-sm text-slate-600">{tc("admin.empty")}</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className={tableClass} data-testid="customer-cost-centers">
              <thead>
                <tr>
                  <th className={thClass}>{tc("code")}</th>
                  <th className={thClass}>{tc("name")}</th>
                  <th className={thClass}>{tc("budget")}</th>
                  <th className={thClass}>{tc("period")}</th>
                  <th className={`${thClass} text-right`}>{tc("used")}</th>
                  <th className={`${thClass} text-right`}>{tc("remaining")}</th>
                  <th className={thClass}>{tc("status")}</th>
                </tr>
              </thead>
              <tbody>
                {costCenters.map((costCenter) => {
                  const remaining = costCenter.budgetMinor === null ? null : remainingBudget({ budgetMinor: costCenter.budgetMinor, committedMinor: costCenter.committedMinor });
                  return (
                    <tr key={costCenter.id} data-testid="customer-cost-center" data-code={costCenter.code}>
                      <td className={`${tdClass} font-mono`}>{costCenter.code}</td>
                      <td className={tdClass}>{costCenter.name}</td>
                      <td className={tdClass}>
                        {costCenter.budgetMinor === null ? tc("noBudget") : tc("budgetPer", { amount: money(costCenter.budgetMinor, locale), period: costCenter.budgetPeriod })}
                      </td>
                      <td className={tdClass}>{budgetPeriodLabel(costCenter, locale)}</td>
                      <td className={`${tdClass} text-right`}>{money(costCenter.committedMinor, locale)}</td>
                      <td className={`${tdClass} text-right`}>
                        {remaining === null ? "–" : remaining < 0 ? <span className="text-red-700">{tc("overBudget", { amount: money(-remaining, locale) })}</span> : money(remaining, locale)}
                      </td>
                      <td className={tdClass}>{costCenter.active ? <Badge tone="green">{tc("active")}</Badge> : <Badge>{tc("inactive")}</Badge>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      <CustomerPunchoutConnections staff={staff} companyId={company.id} />

      <Card title={t("managers")}>
        {managers.length === 0 ? <p className="text-sm text-slate-600">{t("noManagers")}</p> : <p className="text-sm">{managers.map((m) => m.name).join(", ")}</p>}
        {isAdmin(staff) && (
          <ActionForm action={setManagersAction} submitLabel={t("saveManagers")} successMessage={t("saved")} className="mt-3 space-y-2">
            <input type="hidden" name="companyId" value={company.id} />
            <fieldset className="flex flex-wrap gap-4 text-sm">
              <legend className="sr-only">{t("managers")}</legend>
              {/* Every active staff member may look after a customer; an inactive one only shows while still assigned. */}
              {staffMembers
                .filter((s) => s.active || managers.some((m) => m.id === s.id))
                .map((s) => (
                  <label key={s.id} className="flex items-center gap-2">
                    <input type="checkbox" name="managerIds" value={s.id} defaultChecked={managers.some((m) => m.id === s.id)} /> {s.name}
                    {s.role === "admin" && <span className="text-xs text-slate-600">({roles("admin")})</span>}
                    {!s.active && <Badge tone="red">{t("inactive")}</Badge>}
                  </label>
                ))}
            </fieldset>
          </ActionForm>
        )}
      </Card>
    </div>
  );
}
