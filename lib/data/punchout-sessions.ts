import "server-only";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { carts, protocolMessages, punchoutConnections, punchoutSessions, users, type NewPunchoutSession, type PunchoutSession } from "@/db/schema";
import { database } from "./database";
import { preparedStatement, runPrepared } from "./prepared-sql";
import { logRowsInsertSql, type ProtocolLogRow } from "./protocol-messages";

export interface ActivePunchoutSession {
  id: number;
  connectionId: number;
  connectionName: string;
  presetId: string;
  companyId: number;
  userId: number;
  protocol: "oci" | "cxml";
  operation: "create" | "edit" | "inspect";
  returnUrl: string;
  expiresAt: Date;
  /** An account manager's connection test (lib/punchout/connection-test.ts), not a buyer's visit. */
  connectionTest: boolean;
  /** The connection's `assortment` setting as stored (lib/catalog/assortment.ts effectiveAssortment), null when unset. */
  connectionAssortment: string | null;
  /**
   * The session runs as the connection's technical user (an account shared by everybody the
   * procurement system sends, whose mailbox nobody reads), not as a person the user mapping found.
   */
  technicalUser: boolean;
}

/** The active, unexpired punchout session whose browser token hashes to `tokenHash`. */
export async function getActivePunchoutSession(tokenHash: string, now: Date): Promise<ActivePunchoutSession | null> {
  const db = await database();
  const [row] = await db
    .select({
      id: punchoutSessions.id,
      connectionId: punchoutSessions.connectionId,
      connectionName: punchoutConnections.name,
      presetId: punchoutConnections.presetId,
      companyId: punchoutSessions.companyId,
      userId: punchoutSessions.userId,
      protocol: punchoutSessions.protocol,
      operation: punchoutSessions.operation,
      returnUrl: punchoutSessions.returnUrl,
      expiresAt: punchoutSessions.expiresAt,
      connectionTest: sql<boolean>`${punchoutSessions.context} ? 'connectionTest'`,
      connectionAssortment: sql<string | null>`${punchoutConnections.settings} ->> 'assortment'`,
      technicalUser: sql<boolean>`coalesce(${punchoutSessions.userId} = ${punchoutConnections.technicalUserId}, false)`,
    })
    .from(punchoutSessions)
    .innerJoin(punchoutConnections, eq(punchoutConnections.id, punchoutSessions.connectionId))
    .where(
      and(
        eq(punchoutSessions.sessionTokenHash, tokenHash),
        eq(punchoutSessions.status, "active"),
        gt(punchoutSessions.expiresAt, now),
        eq(punchoutConnections.enabled, true),
      ),
    );
  return row ?? null;
}

export interface EndedPunchoutSession {
  id: number;
  /** As stored: "active" (or "expired") when it ran out, or when its connection was disabled. */
  status: Exclude<PunchoutSession["status"], "pending">;
  /** The language the buyer system asked for at the start, as sent (context.language), if any. */
  language: string | null;
}

/**
 * The punchout session whose browser token hashes to `tokenHash` when it is over: transferred,
 * cancelled, expired, or its connection disabled (getActivePunchoutSession no longer finds it).
 * Null for a session that is still open, a pending one, or none.
 */
export async function getEndedPunchoutSession(tokenHash: string, now: Date): Promise<EndedPunchoutSession | null> {
  const db = await database();
  const [row] = await db
    .select({
      id: punchoutSessions.id,
      status: punchoutSessions.status,
      language: sql<string | null>`${punchoutSessions.context} ->> 'language'`,
      expiresAt: punchoutSessions.expiresAt,
      enabled: punchoutConnections.enabled,
    })
    .from(punchoutSessions)
    .innerJoin(punchoutConnections, eq(punchoutConnections.id, punchoutSessions.connectionId))
    .where(eq(punchoutSessions.sessionTokenHash, tokenHash));
  if (!row || row.status === "pending") return null;
  const ended = row.status !== "active" || row.expiresAt.getTime() <= now.getTime() || !row.enabled;
  return ended ? { id: row.id, status: row.status, language: row.language } : null;
}

export async function getPunchoutSession(id: number): Promise<PunchoutSession | null> {
  const db = await database();
  const [row] = await db.select().from(punchoutSessions).where(eq(punchoutSessions.id, id));
  return row ?? null;
}

/** Creates a punchout session and its (empty) cart in one transaction. */
export async function createPunchoutSession(values: NewPunchoutSession): Promise<PunchoutSession> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [session] = await tx.insert(punchoutSessions).values(values).returning();
    if (!session) throw new Error("punchout session insert returned nothing");
    await tx.insert(carts).values({ userId: session.userId, companyId: session.companyId, punchoutSessionId: session.id });
    return session;
  });
}

/**
 * The session, its cart, the cart's lines and the protocol log rows of the setup request in ONE
 * statement (data-modifying CTEs: atomic like a transaction, one round trip instead of seven). On a
 * conflict on (connection, payloadID) `s` is empty, so nothing else is written and no row comes
 * back. Lines and log rows come as JSON arrays.
 */
