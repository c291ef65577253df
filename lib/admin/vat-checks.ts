import "server-only";
import type { Company, VatCheck } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { getAccountRequest } from "@/lib/data/account-requests";
import { getSupplierProfile } from "@/lib/data/supplier-profile";
import { listVatChecks, recordVatCheck, vatCheckStatuses } from "@/lib/data/vat-checks";
import { normalizeVatId } from "@/lib/einvoice/identifiers";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { resolveVatRegime } from "@/lib/invoices/document-from-order";
import { askVies, DEFAULT_VIES_URL, viesRequest } from "@/lib/vies/vies";
import { getCustomerOrThrow } from "./access";

/**
 * Staff check a customer's (or an account request's) VAT id at VIES and the answer is kept
 * (vat_checks): the evidence behind invoicing an EU customer at 0 % (intra-community supply). The
 * customer page warns while such a customer has no valid check of its current VAT id within
 * VAT_CHECK_VALID_DAYS.
 */

/** How long a valid check counts as current evidence (Belastingdienst: check at the start of the relation and regularly). */
export const VAT_CHECK_VALID_DAYS = 365;

async function checkAtVies(staff: StaffUser, rawVatId: string | null, now: Date, fetchImpl: typeof fetch): Promise<VatCheck> {
  const vatId = rawVatId ? normalizeVatId(rawVatId) : "";
  const supplier = await getSupplierProfile();
  const request = vatId ? viesRequest(vatId, supplier ? normalizeVatId(supplier.vatId) : null) : null;
  if (!request) throw new AppError("invalid_input", vatId ? "vies_not_covered" : "vies_no_vat_id");
  const answer = await askVies(request, { url: env.VIES_URL ?? DEFAULT_VIES_URL, fetch: fetchImpl });
  return recordVatCheck({ vatId, ...answer, checkedAt: now, checkedByUserId: staff.id, checkedByName: staff.name });
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

export interface VatIdStatus {
  vatId: string;
  /** VIES covers the id's country (EU member states and XI). */
  checkable: boolean;
  /** Invoices to this customer go out at 0 % as an intra-community supply: they rest on a valid id. */
  zeroRated: boolean;
  recent: VatCheck[];
  latestValid: VatCheck | null;
  /** zeroRated without a valid check within VAT_CHECK_VALID_DAYS, or the newest check says invalid. */
  needsAttention: boolean;
}

export async function vatIdStatus(company: Pick<Company, "vatId" | "vatTreatment" | "countryCode"> | { vatId: string | null }, now: Date): Promise<VatIdStatus | null> {
  if (!company.vatId) return null;
  const vatId = normalizeVatId(company.vatId);
  const supplier = "vatTreatment" in company ? await getSupplierProfile() : null;
  const zeroRated = "vatTreatment" in company && !!supplier && resolveVatRegime(company, supplier.countryCode.toUpperCase()) === "intra_community";
  const [recent, statuses] = await Promise.all([listVatChecks(vatId, 5), vatCheckStatuses([vatId])]);
  const latestValid = statuses.get(vatId)?.latestValid ?? null;
  const fresh = latestValid !== null && now.getTime() - latestValid.checkedAt.getTime() <= VAT_CHECK_VALID_DAYS * 86_400_000;
  return {
    vatId,
    checkable: viesRequest(vatId, null) !== null,
    zeroRated,
    recent,
    latestValid,
    needsAttention: (zeroRated && !fresh) || recent[0]?.outcome === "invalid",
  };
}
