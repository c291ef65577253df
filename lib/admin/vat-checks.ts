import "server-only";
import type { Company, VatCheck, VatCheckJob, VatCheckSource } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { getAccountRequest } from "@/lib/data/account-requests";
import { getSupplierProfile } from "@/lib/data/supplier-profile";
import {
  getQueuedVatCheck,
  listActiveCustomersWithVatId,
  listQueuedVatCheckCompanies,
  listVatChecks,
  recordVatCheck,
  vatCheckStatuses,
  type CustomerVatFacts,
} from "@/lib/data/vat-checks";
import { normalizeVatId } from "@/lib/einvoice/identifiers";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { resolveVatRegime } from "@/lib/invoices/document-from-order";
import { vatAttention, type VatAttention } from "@/lib/vies/evidence";
import { askVies, DEFAULT_VIES_URL, viesRequest, type ViesAnswer } from "@/lib/vies/vies";
import { getCustomerOrThrow, managerScope } from "./access";

/**
 * Staff check a customer's (or an account request's) VAT id at VIES and the answer is kept
 * (vat_checks): the evidence behind invoicing an EU customer at 0 % (intra-community supply).
 * Koppel also checks by itself (lib/admin/vat-auto-checks.ts). The customer page, the invoice forms
 * and the customer list's "VAT needs attention" filter warn while such a customer has no valid check
 * of its current VAT id within VAT_CHECK_VALID_DAYS, or VIES's newest verdict is "not valid".
 */

export { VAT_CHECK_VALID_DAYS } from "@/lib/vies/evidence";

/** Who asks: a staff member, or Koppel by itself (an automatic or scheduled check). */
export type VatCheckActor = { source: "staff"; staff: Pick<StaffUser, "id" | "name"> } | { source: Exclude<VatCheckSource, "staff"> };

/** The VIES question for a VAT id (with our own VAT id as requester, for a consultation number); null when VIES does not cover it. */
export async function viesQuestion(vatId: string) {
  const supplier = await getSupplierProfile();
  return viesRequest(vatId, supplier ? normalizeVatId(supplier.vatId) : null);
}

/** Asks VIES and keeps the answer, whatever it is. */
export async function askViesAndRecord(vatId: string, actor: VatCheckActor, now: Date, fetchImpl: typeof fetch): Promise<VatCheck> {
  const request = await viesQuestion(vatId);
  if (!request) throw new AppError("invalid_input", "vies_not_covered");
  const answer: ViesAnswer = await askVies(request, { url: env.VIES_URL ?? DEFAULT_VIES_URL, fetch: fetchImpl });
  return recordVatCheck({
    vatId,
    ...answer,
    checkedAt: now,
    source: actor.source,
    checkedByUserId: actor.source === "staff" ? actor.staff.id : null,
    checkedByName: actor.source === "staff" ? actor.staff.name : null,
  });
}

async function checkAtVies(staff: StaffUser, rawVatId: string | null, now: Date, fetchImpl: typeof fetch): Promise<VatCheck> {
  const vatId = rawVatId ? normalizeVatId(rawVatId) : "";
  if (!vatId) throw new AppError("invalid_input", "vies_no_vat_id");
  return askViesAndRecord(vatId, { source: "staff", staff }, now, fetchImpl);
}

/** Checks a customer's current VAT id (the customer's account managers and admins). */
export async function checkCustomerVatId(staff: StaffUser, companyId: number, now: Date, fetchImpl: typeof fetch = fetch): Promise<VatCheck> {
  const company = await getCustomerOrThrow(staff, companyId);
  return checkAtVies(staff, company.vatId, now, fetchImpl);
}

/** Checks the VAT id an account request gives (every staff member reviews requests). */
export async function checkAccountRequestVatId(staff: StaffUser, requestId: number, now: Date, fetchImpl: typeof fetch = fetch): Promise<VatCheck> {
  const request = await getAccountRequest(requestId);
  if (!request) throw new AppError("not_found", "account_request_not_found");
  return checkAtVies(staff, request.vatId, now, fetchImpl);
}

type VatFacts = Pick<Company, "vatId" | "vatTreatment" | "countryCode">;

/** Invoices to this customer go out at 0 % as an intra-community supply (its VAT treatment, against our own country). */
export function zeroRatedFor(company: VatFacts, supplierCountry: string | null): boolean {
  return !!supplierCountry && resolveVatRegime(company, supplierCountry.toUpperCase()) === "intra_community";
}

export interface QueuedVatCheck {
  trigger: VatCheckJob["trigger"];
  /** When the worker asks VIES next. */
  dueAt: Date;
  /** Answers without a verdict so far (VIES or the member state did not answer). */
  attempts: number;
}

