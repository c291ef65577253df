/**
 * Who may use something the company admin can limit to some users — a cost centre to order on, a
 * delivery address to ship to — pure: everybody at the company when it names nobody; otherwise the
 * users it names, and the company admins who keep them.
 */
export function mayUse(user: { id: number; role: string }, limitedTo: { userIds: readonly number[] }): boolean {
  return limitedTo.userIds.length === 0 || user.role === "company_admin" || limitedTo.userIds.includes(user.id);
}
