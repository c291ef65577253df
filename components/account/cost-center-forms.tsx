"use client";

import { startTransition, useActionState, useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { useEditedFields } from "@/components/use-edited-fields";
import { useHydrated } from "@/components/use-hydrated";
import type { ActionState } from "@/lib/actions/safe-action";
import { pendingSubmit } from "@/components/pending-submit";

/**
 * The company admin's cost centre forms on /account/cost-centers (the page renders the list itself).
 * Texts come from costCenters.form only (ACCOUNT_CLIENT_MESSAGES). What was typed stays after an
 * error: with JavaScript the form is submitted by hand, because React would otherwise reset it after
 * the action (also on an error); without, it posts to the server action as usual.
 */

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
type Period = "month" | "quarter" | "year";

const PERIODS: readonly Period[] = ["month", "quarter", "year"];
const inputClass = "mt-1 w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm";
const invalidClass = "border-red-500 bg-red-50";
const buttonClass = "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

/**
 * useActionState, submitted without React's reset after the action; `check` false: not submitted.
 * `shown` is the result as still to show (put `onChange` on the form): a refused field's message and
 * aria-invalid go once the admin changes that field (lib/forms/edited-fields.ts).
 */
function useFormAction(action: Action, check?: (data: FormData) => boolean) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const { shown, onChange } = useEditedFields(state);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    if (check && !check(data)) return;
    startTransition(() => formAction(data));
  };
  return { state, shown, formAction, pending, onSubmit, onChange };
}

/** Message keys per field: the schema's own (fieldErrors) and a conflict naming its field (details.field). */
function fieldErrorsOf(state: ActionState): Record<string, string[]> {
  if (state.status !== "error") return {};
  const errors = { ...(state.fieldErrors ?? {}) };
  const field = state.details?.field;
  if (typeof field === "string") errors[field] = [...(errors[field] ?? []), state.message];
  return errors;
}

function FormMessage({ state }: { state: ActionState }) {
  const t = useTranslations("costCenters.form");
  if (state.status === "idle") return null;
  if (state.status === "ok") {
    if (!state.message || !t.has(`messages.${state.message}`)) return null;
    return (
      <p role="status" className="text-sm text-emerald-700">
        {t(`messages.${state.message}`, state.data ?? {})}
      </p>
    );
  }
  const fieldMessage = Object.values(fieldErrorsOf(state))
    .flat()
    .find((message) => t.has(`errors.${message}`));
  const key = fieldMessage ?? state.message;
  return (
    <p role="alert" data-testid="action-error" className="text-sm text-red-700">
      {t.has(`errors.${key}`) ? t(`errors.${key}`) : t("errors.failed")}
    </p>
  );
}

function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  const t = useTranslations("costCenters.form");
  if (!messages?.length) return null;
  return (
    <span id={id} className="mt-0.5 block text-xs text-red-700">
      {messages.map((message) => (t.has(`errors.${message}`) ? t(`errors.${message}`) : t("errors.invalid_input"))).join(" ")}
    </span>
  );
}

/** A labelled text input with its hint, or its errors in place of the hint (described by them). */
function TextField({
  idPrefix,
  name,
  label,
  hint,
  errors,
  ...input
}: { idPrefix: string; name: string; label: string; hint?: string; errors?: string[] } & Pick<
  React.InputHTMLAttributes<HTMLInputElement>,
  "required" | "maxLength" | "inputMode" | "defaultValue"
>) {
  const id = `${idPrefix}-${name}`;
  const invalid = !!errors?.length;
  return (
    <label className="block text-sm font-medium" htmlFor={id}>
      {label}
      <input
        id={id}
        name={name}
        autoComplete="off"
        className={`${inputClass} ${invalid ? invalidClass : ""}`}
        {...(invalid ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {})}
        {...input}
      />
      {invalid ? <FieldError id={`${id}-error`} messages={errors} /> : hint ? <span className="mt-0.5 block text-xs font-normal text-slate-500">{hint}</span> : null}
    </label>
  );
}

export interface CostCenterFormValues {
  id: number;
  code: string;
  name: string;
  /** The budget as the admin types it ("7500,00"), "" for none. */
  budget: string;
  budgetPeriod: Period;
  active: boolean;
  /** Who may use it; empty: everybody at the company. */
  userIds: number[];
}

/** A user the company admin can limit a cost centre to (company admins may use every cost centre anyway). */
export interface CostCenterUserOption {
  id: number;
  name: string;
  email: string;
  active: boolean;
}

