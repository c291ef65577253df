import "server-only";
import { and, asc, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { companies, punchoutConnections, type NewPunchoutConnection, type PunchoutConnection } from "@/db/schema";
import type { Assortment } from "@/lib/catalog/assortment";
import { managedBy } from "./customers";
import { database } from "./database";
import { containsPattern } from "./sql";
import { THROTTLE_ROWS_JSON, throttleStatusFromJson, type ThrottleStatus } from "./login-throttle";
import { jsonValue, rowFromJson, runPrepared } from "./prepared-sql";

/** An OCI connection with what its background functions need to know of the customer. */
export interface OciConnection extends PunchoutConnection {
  /**
   * The customer's assortment (companies.assortment, lib/catalog/assortment.ts): VALIDATE,
   * BACKGROUND_SEARCH and QUANTITYCHECK answer without a shop session, so they cannot take it from a
   * user record. Read with the connection: no extra round trip on the entry.
   */
  companyAssortment: Assortment;
}

/** An OCI connection by USERNAME (case-insensitive), or null; the caller checks `enabled`. */
export async function getOciConnectionByUsername(username: string): Promise<OciConnection | null> {
  const db = await database();
  const [row] = await db
    .select({ connection: punchoutConnections, companyAssortment: companies.assortment })
    .from(punchoutConnections)
    .innerJoin(companies, eq(companies.id, punchoutConnections.companyId))
    .where(and(eq(punchoutConnections.protocol, "oci"), eq(punchoutConnections.username, username.trim().toLowerCase())));
  return row ? { ...row.connection, companyAssortment: row.companyAssortment } : null;
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
  const [row] = await runPrepared<{ throttle: unknown; connections: unknown }>(CXML_AUTH_STATE, [keys, fromIdentities]);
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

/**
 * Connections for the staff list, ordered by customer and name: scoped to an account manager's
 * customers unless `managerId` is null, searched (case-insensitive, anywhere) in the customer's name,
 * the connection's name and preset, the OCI USERNAME and the cXML From and Sender identities, one
 * page at a time when `limit` is given. A supplier behind a network hub has a connection per customer.
 */
export async function searchPunchoutConnections(options: {
  managerId: number | null;
  /** Only this customer's connections. */
  companyId?: number;
  query?: string;
  offset?: number;
  limit?: number;
}): Promise<{ items: ConnectionListRow[]; total: number }> {
  const db = await database();
  const conditions: SQL[] = [];
  if (options.managerId !== null) conditions.push(managedBy(punchoutConnections.companyId, options.managerId));
  if (options.companyId !== undefined) conditions.push(eq(punchoutConnections.companyId, options.companyId));
  const query = options.query?.trim().slice(0, 100);
  if (query) {
    const like = containsPattern(query);
    const identities = (column: typeof punchoutConnections.cxmlFrom | typeof punchoutConnections.cxmlSender) =>
      sql`exists (select 1 from jsonb_array_elements(${column}) e where e->>'identity' ilike ${like})`;
    conditions.push(
      or(
        ilike(companies.name, like),
        ilike(punchoutConnections.name, like),
        ilike(punchoutConnections.presetId, like),
        ilike(punchoutConnections.username, like),
        identities(punchoutConnections.cxmlFrom),
        identities(punchoutConnections.cxmlSender),
      )!,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const page = db
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
    .where(where)
    .orderBy(asc(companies.name), asc(punchoutConnections.name), asc(punchoutConnections.id));
  if (options.limit === undefined) {
    const items = await page;
    return { items, total: items.length };
  }
  const [items, [counted]] = await Promise.all([
    page.limit(options.limit).offset(options.offset ?? 0),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(punchoutConnections)
      .innerJoin(companies, eq(companies.id, punchoutConnections.companyId))
      .where(where),
  ]);
  return { items, total: counted?.total ?? 0 };
}

/** Name and customer of these connections, by id (for lists that show a connection per row). */
export async function getConnectionLabels(ids: number[]): Promise<Map<number, { name: string; companyName: string }>> {
  if (ids.length === 0) return new Map();
  const db = await database();
  const rows = await db
    .select({ id: punchoutConnections.id, name: punchoutConnections.name, companyName: companies.name })
    .from(punchoutConnections)
    .innerJoin(companies, eq(companies.id, punchoutConnections.companyId))
    .where(inArray(punchoutConnections.id, [...new Set(ids)]));
  return new Map(rows.map(({ id, ...label }) => [id, label]));
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

/** What a customer's cXML systems address us as (their connections' To identities), enabled ones first. */
export async function cxmlIdentitiesOfCustomer(companyId: number): Promise<Pick<PunchoutConnection, "cxmlTo">[]> {
  const db = await database();
  return db
    .select({ cxmlTo: punchoutConnections.cxmlTo })
    .from(punchoutConnections)
    .where(and(eq(punchoutConnections.companyId, companyId), eq(punchoutConnections.protocol, "cxml")))
    .orderBy(desc(punchoutConnections.enabled), asc(punchoutConnections.id));
}

/** The customer's punchout connections whose settings limit them to its contract assortment (lib/catalog/assortment.ts effectiveAssortment), by name. */
export async function listContractOnlyConnections(companyId: number): Promise<{ id: number; name: string; protocol: "oci" | "cxml" }[]> {
  const db = await database();
  return db
    .select({ id: punchoutConnections.id, name: punchoutConnections.name, protocol: punchoutConnections.protocol })
    .from(punchoutConnections)
    .where(and(eq(punchoutConnections.companyId, companyId), sql`${punchoutConnections.settings} ->> 'assortment' = 'contract'`))
    .orderBy(asc(punchoutConnections.name), asc(punchoutConnections.id));
}
