import { connection } from "next/server";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/account/action-form";
import { DefaultCostCenterForm } from "@/components/account/cost-center-forms";
import { JoinRequestList } from "@/components/account/join-request-list";
import { InviteListForm } from "@/components/account/invite-list-form";
import { OrderLimitField } from "@/components/account/order-limit-field";
import { TwoStepRequirementForm } from "@/components/account/two-step-requirement-form";
import { TwoStepResetForm } from "@/components/account/two-step-reset-form";
import { listCompanyUsers } from "@/lib/account/company-users";
import { costCenterOverview } from "@/lib/account/cost-centers";
import { ownedByUsers } from "@/lib/account/hand-over";
import { listJoinRequests } from "@/lib/account/join-requests";
import { AUTO_JOIN_ROLES, getAutoJoinSettings } from "@/lib/account/auto-join";
import { poNumberRequired } from "@/lib/account/po-number";
import { colleaguesWithTwoStep } from "@/lib/account/two-step";
import { moneyInputValue } from "@/lib/account/money-input";
import { requireBuyer } from "@/lib/auth/guards";
import { listDefaultShipToAddresses, listShipToAddresses } from "@/lib/data/companies";
import { listDefaultCostCenters } from "@/lib/data/cost-centers";
import { dateTimeText, money } from "@/lib/format";
import { mayUse } from "@/lib/orders/allowed-users";
import { getShopContext } from "@/lib/shop-context";
import {
  approveJoinRequestAction,
  handOverAction,
  inviteUserAction,
  inviteUsersAction,
  rejectJoinRequestAction,
  removeAutoJoinAction,
  resendInvitationAction,
  setAutoJoinAction,
  setDefaultShipToAction,
  setUserActiveAction,
  updateUserAction,
} from "../actions";
import { setDefaultCostCenterAction } from "../cost-centers/actions";
import { setPoNumberRequiredAction } from "./po-number-actions";
import { resetColleagueTwoStepAction, setTwoStepRequirementAction } from "./two-step-actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("account.users");

const ROLES = ["buyer", "approver", "company_admin"] as const;
const inputClass = "mt-1 rounded-md border border-slate-300 px-3 py-1.5";

