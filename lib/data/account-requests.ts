import "server-only";
import { and, asc, count, desc, eq, inArray, or, sql } from "drizzle-orm";
import {
  accountManagerCustomers,
  accountRequests,
  addresses,
  companies,
  companyJoinDomains,
  mailOutbox,
  users,
  userTokens,
  type AccountRequest,
  type AccountRequestStatus,
  type CompanyJoinDomain,
} from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { CompanyDetails, NewCustomerUser } from "./customers";
import { database } from "./database";
import { isUniqueViolation } from "./sql";
import { q } from "./sql";
import { issueUserTokenIn, type IssuedToken, type OutgoingMail } from "./user-accounts";
import { queueVatCheckIn } from "./vat-checks";

export type AccountRequestDetails = Pick<
  AccountRequest,
  "companyName" | "kvkNumber" | "vatId" | "countryCode" | "street" | "postalCode" | "city" | "contactName" | "email" | "phone" | "message" | "locale"
>;

/** Stores a request, or updates the address's open one (asking again replaces what was asked), and queues its mails with it. */
export async function savePendingAccountRequest(details: AccountRequestDetails, mails: OutgoingMail[], now: Date): Promise<{ id: number }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const values = { ...details, email: details.email.toLowerCase(), updatedAt: now };
    const [row] = await tx
      .insert(accountRequests)
      .values({ ...values, createdAt: now })
      .onConflictDoUpdate({ target: accountRequests.email, targetWhere: sql`${accountRequests.status} = 'pending'`, set: values })
      .returning({ id: accountRequests.id });
    if (mails.length > 0) await tx.insert(mailOutbox).values(mails.map((mail) => ({ ...mail, createdAt: now })));
    // Its VAT id is checked at VIES by itself, before staff look at the request (lib/admin/vat-auto-checks.ts).
    if (details.vatId) await queueVatCheckIn(tx, { accountRequestId: row!.id }, now);
    return row!;
  });
}

/** Queues mails on their own (the "you already have an account" answer). */
export async function queueMails(mails: OutgoingMail[], now: Date): Promise<void> {
  if (mails.length === 0) return;
  const db = await database();
  await db.insert(mailOutbox).values(mails.map((mail) => ({ ...mail, createdAt: now })));
}

export interface AccountRequestListItem extends AccountRequest {
  decidedByName: string | null;
  /**
   * After approval, the user it made, as far as staff follow the onboarding
   * (lib/account-requests/stage.ts); null before, or when the user is gone.
   */
  invitee: RequestInvitee | null;
}

export interface RequestInvitee {
  active: boolean;
  hasPassword: boolean;
  lastSignInAt: Date | null;
  /** The newest unused invitation's end (past: lapsed); null when none is unused. */
  inviteExpiresAt: Date | null;
}

const dateOrNull = (value: string | Date | null) => (value === null ? null : new Date(value));
// The user the approval made.
const inviteeWhere = sql`u.id = ${q(accountRequests.userId)}`;
const inviteeColumns = {
  inviteeActive: sql<boolean | null>`(select u.active from ${users} u where ${inviteeWhere})`,
  inviteeHasPassword: sql<boolean | null>`(select u.password_hash is not null from ${users} u where ${inviteeWhere})`,
  inviteeLastSignInAt: sql<Date | null>`(select u.last_sign_in_at from ${users} u where ${inviteeWhere})`.mapWith(dateOrNull),
  inviteeInviteExpiresAt: sql<Date | null>`(select max(t.expires_at) from ${userTokens} t join ${users} u on u.id = t.user_id where ${inviteeWhere} and t.purpose = 'invite' and t.used_at is null)`.mapWith(
    dateOrNull,
  ),
};

type InviteeRow = { [K in keyof typeof inviteeColumns]: (typeof inviteeColumns)[K]["_"]["type"] };
function inviteeOf(row: InviteeRow): RequestInvitee | null {
  if (row.inviteeActive === null) return null;
  return { active: row.inviteeActive, hasPassword: row.inviteeHasPassword === true, lastSignInAt: row.inviteeLastSignInAt, inviteExpiresAt: row.inviteeInviteExpiresAt };
}

