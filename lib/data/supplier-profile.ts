import "server-only";
import { eq } from "drizzle-orm";
import { supplierProfile, type NewSupplierProfile, type SupplierProfile } from "@/db/schema";
import { database } from "./database";

/** Our own company's invoicing master data: the single supplier_profile row (id 1), or null before it is filled in. */
export async function getSupplierProfile(): Promise<SupplierProfile | null> {
  const db = await database();
  const [row] = await db.select().from(supplierProfile).where(eq(supplierProfile.id, 1));
  return row ?? null;
}

export type SupplierProfileDetails = Omit<NewSupplierProfile, "id" | "updatedAt">;

/** Creates or replaces the supplier profile (always row 1); `now` stamps updatedAt. */
export async function upsertSupplierProfile(details: SupplierProfileDetails, now: Date): Promise<SupplierProfile> {
  const db = await database();
  const values = { ...details, id: 1, updatedAt: now };
  const [row] = await db
    .insert(supplierProfile)
    .values(values)
    .onConflictDoUpdate({ target: supplierProfile.id, set: { ...details, updatedAt: now } })
    .returning();
  if (!row) throw new Error("supplier profile upsert returned nothing");
  return row;
}
