import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import { addresses, companies, type Address, type Company } from "@/db/schema";
import { database } from "./database";

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

/** An address only if it belongs to the company (ids from forms are never trusted). */
export async function getCompanyAddress(companyId: number, addressId: number): Promise<Address | null> {
  const db = await database();
  const [row] = await db
    .select()
    .from(addresses)
    .where(and(eq(addresses.companyId, companyId), eq(addresses.id, addressId)));
  return row ?? null;
}
