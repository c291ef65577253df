import { getTranslations } from "next-intl/server";
import type { JoinRequest } from "@/lib/account/join-requests";
import { OrderLimitField } from "./order-limit-field";
import type { ActionState } from "@/lib/actions/safe-action";
import { dateTimeText } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import { ActionForm } from "./action-form";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

const inputClass = "mt-1 rounded-md border border-slate-300 px-3 py-1.5";
const ROLES = ["buyer", "approver", "company_admin"] as const;

/**
 * The company admin's requests to join (lib/account/join-requests.ts): who asked, why they seem to
 * be a colleague, and per request an approve form (role and order limit, as when inviting) and a
 * reject form (the reason is mailed to them).
 */
export async function JoinRequestList({
  requests,
  companyName,
  locale,
  approveAction,
  rejectAction,
}: {
  requests: JoinRequest[];
  companyName: string;
  locale: Locale;
  approveAction: Action;
  rejectAction: Action;
}) {
  const [t, tu, tr] = await Promise.all([getTranslations("account.joinRequests"), getTranslations("account.users"), getTranslations("account.roles")]);
  return (
    <section id="join-requests" aria-labelledby="join-requests-title" className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4">
      <h2 id="join-requests-title" className="font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm text-slate-700">{t("intro", { company: companyName })}</p>
      <ul className="space-y-3">
        {requests.map((request) => (
          <li key={request.id} className="rounded-md border border-slate-200 bg-white p-3 text-sm" data-testid="join-request" data-email={request.email}>
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <div>
                <span className="font-medium">{request.contactName}</span> <span className="text-slate-600">{request.email}</span>
                {request.phone && <span className="text-slate-600"> · {request.phone}</span>}
              </div>
              <span className="text-xs text-slate-500">{t("receivedAt", { date: dateTimeText(request.createdAt, locale) })}</span>
            </div>
            <p className="mt-1 text-slate-700">
              {t("forCompany", { company: request.companyName, city: request.city })}
              {request.kvkNumber && <> · {t("kvk", { kvk: request.kvkNumber })}</>}
              {request.vatId && <> · {t("vat", { vat: request.vatId })}</>}
            </p>
            <p className="mt-1 text-xs text-slate-600">
              {t("matchedOn")}: {request.matchedOn.map((reason) => t(`on.${reason}`)).join(", ")}
            </p>
            {request.message && (
              <blockquote className="mt-2 whitespace-pre-line border-l-2 border-slate-300 pl-3 text-slate-700">
                <span className="sr-only">{t("message")}: </span>
                {request.message}
              </blockquote>
            )}
            <div className="mt-3 grid gap-4 md:grid-cols-2">
              <ActionForm action={approveAction} submitLabel={t("approve")} ariaLabel={t("approveTitle", { name: request.contactName })} className="space-y-2">
                <input type="hidden" name="requestId" value={request.id} />
                <div className="flex flex-wrap gap-3">
                  <label className="flex flex-col" htmlFor={`join-role-${request.id}`}>
                    <span className="font-medium">{tu("role")}</span>
                    <select id={`join-role-${request.id}`} name="role" defaultValue="buyer" className={inputClass}>
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {tr(role)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <OrderLimitField
                    id={`join-limit-${request.id}`}
                    label={tu("orderLimit")}
                    hint={tu("orderLimitHint")}
                    placeholder={tu("noLimit")}
                    inputClassName={`${inputClass} w-36`}
                    className="flex flex-col"
                  />
                </div>
              </ActionForm>
              <ActionForm
                action={rejectAction}
                submitLabel={t("reject")}
                ariaLabel={t("rejectTitle", { name: request.contactName })}
                className="space-y-2"
                submitClassName="rounded-md border border-red-300 px-4 py-2 text-sm font-medium text-red-700 hover:bg-red-50"
              >
                <input type="hidden" name="requestId" value={request.id} />
                <label className="flex flex-col" htmlFor={`join-reason-${request.id}`}>
                  <span className="font-medium">{t("reason")}</span>
                  <textarea id={`join-reason-${request.id}`} name="reason" rows={2} maxLength={1000} aria-describedby={`join-reason-hint-${request.id}`} className={inputClass} />
                  <span id={`join-reason-hint-${request.id}`} className="text-xs text-slate-500">
                    {t("reasonHint")}
                  </span>
                </label>
              </ActionForm>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
