"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { limitShipToAddress, removeShipToAddress, saveShipToAddress, setUserDefaultShipTo } from "@/lib/account/addresses";
import { inviteCompanyUser, inviteCompanyUsers, resendCompanyInvitation, setCompanyUserActive, updateCompanyUser } from "@/lib/account/company-users";
import { handOverFromUser } from "@/lib/account/hand-over";
import { approveJoinRequest, rejectJoinRequest } from "@/lib/account/join-requests";
import { changePassword, updateProfile } from "@/lib/account/profile";
import { moneyField } from "@/lib/account/money-input";
import { buyerReportAction, idList } from "@/lib/actions/report-action";
import { buyerAction } from "@/lib/actions/safe-action";
import { submittedList } from "@/lib/delimited-lines";
import { LOCALE_COOKIE, LOCALES, toLocale } from "@/lib/i18n/locales";
import { decideOrder } from "@/lib/orders/approvals";
import { cancelOrderSchema, cancelOwnOrder } from "@/lib/orders/cancel-order";
import { AUTO_JOIN_ROLES, removeAutoJoin, setAutoJoin } from "@/lib/account/auto-join";
import { reorder } from "@/lib/orders/reorder";

const id = z.coerce.number().int().positive();
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => v || null);
const role = z.enum(["buyer", "approver", "company_admin"]);
/** "2.500", "2500,00", "" (no limit) → minor units or null. */
const orderLimit = moneyField;

export const updateProfileAction = buyerAction(z.object({ name: text(100), locale: z.enum(LOCALES) }), async (input, user) => {
  await updateProfile(user, input);
  // Inside a procurement system's frame only a partitioned cookie survives (as in setLocaleAction).
  const crossSite = user.punchout ? ({ sameSite: "none", secure: true, partitioned: true } as const) : ({ sameSite: "lax" } as const);
  (await cookies()).set(LOCALE_COOKIE, input.locale, { path: "/", maxAge: 365 * 24 * 3600, ...crossSite });
  revalidatePath("/", "layout");
  return { status: "ok", message: "profile_saved" };
});

export const removeAddressAction = buyerAction(z.object({ addressId: id }), async ({ addressId }, user) => {
  await removeShipToAddress(user, addressId);
  revalidatePath("/account/addresses");
  revalidatePath("/account/users");
  revalidatePath("/checkout");
  // The address (and this form with it) is gone: the page says so.
  redirect("/account/addresses?removed=1");
});

/** The checked users of an "Only these users" list: none, one value or several. */
const userIds = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.coerce.number<string>().int().positive().max(2_147_483_647)).max(1000));

/** Who may have orders delivered to a ship-to address: everybody at the company, or only the checked users. */
export const limitAddressAction = buyerAction(
  z
    .object({ addressId: id, usedBy: z.enum(["everybody", "some"]).default("everybody"), userIds })
    .superRefine((input, ctx) => {
      if (input.usedBy === "some" && input.userIds.length === 0) ctx.addIssue({ code: "custom", path: ["userIds"], message: "choose_users" });
    }),
  async ({ addressId, usedBy, userIds }, user) => {
    await limitShipToAddress(user, addressId, usedBy === "some" ? [...new Set(userIds)] : []);
    revalidatePath("/account/addresses");
    revalidatePath("/account/users");
    revalidatePath("/checkout");
    return { status: "ok", message: "address_users_saved" };
  },
);

/** The users page: the delivery address the checkout chooses for one of the company's users ("" clears it). */
export const setDefaultShipToAction = buyerAction(
  z.object({ userId: id, addressId: z.string().optional().transform((v) => (v ? Number(v) : null)).pipe(z.number().int().positive().max(2_147_483_647).nullable()) }),
  async ({ userId, addressId }, user) => {
    await setUserDefaultShipTo(user, userId, addressId);
    revalidatePath("/account/users");
    revalidatePath("/checkout");
    return { status: "ok", message: "default_ship_to_saved" };
  },
);

export const changePasswordAction = buyerAction(
  z
    .object({ currentPassword: z.string().min(1).max(200), newPassword: z.string().max(200), confirmPassword: z.string().max(200) })
    .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "passwords_differ" }),
  async ({ currentPassword, newPassword }, user) => {
    await changePassword(user, { currentPassword, newPassword }, new Date());
    // Every session signed in with the old password ends (lib/auth/session-binding.ts); this one
    // continues, signed in again with the new password.
    // (Imported here, not at the top: Auth.js needs the Next.js runtime, the other actions don't.)
    const { signIn } = await import("@/lib/auth");
    await signIn("credentials", { email: user.email, password: newPassword, redirect: false });
    // The new session cookie re-renders the page and would drop the form's state: say it on the page.
    redirect("/account/profile?changed=password");
  },
);

export const saveAddressAction = buyerAction(
  z.object({
    addressId: z.string().optional().transform((v) => (v ? Number(v) : null)).pipe(z.number().int().positive().nullable()),
    label: text(80),
    name: text(120),
    attention: optionalText(120),
    street: text(120),
    postalCode: text(16),
    city: text(80),
    countryCode: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/),
    isDefault: z.string().optional().transform((v) => v === "on"),
  }),
  async ({ addressId, ...input }, user) => {
    await saveShipToAddress(user, addressId, input);
    revalidatePath("/account/addresses");
    revalidatePath("/checkout");
    return { status: "ok", message: "address_saved" };
  },
);