export default async function UsersPage({
  searchParams,
}: {
  searchParams: Promise<{ joinRequest?: string; handedOver?: string; autoJoin?: string }>;
}) {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/account/users");
  // Not in a punchout session either: user administration is refused there (lib/account/company-users.ts).
  if (buyer.role !== "company_admin" || buyer.punchout) notFound();
  const { joinRequest: decided, handedOver, autoJoin: autoJoinChange } = await searchParams;
  const handedOverCounts = /^(\d{1,6})-(\d{1,6})$/.exec(handedOver ?? "");
  const [{ locale, now }, t, tr, tc, tj, tm, ta, t2] = await Promise.all([
    getShopContext(),
    getTranslations("account.users"),
    getTranslations("account.roles"),
    getTranslations("costCenters.form"),
    getTranslations("account.joinRequests"),
    getTranslations("account.messages"),
    getTranslations("account.autoJoin"),
    getTranslations("twoStep.users"),
  ]);
  const [users, joinRequests, autoJoin, owned, { costCenters }, defaults, shipTo, defaultShipTos, withTwoStep, poRequired] = await Promise.all([
    listCompanyUsers(buyer),
    listJoinRequests(buyer),
    getAutoJoinSettings(buyer),
    ownedByUsers(buyer),
    costCenterOverview(buyer, now),
    listDefaultCostCenters(buyer.companyId),
    listShipToAddresses(buyer.companyId),
    listDefaultShipToAddresses(buyer.companyId),
    colleaguesWithTwoStep(buyer),
    poNumberRequired(buyer),
  ]);
  const activeColleagues = users.filter((user) => user.active);
  // Two-step verification required of all users (read with the signed-in admin): who still lacks it.
  const twoStepRequired = buyer.companyTwoStepRequired === true;
  const lacksTwoStep = (user: { id: number; active: boolean; hasPassword: boolean }) => user.active && user.hasPassword && !withTwoStep.has(user.id);
  // Each active user's default delivery address, out of those they may use (only while there is a choice).
  const withShipToDefaults = shipTo.length > 1;
  const shipToChoiceOf = (user: { id: number; role: string }) => {
    const options = shipTo.filter((address) => mayUse(user, address));
    return { options, value: options.find((address) => address.id === defaultShipTos.get(user.id))?.id ?? "" };
  };
  // Each active user's default cost centre, out of the active ones they may use (only while there are any).
  const activeCostCenters = costCenters.filter((costCenter) => costCenter.active);
  const withDefaults = activeCostCenters.length > 0;
  const defaultChoice = (user: { id: number; role: string }) => {
    const options = activeCostCenters.filter((costCenter) => mayUse(user, costCenter)).map(({ id, code, name }) => ({ id, code, name }));
    // A default that is no longer active or no longer theirs: the checkout ignores it, so it shows as none.
    const value = options.find((option) => option.id === defaults.get(user.id))?.id ?? null;
    return { options, value };
  };
  const roleSelect = (id: string, value: string) => (
    <select id={id} name="role" defaultValue={value} className={inputClass}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {tr(role)}
        </option>
      ))}
    </select>
  );
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-sm text-slate-600">{t("intro", { company: buyer.companyName })}</p>
      {handedOverCounts && (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          {tm("handed_over", { lists: Number(handedOverCounts[1]), standingOrders: Number(handedOverCounts[2]) })}
        </p>
      )}
      {(decided === "approved" || decided === "rejected") && (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          {tj(decided)}
        </p>
      )}
      <TwoStepRequirementForm action={setTwoStepRequirementAction} required={twoStepRequired} missing={users.filter(lacksTwoStep).length} yoursFirst={!buyer.twoStepSince} />
      {/* A rule for every order of the company (checkout and standing orders), beside the one for every user. */}
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="po-number-required-title" data-testid="po-number-required" data-required={poRequired}>
        <h2 id="po-number-required-title" className="font-semibold">
          {t("poNumberTitle")}
        </h2>
        <ActionForm action={setPoNumberRequiredAction} submitLabel={t("poNumberSave")} ariaLabel={t("poNumberTitle")} className="mt-2 space-y-3" submitClassName="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60">
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="required" defaultChecked={poRequired} className="mt-1" />
            <span>
              <span className="font-medium">{t("poNumberLabel")}</span>
              <span className="block text-slate-600">{t("poNumberHint")}</span>
            </span>
          </label>
        </ActionForm>
      </section>
      {joinRequests.length > 0 && (
        <JoinRequestList requests={joinRequests} companyName={buyer.companyName} locale={locale} approveAction={approveJoinRequestAction} rejectAction={rejectJoinRequestAction} />
      )}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white" data-testid="company-users">
        <table className="w-full text-sm">
          <thead className="bg-slate-100 text-left">
            <tr>
              <th className="p-3">{t("name")}</th>
              <th className="p-3">{t("role")}</th>
              <th className="p-3">{t("orderLimit")}</th>
              <th className="p-3">{t("status")}</th>
              {withShipToDefaults && <th className="p-3">{t("defaultShipTo")}</th>}
              {withDefaults && <th className="p-3">{tc("defaultCostCenter")}</th>}
            </tr>
          </thead>
          <tbody>
            {users.map((user) => {
              const self = user.id === buyer.id;
              // What a deactivated user left behind, for the hand-over form; the addresses they may default to.
              const left = user.active ? undefined : owned.get(user.id);
              const shipToDefault = shipToChoiceOf(user);
              return (
                <tr key={user.id} className="border-t border-slate-100 align-top" data-testid="company-user" data-email={user.email}>
                  <td className="p-3">
                    <span className="font-medium">{user.name}</span>
                    {self && <span className="text-xs text-slate-500"> ({t("you")})</span>}
                    <div className="text-xs text-slate-500">{user.email}</div>
                  </td>
                  <td className="p-3" colSpan={2}>
                    <ActionForm action={updateUserAction} submitLabel={t("save")} ariaLabel={t("editUser", { name: user.name })} className="flex flex-wrap items-end gap-3" submitClassName="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">
                      <input type="hidden" name="userId" value={user.id} />
                      {self ? (
                        // Nobody takes away their own admin role (the server refuses it too).
                        <>
                          <input type="hidden" name="role" value={user.role} />
                          <span className="self-center">{tr(user.role as (typeof ROLES)[number])}</span>
                        </>
                      ) : (
                        <label className="flex flex-col" htmlFor={`role-${user.id}`}>
                          <span className="sr-only">{`${t("role")} ${user.name}`}</span>
                          {roleSelect(`role-${user.id}`, user.role)}
                        </label>
                      )}
                      <label className="flex flex-col" htmlFor={`limit-${user.id}`}>
                        <span className="sr-only">{`${t("orderLimit")} ${user.name}`}</span>
                        <input id={`limit-${user.id}`} name="orderLimit" inputMode="decimal" defaultValue={moneyInputValue(user.orderLimitMinor, locale)} placeholder={t("noLimit")} className={`${inputClass} w-32`} />
                      </label>
                      <span className="self-center text-xs text-slate-500">{user.orderLimitMinor === null ? t("noLimit") : money(user.orderLimitMinor, locale)}</span>
                    </ActionForm>
                  </td>
                  <td className="p-3">
                    <div data-testid="company-user-status">
                      {!user.active
                        ? t("inactive")
                        : user.hasPassword
                          ? t("active")
                          : user.pendingInviteExpiresAt && user.pendingInviteExpiresAt > now
                            ? t("inviteOpen", { date: dateTimeText(user.pendingInviteExpiresAt, locale) })
                            : user.lastInvitedAt
                              ? t("inviteExpired")
                              : t("noPassword")}
                    </div>
                    {/* An invitation that lapsed unused (or got lost): a new link, as the account manager can send. */}
                    {user.active && !user.hasPassword && user.lastInvitedAt && (
                      <ActionForm
                        action={resendInvitationAction}
                        submitLabel={t("resendInvite")}
                        ariaLabel={`${t("resendInvite")} ${user.name}`}
                        className="mt-1"
                        submitClassName="text-xs text-brand-700 underline disabled:opacity-60"
                      >
                        <input type="hidden" name="userId" value={user.id} />
                      </ActionForm>
                    )}
                    {user.hasPassword && (
                      <div
                        className={`text-xs ${twoStepRequired && lacksTwoStep(user) ? "text-amber-800" : "text-slate-600"}`}
                        data-testid="two-step-status"
                        data-on={withTwoStep.has(user.id)}
                        data-required={twoStepRequired}
                      >
                        {withTwoStep.has(user.id) ? t2("on") : twoStepRequired && lacksTwoStep(user) ? t2("offRequired") : t2("off")}
                      </div>
                    )}
                    {!self && user.hasPassword && <TwoStepResetForm action={resetColleagueTwoStepAction} name={user.name} fields={{ userId: user.id }} on={withTwoStep.has(user.id)} />}
                    {!self && (
                      <ActionForm
                        action={setUserActiveAction}
                        submitLabel={user.active ? t("deactivate") : t("reactivate")}
                        ariaLabel={`${user.active ? t("deactivate") : t("reactivate")} ${user.name}`}
                        // Their sessions end at once: asked first, as in the back office (reactivating is not).
                        confirm={user.active ? t("confirmDeactivate", { name: user.name }) : undefined}
                        className="mt-1"
                        submitClassName="text-xs text-brand-700 underline disabled:opacity-60"
                      >
                        <input type="hidden" name="userId" value={user.id} />
                        <input type="hidden" name="active" value={user.active ? "false" : "true"} />
                      </ActionForm>
                    )}
                    {left && (left.lists > 0 || left.standingOrders > 0) ? (
                      <ActionForm
                        action={handOverAction}
                        submitLabel={t("handOver")}
                        ariaLabel={t("handOverTitle", { name: user.name })}
                        className="mt-2 space-y-1"
                        submitClassName="rounded-md border border-slate-300 px-3 py-1 text-xs hover:bg-slate-50"
                      >
                        <input type="hidden" name="fromUserId" value={user.id} />
                        <label className="flex flex-col text-xs" htmlFor={`hand-over-${user.id}`}>
                          <span>{t("handOverWhat", left)}</span>
                          <select id={`hand-over-${user.id}`} name="toUserId" required defaultValue="" className={`${inputClass} text-sm`}>
                            <option value="" disabled>
                              {t("handOverTo")}
                            </option>
                            {activeColleagues.map((colleague) => (
                              <option key={colleague.id} value={colleague.id}>
                                {colleague.name}
                              </option>
                            ))}
                          </select>
                        </label>
                      </ActionForm>
                    ) : null}
                  </td>
                  {withShipToDefaults && (
                    <td className="p-3">
                      {user.active ? (
                        <ActionForm
                          action={setDefaultShipToAction}
                          submitLabel={t("save")}
                          ariaLabel={t("defaultShipToFor", { name: user.name })}
                          className="flex flex-wrap items-end gap-2"
                          submitClassName="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
                        >
                          <input type="hidden" name="userId" value={user.id} />
                          <label className="flex flex-col" htmlFor={`default-ship-to-${user.id}`}>
                            <span className="text-xs text-slate-600">{t("defaultShipTo")}</span>
                            <select id={`default-ship-to-${user.id}`} name="addressId" defaultValue={shipToDefault.value} className={`${inputClass} max-w-48`}>
                              <option value="">{t("companyDefault")}</option>
                              {shipToDefault.options.map((address) => (
                                <option key={address.id} value={address.id}>
                                  {address.label}
                                </option>
                              ))}
                            </select>
                          </label>
                        </ActionForm>
                      ) : (
                        <span className="text-slate-500">–</span>
                      )}
                    </td>
                  )}
                  {withDefaults && (
                    <td className="p-3">
                      {user.active ? (
                        <DefaultCostCenterForm
                          action={setDefaultCostCenterAction}
                          userId={user.id}
                          userName={user.name}
                          {...defaultChoice(user)}
                        />
                      ) : (
                        <span className="text-slate-500">–</span>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <section id="auto-join" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="auto-join">
        <h2 className="font-semibold">{ta("title")}</h2>
        <p className="mt-1 text-sm text-slate-600">{ta("intro", { company: buyer.companyName })}</p>
        {(autoJoinChange === "saved" || autoJoinChange === "removed") && (
          <p role="status" className="mt-2 rounded-md bg-emerald-50 p-2 text-sm text-emerald-800">
            {ta(autoJoinChange)}
          </p>
        )}
        {autoJoin.rules.length > 0 && (
          <ul className="mt-3 divide-y divide-slate-100 text-sm">
            {autoJoin.rules.map((rule) => (
              <li key={rule.domain} className="flex flex-wrap items-center justify-between gap-2 py-2" data-testid="auto-join-rule" data-domain={rule.domain}>
                <span>
                  {ta("rule", {
                    domain: rule.domain,
                    // Mid-sentence: "sluit aan als inkoper", "joins as buyer".
                    role: tr(rule.role).toLocaleLowerCase(locale),
                    limit: rule.orderLimitMinor === null ? t("noLimit") : money(rule.orderLimitMinor, locale),
                  })}
                </span>
                <ActionForm action={removeAutoJoinAction} submitLabel={ta("remove")} ariaLabel={ta("removeLabel", { domain: rule.domain })} className="flex items-center gap-2">
                  <input type="hidden" name="domain" value={rule.domain} />
                </ActionForm>
              </li>
            ))}
          </ul>
        )}
        {autoJoin.domains.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">{ta("noDomains")}</p>
        ) : (
          <ActionForm action={setAutoJoinAction} submitLabel={ta("save")} ariaLabel={ta("title")} className="mt-3 space-y-3">
            <div className="grid gap-3 sm:grid-cols-3">
              <label className="flex flex-col text-sm" htmlFor="auto-join-domain">
                <span className="font-medium">{ta("domain")}</span>
                <select id="auto-join-domain" name="domain" className={inputClass}>
                  {autoJoin.domains.map((domain) => (
                    <option key={domain} value={domain}>
                      @{domain}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex flex-col text-sm" htmlFor="auto-join-role">
                <span className="font-medium">{t("role")}</span>
                <select id="auto-join-role" name="role" defaultValue="buyer" className={inputClass}>
                  {AUTO_JOIN_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {tr(role)}
                    </option>
                  ))}
                </select>
              </label>
              <OrderLimitField id="auto-join-limit" label={t("orderLimit")} hint={t("orderLimitHint")} inputClassName={inputClass} />
            </div>
            <p className="text-xs text-slate-500">{ta("safety")}</p>
          </ActionForm>
        )}
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="font-semibold">{t("invite")}</h2>
        <ActionForm action={inviteUserAction} submitLabel={t("inviteSubmit")} ariaLabel={t("invite")} className="mt-3 space-y-3">
          <div className="grid gap-3 sm:grid-cols-2">
            <label className="flex flex-col text-sm" htmlFor="invite-name">
              <span className="font-medium">{t("name")}</span>
              <input id="invite-name" name="name" required maxLength={100} className={inputClass} />
            </label>
            <label className="flex flex-col text-sm" htmlFor="invite-email">
              <span className="font-medium">{t("email")}</span>
              <input id="invite-email" name="email" type="email" required maxLength={200} className={inputClass} />
            </label>
            <label className="flex flex-col text-sm" htmlFor="invite-role">
              <span className="font-medium">{t("role")}</span>
              {roleSelect("invite-role", "buyer")}
            </label>
            <label className="flex flex-col text-sm" htmlFor="invite-locale">
              <span className="font-medium">{t("language")}</span>
              <select id="invite-locale" name="locale" defaultValue={locale} className={inputClass}>
                <option value="nl">Nederlands</option>
                <option value="en">English</option>
              </select>
            </label>
            <OrderLimitField id="invite-limit" label={t("orderLimit")} hint={t("orderLimitHint")} inputClassName={inputClass} />
          </div>
        </ActionForm>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="invite-list-title">
        <h2 id="invite-list-title" className="font-semibold">
          {t("inviteList")}
        </h2>
        <InviteListForm action={inviteUsersAction} />
      </section>
    </div>
  );
}
