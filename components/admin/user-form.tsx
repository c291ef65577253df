"use client";

import { useTranslations } from "next-intl";
import { ActionForm, Field, type FormAction } from "./action-form";
import { inputClass } from "./styles";

export interface UserFormValues {
  id: number | null;
  name: string;
  email: string;
  role: "buyer" | "approver" | "company_admin";
  locale: "nl" | "en";
  orderLimit: string;
}

/** Create (invite) or edit a customer user. There is no password field: users choose their own. */
export function UserForm({ action, companyId, values, submitLabel, successMessage }: { action: FormAction; companyId: number; values: UserFormValues; submitLabel: string; successMessage: string }) {
  const t = useTranslations("admin.users");
  const labels = { name: t("name"), email: t("email"), role: t("role"), locale: t("locale"), orderLimit: t("orderLimit") };
  return (
    <ActionForm action={action} submitLabel={submitLabel} successMessage={successMessage} fieldLabels={labels} resetOnSuccess={values.id === null} testId={values.id === null ? "invite-form" : "user-form"}>
      <input type="hidden" name="companyId" value={companyId} />
      {values.id !== null && <input type="hidden" name="userId" value={values.id} />}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <Field label={labels.name}>
          <input name="name" required minLength={2} maxLength={200} defaultValue={values.name} className={inputClass} />
        </Field>
        <Field label={labels.email}>
          <input name="email" type="email" required maxLength={254} defaultValue={values.email} className={inputClass} />
        </Field>
        <Field label={labels.role}>
          <select name="role" defaultValue={values.role} className={inputClass}>
            {(["buyer", "approver", "company_admin"] as const).map((role) => (
              <option key={role} value={role}>
                {t(`roles.${role}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={labels.locale}>
          <select name="locale" defaultValue={values.locale} className={inputClass}>
            <option value="nl">Nederlands</option>
            <option value="en">English</option>
          </select>
        </Field>
        <Field label={labels.orderLimit} hint={t("orderLimitHint")}>
          <input name="orderLimit" inputMode="decimal" defaultValue={values.orderLimit} className={inputClass} />
        </Field>
      </div>
    </ActionForm>
  );
}
