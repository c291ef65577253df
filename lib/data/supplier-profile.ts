import "server-only";
import { eq, sql } from "drizzle-orm";
import { companies, supplierProfile, type NewSupplierProfile, type SupplierProfile } from "@/db/schema";
import { deliveryTermsOf, NO_DELIVERY_CHARGE, type DeliveryTerms } from "@/lib/pricing/delivery-charge";
import { database } from "./database";
import { preparedStatement } from "./prepared-sql";

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

// Prepared: every cart page and checkout reads it (issue 8's cart scenario).
const deliveryTermsOfCompany = preparedStatement((db) =>
  db
    .select({
      deliveryChargeMode: companies.deliveryChargeMode,
      deliveryChargeMinor: companies.deliveryChargeMinor,
      freeDeliveryFromMinor: companies.freeDeliveryFromMinor,
      supplierChargeMinor: supplierProfile.deliveryChargeMinor,
      supplierFreeFromMinor: supplierProfile.freeDeliveryFromMinor,
    })
    .from(companies)
    .leftJoin(supplierProfile, eq(supplierProfile.id, 1))
    .where(eq(companies.id, sql.placeholder("companyId")))
    .prepare("delivery_terms_of_company"),
);

/** A customer's delivery terms on web orders (its own, none, or the supplier profile's), in one statement. */
export async function readDeliveryTerms(companyId: number): Promise<DeliveryTerms> {
  const [row] = await (await deliveryTermsOfCompany()).execute({ companyId });
  if (!row) return NO_DELIVERY_CHARGE;
  const supplier = row.supplierChargeMinor === null ? null : { deliveryChargeMinor: row.supplierChargeMinor, freeDeliveryFromMinor: row.supplierFreeFromMinor };
  return deliveryTermsOf(row, supplier);
}

/** Sets the supplier's delivery charge terms; false when there is no supplier profile yet. */
export async function updateSupplierDeliveryCharges(
  terms: { deliveryChargeMinor: number; freeDeliveryFromMinor: number | null },
  now: Date,
): Promise<boolean> {
  const db = await database();
  const updated = await db
    .update(supplierProfile)
    .set({ ...terms, updatedAt: now })
    .where(eq(supplierProfile.id, 1))
    .returning({ id: supplierProfile.id });
  return updated.length > 0;
}
