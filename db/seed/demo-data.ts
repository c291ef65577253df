import { eq } from "drizzle-orm";
import { calendarDate } from "../../lib/pricing/calendar-date";
import { DEMO_PUNCHOUT_SECRETS, insertDemoPunchout } from "./demo-punchout";
import { insertDemoAccountRequests, insertDemoCostCenters, insertDemoFavorites, insertDemoQuotes } from "./demo-account";
import { insertDemoInvoicing } from "./demo-invoicing";
import { insertDemoDocuments } from "./demo-documents";
import type { DatabaseHandle, Db } from "../client";
import {
  accountManagerCustomers,
  addresses,
  attributeDefinitions,
  categories,
  companies,
  companyPriceLists,
  priceListEntries,
  priceLists,
  productPurchasePrices,
  products,
  users,
  type NewAddress,
  type NewCompany,
  type NewPriceListEntry,
  type PriceListTier,
  type UserRole,
} from "../schema";
import { generateAttributeDefinitions, generateCategories, generateProducts, tierQuantities } from "./generate-catalog";
import { createRandom, deriveSeed, type Random } from "./random";

export interface SeedSummary {
  products: number;
  categories: number;
  companies: number;
  priceLists: number;
  logins: { email: string; password: string; role: string; company: string | null }[];
  /** In stock, orderable per 1, with a fixed Demo Facilities contract price and a tier from 10 units. */
  contractSkus: string[];
  /** In stock, orderable per 1, in none of Demo Facilities' price lists: they show the list price. */
  plainSkus: string[];
  /** Products with a minimum order quantity above 1. */
  minimumSkus: string[];
}

export interface SeedOptions {
  productCount?: number;
  seed?: number;
  hashPassword: (plain: string) => Promise<string>;
  now: Date;
}

export const DEMO_COMPANY = "Demo Facilities B.V.";

export async function isDatabaseSeeded(handle: DatabaseHandle): Promise<boolean> {
  const rows = await handle.db.select({ id: products.id }).from(products).limit(1);
  return rows.length > 0;
}

/** Fills an empty database with a deterministic demo shop, in one transaction so a failed seed leaves nothing behind. */
export async function seedDemoData(
  handle: DatabaseHandle,
  { productCount = 5000, seed = 42, hashPassword, now }: SeedOptions,
): Promise<SeedSummary> {
  const hashes = await Promise.all(LOGINS.map((login) => hashPassword(passwordOf(login.email))));
  const punchoutSecretHashes = await Promise.all(DEMO_PUNCHOUT_SECRETS.map(hashPassword));
  return handle.db.transaction(async (tx) => {
    const categoryIds = await insertCategories(tx);
    await insertAttributeDefinitions(tx, now);
    const catalog = await insertProducts(tx, categoryIds, productCount, seed, now);
    const companyIds = await insertCompanies(tx, now);
    await tx.insert(users).values(
      LOGINS.map((login, i) => ({
        email: login.email,
        name: login.name,
        passwordHash: hashes[i]!,
        role: login.role,
        companyId: login.company === null ? null : companyIds.get(login.company)!,
        locale: login.locale ?? "nl",
        orderLimitMinor: login.orderLimitMinor ?? null,
        createdAt: now,
      })),
    );
    await insertAccountManagement(tx, catalog, companyIds, createRandom(deriveSeed(seed, "purchase-prices")), now);
    const pricing = await insertPriceLists(tx, catalog, companyIds, createRandom(deriveSeed(seed, "price-lists")), now);
    await insertDemoPunchout(tx, companyIds.get(DEMO_COMPANY)!, punchoutSecretHashes, now);
    await insertDemoFavorites(tx, companyIds.get(DEMO_COMPANY)!, { contract: pricing.contractSkus, plain: pricing.plainSkus }, now);
    await insertDemoQuotes(tx, companyIds.get(DEMO_COMPANY)!, pricing.plainSkus, now);
    await insertDemoCostCenters(tx, companyIds.get(DEMO_COMPANY)!, now);
    await insertDemoAccountRequests(tx, now);
    await insertDemoInvoicing(tx, companyIds, now);
    await insertDemoDocuments(tx, now);
    return {
      products: catalog.length,
      categories: categoryIds.size,
      companies: companyIds.size,
      priceLists: pricing.priceLists,
      logins: LOGINS.map((login) => ({ email: login.email, password: passwordOf(login.email), role: login.role, company: login.company })),
      contractSkus: pricing.contractSkus,
      plainSkus: pricing.plainSkus,
      minimumSkus: catalog.filter((p) => p.minOrderQuantity > 1).slice(0, 5).map((p) => p.sku),
    };
  });
}

