/**
 * Who may order on a cost centre, pure: everybody at the company when it names nobody; otherwise the
 * users it names, and the company admins who keep the cost centres.
 */
export function mayUseCostCenter(user: { id: number; role: string }, costCenter: { userIds: readonly number[] }): boolean {
  return costCenter.userIds.length === 0 || user.role === "company_admin" || costCenter.userIds.includes(user.id);
}
