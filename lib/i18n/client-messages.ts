/**
 * Which message namespaces each area hands to its client components (NextIntlClientProvider).
 *
 * Server components translate with the full catalogue (next-intl/server); only texts that client
 * components look up (`useTranslations` in a "use client" file) have to travel to the browser, and
 * they travel with EVERY page of the area: inlined in the RSC payload of the HTML and again in every
 * client-side navigation. The root layout used to hand over all namespaces (~47 KB per page).
 *
 * A nested provider replaces its parent's messages (it does not merge), so every set lists all that
 * the client components below its layout need. `tests/unit/i18n/client-messages.test.ts` checks
 * each "use client" file's namespaces against the set of the area that renders it.
 */

/** app/layout.tsx: app/error.tsx. */
export const ROOT_CLIENT_MESSAGES = ["errors"] as const;

/**
 * app/(shop)/layout.tsx: AddToCartForm and CartLineControls ("cart"), CheckoutForm ("checkout"),
 * SaveToList ("account.favorites" plus ActionMessage's "account.messages" / "account.errors").
 */
export const SHOP_CLIENT_MESSAGES = ["cart", "checkout", "account.favorites", "account.messages", "account.errors"] as const;

/**
 * "Mijn account", favorites and quick order (their layouts): the shop's set plus all of "account"
 * (order actions, line reports, quick-order form, favorite list table).
 * "costCenters.form": the company admin's cost centre forms (components/account/cost-center-forms.tsx).
 * "twoStep.*": two-step verification on the profile and the company admin's reset on Users
 * (components/account/two-step-section.tsx, two-step-reset-form.tsx).
 */
export const ACCOUNT_CLIENT_MESSAGES = ["cart", "checkout", "account", "costCenters.form", "twoStep.profile", "twoStep.messages", "twoStep.errors", "twoStep.users"] as const;

/** The view-as banner in the shop layout (only rendered while staff views as a customer). */
export const VIEW_AS_CLIENT_MESSAGES = ["admin.viewAs"] as const;

/**
 * app/admin/layout.tsx: the admin forms ("admin", incl. errors/problems of useActionError), order
 * actions ("purchaseOrders"), invoice actions ("invoices.admin"), invoicing master data and the
 * supplier profile ("invoicing"), punchout connection forms ("punchout.admin"), the customer's
 * own article number forms, shared with My account ("account.articleNumbers", "account.errors"),
 * the approve/reject forms of account requests ("accountRequests.adminForm"), and two-step verification
 * on the staff member's profile and the reset on a customer's users ("twoStep.*", shared with My account),
 * the staff forms ("staff"), and the category forms ("categoriesAdmin.form").
 */
export const ADMIN_CLIENT_MESSAGES = [
  "admin",
  "purchaseOrders",
  "invoices.admin",
  "invoicing",
  "punchout.admin",
  "account.articleNumbers",
  "account.errors",
  "accountRequests.adminForm",
  "twoStep.profile",
  "twoStep.messages",
  "twoStep.errors",
  "twoStep.users",
  "staff",
  "categoriesAdmin.form",
] as const;

/** app/login/layout.tsx: the sign-in form. */
export const LOGIN_CLIENT_MESSAGES = ["auth", "twoStep.login"] as const;

/** app/forgot-password/page.tsx: the form asking for a reset link, and the answer above it. */
export const FORGOT_PASSWORD_CLIENT_MESSAGES = ["auth"] as const;

/** app/register/layout.tsx: the public account request form (components/auth/account-request-form.tsx). */
export const REGISTER_CLIENT_MESSAGES = ["accountRequests.form"] as const;

/**
 * app/set-password/page.tsx: the set-password form (in the recipient's language where the browser chose none),
 * and the sign-in form it shows when the automatic sign-in after choosing the password is refused (the login set).
 */
export const SET_PASSWORD_CLIENT_MESSAGES = ["admin.setPassword", ...LOGIN_CLIENT_MESSAGES] as const;

type Messages = Record<string, unknown>;

/**
 * The part of `messages` under the given namespaces ("cart", or a nested "account.favorites"),
 * in the same shape (nested namespaces keep their parents), so `useTranslations("account.favorites")`
 * finds it exactly as in the full catalogue. Unknown namespaces are skipped.
 */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const picked: Messages = {};
  for (const namespace of namespaces) {
    const parts = namespace.split(".");
    let source: unknown = messages;
    for (const part of parts) source = source && typeof source === "object" ? (source as Messages)[part] : undefined;
    if (source === undefined) continue;
    let target = picked;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      // A copy: a namespace picked whole before must not be changed in the catalogue itself.
      target = (target[part] = next && typeof next === "object" ? { ...(next as Messages) } : {}) as Messages;
    }
    target[parts[parts.length - 1]!] = source;
  }
  return picked;
}
