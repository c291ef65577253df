import type { DatabaseHandle } from "@/db/client";
import { accountManagerCustomers, productPurchasePrices, products, users } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { TEST_PASSWORD_HASH } from "./fixtures";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A staff member as the guards return them (role admin or account_manager, no company). */
export async function createStaff(
  handle: DatabaseHandle,
  role: "admin" | "account_manager",
  customers: number[] = [],
): Promise<StaffUser> {
  const id = unique();
  const [user] = await handle.db
    .insert(users)
    // A password (hash) so the member can have a session at all: sessions are bound to it.
    .values({ email: `${role}-${id}@koppel.test`, name: `${role === "admin" ? "Admin" : "Manager"} ${id}`, role, companyId: null, passwordHash: TEST_PASSWORD_HASH })
    .returning();
  if (customers.length) {
    await handle.db.insert(accountManagerCustomers).values(customers.map((companyId) => ({ staffUserId: user!.id, companyId })));
  }
  return {
    id: user!.id,
    email: user!.email,
    name: user!.name,
    role,
    companyId: null,
    companyName: null,
    locale: "nl",
    orderLimitMinor: null,
    punchout: null,
    impersonatedBy: null,
  } as StaffUser;
}

/** Many products at once (batched inserts), e.g. for 50,000-row imports. Returns id and SKU in SKU order. */
export async function createProducts(
  handle: DatabaseHandle,
  categoryId: number,
  count: number,
  options: { prefix?: string; listPriceMinor?: (i: number) => number; costMinor?: (i: number) => number | null } = {},
): Promise<{ id: number; sku: string; listPriceMinor: number }[]> {
  const prefix = options.prefix ?? `BULK-${unique()}-`;
  const created: { id: number; sku: string; listPriceMinor: number }[] = [];
  for (let start = 0; start < count; start += 1000) {
    const batch = Array.from({ length: Math.min(1000, count - start) }, (_, k) => {
      const i = start + k;
      return {
        sku: `${prefix}${String(i).padStart(6, "0")}`,
        categoryId,
        nameNl: `Bulkartikel ${i}`,
        nameEn: `Bulk item ${i}`,
        descriptionNl: "-",
        descriptionEn: "-",
        brand: "Bulk",
        manufacturer: "Bulk",
        manufacturerPartNumber: `B${i}`,
        unit: "EA",
        listPriceMinor: options.listPriceMinor?.(i) ?? 1000 + (i % 500),
        vatRateBasisPoints: 2100,
        stock: 10,
      };
    });
    const rows = await handle.db.insert(products).values(batch).returning({ id: products.id, sku: products.sku, listPriceMinor: products.listPriceMinor });
    created.push(...rows);
    if (options.costMinor) {
      const costs = rows.flatMap((row, k) => {
        const cost = options.costMinor!(start + k);
        return cost === null ? [] : [{ productId: row.id, costMinor: cost }];
      });
      if (costs.length) await handle.db.insert(productPurchasePrices).values(costs);
    }
  }
  return created;
}
