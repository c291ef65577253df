import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { accountRequests, addresses, costCenters, favoriteListLines, favoriteLists, products, quoteLines, quotes, standingOrders, users } from "../schema";

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
  // The shared list is also a standing order: every four weeks, the first a week after the seed.
  const [shipTo] = await tx
    .select({ id: addresses.id })
    .from(addresses)
    .where(and(eq(addresses.companyId, companyId), eq(addresses.kind, "ship_to")))
    .orderBy(addresses.id)
    .limit(1);
  const firstRun = new Date(now.getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
  await tx.insert(standingOrders).values({
    companyId,
    listId: shared!.id,
    ownerUserId: admin.id,
    intervalWeeks: 4,
    nextRunOn: firstRun,
    shipToAddressId: shipTo?.id ?? null,
    poNumber: "RAAMCONTRACT-2026",
    costCenter: null,
    note: null,
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * Two quotes for buyer@demo.test, so both sides of the quote flow have something to show: one
 * answered by the demo account manager (valid 30 days from the seed), one open request in the
 * manager's inbox (/admin/quotes).
 */
export async function insertDemoQuotes(tx: Db, companyId: number, plainSkus: string[], now: Date): Promise<void> {
  const people = await tx.select({ id: users.id, email: users.email }).from(users).where(inArray(users.email, ["buyer@demo.test", "manager@demo.test"]));
  const buyer = people.find((p) => p.email === "buyer@demo.test");
  const manager = people.find((p) => p.email === "manager@demo.test");
  const wanted = plainSkus.slice(3, 6);
  if (!buyer || !manager || wanted.length < 3) return;
  const rows = await tx.select({ id: products.id, sku: products.sku, listPriceMinor: products.listPriceMinor }).from(products).where(inArray(products.sku, wanted));
  const bySku = new Map(rows.map((r) => [r.sku, r]));
  const [first, second, third] = wanted.map((sku) => bySku.get(sku)!);
  const validUntil = new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  const [answered] = await tx
    .insert(quotes)
    .values({
      companyId,
      requestedBy: buyer.id,
      status: "quoted",
      buyerComment: "Jaarafname voor alle vestigingen: graag een scherpe prijs.",
      staffComment: "Levering in twee delen mogelijk.",
      validUntil,
      quotedBy: manager.id,
      quotedAt: now,
      createdAt: new Date(now.getTime() - 2 * 86_400_000),
    })
    .returning({ id: quotes.id });
  await tx.insert(quoteLines).values([
    { quoteId: answered!.id, lineNumber: 1, productId: first!.id, quantity: 50, requestedUnitPriceMinor: first!.listPriceMinor, quotedUnitPriceMinor: Math.round(first!.listPriceMinor * 0.85) },
    { quoteId: answered!.id, lineNumber: 2, productId: second!.id, quantity: 20, requestedUnitPriceMinor: second!.listPriceMinor, quotedUnitPriceMinor: Math.round(second!.listPriceMinor * 0.9) },
  ]);
  const [open] = await tx
    .insert(quotes)
    .values({ companyId, requestedBy: buyer.id, status: "requested", buyerComment: "Wat kost dit bij 200 stuks?", createdAt: now })
    .returning({ id: quotes.id });
  await tx.insert(quoteLines).values({ quoteId: open!.id, lineNumber: 1, productId: third!.id, quantity: 200, requestedUnitPriceMinor: third!.listPriceMinor });
}

/**
 * The demo company's cost centres: two with a budget (a quarter's and a month's), one without, so
 * the checkout's choice and the budget's approval are demoable; choosing one stays optional.
 */
export async function insertDemoCostCenters(tx: Db, companyId: number, now: Date): Promise<void> {
  await tx.insert(costCenters).values([
    { companyId, code: "4100", name: "Facilitair beheer", budgetMinor: 750_000, budgetPeriod: "quarter", createdAt: now, updatedAt: now },
    { companyId, code: "4200", name: "ICT", budgetMinor: 150_000, budgetPeriod: "month", createdAt: now, updatedAt: now },
    { companyId, code: "4300", name: "Schoonmaak", budgetMinor: null, budgetPeriod: "month", createdAt: now, updatedAt: now },
  ]);
}

/**
 * Two open account requests: one from a new organisation, so the staff's queue
 * (/admin/account-requests) is demoable, and one from a new colleague at the demo company's e-mail
 * domain, which its company admin decides under Users (lib/account/join-requests.ts).
 */
export async function insertDemoAccountRequests(tx: Db, now: Date): Promise<void> {
  await tx.insert(accountRequests).values([
    {
      companyName: "Kinderopvang De Vlinder B.V.",
      kvkNumber: "87654321",
      vatId: "NL862345678B01",
      countryCode: "NL",
      street: "Lindelaan 14",
      postalCode: "3818 KL",
      city: "Amersfoort",
      contactName: "Ilse Verbeek",
      email: "inkoop@devlinder.test",
      phone: "033 123 45 67",
      message: "Wij zoeken een vaste leverancier voor schoonmaak- en hygiëneartikelen voor onze vier locaties.",
      locale: "nl",
      createdAt: now,
      updatedAt: now,
    },
    {
      companyName: "Demo Facilities",
      kvkNumber: "68750110",
      vatId: null,
      countryCode: "NL",
      street: "Stationsplein 9",
      postalCode: "3818 LE",
      city: "Amersfoort",
      contactName: "Lotte Smit",
      email: "lotte.smit@demo.test",
      phone: null,
      message: "Ik ben de nieuwe teamleider facilitair op de vestiging Amersfoort.",
      locale: "nl",
      createdAt: now,
      updatedAt: now,
    },
  ]);
}
