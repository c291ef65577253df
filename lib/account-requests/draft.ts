import { ACCOUNT_REQUEST_FIELDS, type AccountRequestField } from "@/components/auth/account-request-fields";

/*
 * The NL/EN switch on the account request page (app/register) is a form post of its own: the page
 * came back in the other language with the request form empty, and a prospect who noticed half-way
 * that they would rather write in English had to type everything again. Just before another form on
 * the page is sent (that is, the switch), the request form leaves what was typed in sessionStorage
 * (this tab only), and the form that comes back puts it in again — only for a short while after, so
 * a visit to the page later starts empty. Pure: the form does the storage.
 */

/** sessionStorage key of the draft. */
export const REGISTER_DRAFT_KEY = "koppel:register-draft";

/** How long after the switch the returned page may still fill the form in (a slow server included). */
export const REGISTER_DRAFT_FRESH_MS = 60_000;

const MAX_LENGTH = 2000;

export type RegisterDraftValues = Partial<Record<AccountRequestField, string>>;

/** The draft of `values` (the form's fields; anything else, such as the bots' trap field, is left out) at `now`. */
export function registerDraft(values: Record<string, unknown>, now: number): string {
  const kept: RegisterDraftValues = {};
  for (const field of ACCOUNT_REQUEST_FIELDS) {
    const value = values[field];
    if (typeof value === "string" && value !== "") kept[field] = value.slice(0, MAX_LENGTH);
  }
  return JSON.stringify({ values: kept, at: now });
}

/**
 * The values to fill in at `now`, or null: a draft not older than REGISTER_DRAFT_FRESH_MS (nor from
 * the future: a clock set back), with only the form's fields as strings. Anything else is no draft.
 */
export function draftToRestore(draft: string | null, now: number): RegisterDraftValues | null {
  if (!draft) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(draft);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { values, at } = parsed as { values?: unknown; at?: unknown };
  if (typeof at !== "number" || !Number.isFinite(at) || typeof values !== "object" || values === null) return null;
  const age = now - at;
  if (age < 0 || age > REGISTER_DRAFT_FRESH_MS) return null;
  const restored: RegisterDraftValues = {};
  for (const field of ACCOUNT_REQUEST_FIELDS) {
    const value = (values as Record<string, unknown>)[field];
    if (typeof value === "string" && value !== "") restored[field] = value.slice(0, MAX_LENGTH);
  }
  return Object.keys(restored).length ? restored : null;
}
