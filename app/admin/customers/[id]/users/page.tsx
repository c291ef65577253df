import { connection } from "next/server";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { TwoStepRequirementForm } from "@/components/account/two-step-requirement-form";
import { TwoStepResetForm } from "@/components/account/two-step-reset-form";
import { ActionForm, Field } from "@/components/admin/action-form";
import { inputClass } from "@/components/admin/styles";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { UserForm } from "@/components/admin/user-form";
import { IdleBulkDeactivate } from "@/components/admin/idle-bulk-deactivate";
import { IdleFilter } from "@/components/admin/idle-filter";
import { formatMoneyInput } from "@/lib/admin/price-input";
import { idleDaysParam, idleFilterChoices, isIdle } from "@/lib/admin/idle-accounts";
import { customerForPage } from "@/lib/admin/route-params";
import { parseSearchParams, type RawSearchParams } from "@/lib/admin/search-params";
import { customerTwoStepUsers } from "@/lib/admin/two-step";
import { VIEW_AS_DURATIONS } from "@/lib/admin/view-as";
import { requireStaff } from "@/lib/auth/guards";
import { listCustomerUsers } from "@/lib/data/customers";
import { dateTimeText, money } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import { resetTwoStepAction, setCustomerTwoStepRequirementAction } from "../../../two-step/actions";
import { startViewAsAction } from "../../../view-as/actions";
import { deactivateIdleUsersAction, inviteUserAction, resendInvitationAction, sendPasswordResetAction, setUserActiveAction, updateUserAction } from "../../actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.customerUsers");