/** What the price lists need to know about a product, kept for the whole catalog (small even at 100k). */
interface CatalogItem {
  id: number;
  sku: string;
  categoryCode: string;
  listPriceMinor: number;
  minOrderQuantity: number;
  orderMultiple: number;
  stock: number;
}

async function insertCategories(tx: Db): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const rows = generateCategories();
  for (const level of [rows.filter((r) => r.parentCode === null), rows.filter((r) => r.parentCode !== null)]) {
    const inserted = await tx
      .insert(categories)
      .values(level.map(({ parentCode, ...row }) => ({ ...row, parentId: parentCode === null ? null : ids.get(parentCode)! })))
      .returning({ id: categories.id, code: categories.code });
    for (const { id, code } of inserted) ids.set(code, id);
  }
  return ids;
}

/**
 * A definition for every attribute key the generated catalogue uses. Keys already defined are left
 * as they are, so this also completes a database seeded before definitions existed (the benchmark
 * reuses its dataset) without overwriting names an administrator changed. Returns how many it added.
 */
export async function insertAttributeDefinitions(db: Db, now: Date = new Date()): Promise<number> {
  const inserted = await db
    .insert(attributeDefinitions)
    .values(generateAttributeDefinitions().map((row) => ({ ...row, updatedAt: now })))
    .onConflictDoNothing({ target: attributeDefinitions.key })
    .returning({ key: attributeDefinitions.key });
  return inserted.length;
}

async function insertProducts(tx: Db, categoryIds: Map<string, number>, productCount: number, seed: number, now: Date): Promise<CatalogItem[]> {
  const catalog: CatalogItem[] = [];
  for (const batch of generateProducts({ productCount, seed, batchSize: 1000 })) {
    const inserted = await tx
      .insert(products)
      .values(batch.map(({ categoryCode, ...product }) => ({ ...product, categoryId: categoryIds.get(categoryCode)!, updatedAt: now })))
      .returning({ id: products.id, sku: products.sku });
    const idBySku = new Map(inserted.map((row) => [row.sku, row.id]));
    for (const p of batch) {
      catalog.push({
        id: idBySku.get(p.sku)!,
        sku: p.sku,
        categoryCode: p.categoryCode,
        listPriceMinor: p.listPriceMinor,
        minOrderQuantity: p.minOrderQuantity,
        orderMultiple: p.orderMultiple,
        stock: p.stock,
      });
    }
  }
  return catalog;
}

// ---------------------------------------------------------------------------------------------
// Customers and logins

interface CompanySpec {
  company: NewCompany;
  addresses: Omit<NewAddress, "companyId">[];
}

const nl = (kvk: string, vatDigits: string) => ({
  kvkNumber: kvk,
  vatId: `NL${vatDigits}B01`,
  peppolScheme: "0106",
  peppolId: kvk,
  countryCode: "NL",
});

const address = (
  kind: "bill_to" | "ship_to",
  label: string,
  name: string,
  street: string,
  postalCode: string,
  city: string,
  extra: Partial<NewAddress> = {},
): Omit<NewAddress, "companyId"> => ({ kind, label, name, street, postalCode, city, countryCode: "NL", isDefault: false, attention: null, ...extra });

const WATERLAND = "Gemeente Waterland";
/** What Waterland's tender covers: its framework agreement prices these categories' products, and nothing else. */
const WATERLAND_TENDER_CATEGORIES = new Set(["OFF-PAP", "OFF-PEN", "OFF-SMA", "OFF-NTB", "CLN-PAP", "CLN-HYG", "CLN-BAG"]);

