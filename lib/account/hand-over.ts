import "server-only";
import { countOwnedByUser, handOverRecord, listStandingOrdersOwnedBy } from "@/lib/data/favorite-lists";
import { listCustomerUsers } from "@/lib/data/customers";
import { AppError } from "@/lib/errors";
import { canEditList } from "@/lib/favorites/favorites";
import { mailBaseUrl } from "@/lib/mail/base-url";
import { handOverMail } from "@/lib/mail/hand-over-mail";
import { sendMail } from "@/lib/mail/send-mail";
import { assertAccountAdministration, assertCompanyAdmin, type CompanyAdmin } from "./company-users";

/**
 * When someone leaves: their company admin hands a deactivated user's favorites lists (private ones
 * stay private, now the colleague's) and standing orders over to an active colleague, instead of
 * losing them with the account (magento/backlog #3, "moving lists between company users"). A
 * standing order moves only where the colleague may edit its list (the rule for setting one up);
 * from then on it orders in their name, under their order limit. Ones that stopped because their
 * owner left stay paused until the colleague resumes them. The colleague is mailed what they got.
 */

/** Per user of the admin's company: lists and standing orders they own (for the users page). */
export async function ownedByUsers(admin: CompanyAdmin): Promise<Map<number, { lists: number; standingOrders: number }>> {
  assertCompanyAdmin(admin);
  return countOwnedByUser(admin.companyId);
}

export async function handOverFromUser(admin: CompanyAdmin, fromUserId: number, toUserId: number, now: Date): Promise<{ lists: number; standingOrders: number }> {
  assertAccountAdministration(admin);
  const people = await listCustomerUsers(admin.companyId);
  const from = people.find((person) => person.id === fromUserId);
  if (!from) throw new AppError("not_found", "user_not_found");
  // An active user keeps what is theirs; deactivate them first.
  if (from.active) throw new AppError("conflict", "hand_over_from_active");
  const to = people.find((person) => person.id === toUserId);
  if (!to || !to.active || to.id === from.id) throw new AppError("invalid_input", "hand_over_to_invalid", { field: "toUserId" });
  const standing = (await listStandingOrdersOwnedBy(admin.companyId, from.id)).filter((standingOrder) =>
    canEditList(to, { ...standingOrder.list, ownerUserId: standingOrder.list.ownerUserId === from.id ? to.id : standingOrder.list.ownerUserId }),
  );
  const moved = await handOverRecord({ companyId: admin.companyId, fromUserId: from.id, toUserId: to.id, standingOrderIds: standing.map((s) => s.id), now });
  if (moved.lists > 0 || moved.standingOrders > 0) {
    const mail = handOverMail(to, {
      fromName: from.name,
      byName: admin.name,
      ...moved,
      pausedStandingOrders: standing.filter((s) => !s.active).length,
      favoritesLink: `${await mailBaseUrl()}/favorites`,
    });
    await sendMail(mail, now).catch((error: unknown) => console.error("[koppel] hand-over mail failed", error));
  }
  return moved;
}