/** Adds a cost centre (values null) or edits one, with an "active" box; `users`: who it can be limited to. */
export function CostCenterForm({
  action,
  values,
  users,
  idPrefix,
  ariaLabel,
}: {
  action: Action;
  values: CostCenterFormValues | null;
  users: CostCenterUserOption[];
  idPrefix: string;
  ariaLabel: string;
}) {
  const t = useTranslations("costCenters.form");
  const initialUsedBy = values && values.userIds.length > 0 ? "some" : "everybody";
  const [usedBy, setUsedBy] = useState<"everybody" | "some">(initialUsedBy);
  // "Only these users" with nobody checked: told here, not submitted (the server refuses it too).
  const [noUsersChosen, setNoUsersChosen] = useState(false);
  const { state, shown, formAction, pending, onSubmit, onChange } = useFormAction(action, (data) => {
    const missing = data.get("usedBy") === "some" && data.getAll("userIds").length === 0;
    setNoUsersChosen(missing);
    return !missing;
  });
  const form = useRef<HTMLFormElement>(null);
  const serverErrors = fieldErrorsOf(shown);
  const errors = noUsersChosen ? { ...serverErrors, userIds: ["choose_users"] } : serverErrors;
  const adding = values === null;
  useEffect(() => {
    // A new cost centre is in the list now: the add form is empty again for the next one.
    if (adding && state.status === "ok") form.current?.reset();
  }, [adding, state]);
  const invalid = (field: string) => (errors[field]?.length ? { "aria-invalid": true as const, "aria-describedby": `${idPrefix}-${field}-error` } : {});
  const chosen = new Set(values?.userIds ?? []);
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={onSubmit}
      onChange={onChange}
      onReset={() => {
        setUsedBy(initialUsedBy);
        setNoUsersChosen(false);
      }}
      aria-label={ariaLabel}
      data-testid={adding ? "cost-center-add-form" : "cost-center-edit-form"}
      className="space-y-3"
    >
      {values && <input type="hidden" name="costCenterId" value={values.id} />}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField idPrefix={idPrefix} name="code" label={t("code")} hint={t("codeHint")} errors={errors.code} required maxLength={35} defaultValue={values?.code ?? ""} />
        <TextField idPrefix={idPrefix} name="name" label={t("name")} errors={errors.name} required maxLength={100} defaultValue={values?.name ?? ""} />
        <TextField idPrefix={idPrefix} name="budget" label={t("budget")} hint={t("budgetHint")} errors={errors.budget} inputMode="decimal" defaultValue={values?.budget ?? ""} />
        <label className="block text-sm font-medium" htmlFor={`${idPrefix}-period`}>
          {t("budgetPeriod")}
          <select
            id={`${idPrefix}-period`}
            name="budgetPeriod"
            defaultValue={values?.budgetPeriod ?? "month"}
            className={`${inputClass} ${errors.budgetPeriod ? invalidClass : ""}`}
            {...invalid("budgetPeriod")}
          >
            {PERIODS.map((period) => (
              <option key={period} value={period}>
                {t(`periods.${period}`)}
              </option>
            ))}
          </select>
          <FieldError id={`${idPrefix}-budgetPeriod-error`} messages={errors.budgetPeriod} />
        </label>
      </div>
      {/* data-field: who may use it is one answer, so switching to "everybody" also settles a refusal of the users. */}
      <fieldset
        className="space-y-2 rounded-md border border-slate-200 p-3"
        data-testid="cost-center-users"
        data-field="userIds"
        aria-describedby={`${idPrefix}-users-hint`}
      >
        <legend className="px-1 text-sm font-medium">{t("usedBy")}</legend>
        <p id={`${idPrefix}-users-hint`} className="text-xs text-slate-500">
          {t("usedByHint")}
        </p>
        <div className="flex flex-wrap gap-x-6 gap-y-1">
          {(["everybody", "some"] as const).map((option) => (
            <label key={option} className="flex items-center gap-2 text-sm" htmlFor={`${idPrefix}-usedBy-${option}`}>
              <input
                id={`${idPrefix}-usedBy-${option}`}
                type="radio"
                name="usedBy"
                value={option}
                defaultChecked={initialUsedBy === option}
                onChange={() => {
                  setUsedBy(option);
                  setNoUsersChosen(false);
                }}
              />
              {option === "everybody" ? t("usedByEverybody") : t("usedBySome")}
            </label>
          ))}
        </div>
        {/* Hidden (and not posted) while everybody may use it; what was checked stays for a change of mind. */}
        <fieldset disabled={usedBy !== "some"} hidden={usedBy !== "some"} className="space-y-1 pl-6" {...invalid("userIds")}>
          {users.length === 0 ? (
            <p className="text-sm text-slate-500">{t("noUsers")}</p>
          ) : (
            <ul className="max-h-60 space-y-1 overflow-y-auto">
              {users.map((user) => (
                <li key={user.id}>
                  <label className="flex items-start gap-2 text-sm" htmlFor={`${idPrefix}-user-${user.id}`}>
                    <input
                      id={`${idPrefix}-user-${user.id}`}
                      type="checkbox"
                      name="userIds"
                      value={user.id}
                      defaultChecked={chosen.has(user.id)}
                      className="mt-0.5"
                      onChange={() => setNoUsersChosen(false)}
                    />
                    <span>
                      {user.name}
                      {!user.active && <span className="text-slate-500"> ({t("userInactive")})</span>}
                      <span className="block text-xs text-slate-500">{user.email}</span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>
        {errors.userIds && (
          <div role={noUsersChosen ? "alert" : undefined} data-testid="cost-center-users-error">
            <FieldError id={`${idPrefix}-userIds-error`} messages={errors.userIds} />
          </div>
        )}
      </fieldset>
      {values && (
        <label className="flex items-center gap-2 text-sm" htmlFor={`${idPrefix}-active`}>
          <input id={`${idPrefix}-active`} type="checkbox" name="active" defaultChecked={values.active} />
          {t("active")}
        </label>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" {...pendingSubmit(pending)} className={buttonClass}>
          {adding ? t("add") : t("save")}
        </button>
        <div aria-live="polite">
          <FormMessage state={shown} />
        </div>
      </div>
    </form>
  );
}

/** Whether every web order must name a cost centre (only while there are active ones). */
export function CostCenterRequiredForm({ action, required }: { action: Action; required: boolean }) {
  const t = useTranslations("costCenters.form");
  const { shown, formAction, pending, onSubmit, onChange } = useFormAction(action);
  return (
    <form action={formAction} onSubmit={onSubmit} onChange={onChange} aria-label={t("required")} data-testid="cost-center-required-form" className="space-y-2">
      <label className="flex items-center gap-2 text-sm font-medium" htmlFor="cost-center-required">
        <input id="cost-center-required" type="checkbox" name="required" defaultChecked={required} aria-describedby="cost-center-required-hint" />
        {t("required")}
      </label>
      <p id="cost-center-required-hint" className="text-xs text-slate-500">
        {t("requiredHint")}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" {...pendingSubmit(pending)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60">
          {t("saveSetting")}
        </button>
        <div aria-live="polite">
          <FormMessage state={shown} />
        </div>
      </div>
    </form>
  );
}

export interface DefaultCostCenterOption {
  id: number;
  code: string;
  name: string;
}

/**
 * The users page: the cost centre the checkout chooses for one user beforehand, out of the active
 * ones they may use (`value` null: none, or one that is no longer among them).
 */
export function DefaultCostCenterForm({
  action,
  userId,
  userName,
  options,
  value,
}: {
  action: Action;
  userId: number;
  userName: string;
  options: DefaultCostCenterOption[];
  value: number | null;
}) {
  const t = useTranslations("costCenters.form");
  const { shown, formAction, pending, onSubmit, onChange } = useFormAction(action);
  const errors = fieldErrorsOf(shown);
  const id = `default-cost-center-${userId}`;
  return (
    <form
      action={formAction}
      onSubmit={onSubmit}
      onChange={onChange}
      aria-label={t("defaultFor", { name: userName })}
      data-testid="default-cost-center-form"
      data-user-id={userId}
      className="flex flex-wrap items-end gap-2"
    >
      <input type="hidden" name="userId" value={userId} />
      <div className="flex flex-col">
        <label className="text-xs text-slate-600" htmlFor={id}>
          {t("defaultCostCenter")}
        </label>
        <select
          id={id}
          name="costCenterId"
          defaultValue={value ?? ""}
          className={`mt-0.5 rounded-md border border-slate-300 px-2 py-1.5 text-sm text-slate-900 ${errors.costCenterId ? invalidClass : ""}`}
          {...(errors.costCenterId?.length ? { "aria-invalid": true as const } : {})}
        >
          <option value="">{t("noDefault")}</option>
          {options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.code} – {option.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" {...pendingSubmit(pending)} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60">
        {t("save")}
      </button>
      <div aria-live="polite" className="basis-full">
        <FormMessage state={shown} />
      </div>
    </form>
  );
}

/**
 * A cost centre's row in the company admin's list, with "Edit" in its last cell opening the edit form
 * in a row of its own below it, across every column: inside that cell the form stretched the table
 * beyond its box, so the first columns were out of sight. Like the <details> it replaces, the button
 * opens and closes it, and the form stays rendered while closed (what was typed and its outcome stay).
 * Where the table scrolls sideways (a phone) the form keeps to the part in view.
 */
export function CostCenterRow({
  code,
  columns,
  editLabel,
  children,
  form,
}: {
  code: string;
  /** Of the whole table, this row's edit cell included. */
  columns: number;
  editLabel: string;
  /** The row's cells but the last. */
  children: React.ReactNode;
  form: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const hydrated = useHydrated();
  const formRowId = useId();
  return (
    <>
      <tr className="border-t border-slate-100 align-top" data-testid="cost-center-row" data-code={code}>
        {children}
        <td className="p-3">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={formRowId}
            disabled={!hydrated}
            onClick={() => setOpen((shown) => !shown)}
            className="text-brand-700 hover:underline disabled:opacity-60"
          >
            {editLabel}
          </button>
        </td>
      </tr>
      <tr id={formRowId} hidden={!open} className="bg-slate-50" data-testid="cost-center-edit-row" data-code={code}>
        <td colSpan={columns} className="p-3">
          <div className="sticky left-3 max-w-[min(36rem,calc(100vw-4rem))]">{form}</div>
        </td>
      </tr>
    </>
  );
}