export default async function CustomerUsersPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<RawSearchParams> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/customers/${id}/users`);
  const company = await customerForPage(staff, id);
  // Technical punchout users are nobody's account: no invitation, no password, not counted (named below the list).
  const [t, { people: everybody, technical }, locale, withTwoStep, t2, { idle }] = await Promise.all([
    getTranslations("admin.users"),
    listCustomerUsers(company.id).then((all) => ({ people: all.filter((user) => !user.technical), technical: all.filter((user) => user.technical) })),
    getLocale().then(toLocale),
    customerTwoStepUsers(staff, company.id),
    getTranslations("twoStep.users"),
    searchParams.then((raw) => parseSearchParams(z.object({ idle: idleDaysParam }), raw)),
  ]);
  const now = new Date();
  // Access review (?idle=90): only the accounts not signed in for that long.
  const users = idle ? everybody.filter((user) => isIdle(user, idle, now)) : everybody;
  const usersPath = `/admin/customers/${company.id}/users`;
  // Two-step verification required of all the customer's users: who still lacks it.
  const lacksTwoStep = (user: { id: number; active: boolean; hasPassword: boolean }) => user.active && user.hasPassword && !withTwoStep.has(user.id);
  // Staff may leave a customer without a company admin (a customer leaving, a reorganisation), but not unawares:
  // then nobody there manages its users, addresses and cost centers but its account managers.
  const activeAdmins = everybody.filter((user) => user.active && user.role === "company_admin");
  return (
    <div className="space-y-6">
      <TwoStepRequirementForm
        action={setCustomerTwoStepRequirementAction}
        required={company.twoStepRequired}
        missing={everybody.filter(lacksTwoStep).length}
        fields={{ companyId: company.id }}
      />
      <Card title={t("heading", { count: everybody.length })}>
        <p className="mb-3 text-sm text-slate-600">{t("passwordNote")}</p>
        <IdleFilter
          label={t("idleLabel")}
          choices={idleFilterChoices(usersPath, everybody, idle, now)}
          labelFor={(days, count) => (days ? t("idleDays", { days, count }) : t("idleAll", { count }))}
        />
        {activeAdmins.length === 0 && everybody.some((user) => user.active) && (
          <p role="status" className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="no-company-admin">
            {t("noCompanyAdmin", { company: company.name })}
          </p>
        )}
        {idle && <p className="mb-3 text-xs text-slate-600">{users.length === 0 ? t("idleNone") : t("idleNote")}</p>}
        {idle && <IdleBulkDeactivate action={deactivateIdleUsersAction} list="users" days={idle} userIds={users.map((user) => user.id)} fields={{ companyId: company.id }} />}
        <div className="relative overflow-x-auto">
          <table className={tableClass} data-testid="user-table">
            <thead>
              <tr>
                <th className={thClass}>{t("name")}</th>
                <th className={thClass}>{t("role")}</th>
                <th className={thClass}>{t("status")}</th>
                <th className={thClass}>{t("orderLimit")}</th>
                <th className={thClass}>{t("actions")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => {
                const invited = !user.hasPassword;
                const inviteOpen = invited && user.pendingInviteExpiresAt !== null && user.pendingInviteExpiresAt > now;
                return (
                  <tr key={user.id} data-testid="user-row" data-email={user.email}>
                    <td className={tdClass}>
                      <div className="font-medium">{user.name}</div>
                      <div className="text-xs text-slate-600">{user.email}</div>
                    </td>
                    <td className={tdClass}>{t(`roles.${user.role}`)}</td>
                    <td className={tdClass}>
                      {!user.active ? (
                        <Badge tone="red">{t("statusInactive")}</Badge>
                      ) : invited ? (
                        <Badge tone="amber">
                          {inviteOpen
                            ? t("statusInvited", { until: dateTimeText(user.pendingInviteExpiresAt!, locale) })
                            : user.lastInvitedAt
                              ? t("statusInviteExpired")
                              : t("statusNoPassword")}
                        </Badge>
                      ) : (
                        <Badge tone="green">{t("statusActive")}</Badge>
                      )}
                      {user.hasPassword && (
                        <div
                          className={`mt-1 text-xs ${company.twoStepRequired && lacksTwoStep(user) ? "text-amber-800" : "text-slate-600"}`}
                          data-testid="two-step-status"
                          data-on={withTwoStep.has(user.id)}
                          data-required={company.twoStepRequired}
                        >
                          {withTwoStep.has(user.id) ? t2("on") : company.twoStepRequired && lacksTwoStep(user) ? t2("offRequired") : t2("off")}
                        </div>
                      )}
                      {user.hasPassword && (
                        <div className="mt-1 text-xs text-slate-600" data-testid="last-sign-in">
                          {user.lastSignInAt ? t("lastSignIn", { when: dateTimeText(user.lastSignInAt, locale) }) : t("neverSignedIn")}
                        </div>
                      )}
                    </td>
                    <td className={tdClass}>{user.orderLimitMinor === null ? t("noLimit") : money(user.orderLimitMinor, locale)}</td>
                    <td className={`${tdClass} space-y-2`}>
                      {user.active && company.active && (
                        <details data-testid="view-as">
                          <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("viewAs")}</summary>
                          <ActionForm action={startViewAsAction} submitLabel={t("viewAsStart")} className="mt-2 space-y-2 rounded-md bg-slate-50 p-2">
                            <input type="hidden" name="userId" value={user.id} />
                            <Field label={t("viewAsDuration")}>
                              <select name="minutes" defaultValue={30} className={inputClass}>
                                {VIEW_AS_DURATIONS.map((m) => (
                                  <option key={m} value={m}>
                                    {t("minutes", { minutes: m })}
                                  </option>
                                ))}
                              </select>
                            </Field>
                            <Field label={t("viewAsReason")}>
                              <input name="reason" maxLength={200} className={inputClass} />
                            </Field>
                            <p className="text-xs text-slate-600">{t("viewAsNote")}</p>
                          </ActionForm>
                        </details>
                      )}
                      <details>
                        <summary className="cursor-pointer text-sm text-brand-700">{t("edit")}</summary>
                        <div className="mt-2 w-[56rem] max-w-[80vw]">
                          <UserForm
                            action={updateUserAction}
                            companyId={company.id}
                            submitLabel={t("save")}
                            successMessage={t("saved")}
                            values={{
                              id: user.id,
                              name: user.name,
                              email: user.email,
                              role: user.role as "buyer" | "approver" | "company_admin",
                              locale: user.locale,
                              orderLimit: user.orderLimitMinor === null ? "" : formatMoneyInput(user.orderLimitMinor, locale === "nl"),
                            }}
                          />
                        </div>
                      </details>
                      <div className="flex flex-wrap gap-3">
                        {user.hasPassword && <TwoStepResetForm action={resetTwoStepAction} name={user.name} fields={{ companyId: company.id, userId: user.id }} on={withTwoStep.has(user.id)} />}
                        {user.active && invited && (
                          <ActionForm action={resendInvitationAction} submitLabel={user.lastInvitedAt ? t("resendInvite") : t("sendInvite")} successMessage={t("inviteSent")} variant="link" inline>
                            <input type="hidden" name="companyId" value={company.id} />
                            <input type="hidden" name="userId" value={user.id} />
                          </ActionForm>
                        )}
                        {user.active && !invited && (
                          <ActionForm action={sendPasswordResetAction} submitLabel={t("resetPassword")} successMessage={t("resetSent")} variant="link" inline>
                            <input type="hidden" name="companyId" value={company.id} />
                            <input type="hidden" name="userId" value={user.id} />
                          </ActionForm>
                        )}
                        <ActionForm
                          action={setUserActiveAction}
                          submitLabel={user.active ? t("deactivate") : t("reactivate")}
                          variant="link"
                          inline
                          confirm={
                            !user.active
                              ? undefined
                              : activeAdmins.length === 1 && activeAdmins[0]!.id === user.id
                                ? t("confirmDeactivateLastAdmin", { name: user.name, company: company.name })
                                : t("confirmDeactivate", { name: user.name })
                          }
                        >
                          <input type="hidden" name="companyId" value={company.id} />
                          <input type="hidden" name="userId" value={user.id} />
                          <input type="hidden" name="active" value={user.active ? "false" : "true"} />
                        </ActionForm>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {technical.length > 0 && (
          <p className="mt-3 text-xs text-slate-600" data-testid="technical-users">
            {t.rich("technicalUsers", {
              count: technical.length,
              names: technical.map((user) => user.name).join(", "),
              link: (chunks) => (
                <Link href={`/admin/connections?q=${encodeURIComponent(company.name)}`} className="text-brand-700 underline">
                  {chunks}
                </Link>
              ),
            })}
          </p>
        )}
      </Card>
      <Card title={t("inviteHeading")}>
        <p className="mb-3 text-sm text-slate-600">{t("inviteIntro")}</p>
        <UserForm
          action={inviteUserAction}
          companyId={company.id}
          submitLabel={t("invite")}
          successMessage={t("inviteSent")}
          values={{ id: null, name: "", email: "", role: "buyer", locale: "nl", orderLimit: "" }}
        />
      </Card>
    </div>
  );
}
