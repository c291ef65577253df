import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { companies, punchoutConnections, type NewPunchoutConnection, type PunchoutConnection } from "@/db/schema";
import { database } from "./database";
import { THROTTLE_ROWS_JSON, throttleStatusFromJson, type ThrottleStatus } from "./login-throttle";
import { jsonValue, rowFromJson, runPrepared } from "./prepared-sql";

/** An enabled OCI connection by USERNAME (case-insensitive), or null. */
export async function getOciConnectionByUsername(username: string): Promise<PunchoutConnection | null> {
  const db = await database();
  const [row] = await db
    .select()
    .from(punchoutConnections)
    .where(and(eq(punchoutConnections.protocol, "oci"), eq(punchoutConnections.username, username.trim().toLowerCase())));
  return row ?? null;
}

/**
 * The cXML connections one of these From identities may belong to (identities are exact, PROTOCOLS.md
 * §2.2; the caller compares domains, To and Sender): found through the GIN index on the identities
 * (migration 0013), so authenticating reads the few candidates, not every customer's connection.
 */
export const cxmlFromIdentityFilter = (alias: string, param: string) =>
  `jsonb_path_query_array(${alias}."cxml_from", '$[*].identity') ?| ${param}::text[]`;

const CXML_AUTH_STATE = `select ${THROTTLE_ROWS_JSON} as "throttle",
  (select coalesce(jsonb_agg(to_jsonb(c) order by c."id"), '[]'::jsonb) from "punchout_connections" c
     where c."protocol" = 'cxml' and ${cxmlFromIdentityFilter("c", "$2")}) as "connections"`;

/**
 * What authenticating a cXML setup/profile request reads, in one statement (a prepared one; the
 * rows come back as JSON and are mapped like drizzle's): throttleStatus(keys) and the cXML connections
 * whose From credentials hold one of `fromIdentities` (the caller matches From/To/Sender in full).
 */
export async function cxmlAuthState(
  keys: string[],
  fromIdentities: string[],
  now: Date,
): Promise<{ throttle: ThrottleStatus; connections: PunchoutConnection[] }> {
  const [row] = await runPrepared<{ throttle: unknown; connections: unknown }>(await database(), CXML_AUTH_STATE, [keys, fromIdentities]);
  return {
    throttle: throttleStatusFromJson(row?.throttle, now),
    connections: jsonValue<unknown[]>(row?.connections ?? []).map((c) => rowFromJson(punchoutConnections, c)),
  };
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
