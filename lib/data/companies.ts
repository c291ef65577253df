import "server-only";
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { addresses, addressUsers, companies, users, type Address, type Company } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { database } from "./database";
import { q } from "./sql";

export async function getCompany(companyId: number): Promise<Company | null> {
  const db = await database();
  const [row] = await db.select().from(companies).where(eq(companies.id, companyId));
  return row ?? null;
}

/** A company's addresses of one kind, default first. */
export async function listCompanyAddresses(companyId: number, kind: Address["kind"]): Promise<Address[]> {
  const db = await database();
  return db
    .select()
    .from(addresses)
    .where(and(eq(addresses.companyId, companyId), eq(addresses.kind, kind)))
    .orderBy(desc(addresses.isDefault), asc(addresses.label), asc(addresses.id));
}

/** A ship-to address with who may have orders delivered there (empty: everybody at the company). */
export interface ShipToAddress extends Address {
  userIds: number[];
}

const addressUserIdsSql = sql<number[]>`coalesce((select array_agg(${q(addressUsers.userId)} order by ${q(addressUsers.userId)}) from ${addressUsers} where ${q(addressUsers.addressId)} = ${q(addresses.id)}), '{}')`;

/** The company's ship-to addresses, default first, each with who may use it. */
export async function listShipToAddresses(companyId: number): Promise<ShipToAddress[]> {
  const db = await database();
  const rows = await db
    .select({ address: addresses, userIds: addressUserIdsSql })
    .from(addresses)
    .where(and(eq(addresses.companyId, companyId), eq(addresses.kind, "ship_to")))
    .orderBy(desc(addresses.isDefault), asc(addresses.label), asc(addresses.id));
  return rows.map(({ address, userIds }) => ({ ...address, userIds: userIds.map(Number) }));
}

/** One of the company's ship-to addresses with who may use it, or null (another company's, a bill-to address, none). */
export async function getShipToAddress(companyId: number, addressId: number): Promise<ShipToAddress | null> {
  const db = await database();
  const [row] = await db
    .select({ address: addresses, userIds: addressUserIdsSql })
    .from(addresses)
    .where(and(eq(addresses.companyId, companyId), eq(addresses.id, addressId), eq(addresses.kind, "ship_to")));
  return row ? { ...row.address, userIds: row.userIds.map(Number) } : null;
}

/**
 * Replaces who may use a ship-to address (empty: everybody), at once; false when the company has no
 * such ship-to address. Users of other companies (or staff) are refused whole.
 */
export async function setAddressUsers(companyId: number, addressId: number, userIds: number[]): Promise<boolean> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [address] = await tx
      .select({ id: addresses.id })
      .from(addresses)
      .where(and(eq(addresses.companyId, companyId), eq(addresses.id, addressId), eq(addresses.kind, "ship_to")))
      .for("update");
    if (!address) return false;
    await tx.delete(addressUsers).where(eq(addressUsers.addressId, addressId));
    if (userIds.length === 0) return true;
    const own = await tx.select({ id: users.id }).from(users).where(and(eq(users.companyId, companyId), inArray(users.id, userIds)));
    if (own.length !== new Set(userIds).size) throw new AppError("invalid_input", "unknown_user", { field: "userIds" });
    await tx.insert(addressUsers).values(own.map((user) => ({ addressId, userId: user.id })));
    return true;
  });
}

/** Per ship-to address of the company that is limited to some users: their names (for staff's read-only view). */
export async function listAddressLimits(companyId: number): Promise<Map<number, string[]>> {
  const db = await database();
  const rows = await db
    .select({ addressId: addressUsers.addressId, name: users.name })
    .from(addressUsers)
    .innerJoin(addresses, eq(addresses.id, addressUsers.addressId))
    .innerJoin(users, eq(users.id, addressUsers.userId))
    .where(eq(addresses.companyId, companyId))
    .orderBy(asc(users.name));
  const limits = new Map<number, string[]>();
  for (const row of rows) limits.set(row.addressId, [...(limits.get(row.addressId) ?? []), row.name]);
  return limits;
}

/** The ship-to address the checkout chooses for a user (their company admin's choice), or null. */
export async function getDefaultShipToAddressId(userId: number): Promise<number | null> {
  const db = await database();
  const [row] = await db.select({ id: users.defaultShipToAddressId }).from(users).where(eq(users.id, userId));
  return row?.id ?? null;
}

/** Sets (or clears) a user's default ship-to address; false when the user or the address is not the company's. */
export async function setDefaultShipToAddress(companyId: number, userId: number, addressId: number | null): Promise<boolean> {
  const db = await database();
  const addressOfCompany =
    addressId === null
      ? sql`true`
      : sql`exists (select 1 from ${addresses} where ${q(addresses.id)} = ${addressId} and ${q(addresses.companyId)} = ${companyId} and ${q(addresses.kind)} = 'ship_to')`;
  const updated = await db
    .update(users)
    .set({ defaultShipToAddressId: addressId })
    .where(and(eq(users.id, userId), eq(users.companyId, companyId), addressOfCompany))
    .returning({ id: users.id });
  return updated.length > 0;
}

/** Each user's default ship-to address at the company (for the users page). */
export async function listDefaultShipToAddresses(companyId: number): Promise<Map<number, number>> {
  const db = await database();
  const rows = await db
    .select({ userId: users.id, addressId: users.defaultShipToAddressId })
    .from(users)
    .where(and(eq(users.companyId, companyId), sql`${users.defaultShipToAddressId} is not null`));
  return new Map(rows.map((row) => [row.userId, row.addressId!]));
}

/** An address only if it belongs to the company (ids from forms are never trusted). */
export async function getCompanyAddress(companyId: number, addressId: number): Promise<Address | null> {
  const db = await database();
  const [row] = await db
    .select()
    .from(addresses)
    .where(and(eq(addresses.companyId, companyId), eq(addresses.id, addressId)));
  return row ?? null;
}

/** Whether the company's web orders must carry a purchase-order number (companies.po_number_required). */
export async function isPoNumberRequired(companyId: number): Promise<boolean> {
  const db = await database();
  const [row] = await db.select({ required: companies.poNumberRequired }).from(companies).where(eq(companies.id, companyId));
  return row?.required ?? false;
}

/** Sets whether the company's web orders must carry a PO number; false when there is no such company. */
export async function setPoNumberRequired(companyId: number, required: boolean): Promise<boolean> {
  const db = await database();
  const updated = await db.update(companies).set({ poNumberRequired: required }).where(eq(companies.id, companyId)).returning({ id: companies.id });
  return updated.length > 0;
}