export interface VatIdStatus {
  vatId: string;
  /** VIES covers the id's country (EU member states and XI). */
  checkable: boolean;
  /** Invoices to this customer go out at 0 % as an intra-community supply: they rest on a valid id. */
  zeroRated: boolean;
  recent: VatCheck[];
  latestValid: VatCheck | null;
  /** Why it needs attention (lib/vies/evidence.ts), or null. */
  attention: VatAttention | null;
  needsAttention: boolean;
  /** A check Koppel will make by itself (after a save, or again after an outage); null: none queued. */
  queued: QueuedVatCheck | null;
}

const queuedOf = (job: VatCheckJob | null | undefined): QueuedVatCheck | null => (job ? { trigger: job.trigger, dueAt: job.dueAt, attempts: job.attempts } : null);

/** A customer's VAT id status (give its `id` to see a queued check), or an account request's (`accountRequestId`). */
export async function vatIdStatus(
  subject: (VatFacts & { id?: number }) | { vatId: string | null; accountRequestId?: number },
  now: Date,
): Promise<VatIdStatus | null> {
  if (!subject.vatId) return null;
  const vatId = normalizeVatId(subject.vatId);
  const supplier = "vatTreatment" in subject ? await getSupplierProfile() : null;
  const zeroRated = "vatTreatment" in subject && zeroRatedFor(subject, supplier?.countryCode ?? null);
  const queuedFor = "vatTreatment" in subject ? (subject.id ? { companyId: subject.id } : null) : subject.accountRequestId ? { accountRequestId: subject.accountRequestId } : null;
  const [recent, statuses, job] = await Promise.all([listVatChecks(vatId, 5), vatCheckStatuses([vatId]), queuedFor ? getQueuedVatCheck(queuedFor) : null]);
  const status = statuses.get(vatId)!;
  const attention = vatAttention({ zeroRated, latestValid: status.latestValid, latestVerdict: status.latestVerdict }, now);
  return {
    vatId,
    checkable: viesRequest(vatId, null) !== null,
    zeroRated,
    recent,
    latestValid: status.latestValid,
    attention,
    needsAttention: attention !== null,
    queued: queuedOf(job),
  };
}

/** What the invoice and credit-note forms warn about: a customer invoiced at 0 % whose VIES evidence is missing, stale or negative. */
export interface VatEvidenceWarning {
  companyId: number;
  vatId: string;
  attention: VatAttention;
  latestValidAt: Date | null;
}

export async function vatEvidenceWarning(staff: StaffUser, companyId: number, now: Date): Promise<VatEvidenceWarning | null> {
  const company = await getCustomerOrThrow(staff, companyId);
  const status = await vatIdStatus(company, now);
  if (!status?.zeroRated || !status.attention) return null;
  return { companyId, vatId: status.vatId, attention: status.attention, latestValidAt: status.latestValid?.checkedAt ?? null };
}

export interface VatAttentionItem {
  companyId: number;
  name: string;
  vatId: string;
  zeroRated: boolean;
  attention: VatAttention;
  latestValidAt: Date | null;
  queued: QueuedVatCheck | null;
}

/**
 * The active customers (of this account manager; all for admins) whose VAT id needs attention, for
 * finance to work through: VIES said "not valid", or invoiced at 0 % without current valid evidence.
 */
export async function listVatAttention(staff: StaffUser, now: Date): Promise<VatAttentionItem[]> {
  return (await customersVatEvidence(managerScope(staff))).flatMap((evidence) => {
    const attention = vatAttention(evidence, now);
    if (!attention) return [];
    const { customer, vatId, zeroRated, latestValid, queued } = evidence;
    return [{ companyId: customer.id, name: customer.name, vatId, zeroRated, attention, latestValidAt: latestValid?.checkedAt ?? null, queued: queuedOf(queued) }];
  });
}

export interface CustomerVatEvidence {
  customer: CustomerVatFacts;
  /** Normalised. */
  vatId: string;
  zeroRated: boolean;
  latestValid: VatCheck | null;
  latestVerdict: VatCheck | null;
  queued: VatCheckJob | null;
}

/**
 * The active customers with a VAT id (of this account manager; null: all) and what their evidence
 * rests on — zero-rating, VIES's newest valid check and newest verdict, a queued check — in four
 * queries: the attention list above and the re-check planner (lib/admin/vat-auto-checks.ts) read it.
 */
export async function customersVatEvidence(managerId: number | null): Promise<CustomerVatEvidence[]> {
  const [customers, supplier, queued] = await Promise.all([listActiveCustomersWithVatId(managerId), getSupplierProfile(), listQueuedVatCheckCompanies()]);
  const vatIds = customers.map((customer) => normalizeVatId(customer.vatId!));
  const statuses = await vatCheckStatuses(vatIds);
  return customers.map((customer, index) => {
    const status = statuses.get(vatIds[index]!)!;
    return {
      customer,
      vatId: vatIds[index]!,
      zeroRated: zeroRatedFor(customer, supplier?.countryCode ?? null),
      latestValid: status.latestValid,
      latestVerdict: status.latestVerdict,
      queued: queued.get(customer.id) ?? null,
    };
  });
}