/** Requests of one status: open ones oldest first (the queue), decided ones newest first. */
export async function listAccountRequests(status: AccountRequestStatus, limit = 200): Promise<AccountRequestListItem[]> {
  const db = await database();
  const rows = await db
    .select({ request: accountRequests, decidedByName: users.name, ...inviteeColumns })
    .from(accountRequests)
    .leftJoin(users, eq(users.id, accountRequests.decidedBy))
    .where(eq(accountRequests.status, status))
    .orderBy(status === "pending" ? asc(accountRequests.createdAt) : desc(accountRequests.decidedAt), asc(accountRequests.id))
    .limit(limit);
  return rows.map(({ request, decidedByName, ...invitee }) => ({ ...request, decidedByName, invitee: inviteeOf(invitee) }));
}

export async function countPendingAccountRequests(): Promise<number> {
  const db = await database();
  const [row] = await db.select({ n: count() }).from(accountRequests).where(eq(accountRequests.status, "pending"));
  return row?.n ?? 0;
}

export async function getAccountRequest(id: number): Promise<AccountRequestListItem | null> {
  const db = await database();
  const [row] = await db
    .select({ request: accountRequests, decidedByName: users.name, ...inviteeColumns })
    .from(accountRequests)
    .leftJoin(users, eq(users.id, accountRequests.decidedBy))
    .where(eq(accountRequests.id, id));
  if (!row) return null;
  const { request, decidedByName, ...invitee } = row;
  return { ...request, decidedByName, invitee: inviteeOf(invitee) };
}

export interface MatchingCompany {
  id: number;
  name: string;
  kvkNumber: string | null;
  vatId: string | null;
  /** Why it may be the same organisation. */
  matchedOn: ("kvk" | "vat" | "email_domain")[];
}

/**
 * Customers that may be the requester's own organisation: the same KvK number or VAT id, or users
 * with the same e-mail domain (not for mailbox providers anybody can use; the caller leaves those out).
 */
