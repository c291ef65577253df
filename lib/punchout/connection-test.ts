/**
 * A connection test: an account manager opens the shop as a connection's technical user in a real
 * punchout session of that connection (its customer's prices, its field mapping, its protocol), and
 * "Transfer cart" comes back to the admin workspace instead of the buyer's system, which shows what
 * the buyer's system would have received. The session is marked in punchout_sessions.context.
 */

export interface ConnectionTestMark {
  /** The staff member who started the test. */
  staffId: number;
}

export function connectionTestPath(connectionId: number): string {
  return `/admin/connections/${connectionId}/test`;
}

/** Where a test session's transfer page posts to: the test page's own "received" route. */
export function connectionTestReturnPath(connectionId: number): string {
  return `${connectionTestPath(connectionId)}/received`;
}

/** The test's return URL on the shop's origin (transfer pages post to absolute http(s) URLs only). */
export function connectionTestReturnUrl(connectionId: number, baseUrl: string): string {
  return new URL(connectionTestReturnPath(connectionId), baseUrl).href;
}

export function readConnectionTestMark(context: Record<string, unknown>): ConnectionTestMark | null {
  const mark = context.connectionTest;
  if (typeof mark !== "object" || mark === null) return null;
  const staffId = (mark as Record<string, unknown>).staffId;
  return typeof staffId === "number" && Number.isSafeInteger(staffId) ? { staffId } : null;
}

/**
 * Whether a session may transfer to its return URL as a connection test: only a session marked as
 * a test, and only to the test's own return path of its own connection on the origin the transfer
 * is requested from. No buyer origin has to be allowed for it, and every other return URL is
 * checked against the connection's allowed origins as always.
 */
export function isConnectionTestReturn(session: { returnUrl: string; context: Record<string, unknown> }, connectionId: number, baseUrl: string | undefined): boolean {
  return readConnectionTestMark(session.context) !== null && baseUrl !== undefined && session.returnUrl === connectionTestReturnUrl(connectionId, baseUrl);
}
