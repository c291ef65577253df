import "server-only";
import { and, desc, eq, getTableColumns, gt, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import { companies, orders, protocolMessages, punchoutConnections, type NewProtocolMessage, type ProtocolMessage } from "@/db/schema";
import { database } from "./database";
import { jsonValue, runPrepared } from "./prepared-sql";
import { q } from "./sql";

/** A protocol log row to append (id and time are the database's). */
export type ProtocolLogRow = Omit<NewProtocolMessage, "id" | "createdAt">;

/**
 * The body of a data-modifying CTE that appends log rows given as one JSON array parameter
 * (`rowsParam`, e.g. "$36": ProtocolLogRow objects as JSON), once for each row of `source` (a CTE
 * that returns one row, or none when nothing was written): so a statement that stores data can
 * write its log rows with it, in the order given. `overrides` replaces the expression of a column
 * (`x."m"` is the row's JSON object, e.g. `s."id"` for session_id from the statement's own insert).
 */
export function logRowsInsertSql(rowsParam: string, source: string, overrides: Partial<Record<(typeof LOG_COLUMNS)[number], string>> = {}): string {
  const fromJson: Record<(typeof LOG_COLUMNS)[number], string> = {
    connection_id: `(x."m"->>'connectionId')::integer`,
    company_id: `(x."m"->>'companyId')::integer`,
    session_id: `(x."m"->>'sessionId')::integer`,
    protocol: `x."m"->>'protocol'`,
    direction: `x."m"->>'direction'`,
    type: `x."m"->>'type'`,
    status: `x."m"->>'status'`,
    http_status: `(x."m"->>'httpStatus')::integer`,
    duration_ms: `(x."m"->>'durationMs')::integer`,
    remote_address: `x."m"->>'remoteAddress'`,
    content_type: `x."m"->>'contentType'`,
    payload: `x."m"->>'payload'`,
    summary: `coalesce(x."m"->'summary', '{}'::jsonb)`,
    error: `x."m"->>'error'`,
  };
  return `insert into "protocol_messages" (${LOG_COLUMNS.map((c) => `"${c}"`).join(", ")})
  select ${LOG_COLUMNS.map((column) => overrides[column] ?? fromJson[column]).join(", ")}
  from ${source} cross join jsonb_array_elements(${rowsParam}::jsonb) with ordinality as x("m", "n")
  order by x."n"`;
}

/** Appends to the protocol message log. The caller redacts secrets before. */
export async function logProtocolMessage(message: Omit<NewProtocolMessage, "id" | "createdAt">): Promise<number> {
  const [id] = await logProtocolMessages([message]);
  return id!;
}

const LOG_COLUMNS = [
  "connection_id",
  "company_id",
  "session_id",
  "protocol",
  "direction",
  "type",
  "status",
  "http_status",
  "duration_ms",
  "remote_address",
  "content_type",
  "payload",
  "summary",
  "error",
] as const;
const LOG_INSERTS = new Map<number, string>();

/** `insert … values (…), (…) returning id` for `rows` rows, built once per row count. */
function logInsert(rows: number): string {
  let text = LOG_INSERTS.get(rows);
  if (!text) {
    const tuples = Array.from({ length: rows }, (_, row) => {
      const base = row * LOG_COLUMNS.length;
      return `(${LOG_COLUMNS.map((column, i) => `$${base + i + 1}${column === "summary" ? "::jsonb" : ""}`).join(", ")})`;
    });
    text = `insert into "protocol_messages" (${LOG_COLUMNS.map((c) => `"${c}"`).join(", ")}) values ${tuples.join(", ")} returning "id"`;
    LOG_INSERTS.set(rows, text);
  }
  return text;
}

/**
 * Appends several messages to the log with one statement (an inbound document and our answer), in
 * the order given: ids ascend in that order. The caller redacts secrets before.
 */
export async function logProtocolMessages(
  messages: Omit<NewProtocolMessage, "id" | "createdAt">[],
): Promise<number[]> {
  if (messages.length === 0) return [];
  const params = messages.flatMap((m) => [
    m.connectionId ?? null,
    m.companyId ?? null,
    m.sessionId ?? null,
    m.protocol,
    m.direction,
    m.type,
    m.status,
    m.httpStatus ?? null,
    m.durationMs ?? null,
    m.remoteAddress ?? null,
    m.contentType ?? null,
    m.payload,
    JSON.stringify(m.summary ?? {}),
    m.error ?? null,
  ]);
  const rows = await runPrepared<{ id: number }>(logInsert(messages.length), params);
  return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}

export interface MessageFilters {
  /** Restricts to these customers (an account manager's); messages without a customer are excluded. */
  companyIds?: number[];
  from?: Date;
  until?: Date;
  companyId?: number;
  connectionId?: number;
  /** One of these connections (an empty list matches nothing). */
  connectionIds?: number[];
  sessionId?: number;
  type?: string;
  direction?: "inbound" | "outbound";
  status?: "ok" | "rejected" | "error";
  /**
   * "Did you get our order PO-123?": the messages of one purchase order or document, found by the
   * buyer's order number (every OrderRequest with that orderID, also the refused ones, and our
   * Responses to them), our order number or its order's PO number (the confirmations, ship notices and
   * invoices we sent for it), or a payloadID (the document and its Response).
   */
  document?: string;
}

/** The order a logged message belongs to (orderOfMessage). */
export interface MessageOrder {
  id: number;
  number: string;
}

/** A log row with the order it belongs to, if any. */
export type LoggedProtocolMessage = ProtocolMessage & { order: MessageOrder | null };

/** A log row for its own page: with its order, connection and customer (null when there is none or it is gone). */
export type ProtocolMessageDetail = LoggedProtocolMessage & {
  connection: { id: number; name: string } | null;
  company: { id: number; name: string } | null;
};

/**
 * The order of the message's customer that the message's summary names: the order number an
 * OrderRequest stored or changed (`order`, "K100003"), or our order id (`orderId` as a JSON number:
 * a replayed OrderRequest, an outbound ConfirmationRequest / ShipNoticeRequest). An inbound
 * OrderRequest's `orderId` is the buyer's order id, a string, and never matches. Both lookups use a
 * unique index; the customer must be the message's, so a summary can never point at another's order.
 * The cast sits in a CASE: SQL does not evaluate AND left to right, so a guard beside it would not
 * keep "PO-123" from being cast.
 */
const orderOfMessage = sql<MessageOrder | null>`(select jsonb_build_object('id', ${q(orders.id)}, 'number', ${q(orders.orderNumber)}) from ${orders}
  where ${q(orders.companyId)} = ${q(protocolMessages.companyId)} and (
    ${q(orders.orderNumber)} = ${q(protocolMessages.summary)}->>'order'
    or ${q(orders.id)} = (case when jsonb_typeof(${q(protocolMessages.summary)}->'orderId') = 'number' and (${q(protocolMessages.summary)}->>'orderId') ~ '^[0-9]{1,9}$' then (${q(protocolMessages.summary)}->>'orderId')::integer end)
  ) limit 1)`.mapWith((value: unknown) => (value === null ? null : jsonValue<MessageOrder>(value)));

/** Every column of the log row, and the order it belongs to: one lookup per row. */
const withOrder = { ...getTableColumns(protocolMessages), order: orderOfMessage };

/** MessageFilters.document: exact values (they are identifiers), the Responses found through the documents they answer. */
function documentCondition(value: string): SQL {
  const summary = q(protocolMessages.summary);
  // Documents that name the value: an inbound OrderRequest's orderID (a string), our order number, a payloadID.
  const names = sql`(${summary}->>'orderId' = ${value} or ${summary}->>'order' = ${value} or ${summary}->>'payloadId' = ${value})`;
  return sql`(${names}
    or ${summary}->>'inReplyTo' = ${value}
    or ${summary}->>'inReplyTo' in (select named.summary->>'payloadId' from ${protocolMessages} named
      where named.direction = 'inbound' and (named.summary->>'orderId' = ${value} or named.summary->>'payloadId' = ${value}))
    or (jsonb_typeof(${summary}->'orderId') = 'number' and ${summary}->>'orderId' in (
      select ${q(orders.id)}::text from ${orders} where ${q(orders.poNumber)} = ${value} or ${q(orders.orderNumber)} = ${value})))`;
}

export async function listProtocolMessages(filters: MessageFilters, limit = 100): Promise<LoggedProtocolMessage[]> {
  const db = await database();
  const conditions: SQL[] = [];
  if (filters.companyId !== undefined) conditions.push(eq(protocolMessages.companyId, filters.companyId));
  if (filters.companyIds !== undefined) conditions.push(inArray(protocolMessages.companyId, filters.companyIds.length ? filters.companyIds : [-1]));
  if (filters.from) conditions.push(gte(protocolMessages.createdAt, filters.from));
  if (filters.until) conditions.push(lt(protocolMessages.createdAt, filters.until));
  if (filters.connectionId !== undefined) conditions.push(eq(protocolMessages.connectionId, filters.connectionId));
  if (filters.connectionIds !== undefined) conditions.push(inArray(protocolMessages.connectionId, filters.connectionIds.length ? filters.connectionIds : [-1]));
  if (filters.sessionId !== undefined) conditions.push(eq(protocolMessages.sessionId, filters.sessionId));
  if (filters.type) conditions.push(eq(protocolMessages.type, filters.type));
  if (filters.direction) conditions.push(eq(protocolMessages.direction, filters.direction));
  if (filters.status) conditions.push(eq(protocolMessages.status, filters.status));
  if (filters.document) conditions.push(documentCondition(filters.document));
  const rows = await db
    .select(withOrder)
    .from(protocolMessages)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(protocolMessages.createdAt), desc(protocolMessages.id))
    .limit(limit);
  return rows;
}

