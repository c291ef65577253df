import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { companies, punchoutConnections, type NewPunchoutConnection, type PunchoutConnection } from "@/db/schema";
import { database } from "./database";

/** An enabled OCI connection by USERNAME (case-insensitive), or null. */
export async function getOciConnectionByUsername(username: string): Promise<PunchoutConnection | null> {
  const db = await database();
  const [row] = await db
    .select()
    .from(punchoutConnections)
    .where(and(eq(punchoutConnections.protocol, "oci"), eq(punchoutConnections.username, username.trim().toLowerCase())));
  return row ?? null;
}

/** Every cXML connection; the caller matches From/Sender credentials (few per supplier, cheap). */
export async function listCxmlConnections(): Promise<PunchoutConnection[]> {
  const db = await database();
  return db.select().from(punchoutConnections).where(eq(punchoutConnections.protocol, "cxml"));
}

export async function getPunchoutConnection(id: number): Promise<PunchoutConnection | null> {
  const db = await database();
  const [row] = await db.select().from(punchoutConnections).where(eq(punchoutConnections.id, id));
  return row ?? null;
}

export interface ConnectionListRow {
  id: number;
  name: string;
  protocol: "oci" | "cxml";
  presetId: string;
  enabled: boolean;
  environment: "test" | "production";
  username: string | null;
  companyId: number;
  companyName: string;
}

export async function listPunchoutConnections(companyIds?: number[]): Promise<ConnectionListRow[]> {
  const db = await database();
  const rows = await db
    .select({
      id: punchoutConnections.id,
      name: punchoutConnections.name,
      protocol: punchoutConnections.protocol,
      presetId: punchoutConnections.presetId,
      enabled: punchoutConnections.enabled,
      environment: punchoutConnections.environment,
      username: punchoutConnections.username,
      companyId: punchoutConnections.companyId,
      companyName: companies.name,
    })
    .from(punchoutConnections)
    .innerJoin(companies, eq(companies.id, punchoutConnections.companyId))
    .orderBy(asc(companies.name), asc(punchoutConnections.name));
  return companyIds ? rows.filter((row) => companyIds.includes(row.companyId)) : rows;
}

export async function createPunchoutConnection(values: NewPunchoutConnection): Promise<PunchoutConnection> {
  const db = await database();
  const [row] = await db.insert(punchoutConnections).values(values).returning();
  if (!row) throw new Error("connection insert returned nothing");
  return row;
}

export async function updatePunchoutConnection(
  id: number,
  values: Partial<Omit<NewPunchoutConnection, "id" | "companyId" | "protocol">>,
): Promise<void> {
  const db = await database();
  await db.update(punchoutConnections).set({ ...values, updatedAt: new Date() }).where(eq(punchoutConnections.id, id));
}