const CREATE_SESSION_ONCE = `with s as (
  insert into "punchout_sessions" ("connection_id", "company_id", "user_id", "protocol", "status", "session_token_hash",
    "start_token_hash", "start_token_expires_at", "return_url", "return_parameters", "target", "charset", "protocol_version",
    "buyer_cookie", "operation", "request_payload_id", "context", "created_at", "expires_at", "ended_at")
  values ($1, $2, $3, $4, $5, $6, $7, $8::timestamptz, $9, coalesce($10::jsonb, '[]'::jsonb), $11, coalesce($12, 'utf-8'), $13,
    $14, coalesce($15, 'create'), $16, coalesce($17::jsonb, '{}'::jsonb), coalesce($18::timestamptz, now()), $19::timestamptz, $20::timestamptz)
  on conflict ("connection_id", "request_payload_id") do nothing
  returning "id", "user_id", "company_id"
), c as (
  insert into "carts" ("user_id", "company_id", "punchout_session_id")
  select "user_id", "company_id", "id" from s
  returning "id"
), l as (
  insert into "cart_lines" ("cart_id", "product_id", "quantity", "quote_line_id")
  select c."id", x."product_id", x."quantity", x."quote_line_id"
  from c cross join jsonb_to_recordset($21::jsonb) as x("product_id" integer, "quantity" integer, "quote_line_id" integer)
), m as (
  ${logRowsInsertSql("$22", "s", { session_id: `s."id"` })}
)
select "id" from s`;

const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);
const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/**
 * Creates a cXML punchout session with its cart (pre-filled for edit/inspect) and its protocol log
 * rows (`log`, with the new session's id) atomically, unless the connection already has a session
 * for this setup request's payloadID: a replayed PunchOutSetupRequest returns null and creates
 * nothing (unique index, so also under races).
 */
export async function createPunchoutSessionOnce(
  values: NewPunchoutSession & { requestPayloadId: string },
  lines: { productId: number; quantity: number; quoteLineId: number | null }[],
  log: ProtocolLogRow[] = [],
): Promise<{ id: number } | null> {
  const [row] = await runPrepared<{ id: number }>(CREATE_SESSION_ONCE, [
    values.connectionId,
    values.companyId,
    values.userId,
    values.protocol,
    values.status,
    values.sessionTokenHash ?? null,
    values.startTokenHash ?? null,
    iso(values.startTokenExpiresAt),
    values.returnUrl,
    json(values.returnParameters),
    values.target ?? null,
    values.charset ?? null,
    values.protocolVersion ?? null,
    values.buyerCookie ?? null,
    values.operation ?? null,
    values.requestPayloadId,
    json(values.context),
    iso(values.createdAt),
    iso(values.expiresAt),
    iso(values.endedAt),
    JSON.stringify(lines.map((line) => ({ product_id: line.productId, quantity: line.quantity, quote_line_id: line.quoteLineId }))),
    JSON.stringify(log),
  ]);
  return row ? { id: Number(row.id) } : null;
}

/** Setup requests check their payloadID before anything else: prepared. */
const sessionForPayload = preparedStatement((db) =>
  db
    .select({ id: punchoutSessions.id })
    .from(punchoutSessions)
    .where(and(eq(punchoutSessions.connectionId, sql.placeholder("connectionId")), eq(punchoutSessions.requestPayloadId, sql.placeholder("payloadId"))))
    .prepare("punchout_session_for_payload"),
);

/** Whether a connection already opened a session for this setup request payloadID (replay check). */
export async function hasSessionForPayload(connectionId: number, requestPayloadId: string): Promise<boolean> {
  const [row] = await (await sessionForPayload()).execute({ connectionId, payloadId: requestPayloadId });
  return row !== undefined;
}

/**
 * Exchanges a single-use start token (cXML StartPage) for a browser session token: only the first
 * redemption within the validity window succeeds, atomically.
 */
export async function redeemStartToken(startTokenHash: string, sessionTokenHash: string, now: Date): Promise<PunchoutSession | null> {
  const db = await database();
  const [row] = await db
    .update(punchoutSessions)
    .set({ status: "active", startTokenHash: null, sessionTokenHash })
    .where(
      and(
        eq(punchoutSessions.startTokenHash, startTokenHash),
        eq(punchoutSessions.status, "pending"),
        gt(punchoutSessions.startTokenExpiresAt, now),
      ),
    )
    .returning();
  return row ?? null;
}

export async function endPunchoutSession(id: number, status: "transferred" | "cancelled"): Promise<void> {
  const db = await database();
  await db
    .update(punchoutSessions)
    .set({ status, endedAt: sql`now()` })
    .where(and(eq(punchoutSessions.id, id), eq(punchoutSessions.status, "active")));
}

export interface ConnectionTestTransfer {
  messageId: number;
  sessionId: number;
  createdAt: Date;
  protocol: "oci" | "cxml";
  /** oci.transfer, oci.cancel or cxml.PunchOutOrderMessage. */
  type: string;
  payload: string;
  summary: Record<string, unknown>;
  /** Who ran the test (null once that staff account is gone). */
  staffName: string | null;
}

/**
 * The newest cart a connection test sent back (the transfer's outbound protocol message of a session
 * marked `context.connectionTest`, lib/punchout/connection-test.ts), with who ran the test.
 */
export async function getLatestConnectionTestTransfer(connectionId: number): Promise<ConnectionTestTransfer | null> {
  const db = await database();
  const [row] = await db
    .select({
      messageId: protocolMessages.id,
      sessionId: punchoutSessions.id,
      createdAt: protocolMessages.createdAt,
      protocol: protocolMessages.protocol,
      type: protocolMessages.type,
      payload: protocolMessages.payload,
      summary: protocolMessages.summary,
      staffName: users.name,
    })
    .from(protocolMessages)
    .innerJoin(punchoutSessions, eq(punchoutSessions.id, protocolMessages.sessionId))
    .leftJoin(users, sql`${users.id} = (${punchoutSessions.context} -> 'connectionTest' ->> 'staffId')::integer`)
    .where(
      and(
        eq(punchoutSessions.connectionId, connectionId),
        sql`${punchoutSessions.context} ? 'connectionTest'`,
        eq(protocolMessages.direction, "outbound"),
      ),
    )
    .orderBy(desc(protocolMessages.id))
    .limit(1);
  return row ?? null;
}