const COMPANIES: CompanySpec[] = [
  {
    company: { name: DEMO_COMPANY, ...nl("68750110", "857426199"), paymentTermsDays: 30, deliveryTerms: "DAP" },
    addresses: [
      address("bill_to", "Crediteurenadministratie", DEMO_COMPANY, "Catharijnesingel 112", "3511 GP", "Utrecht", { attention: "Crediteurenadministratie", isDefault: true }),
      address("ship_to", "Hoofdkantoor Utrecht", DEMO_COMPANY, "Catharijnesingel 112", "3511 GP", "Utrecht", { attention: "Facilitaire dienst", isDefault: true, externalId: "DF-UTR" }),
      address("ship_to", "Magazijn Nieuwegein", DEMO_COMPANY, "Ravenswade 54", "3439 LD", "Nieuwegein", { attention: "Goederenontvangst", externalId: "DF-NWG" }),
      address("ship_to", "Vestiging Amersfoort", DEMO_COMPANY, "Stationsplein 9", "3818 LE", "Amersfoort", { externalId: "DF-AMF" }),
    ],
  },
  {
    company: { name: "Stichting Zorggroep Rijnstreek", ...nl("41165924", "815364027"), paymentTermsDays: 45, deliveryTerms: "DAP" },
    addresses: [
      address("bill_to", "Financiële administratie", "Stichting Zorggroep Rijnstreek", "Postbus 2150", "2400 CD", "Alphen aan den Rijn", { isDefault: true }),
      address("ship_to", "Woonzorgcentrum De Zijlhof", "Zorggroep Rijnstreek", "Zijlsingel 41", "2315 KD", "Leiden", { isDefault: true, externalId: "ZR-ZIJL" }),
      address("ship_to", "Verpleeghuis Rijnoord", "Zorggroep Rijnstreek", "Prins Bernhardlaan 88", "2405 VT", "Alphen aan den Rijn", { externalId: "ZR-RIJN" }),
    ],
  },
  {
    company: { name: "Stichting Openbaar Onderwijs Amstelland", ...nl("34215478", "804177351"), paymentTermsDays: 30, deliveryTerms: "DAP" },
    addresses: [
      address("bill_to", "Bestuursbureau", "Stichting Openbaar Onderwijs Amstelland", "Dorpsstraat 24", "1182 JE", "Amstelveen", { isDefault: true }),
      address("ship_to", "Amstelland College", "Amstelland College", "Keizer Karelweg 301", "1181 RL", "Amstelveen", { isDefault: true, attention: "Conciërge" }),
      address("ship_to", "OBS De Regenboog", "OBS De Regenboog", "Populierenlaan 7", "1185 SG", "Amstelveen"),
    ],
  },
  {
    company: { name: "Bouwbedrijf Van der Meer & Zonen B.V.", ...nl("05067213", "862031485"), paymentTermsDays: 14, deliveryTerms: "EXW" },
    addresses: [
      address("bill_to", "Administratie", "Bouwbedrijf Van der Meer & Zonen B.V.", "Ceintuurbaan 15", "8024 AA", "Zwolle", { isDefault: true }),
      address("ship_to", "Werkplaats Zwolle", "Van der Meer & Zonen", "Ceintuurbaan 15", "8024 AA", "Zwolle", { isDefault: true }),
      address("ship_to", "Bouwplaats Kampen", "Van der Meer & Zonen", "Oudestraat 140", "8261 CW", "Kampen", { attention: "Uitvoerder" }),
    ],
  },
  {
    company: { name: "Noordlab Analyses B.V.", ...nl("02089634", "829645706"), paymentTermsDays: 30, deliveryTerms: "DAP" },
    addresses: [
      address("bill_to", "Administratie", "Noordlab Analyses B.V.", "Zernikelaan 8", "9747 AA", "Groningen", { isDefault: true }),
      address("ship_to", "Laboratorium Zernike", "Noordlab Analyses B.V.", "Zernikelaan 8", "9747 AA", "Groningen", { isDefault: true, attention: "Labmagazijn" }),
      address("ship_to", "Monsterpunt Assen", "Noordlab Analyses B.V.", "Industrieweg 31", "9403 AB", "Assen"),
    ],
  },
  {
    company: {
      name: "Facilitas Antwerpen NV",
      kvkNumber: "0412345614",
      vatId: "BE0412345614",
      peppolScheme: "0208",
      peppolId: "0412345614",
      countryCode: "BE",
      paymentTermsDays: 30,
      deliveryTerms: "DAP",
    },
    addresses: [
      address("bill_to", "Boekhouding", "Facilitas Antwerpen NV", "Mechelsesteenweg 120", "2018", "Antwerpen", { isDefault: true, countryCode: "BE" }),
      address("ship_to", "Kantoor Antwerpen", "Facilitas Antwerpen NV", "Mechelsesteenweg 120", "2018", "Antwerpen", { isDefault: true, countryCode: "BE" }),
      address("ship_to", "Depot Breda", "Facilitas Antwerpen NV", "Minervum 7061", "4817 ZK", "Breda"),
    ],
  },
  {
    company: {
      name: "Niederrhein Labordienste GmbH",
      kvkNumber: "HRB 81234",
      vatId: "DE812345673",
      peppolScheme: "9930",
      peppolId: "DE812345673",
      countryCode: "DE",
      paymentTermsDays: 30,
      deliveryTerms: "DAP",
    },
    addresses: [
      address("bill_to", "Buchhaltung", "Niederrhein Labordienste GmbH", "Königsallee 60", "40212", "Düsseldorf", { isDefault: true, countryCode: "DE" }),
      address("ship_to", "Labor Düsseldorf", "Niederrhein Labordienste GmbH", "Königsallee 60", "40212", "Düsseldorf", { isDefault: true, countryCode: "DE" }),
      address("ship_to", "Labor Krefeld", "Niederrhein Labordienste GmbH", "Ostwall 150", "47798", "Krefeld", { countryCode: "DE" }),
    ],
  },
  {
    // A public body buying under a tendered framework agreement: it may order only what the tender
    // covers, so its assortment is its contract (lib/catalog/assortment.ts).
    company: { name: WATERLAND, ...nl("34370380", "801456277"), paymentTermsDays: 30, deliveryTerms: "DAP", assortment: "contract" },
    addresses: [
      address("bill_to", "Crediteurenadministratie", WATERLAND, "Postbus 1000", "1140 BA", "Monnickendam", { isDefault: true }),
      address("ship_to", "Gemeentehuis", WATERLAND, "Galgeriet 1", "1141 SH", "Monnickendam", { isDefault: true, attention: "Facilitaire zaken" }),
      address("ship_to", "Gemeentewerf", WATERLAND, "Hemmeland 5", "1141 VZ", "Monnickendam"),
    ],
  },
];

