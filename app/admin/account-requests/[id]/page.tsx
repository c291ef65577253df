import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ApproveAccountRequestForm, RejectAccountRequestForm } from "@/components/admin/account-request-forms";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { VatCheckPanel } from "@/components/admin/vat-check-panel";
import { reviewAccountRequest } from "@/lib/admin/account-requests";
import type { RawSearchParams } from "@/lib/admin/search-params";
import { vatIdStatus } from "@/lib/admin/vat-checks";
import { requireStaff } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { dateTimeText } from "@/lib/format";
import { INTL_LOCALE, toLocale } from "@/lib/i18n/locales";
import { approveAccountRequestAction, checkRequestVatIdAction, rejectAccountRequestAction } from "../actions";
import { pageTitle } from "@/lib/i18n/page-title";
import { RequestStage } from "../stage";

export const generateMetadata = pageTitle("admin.accountRequest");

const TONES = { pending: "amber", approved: "green", rejected: "red" } as const;

/** One account request: its details, customers it may belong to, and the decision (or its outcome). */
export default async function AccountRequestPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/account-requests/${id}`);
  const requestId = Number(id);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(requestId) || requestId <= 0 || requestId > 2_147_483_647) notFound();
  const { request, matches, existingUser, customerWithoutPriceList } = await reviewAccountRequest(staff, requestId).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const [{ done }, t, locale, vatStatus, tv] = await Promise.all([
    searchParams,
    getTranslations("accountRequests.admin"),
    getLocale().then(toLocale),
    vatIdStatus({ vatId: request.vatId, accountRequestId: request.id }, new Date()),
    getTranslations("admin.vies"),
  ]);
  const none = t("none");
  const country = new Intl.DisplayNames([INTL_LOCALE[locale]], { type: "region" }).of(request.countryCode) ?? request.countryCode;
  const pending = request.status === "pending";
  // The confirmation after the decision (the action redirects here), only while it is still true.
  const justDecided = done === request.status && !pending ? request.status : null;
  const details: [string, React.ReactNode, string?][] = [
    [t("fields.companyName"), request.companyName],
    [t("fields.kvkNumber"), request.kvkNumber ?? none],
    [t("fields.vatId"), request.vatId ?? none],
    [t("fields.country"), `${country} (${request.countryCode})`],
    [t("fields.address"), `${request.street}\n${request.postalCode} ${request.city}`],
    [t("fields.contactName"), request.contactName],
    [
      t("fields.email"),
      <a key="email" href={`mailto:${request.email}`} className="text-brand-700 underline">
        {request.email}
      </a>,
    ],
    [t("fields.phone"), request.phone ?? none],
    [t("fields.locale"), t(`locales.${request.locale}`)],
    [t("fields.createdAt"), dateTimeText(request.createdAt, locale)],
    ...(request.updatedAt.getTime() !== request.createdAt.getTime() && pending ? [[t("fields.updatedAt"), dateTimeText(request.updatedAt, locale)] as [string, string]] : []),
    [t("fields.message"), request.message ?? none, "sm:col-span-2"],
  ];

  return (
    <div className="space-y-4">
      <Link href="/admin/account-requests" className="text-sm text-brand-700 underline">
        ← {t("back")}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t("detailTitle", { company: request.companyName })}</h1>
        <Badge tone={TONES[request.status]}>
          <span data-testid="account-request-status" data-status={request.status}>
            {t(`statuses.${request.status}`)}
          </span>
        </Badge>
      </div>

      {justDecided && (
        <p role="status" data-testid="account-request-done" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {justDecided === "approved" ? t("done.approved", { name: request.contactName }) : t("done.rejected", { name: request.contactName })}
          {justDecided === "approved" && request.companyId && (
            <>
              {" "}
              <Link href={`/admin/customers/${request.companyId}`} className="font-medium underline">
                {t("openCustomer")}
              </Link>
            </>
          )}
        </p>
      )}

      {/* What happens next: the invitation is out, so the customer may order before their prices are set up. */}
      {request.status === "approved" && request.companyId && customerWithoutPriceList && (
        <p data-testid="account-request-no-price-list" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t("noPriceList")}{" "}
          <Link href={`/admin/customers/${request.companyId}/pricing`} className="font-medium underline">
            {t("setUpPrices")}
          </Link>
        </p>
      )}

      {pending && existingUser && (
        <div role="alert" data-testid="account-request-existing-user" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <p className="font-semibold">{t("existingUser.title")}</p>
          <p>
            {t(existingUser.active ? "existingUser.active" : "existingUser.inactive", {
              name: existingUser.name,
              company: existingUser.companyName ?? t("existingUser.noCompany"),
            })}
          </p>
          {existingUser.companyId && (
            <Link href={`/admin/customers/${existingUser.companyId}/users`} className="mt-1 inline-block font-medium underline">
              {t("existingUser.open")}
            </Link>
          )}
        </div>
      )}

      <Card title={t("request")}>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="account-request-details">
          {details.map(([label, value, className]) => (
            <div key={label} className={className}>
              <dt className="font-medium">{label}</dt>
              <dd className="whitespace-pre-line">{value}</dd>
            </div>
          ))}
        </dl>
      </Card>

      {vatStatus && (
        <Card title={tv("title")}>
          <VatCheckPanel status={vatStatus} action={checkRequestVatIdAction} fields={{ requestId: request.id }} locale={locale} />
        </Card>
      )}

      {!pending && (
        <Card title={t("outcome.title")}>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="account-request-outcome">
            <div>
              <dt className="font-medium">{request.status === "approved" ? t("outcome.approvedBy") : t("outcome.rejectedBy")}</dt>
              <dd>{request.decidedAt ? t("byOn", { name: request.decidedBy === null ? t("autoJoin") : (request.decidedByName ?? t("unknown")), date: dateTimeText(request.decidedAt, locale) }) : none}</dd>
            </div>
            {request.status === "approved" && (
              <div>
                <dt className="font-medium">{t("outcome.stage")}</dt>
                <dd>
                  <RequestStage request={request} locale={locale} now={new Date()} />
                </dd>
              </div>
            )}
            {request.status === "approved" && (
              <div>
                <dt className="font-medium">{t("outcome.customer")}</dt>
                <dd>
                  {request.companyId ? (
                    <Link href={`/admin/customers/${request.companyId}`} className="text-brand-700 underline" data-testid="account-request-customer-link">
                      {t("openCustomer")}
                    </Link>
                  ) : (
                    none
                  )}
                </dd>
              </div>
            )}
            {request.status === "rejected" && (
              <div className="sm:col-span-2">
                <dt className="font-medium">{t("outcome.reason")}</dt>
                <dd className="whitespace-pre-line" data-testid="account-request-reason">
                  {request.rejectionReason ?? none}
                </dd>
              </div>
            )}
          </dl>
        </Card>
      )}

      {pending && (
        <Card title={t("matches.title")}>
          {matches.length === 0 ? (
            <p className="text-sm text-slate-600" data-testid="account-request-no-matches">
              {t("matches.none")}
            </p>
          ) : (
            <>
              <p className="mb-3 text-sm text-slate-600">{t("matches.intro")}</p>
              {request.status === "pending" && <p className="mb-3 text-sm text-slate-600">{t("matches.companyAdmins")}</p>}
              <div className="relative overflow-x-auto">
                <table className={tableClass} data-testid="account-request-matches">
                  <thead>
                    <tr>
                      <th className={thClass}>{t("customer")}</th>
                      <th className={thClass}>{t("fields.kvkNumber")}</th>
                      <th className={thClass}>{t("fields.vatId")}</th>
                      <th className={thClass}>{t("matches.why")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {matches.map((match) => (
                      <tr key={match.id} data-testid="account-request-match" data-company-id={match.id} data-matched-on={match.matchedOn.join(" ")}>
                        <td className={tdClass}>
                          <Link href={`/admin/customers/${match.id}`} className="font-medium text-brand-700 underline">
                            {match.name}
                          </Link>
                          <span className="ml-1 text-xs text-slate-500">#{match.id}</span>
                        </td>
                        <td className={`${tdClass} tabular-nums`}>{match.kvkNumber ?? none}</td>
                        <td className={tdClass}>{match.vatId ?? none}</td>
                        <td className={tdClass}>
                          <span className="flex flex-wrap gap-1">
                            {match.matchedOn.map((on) => (
                              <Badge key={on} tone="blue">
                                {t(`matches.on.${on}`)}
                              </Badge>
                            ))}
                          </span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )}
        </Card>
      )}

      {pending && (
        <>
          {/* Approving would collide with the existing user (the warning above says what to do instead). */}
          {!existingUser && (
            <Card title={t("approveTitle")}>
              <ApproveAccountRequestForm
                action={approveAccountRequestAction}
                requestId={request.id}
                matches={matches.map(({ id: companyId, name, kvkNumber }) => ({ id: companyId, name, kvkNumber }))}
              />
            </Card>
          )}
          <Card title={t("rejectTitle")}>
            <p className="mb-3 text-sm text-slate-600">{t("rejectIntro")}</p>
            <RejectAccountRequestForm action={rejectAccountRequestAction} requestId={request.id} />
          </Card>
        </>
      )}
    </div>
  );
}