export async function getProtocolMessage(id: number): Promise<ProtocolMessageDetail | null> {
  const db = await database();
  const [row] = await db
    .select({
      ...withOrder,
      connectionName: punchoutConnections.name,
      companyName: companies.name,
    })
    .from(protocolMessages)
    .leftJoin(punchoutConnections, eq(punchoutConnections.id, protocolMessages.connectionId))
    .leftJoin(companies, eq(companies.id, protocolMessages.companyId))
    .where(eq(protocolMessages.id, id));
  if (!row) return null;
  const { connectionName, companyName, ...logged } = row;
  return {
    ...logged,
    connection: logged.connectionId !== null && connectionName !== null ? { id: logged.connectionId, name: connectionName } : null,
    company: logged.companyId !== null && companyName !== null ? { id: logged.companyId, name: companyName } : null,
  };
}

/** The newest log row's id (0 for an empty log): what a replay logs comes after it. */
export async function latestProtocolMessageId(): Promise<number> {
  const db = await database();
  const [row] = await db.select({ id: sql<number>`coalesce(max(${q(protocolMessages.id)}), 0)::integer` }).from(protocolMessages);
  return Number(row?.id ?? 0);
}

/**
 * The inbound row a document logged after `afterId` on this connection (a replay of it): the newest
 * one with that type and payloadID, with its order.
 */
export async function findLoggedDocumentAfter(input: { connectionId: number; type: string; payloadId: string; afterId: number }): Promise<LoggedProtocolMessage | null> {
  const db = await database();
  const [row] = await db
    .select(withOrder)
    .from(protocolMessages)
    .where(
      and(
        eq(protocolMessages.connectionId, input.connectionId),
        gt(protocolMessages.id, input.afterId),
        eq(protocolMessages.direction, "inbound"),
        eq(protocolMessages.type, input.type),
        sql`${q(protocolMessages.summary)}->>'payloadId' = ${input.payloadId}`,
      ),
    )
    .orderBy(desc(protocolMessages.id))
    .limit(1);
  return row ?? null;
}
