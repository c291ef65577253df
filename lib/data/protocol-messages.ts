import "server-only";
import { and, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import { protocolMessages, type NewProtocolMessage, type ProtocolMessage } from "@/db/schema";
import { database } from "./database";

/** Appends to the protocol message log. The caller redacts secrets before. */
export async function logProtocolMessage(message: NewProtocolMessage): Promise<number> {
  const db = await database();
  const [row] = await db.insert(protocolMessages).values(message).returning({ id: protocolMessages.id });
  return row!.id;
}

export interface MessageFilters {
  /** Restricts to these customers (an account manager's); messages without a customer are excluded. */
  companyIds?: number[];
  from?: Date;
  until?: Date;
  companyId?: number;
  connectionId?: number;
  sessionId?: number;
  type?: string;
  direction?: "inbound" | "outbound";
  status?: "ok" | "rejected" | "error";
}

export async function listProtocolMessages(filters: MessageFilters, limit = 100): Promise<ProtocolMessage[]> {
  const db = await database();
  const conditions: SQL[] = [];
  if (filters.companyId !== undefined) conditions.push(eq(protocolMessages.companyId, filters.companyId));
  if (filters.companyIds !== undefined) conditions.push(inArray(protocolMessages.companyId, filters.companyIds.length ? filters.companyIds : [-1]));
  if (filters.from) conditions.push(gte(protocolMessages.createdAt, filters.from));
  if (filters.until) conditions.push(lt(protocolMessages.createdAt, filters.until));
  if (filters.connectionId !== undefined) conditions.push(eq(protocolMessages.connectionId, filters.connectionId));
  if (filters.sessionId !== undefined) conditions.push(eq(protocolMessages.sessionId, filters.sessionId));
  if (filters.type) conditions.push(eq(protocolMessages.type, filters.type));
  if (filters.direction) conditions.push(eq(protocolMessages.direction, filters.direction));
  if (filters.status) conditions.push(eq(protocolMessages.status, filters.status));
  return db
    .select()
    .from(protocolMessages)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(desc(protocolMessages.createdAt), desc(protocolMessages.id))
    .limit(limit);
}

export async function getProtocolMessage(id: number): Promise<ProtocolMessage | null> {
  const db = await database();
  const [row] = await db.select().from(protocolMessages).where(eq(protocolMessages.id, id));
  return row ?? null;
}