interface LoginSpec {
  email: string;
  name: string;
  role: UserRole;
  company: string | null;
  locale?: "nl" | "en";
  orderLimitMinor?: number;
}

const LOGINS: LoginSpec[] = [
  // The buyer's limit makes larger orders go to the approver, so the approval flow is demoable.
  { email: "buyer@demo.test", name: "Sanne de Vries", role: "buyer", company: DEMO_COMPANY, orderLimitMinor: 250_000 },
  { email: "approver@demo.test", name: "Pieter Jansen", role: "approver", company: DEMO_COMPANY },
  { email: "companyadmin@demo.test", name: "Fatima El Amrani", role: "company_admin", company: DEMO_COMPANY },
  { email: "manager@demo.test", name: "Ruud Verhoeven", role: "account_manager", company: null },
  { email: "admin@koppel.test", name: "Koppel Beheer", role: "admin", company: null, locale: "en" },
  { email: "inkoop@zorggroep-rijnstreek.test", name: "Monique Bakker", role: "buyer", company: "Stichting Zorggroep Rijnstreek" },
  { email: "f.bakker@zorggroep-rijnstreek.test", name: "Frank Bakker", role: "approver", company: "Stichting Zorggroep Rijnstreek" },
  { email: "facilitair@soo-amstelland.test", name: "Kees Hoekstra", role: "buyer", company: "Stichting Openbaar Onderwijs Amstelland" },
  { email: "directie@soo-amstelland.test", name: "Anouk Smit", role: "company_admin", company: "Stichting Openbaar Onderwijs Amstelland" },
  { email: "werkvoorbereiding@vandermeer-bouw.test", name: "Henk van der Meer", role: "buyer", company: "Bouwbedrijf Van der Meer & Zonen B.V." },
  { email: "m.visser@noordlab.test", name: "Marieke Visser", role: "buyer", company: "Noordlab Analyses B.V." },
  { email: "labmanager@noordlab.test", name: "Jeroen Mulder", role: "approver", company: "Noordlab Analyses B.V." },
  { email: "aankoop@facilitas.test", name: "Lies Peeters", role: "buyer", company: "Facilitas Antwerpen NV" },
  { email: "einkauf@niederrhein-labor.test", name: "Jonas Becker", role: "buyer", company: "Niederrhein Labordienste GmbH", locale: "en" },
  { email: "inkoop@waterland.test", name: "Ilse de Boer", role: "buyer", company: WATERLAND },
];

const passwordOf = (email: string) => `demo-${email.slice(0, email.indexOf("@"))}`;

