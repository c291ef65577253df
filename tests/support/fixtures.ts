import type { DatabaseHandle } from "@/db/client";
import {
  addresses,
  categories,
  companies,
  companyPriceLists,
  priceListEntries,
  priceLists,
  products,
  users,
  type NewProduct,
  type NewPriceListEntry,
} from "@/db/schema";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createCategory(handle: DatabaseHandle, overrides: Partial<typeof categories.$inferInsert> = {}) {
  const id = unique();
  const [row] = await handle.db
    .insert(categories)
    .values({ slug: `cat-${id}`, code: `C-${id}`, nameNl: "Papier", nameEn: "Paper", ...overrides })
    .returning();
  return row!;
}

export async function createProduct(handle: DatabaseHandle, categoryId: number, overrides: Partial<NewProduct> = {}) {
  const id = unique();
  const [row] = await handle.db
    .insert(products)
    .values({
      sku: `SKU-${id}`,
      categoryId,
      nameNl: `Artikel ${id}`,
      nameEn: `Item ${id}`,
      descriptionNl: "Omschrijving",
      descriptionEn: "Description",
      brand: "Testmerk",
      manufacturer: "Testfabriek",
      manufacturerPartNumber: `MPN-${id}`,
      unit: "EA",
      listPriceMinor: 1000,
      vatRateBasisPoints: 2100,
      stock: 100,
      ...overrides,
    })
    .returning();
  return row!;
}

/**
 * Stored password hash of fixture users. Tests never sign in with a password (next-request-mocks
 * stands in for auth()), but a session is bound to the user's current hash
 * (lib/auth/session-binding.ts), so a user needs one; this value never verifies any password.
 */
export const TEST_PASSWORD_HASH = "scrypt$16384$8$1$a29wcGVsLXRlc3Rz$placeholder-never-verified";

export async function createCompanyWithBuyer(handle: DatabaseHandle, role: "buyer" | "approver" | "company_admin" = "buyer") {
  const id = unique();
  const [company] = await handle.db.insert(companies).values({ name: `Klant ${id} B.V.`, kvkNumber: "12345678" }).returning();
  const [user] = await handle.db
    .insert(users)
    .values({ email: `buyer-${id}@example.test`, name: `Buyer ${id}`, role, companyId: company!.id, passwordHash: TEST_PASSWORD_HASH })
    .returning();
  const [shipTo] = await handle.db
    .insert(addresses)
    .values({
      companyId: company!.id,
      kind: "ship_to",
      label: "Hoofdkantoor",
      name: company!.name,
      street: "Stationsplein 1",
      postalCode: "1012 AB",
      city: "Amsterdam",
      isDefault: true,
    })
    .returning();
  await handle.db.insert(addresses).values({
    companyId: company!.id,
    kind: "bill_to",
    label: "Administratie",
    name: company!.name,
    street: "Postbus 10",
    postalCode: "1000 AA",
    city: "Amsterdam",
  });
  return { company: company!, user: user!, shipTo: shipTo!, buyer: { ...user!, companyId: company!.id, companyName: company!.name, punchout: null, impersonatedBy: null } };
}

export async function createPriceList(
  handle: DatabaseHandle,
  companyId: number,
  entries: Omit<NewPriceListEntry, "priceListId">[],
  options: { priority?: number; validFrom?: string | null; validTo?: string | null } = {},
) {
  const id = unique();
  const [list] = await handle.db
    .insert(priceLists)
    .values({ code: `PL-${id}`, name: `Contract ${id}`, validFrom: options.validFrom ?? null, validTo: options.validTo ?? null })
    .returning();
  if (entries.length) await handle.db.insert(priceListEntries).values(entries.map((e) => ({ ...e, priceListId: list!.id })));
  await handle.db.insert(companyPriceLists).values({ companyId, priceListId: list!.id, priority: options.priority ?? 10 });
  return list!;
}
