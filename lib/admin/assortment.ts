import "server-only";
import { z } from "zod";
import type { Company } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { ASSORTMENTS, type Assortment } from "@/lib/catalog/assortment";
import { countContractAssortment, setCompanyAssortment, type AssortmentChange } from "@/lib/data/customer-assortment";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { listContractOnlyConnections } from "@/lib/data/punchout-connections";
import { actorOf, getCustomerOrThrow } from "./access";
import { id } from "./schemas";

/**
 * A customer's assortment as staff set it (pricing tab): the whole catalogue, or only its contract
 * assortment — what its price lists price today (lib/catalog/assortment.ts). Whoever may edit the
 * customer may set it; the change goes to the price history with the assignments that fill it.
 */

export const assortmentSchema = z.object({ companyId: id, assortment: z.enum(ASSORTMENTS) });

export interface AssortmentSummary<Count = number> {
  assortment: Assortment;
  /** Active products in the contract assortment today. */
  contractProducts: Count;
  /** Contract assortment set and empty: the customer's buyers see an empty shop. */
  emptyShop: boolean;
}

/** The pricing tab's card: the summary, and the punchout connections limited to the contract on their own. */
export interface AssortmentCard extends AssortmentSummary {
  contractOnlyConnections: { id: number; name: string; protocol: "oci" | "cxml" }[];
}

/** For a customer the page has already checked access to (customerForPage); counted whichever assortment is set, for the form's warning. */
export async function assortmentCard(company: Pick<Company, "id" | "assortment">, now: Date): Promise<AssortmentCard> {
  const [summary, contractOnlyConnections] = await Promise.all([assortmentSummary(company, now), listContractOnlyConnections(company.id)]);
  return { ...summary, contractOnlyConnections };
}

export async function assortmentSummary(company: Pick<Company, "id" | "assortment">, now: Date): Promise<AssortmentSummary> {
  const contractProducts = await countContractAssortment(company.id, calendarDate(now));
  return { assortment: company.assortment, contractProducts, emptyShop: company.assortment === "contract" && contractProducts === 0 };
}

/** The overview's line: counted only when the contract assortment is set (the count probes every active product). */
export async function assortmentAtAGlance(company: Pick<Company, "id" | "assortment">, now: Date): Promise<AssortmentSummary<number | null>> {
  return company.assortment === "contract" ? assortmentSummary(company, now) : { assortment: company.assortment, contractProducts: null, emptyShop: false };
}

/**
 * Sets the assortment. An empty contract assortment is allowed (a price list may start tomorrow);
 * the form warns before, and the pages warn after, that the buyers would see an empty shop.
 */
export async function setCustomerAssortment(staff: StaffUser, companyId: number, assortment: Assortment, now: Date): Promise<AssortmentChange> {
  await getCustomerOrThrow(staff, companyId);
  return setCompanyAssortment(companyId, assortment, calendarDate(now), actorOf(staff, "editor"));
}