export const inviteUserAction = buyerAction(
  z.object({ name: text(100), email: z.email().max(200).transform((v) => v.toLowerCase()), role, locale: z.enum(LOCALES), orderLimit }),
  async ({ orderLimit, ...input }, user) => {
    await inviteCompanyUser(user, { ...input, orderLimitMinor: orderLimit }, new Date());
    revalidatePath("/account/users");
    return { status: "ok", message: "user_invited", data: { email: input.email } };
  },
);

/** A colleague's invitation again, with a new link (their earlier one expired or got lost). */
export const resendInvitationAction = buyerAction(z.object({ userId: id }), async ({ userId }, user) => {
  const { email } = await resendCompanyInvitation(user, userId, new Date());
  revalidatePath("/account/users");
  return { status: "ok", message: "invitation_resent", data: { email } };
});

export const updateUserAction = buyerAction(z.object({ userId: id, role, orderLimit }), async ({ userId, role, orderLimit }, user) => {
  await updateCompanyUser(user, userId, { role, orderLimitMinor: orderLimit });
  revalidatePath("/account/users");
  return { status: "ok", message: "user_saved" };
});

export const setUserActiveAction = buyerAction(z.object({ userId: id, active: z.enum(["true", "false"]) }), async ({ userId, active }, user) => {
  await setCompanyUserActive(user, userId, active === "true");
  revalidatePath("/account/users");
  return { status: "ok", message: active === "true" ? "user_reactivated" : "user_deactivated" };
});

/** A deactivated user's favorites lists and standing orders, to an active colleague. */
export const handOverAction = buyerAction(z.object({ fromUserId: id, toUserId: id }), async ({ fromUserId, toUserId }, user) => {
  const moved = await handOverFromUser(user, fromUserId, toUserId, new Date());
  revalidatePath("/account/users");
  revalidatePath("/favorites", "layout");
  // The form goes with what it handed over: the page says what moved.
  redirect(`/account/users?handedOver=${moved.lists}-${moved.standingOrders}`);
});

// A decided request leaves the list (and its form with it): the page says what happened.
export const approveJoinRequestAction = buyerAction(z.object({ requestId: id, role, orderLimit }), async ({ requestId, role, orderLimit }, user) => {
  await approveJoinRequest(user, requestId, { role, orderLimitMinor: orderLimit }, new Date());
  revalidatePath("/account", "layout");
  redirect("/account/users?joinRequest=approved#join-requests");
});

export const rejectJoinRequestAction = buyerAction(z.object({ requestId: id, reason: z.string().max(5000).optional().default("") }), async ({ requestId, reason }, user) => {
  await rejectJoinRequest(user, requestId, reason, new Date());
  revalidatePath("/account", "layout");
  redirect("/account/users?joinRequest=rejected#join-requests");
});

export const setAutoJoinAction = buyerAction(
  z.object({ domain: text(253), role: z.enum(AUTO_JOIN_ROLES), orderLimit }),
  async ({ domain, role, orderLimit }, user) => {
    await setAutoJoin(user, { domain, role, orderLimitMinor: orderLimit }, new Date());
    revalidatePath("/account/users");
    redirect("/account/users?autoJoin=saved#auto-join");
  },
);

export const removeAutoJoinAction = buyerAction(z.object({ domain: text(253) }), async ({ domain }, user) => {
  await removeAutoJoin(user, domain);
  revalidatePath("/account/users");
  redirect("/account/users?autoJoin=removed#auto-join");
});

export const decideOrderAction = buyerAction(
  z.object({ orderNumber: text(20), decision: z.enum(["approve", "reject"]), comment: optionalText(1000) }),
  async (input, user) => {
    const { status } = await decideOrder(user, input, new Date());
    revalidatePath("/account", "layout");
    // The approval form disappears with the decision: the order page itself confirms it.
    redirect(`/account/orders/${encodeURIComponent(input.orderNumber)}?decided=${status}`);
  },
);

/** The cancel form disappears with the order's new status: the order page itself confirms it. */
export const cancelOrderAction = buyerAction(cancelOrderSchema, async (input, user) => {
  await cancelOwnOrder(user, input, new Date());
  revalidatePath("/account", "layout");
  redirect(`/account/orders/${encodeURIComponent(input.orderNumber)}?cancelled=1`);
});

/** A list of colleagues (pasted or a CSV file) is 200 lines at most; this is far more than that needs. */
const MAX_INVITE_LIST_BYTES = 64 * 1024;

export const inviteUsersAction = buyerReportAction(
  z.object({ text: z.string().max(100_000).optional().default(""), file: z.instanceof(File).optional() }),
  async ({ text, file }, user) => {
    const report = await inviteCompanyUsers(user, await submittedList({ text, file }, MAX_INVITE_LIST_BYTES), new Date());
    if (report.saved) revalidatePath("/account/users");
    return report;
  },
);

export const reorderAction = buyerReportAction(
  z.object({ orderNumber: text(20), mode: z.enum(["all", "selected"]), lines: idList }),
  async ({ orderNumber, mode, lines }, user) => {
    return reorder(user, { orderNumber, lineNumbers: mode === "all" ? null : lines }, toLocale(await getLocale()), new Date());
  },
  { answersCart: true },
);
