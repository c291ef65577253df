import { inArray } from "drizzle-orm";
import type { Db } from "../client";
import { favoriteListLines, favoriteLists, products, users } from "../schema";

/**
 * Demo favorites lists (issue 7): a list shared with all of Demo Facilities B.V., kept by the
 * company admin, and a private list of the buyer. Products are the seed's contract and plain SKUs.
 */
export async function insertDemoFavorites(tx: Db, companyId: number, skus: { contract: string[]; plain: string[] }, now: Date): Promise<void> {
  const people = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, ["companyadmin@demo.test", "buyer@demo.test"]));
  const admin = people.find((p) => p.email === "companyadmin@demo.test");
  const buyer = people.find((p) => p.email === "buyer@demo.test");
  if (!admin || !buyer) return;
  const wanted = [...skus.contract.slice(0, 4), ...skus.plain.slice(0, 3)];
  const rows = wanted.length ? await tx.select({ id: products.id, sku: products.sku }).from(products).where(inArray(products.sku, wanted)) : [];
  const idOf = new Map(rows.map((r) => [r.sku, r.id]));

  const [shared] = await tx
    .insert(favoriteLists)
    .values({ companyId, ownerUserId: admin.id, name: "Kantoorvoorraad (gedeeld)", shared: true, createdAt: now, updatedAt: now })
    .returning({ id: favoriteLists.id });
  const [own] = await tx
    .insert(favoriteLists)
    .values({ companyId, ownerUserId: buyer.id, name: "Mijn vaste artikelen", shared: false, createdAt: now, updatedAt: now })
    .returning({ id: favoriteLists.id });
  const lines = (listId: number, list: string[], notes: (string | null)[]) =>
    list.flatMap((sku, index) => {
      const productId = idOf.get(sku);
      return productId === undefined ? [] : [{ listId, productId, defaultQuantity: index + 1, note: notes[index] ?? null, position: index + 1, addedAt: now }];
    });
  const values = [
    ...lines(shared!.id, skus.contract.slice(0, 4), ["Voor alle vestigingen", null, "Maandelijks", null]),
    ...lines(own!.id, skus.plain.slice(0, 3), [null, null, null]),
  ];
  if (values.length) await tx.insert(favoriteListLines).values(values);
}
