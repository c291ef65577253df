import "server-only";
import { and, asc, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companies, products } from "@/db/schema";
import type { Assortment } from "@/lib/catalog/assortment";
import { AppError } from "@/lib/errors";
import { database } from "./database";
import { writePriceAudit, type PriceChangeActor } from "./price-audit";
import { contractAssortmentSql } from "./prices";

/**
 * A customer's contract assortment as staff see it: the active products one of its price lists
 * prices on `day` (an ISO calendar date, Europe/Amsterdam) — contractAssortmentSql, the definition
 * the shop filters a contract customer's listings with, so the count on the pricing tab, the
 * catalogue export and the shop cannot disagree.
 */
const inContractAssortment = (companyId: number, day: string) => and(eq(products.active, true), contractAssortmentSql(products, companyId, day));

async function countIn(db: Db, companyId: number, day: string): Promise<number> {
  const [row] = await db.select({ count: count() }).from(products).where(inContractAssortment(companyId, day));
  return row?.count ?? 0;
}

/** How many active products the customer's contract assortment holds on `day`. */
export async function countContractAssortment(companyId: number, day: string): Promise<number> {
  return countIn(await database(), companyId, day);
}

/**
 * The categories holding a product of the customer's contract assortment on `day`, for its
 * navigation (lib/shop-context.ts navigationCategories keeps them a minute).
 */
export async function listContractCategoryIds(contract: { companyId: number; day: string }): Promise<Set<number>> {
  const db = await database();
  const rows = await db.selectDistinct({ categoryId: products.categoryId }).from(products).where(inContractAssortment(contract.companyId, contract.day));
  return new Set(rows.map((row) => row.categoryId));
}

/** The ids of the customer's contract assortment on `day`, ascending (a catalogue export of contract products). */
export async function listContractAssortmentIds(companyId: number, day: string): Promise<number[]> {
  const db = await database();
  const rows = await db.select({ id: products.id }).from(products).where(inContractAssortment(companyId, day)).orderBy(asc(products.id));
  return rows.map((row) => row.id);
}

export interface AssortmentChange {
  changed: boolean;
  from: Assortment;
  /** The contract assortment's size on `day`, read in the same transaction. */
  contractProducts: number;
}

/**
 * Sets the customer's assortment and records it in the price history (price_audit_log, with the
 * customer): that is where "why does this customer see fewer products" is looked up, next to the
 * assignments and list windows that decide the contract assortment's content. One transaction with
 * the company row locked, so two staff members switching at once record two true old → new rows.
 * Setting the assortment it already has changes and records nothing.
 */
export async function setCompanyAssortment(companyId: number, assortment: Assortment, day: string, actor: PriceChangeActor): Promise<AssortmentChange> {
  const db = await database();
  return db.transaction(async (tx) => {
    const [company] = await tx.select({ assortment: companies.assortment }).from(companies).where(eq(companies.id, companyId)).for("update");
    if (!company) throw new AppError("not_found", "customer_not_found");
    const contractProducts = await countIn(tx, companyId, day);
    if (company.assortment === assortment) return { changed: false, from: company.assortment, contractProducts };
    await tx.update(companies).set({ assortment }).where(eq(companies.id, companyId));
    await writePriceAudit(tx, actor, [
      {
        action: "assortment_changed",
        priceListCode: "",
        companyId,
        oldValue: { assortment: company.assortment },
        // How many products the buyers kept: the number a reviewer of the switch asks for first.
        newValue: assortment === "contract" ? { assortment, products: contractProducts } : { assortment },
      },
    ]);
    return { changed: true, from: company.assortment, contractProducts };
  });
}