export async function findMatchingCompanies(match: { kvkNumber: string | null; vatId: string | null; emailDomain: string | null }): Promise<MatchingCompany[]> {
  const db = await database();
  const conditions = [
    match.kvkNumber ? eq(companies.kvkNumber, match.kvkNumber) : undefined,
    match.vatId ? eq(companies.vatId, match.vatId) : undefined,
    match.emailDomain
      ? inArray(companies.id, db.select({ id: users.companyId }).from(users).where(sql`split_part(${users.email}, '@', 2) = ${match.emailDomain}`))
      : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return [];
  const rows = await db
    .select({
      id: companies.id,
      name: companies.name,
      kvkNumber: companies.kvkNumber,
      vatId: companies.vatId,
      byDomain: match.emailDomain
        ? sql<boolean>`exists (select 1 from ${users} where ${q(users.companyId)} = ${q(companies.id)} and split_part(${q(users.email)}, '@', 2) = ${match.emailDomain})`
        : sql<boolean>`false`,
    })
    .from(companies)
    .where(or(...conditions))
    .orderBy(asc(companies.name))
    .limit(20);
  return rows.map(({ byDomain, ...company }) => ({
    ...company,
    matchedOn: [
      ...(match.kvkNumber && company.kvkNumber === match.kvkNumber ? (["kvk"] as const) : []),
      ...(match.vatId && company.vatId === match.vatId ? (["vat"] as const) : []),
      ...(byDomain ? (["email_domain"] as const) : []),
    ],
  }));
}

export type ApprovalTarget =
  | { kind: "new_company"; company: CompanyDetails; managerId: number | null }
  | { kind: "existing_company"; companyId: number };

/**
 * Approves an open request, all at once: the new customer (with the request's address as its
 * delivery and invoice address, and its account manager) or the existing one, the invited user with
 * the set-password link and its mail, and the request's outcome. A request decided meanwhile, or an
 * address that became a user meanwhile, writes nothing (conflict).
 */
export async function approveAccountRequestRecord(input: {
  requestId: number;
  /** Null: nobody — the company's auto-join rule decided (lib/account/auto-join.ts). */
  decidedBy: number | null;
  target: ApprovalTarget;
  /** The user and their invitation, from the request as locked (asking again may have changed it since it was read). */
  user: (request: AccountRequest) => NewCustomerUser;
  invitation: (request: AccountRequest, companyName: string) => IssuedToken;
  /** Checked on the locked request: a company admin decides only requests that match their company. */
  mayDecide?: (request: AccountRequest) => boolean;
  now: Date;
}): Promise<{ companyId: number; userId: number }> {
  const db = await database();
  try {
    return await db.transaction(async (tx) => {
      const [request] = await tx.select().from(accountRequests).where(eq(accountRequests.id, input.requestId)).for("update");
      if (!request || (input.mayDecide && !input.mayDecide(request))) throw new AppError("not_found", "account_request_not_found");
      if (request.status !== "pending") throw new AppError("conflict", "account_request_decided");
      let company: { id: number; name: string };
      if (input.target.kind === "new_company") {
        const [created] = await tx.insert(companies).values(input.target.company).returning({ id: companies.id, name: companies.name });
        company = created!;
        const address = { companyId: company.id, name: company.name, street: request.street, postalCode: request.postalCode, city: request.city, countryCode: request.countryCode };
        await tx.insert(addresses).values([
          { ...address, kind: "ship_to", label: "Hoofdadres", isDefault: true },
          { ...address, kind: "bill_to", label: "Factuuradres", isDefault: true },
        ]);
        if (input.target.managerId !== null) await tx.insert(accountManagerCustomers).values({ staffUserId: input.target.managerId, companyId: company.id });
        if (input.target.company.vatId) await queueVatCheckIn(tx, { companyId: company.id }, input.now);
      } else {
        const [existing] = await tx.select({ id: companies.id, name: companies.name }).from(companies).where(eq(companies.id, input.target.companyId));
        if (!existing) throw new AppError("not_found", "company_not_found");
        company = existing;
      }
      const [user] = await tx
        .insert(users)
        .values({ ...input.user(request), email: request.email, companyId: company.id, passwordHash: null, createdAt: input.now })
        .returning({ id: users.id });
      await issueUserTokenIn(tx, user!.id, "invite", input.decidedBy, input.invitation(request, company.name), input.now);
      await tx
        .update(accountRequests)
        .set({ status: "approved", decidedAt: input.now, decidedBy: input.decidedBy, companyId: company.id, userId: user!.id, updatedAt: input.now })
        .where(eq(accountRequests.id, request.id));
      return { companyId: company.id, userId: user!.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", "email_taken", { field: "email" });
    throw error;
  }
}

/**
 * Rejects an open request with its reason and queues the requester's mail; false when it was no
 * longer open. `mayDecide` is checked on the locked request (a company admin's rejection).
 */
export async function rejectAccountRequestRecord(input: {
  requestId: number;
  decidedBy: number;
  reason: string;
  mail: (request: AccountRequest) => OutgoingMail;
  mayDecide?: (request: AccountRequest) => boolean;
  now: Date;
}): Promise<boolean> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [request] = await tx.select().from(accountRequests).where(eq(accountRequests.id, input.requestId)).for("update");
    if (!request || (input.mayDecide && !input.mayDecide(request))) throw new AppError("not_found", "account_request_not_found");
    if (request.status !== "pending") return false;
    await tx
      .update(accountRequests)
      .set({ status: "rejected", decidedAt: input.now, decidedBy: input.decidedBy, rejectionReason: input.reason, updatedAt: input.now })
      .where(eq(accountRequests.id, request.id));
    await tx.insert(mailOutbox).values({ ...input.mail(request), createdAt: input.now });
    return true;
  });
}

/** The e-mail domains of a company's users (active or not, unless `activeOnly`; the caller decides which say something). */
export async function companyMailDomains(companyId: number, options: { activeOnly?: boolean } = {}): Promise<string[]> {
  const db = await database();
  const rows = await db
    .selectDistinct({ domain: sql<string>`split_part(${users.email}, '@', 2)` })
    .from(users)
    .where(and(eq(users.companyId, companyId), options.activeOnly ? eq(users.active, true) : undefined));
  return rows.map((row) => row.domain).sort();
}

/** The company's auto-join rules, by domain. */
export async function listJoinDomains(companyId: number): Promise<CompanyJoinDomain[]> {
  const db = await database();
  return db.select().from(companyJoinDomains).where(eq(companyJoinDomains.companyId, companyId)).orderBy(asc(companyJoinDomains.domain));
}

/** Switches auto-join on for a domain, or changes its role and order limit. */
export async function saveJoinDomain(rule: Omit<CompanyJoinDomain, "createdAt">, now: Date): Promise<void> {
  const db = await database();
  await db
    .insert(companyJoinDomains)
    .values({ ...rule, createdAt: now })
    .onConflictDoUpdate({ target: [companyJoinDomains.companyId, companyJoinDomains.domain], set: { role: rule.role, orderLimitMinor: rule.orderLimitMinor } });
}

/** Switches auto-join off for a domain; false when it was not on. */
export async function removeJoinDomain(companyId: number, domain: string): Promise<boolean> {
  const db = await database();
  const removed = await db
    .delete(companyJoinDomains)
    .where(and(eq(companyJoinDomains.companyId, companyId), eq(companyJoinDomains.domain, domain)))
    .returning({ domain: companyJoinDomains.domain });
  return removed.length > 0;
}

/**
 * Active customers that let people with an address at `domain` join automatically, with their rule —
 * as long as one of their active users still has an address there (a domain the company no longer
 * uses joins nobody, even before its admin stops the rule).
 */
export async function listAutoJoinCompanies(domain: string): Promise<(CompanyJoinDomain & { companyName: string })[]> {
  const db = await database();
  const stillTheirs = sql`exists (select 1 from ${users} u where u."company_id" = ${companyJoinDomains.companyId} and u."active" and split_part(u."email", '@', 2) = ${domain})`;
  const rows = await db
    .select({ rule: companyJoinDomains, companyName: companies.name })
    .from(companyJoinDomains)
    .innerJoin(companies, eq(companies.id, companyJoinDomains.companyId))
    .where(and(eq(companyJoinDomains.domain, domain), eq(companies.active, true), stillTheirs));
  return rows.map((row) => ({ ...row.rule, companyName: row.companyName }));
}

/**
 * Open requests that may come from a company: its KvK number, its VAT id, or an address at one of
 * `domains` (organisation domains of its users). Oldest first, as a queue.
 */
export async function listPendingRequestsMatching(match: { kvkNumber: string | null; vatId: string | null; domains: readonly string[] }, limit = 100): Promise<AccountRequest[]> {
  const conditions = [
    match.kvkNumber ? eq(accountRequests.kvkNumber, match.kvkNumber) : undefined,
    match.vatId ? eq(accountRequests.vatId, match.vatId) : undefined,
    match.domains.length > 0 ? inArray(sql`split_part(${accountRequests.email}, '@', 2)`, [...match.domains]) : undefined,
  ].filter((c) => c !== undefined);
  if (conditions.length === 0) return [];
  const db = await database();
  return db
    .select()
    .from(accountRequests)
    .where(and(eq(accountRequests.status, "pending"), or(...conditions)))
    .orderBy(asc(accountRequests.createdAt), asc(accountRequests.id))
    .limit(limit);
}

/** Active company admins of these companies, with their company's name (for mails about requests to join). */
export async function listActiveCompanyAdmins(companyIds: number[]): Promise<{ id: number; email: string; name: string; locale: "nl" | "en"; companyName: string }[]> {
  if (companyIds.length === 0) return [];
  const db = await database();
  return db
    .select({ id: users.id, email: users.email, name: users.name, locale: users.locale, companyName: companies.name })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(and(inArray(users.companyId, companyIds), eq(users.role, "company_admin"), eq(users.active, true), eq(companies.active, true)))
    .orderBy(asc(companies.name), asc(users.name));
}

/** The user (active or not) with this address, with their company: an approval would collide with it. */
export async function findUserWithEmail(email: string): Promise<{ id: number; name: string; active: boolean; companyId: number | null; companyName: string | null } | null> {
  const db = await database();
  const [row] = await db
    .select({ id: users.id, name: users.name, active: users.active, companyId: users.companyId, companyName: companies.name })
    .from(users)
    .leftJoin(companies, eq(companies.id, users.companyId))
    .where(eq(users.email, email.toLowerCase()));
  return row ?? null;
}
