import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { TwoStepResetForm } from "@/components/account/two-step-reset-form";
import { ActionForm, Field } from "@/components/admin/action-form";
import { SecurityEventText } from "@/components/admin/security-event-text";
import { StaffForm } from "@/components/admin/staff-form";
import { StaffStatus } from "@/components/admin/staff-status";
import { inputClass } from "@/components/admin/styles";
import { Badge, Card, tableClass, tdClass, thClass } from "@/components/admin/tabs";
import { isAdmin } from "@/lib/admin/access";
import { readStaffMember } from "@/lib/admin/staff";
import { requireStaff } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { dateTimeText } from "@/lib/format";
import { toLocale } from "@/lib/i18n/locales";
import {
  handOverCustomersAction,
  resendStaffInvitationAction,
  resetStaffTwoStepAction,
  sendStaffPasswordResetAction,
  setStaffActiveAction,
  updateStaffAction,
} from "../actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.staffMember");

export default async function StaffMemberPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ invited?: string }> }) {
  await connection();
  const { id } = await params;
  const staff = await requireStaff(`/admin/staff/${id}`);
  if (!isAdmin(staff) || !/^\d{1,9}$/.test(id)) notFound();
  const page = await readStaffMember(staff, Number(id)).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const [t, locale, { invited }] = await Promise.all([getTranslations("staff"), getLocale().then(toLocale), searchParams]);
  const { member, customers, receivers, events } = page;
  const self = member.id === staff.id;
  const lastAdmin = member.role === "admin" && member.active && page.activeAdmins <= 1;
  // Who can take over customers: the hand-over form and the deactivation form offer the same people.
  const receiverOptions = receivers.map((receiver) => (
    <option key={receiver.id} value={receiver.id}>
      {receiver.name} ({t(`roles.${receiver.role as "admin"}`)})
    </option>
  ));
  return (
    <div className="space-y-6" data-testid="staff-member" data-email={member.email}>
      <div>
        <Link href="/admin/staff" className="text-sm text-brand-700 underline">
          ← {t("back")}
        </Link>
        <h1 className="mt-1 flex flex-wrap items-center gap-3 text-2xl font-semibold">
          {member.name} {self && <span className="text-sm font-normal text-slate-600">{t("you")}</span>}
          <span className="text-sm font-normal">{t(`roles.${member.role}`)}</span>
          <StaffStatus member={member} locale={locale} />
        </h1>
        <p className="text-sm text-slate-600">{member.email}</p>
      </div>
      {invited && !member.hasPassword && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t("invited", { email: member.email })}
        </p>
      )}

      <Card title={t("detailsTitle")}>
        <StaffForm
          action={updateStaffAction}
          submitLabel={t("save")}
          successMessage={t("saved")}
          roleLocked={self}
          values={{ id: member.id, name: member.name, email: member.email, role: member.role, locale: member.locale }}
        />
        {lastAdmin && !self && <p className="mt-2 text-sm text-amber-800">{t("lastAdmin")}</p>}
      </Card>

      <Card title={t("signInTitle")}>
        <div className="space-y-2 text-sm">
          {member.hasPassword && <p>{t("passwordSet")}</p>}
          <p data-testid="last-sign-in">
            {t("lastSignIn")}: {member.lastSignInAt ? dateTimeText(member.lastSignInAt, locale) : t("never")}
          </p>
          {member.hasPassword && (
            <p data-testid="two-step-status" data-on={member.twoStepOn}>
              {t("twoStep")}: {member.twoStepOn ? t("twoStepOn") : t("twoStepOff")}
            </p>
          )}
          {member.active && (
            <div className="flex flex-wrap gap-4">
              {!member.hasPassword && (
                <ActionForm action={resendStaffInvitationAction} submitLabel={member.lastInvitedAt ? t("resendInvite") : t("sendInvite")} successMessage={t("inviteSent")} variant="link" inline>
                  <input type="hidden" name="staffId" value={member.id} />
                </ActionForm>
              )}
              {member.hasPassword && !self && (
                <ActionForm action={sendStaffPasswordResetAction} submitLabel={t("resetPassword")} successMessage={t("resetSent")} variant="link" inline>
                  <input type="hidden" name="staffId" value={member.id} />
                </ActionForm>
              )}
              {member.hasPassword && !self && <TwoStepResetForm action={resetStaffTwoStepAction} name={member.name} fields={{ staffId: member.id }} on={member.twoStepOn} />}
            </div>
          )}
          {self && (
            <p className="text-slate-600">
              <Link href="/admin/profile" className="text-brand-700 underline">
                {t("twoStepOwn")}
              </Link>
            </p>
          )}
        </div>
      </Card>

      <Card title={t("customersTitle", { count: customers.length })}>
        <p className="mb-3 text-sm text-slate-600">{t("customersIntro")}</p>
        {customers.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noCustomers")}</p>
        ) : (
          <ActionForm action={handOverCustomersAction} submitLabel={t("handOver")} successMessage={t("handedOver")} keepInput testId="hand-over-form" fieldLabels={{ handOverTo: t("handOverTo") }}>
            <input type="hidden" name="staffId" value={member.id} />
            <table className={tableClass} data-testid="staff-customers">
              <thead>
                <tr>
                  <th className={thClass}>
                    <span className="sr-only">{t("handOver")}</span>
                  </th>
                  <th className={thClass}>{t("customer")}</th>
                  <th className={thClass}>{t("otherManagers")}</th>
                </tr>
              </thead>
              <tbody>
                {customers.map((customer) => (
                  <tr key={customer.id} data-testid="staff-customer" data-name={customer.name}>
                    <td className={tdClass}>
                      <input type="checkbox" name="companyIds" value={customer.id} defaultChecked aria-label={customer.name} />
                    </td>
                    <td className={tdClass}>
                      <Link href={`/admin/customers/${customer.id}`} className="text-brand-700 underline">
                        {customer.name}
                      </Link>{" "}
                      {!customer.active && <Badge>{t("customerInactive")}</Badge>}
                    </td>
                    <td className={tdClass}>{customer.otherActiveManagers > 0 ? customer.otherActiveManagers : <Badge tone="amber">{t("onlyManager")}</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Field label={t("handOverTo")} className="max-w-sm">
              <select name="handOverTo" required defaultValue="" className={inputClass}>
                <option value="" disabled>
                  {t("choose")}
                </option>
                {receiverOptions}
              </select>
            </Field>
          </ActionForm>
        )}
      </Card>

      <Card title={t("accessTitle")}>
        {self ? (
          <p className="text-sm text-slate-600">{t("ownAccess")}</p>
        ) : !member.active ? (
          <ActionForm action={setStaffActiveAction} submitLabel={t("reactivate")} successMessage={t("saved")} variant="secondary" testId="staff-reactivate">
            <p className="text-sm text-slate-600">{t("reactivateIntro")}</p>
            <input type="hidden" name="staffId" value={member.id} />
            <input type="hidden" name="active" value="true" />
          </ActionForm>
        ) : lastAdmin ? (
          <p className="text-sm text-amber-800">{t("lastAdmin")}</p>
        ) : (
          <ActionForm action={setStaffActiveAction} submitLabel={t("deactivate")} variant="danger" confirm={t("confirmDeactivate", { name: member.name })} testId="staff-deactivate" fieldLabels={{ handOverTo: t("deactivateHandOver") }}>
            <p className="text-sm text-slate-600">{t("deactivateIntro")}</p>
            <input type="hidden" name="staffId" value={member.id} />
            <input type="hidden" name="active" value="false" />
            {customers.length > 0 && (
              <Field label={t("deactivateHandOver")} className="max-w-sm">
                <select name="handOverTo" defaultValue="" className={inputClass}>
                  <option value="">{t("nobody")}</option>
                  {receiverOptions}
                </select>
              </Field>
            )}
          </ActionForm>
        )}
      </Card>

      <Card title={t("historyTitle")}>
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noHistory")}</p>
        ) : (
          <table className={tableClass} data-testid="staff-history">
            <thead>
              <tr>
                <th className={thClass}>{t("when")}</th>
                <th className={thClass}>{t("event")}</th>
                <th className={thClass}>{t("by")}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id} data-testid="staff-event" data-kind={event.kind}>
                  <td className={tdClass}>{dateTimeText(event.createdAt, locale)}</td>
                  <td className={tdClass}>
                    <SecurityEventText event={event} />
                  </td>
                  <td className={tdClass}>{event.actorName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