async function insertCompanies(tx: Db, now: Date): Promise<Map<string, number>> {
  const inserted = await tx
    .insert(companies)
    .values(COMPANIES.map((c) => ({ ...c.company, createdAt: now })))
    .returning({ id: companies.id, name: companies.name });
  const ids = new Map(inserted.map((row) => [row.name, row.id]));
  await tx.insert(addresses).values(COMPANIES.flatMap((c) => c.addresses.map((a) => ({ ...a, companyId: ids.get(c.company.name)! }))));
  return ids;
}

// ---------------------------------------------------------------------------------------------
// Account management: who looks after which customer, and purchase prices for margin indications

/** manager@demo.test looks after Demo Facilities and about half of the other customers; admins see all. */
const MANAGED_BY_DEMO_MANAGER = [DEMO_COMPANY, "Stichting Zorggroep Rijnstreek", "Bouwbedrijf Van der Meer & Zonen B.V.", "Noordlab Analyses B.V.", WATERLAND];

async function insertAccountManagement(tx: Db, catalog: CatalogItem[], companyIds: Map<string, number>, random: Random, now: Date): Promise<void> {
  const [manager] = await tx.select({ id: users.id }).from(users).where(eq(users.email, "manager@demo.test"));
  await tx
    .insert(accountManagerCustomers)
    .values(MANAGED_BY_DEMO_MANAGER.map((name) => ({ staffUserId: manager!.id, companyId: companyIds.get(name)!, createdAt: now })));
  // Purchase prices at 55–80 % of the list price.
  for (let i = 0; i < catalog.length; i += 2000) {
    await tx.insert(productPurchasePrices).values(
      catalog.slice(i, i + 2000).map((p) => ({ productId: p.id, costMinor: Math.round((p.listPriceMinor * random.int(55, 80)) / 100), updatedAt: now })),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Price lists

/** Categories the care & education list discounts as a whole, in basis points. */
const CARE_DISCOUNTS: Record<string, number> = { "CLN-HYG": 1500, "CLN-DIS": 1500, "CLN-PAP": 1250, "CLN-DET": 1000, "LAB-GLV": 1250 };

type Entry = Omit<NewPriceListEntry, "priceListId">;

async function insertPriceLists(
  tx: Db,
  catalog: CatalogItem[],
  companyIds: Map<string, number>,
  random: Random,
  now: Date,
): Promise<{ priceLists: number; contractSkus: string[]; plainSkus: string[] }> {
  const today = calendarDate(now);
  const year = Number(today.slice(0, 4));
  const orderablePerOne = catalog.filter((p) => p.minOrderQuantity === 1 && p.orderMultiple === 1 && p.stock > 0);
  const contract = orderablePerOne.slice(0, 10);
  const plain = orderablePerOne.slice(10, 20);
  const reserved = new Set([...contract, ...plain].map((p) => p.id));
  const pool = random.shuffle(catalog.filter((p) => !reserved.has(p.id)));

  const contractCount = Math.min(290, Math.round(catalog.length * 0.06));
  const staffelCount = Math.min(400, Math.round(catalog.length * 0.08));
  const rcExtra = pool.slice(0, contractCount);
  // Overlaps the framework contract on purpose: there the priority-10 contract must win.
  const staffelStart = Math.max(0, contractCount - 20);
  const staffel = pool.slice(staffelStart, staffelStart + staffelCount);
  const promo = pool.slice(staffelStart + staffelCount, staffelStart + staffelCount + 30);
  const next = pool.slice(0, 40);

  const fixed = (p: CatalogItem, discountPercent: number, tierCount: number): Entry => {
    const priceMinor = Math.round((p.listPriceMinor * (100 - discountPercent)) / 100);
    let previous = priceMinor;
    const tiers: PriceListTier[] = tierQuantities(p.minOrderQuantity, p.orderMultiple, tierCount).map((minQuantity, i) => {
      previous = Math.max(0, Math.min(previous - 1, Math.round(priceMinor * (1 - 0.05 * (i + 1)))));
      return { minQuantity, priceMinor: previous };
    });
    return { productId: p.id, kind: "fixed", priceMinor, discountBasisPoints: null, tiers, updatedAt: now };
  };
  const discount = (p: CatalogItem, basisPoints: number, steps: number[]): Entry => ({
    productId: p.id,
    kind: "discount",
    priceMinor: null,
    discountBasisPoints: basisPoints,
    tiers: tierQuantities(p.minOrderQuantity, p.orderMultiple, steps.length).map((minQuantity, i) => ({
      minQuantity,
      discountBasisPoints: Math.min(10_000, basisPoints + steps[i]!),
    })),
    updatedAt: now,
  });

  // Entries with their own window: ending soon, not started yet, already ended.
  const entryWindows = [
    { validFrom: null, validTo: addDays(today, 14) },
    { validFrom: addDays(today, 30), validTo: null },
    { validFrom: null, validTo: addDays(today, -10) },
  ];
  const rcEntries = [
    ...contract.map((p, i) => fixed(p, random.int(10, 20), i % 2 === 0 ? 1 : 2)),
    ...rcExtra.map((p, i) => ({
      ...fixed(p, random.int(10, 20), random.chance(0.25) ? random.int(1, 2) : 0),
      ...(i < 9 ? entryWindows[i % 3] : {}),
    })),
  ];
  const careEntries = catalog
    .filter((p) => p.categoryCode in CARE_DISCOUNTS)
    .map((p) => discount(p, CARE_DISCOUNTS[p.categoryCode]!, []));

  const lists: { code: string; name: string; validFrom: string | null; validTo: string | null; entries: Entry[]; companies: [string, number][] }[] = [
    {
      code: "RC-DEMO",
      name: "Raamcontract Demo Facilities",
      validFrom: `${year}-01-01`,
      validTo: `${year + 1}-12-31`,
      entries: rcEntries,
      companies: [[DEMO_COMPANY, 10]],
    },
    {
      code: "FAC-STAFFEL",
      name: "Facilitair staffelkorting",
      validFrom: `${year}-01-01`,
      validTo: null,
      entries: staffel.map((p) => discount(p, random.pick([0, 250, 500]), random.chance(0.5) ? [250, 500] : [300, 600, 1000])),
      companies: [
        [DEMO_COMPANY, 20],
        ["Bouwbedrijf Van der Meer & Zonen B.V.", 10],
        ["Facilitas Antwerpen NV", 10],
        ["Stichting Zorggroep Rijnstreek", 20],
      ],
    },
    {
      code: "ZO-KORTING",
      name: "Zorg & Onderwijs korting",
      validFrom: `${year - 1}-07-01`,
      validTo: null,
      entries: careEntries,
      companies: [
        ["Stichting Zorggroep Rijnstreek", 10],
        ["Stichting Openbaar Onderwijs Amstelland", 10],
      ],
    },
    {
      code: `ACTIE-${year - 1}`,
      name: `Voorjaarsactie ${year - 1}`,
      validFrom: `${year - 1}-03-01`,
      validTo: `${year - 1}-05-31`,
      // Includes the contract SKUs: being expired, it must not undercut the framework contract.
      entries: [...contract, ...promo].map((p) => fixed(p, 30, 0)),
      companies: [[DEMO_COMPANY, 5]],
    },
    {
      code: "RC-DEMO-NEXT",
      name: `Raamcontract Demo Facilities ${year + 2}–${year + 3}`,
      validFrom: `${year + 2}-01-01`,
      validTo: `${year + 3}-12-31`,
      entries: [...contract, ...next].map((p) => fixed(p, 25, 1)),
      companies: [[DEMO_COMPANY, 10]],
    },
    {
      // No random draws: the lists above stay what they were.
      code: "RO-WATERLAND",
      name: "Raamovereenkomst kantoor & hygiëne Gemeente Waterland",
      validFrom: `${year}-01-01`,
      validTo: `${year + 2}-12-31`,
      entries: catalog.filter((p) => WATERLAND_TENDER_CATEGORIES.has(p.categoryCode)).map((p) => fixed(p, 12, 0)),
      companies: [[WATERLAND, 10]],
    },
  ];

  for (const list of lists) {
    const [row] = await tx
      .insert(priceLists)
      .values({ code: list.code, name: list.name, validFrom: list.validFrom, validTo: list.validTo, createdAt: now })
      .returning({ id: priceLists.id });
    const priceListId = row!.id;
    for (let i = 0; i < list.entries.length; i += 1000) {
      await tx.insert(priceListEntries).values(list.entries.slice(i, i + 1000).map((e) => ({ ...e, priceListId })));
    }
    await tx
      .insert(companyPriceLists)
      .values(list.companies.map(([company, priority]) => ({ companyId: companyIds.get(company)!, priceListId, priority })));
  }
  return { priceLists: lists.length, contractSkus: contract.map((p) => p.sku), plainSkus: plain.map((p) => p.sku) };
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
