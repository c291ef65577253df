/**
 * The public account request form's fields and state (a plain module: the server action and the
 * client form both use it; a "use client" module's values are not usable on the server).
 */

export const ACCOUNT_REQUEST_FIELDS = [
  "companyName",
  "kvkNumber",
  "vatId",
  "countryCode",
  "street",
  "postalCode",
  "city",
  "contactName",
  "email",
  "phone",
  "message",
] as const;
export type AccountRequestField = (typeof ACCOUNT_REQUEST_FIELDS)[number];

/** What app/register/actions.ts answers: the typed values come back with errors, never after success. */
export type AccountRequestFormState =
  | { status: "idle" }
  | { status: "received" }
  | { status: "unavailable" }
  | { status: "throttled"; values: Partial<Record<AccountRequestField, string>> }
  | { status: "invalid"; fieldErrors: Record<string, string[] | undefined>; values: Partial<Record<AccountRequestField, string>> };
