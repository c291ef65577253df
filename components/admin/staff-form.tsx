"use client";

import { useTranslations } from "next-intl";
import { ActionForm, Field, type FormAction } from "./action-form";
import { inputClass } from "./styles";

export interface StaffFormValues {
  id: number | null;
  name: string;
  email: string;
  role: "account_manager" | "admin";
  locale: "nl" | "en";
}

/**
 * Invite (id null) or edit a staff member. No password field: they choose their own. `roleLocked`:
 * the admin's own record, whose role another admin changes (the role is sent unchanged).
 */
export function StaffForm({ action, values, submitLabel, successMessage, roleLocked = false }: { action: FormAction; values: StaffFormValues; submitLabel: string; successMessage?: string; roleLocked?: boolean }) {
  const t = useTranslations("staff");
  const labels = { name: t("name"), email: t("email"), role: t("role"), locale: t("locale") };
  return (
    <ActionForm action={action} submitLabel={submitLabel} successMessage={successMessage} fieldLabels={labels} keepInput testId={values.id === null ? "staff-invite-form" : "staff-form"}>
      {values.id !== null && <input type="hidden" name="staffId" value={values.id} />}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Field label={labels.name}>
          <input name="name" required minLength={2} maxLength={200} defaultValue={values.name} className={inputClass} />
        </Field>
        <Field label={labels.email}>
          <input name="email" type="email" required maxLength={254} defaultValue={values.email} className={inputClass} />
        </Field>
        <Field label={labels.role} hint={roleLocked ? t("ownRoleNote") : t("roleHint")}>
          {roleLocked && <input type="hidden" name="role" value={values.role} />}
          <select name={roleLocked ? undefined : "role"} defaultValue={values.role} disabled={roleLocked} className={inputClass}>
            {(["account_manager", "admin"] as const).map((role) => (
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
      </div>
    </ActionForm>
  );
}
