import "server-only";
import { z } from "zod";
import type { Company, InvoiceChannel, SupplierProfile, VatTreatmentSetting } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { erpCustomerNumberField } from "./erp-customer-number";
import { getSupplierProfile, updateSupplierDeliveryCharges, upsertSupplierProfile } from "@/lib/data/supplier-profile";
import {
  normalizeIban,
  normalizeKvkNumber,
  normalizePeppolId,
  normalizeVatId,
  PEPPOL_ID_SCHEMES,
  validateBeEnterpriseNumber,
  validateBic,
  validateIban,
  validateKvkNumber,
  validatePeppolId,
  validateVatId,
  vatIdCountry,
  normalizeCompact,
} from "@/lib/einvoice/identifiers";
import { moneyField, parseMoneyInput } from "@/lib/account/money-input";
import type { DeliveryChargeMode } from "@/lib/pricing/delivery-charge";
import { AppError } from "@/lib/errors";
import { isAdmin } from "./access";
import { checkbox, INCOTERMS } from "./schemas";

/**
 * Invoicing master data as staff enter it: our supplier profile (admins only) and each customer's
 * identifiers and invoice settings (admins, and account managers for their own customers — see
 * lib/admin/customers.ts). Every identifier goes through lib/einvoice/identifiers.ts, so what is
 * stored is what the invoice builder accepts. Error messages are codes under admin.errors.
 */

/** Same order as db/schema/invoices.ts INVOICE_CHANNELS (kept here: app code may not import schema values). */
export const INVOICE_CHANNEL_OPTIONS = ["peppol", "nlcius", "cxml", "email"] as const satisfies readonly InvoiceChannel[];
export const VAT_TREATMENT_OPTIONS = [
  "auto",
  "domestic",
  "reverse_charge",
  "intra_community",
  "export",
  "exempt",
] as const satisfies readonly VatTreatmentSetting[];
/** Schemes our own endpoint may use (the issue: KvK, OIN, NL VAT, GLN). */
export const SUPPLIER_PEPPOL_SCHEMES = ["0106", "0190", "9944", "0088"] as const;
export const CUSTOMER_PEPPOL_SCHEMES = PEPPOL_ID_SCHEMES;
export const DELIVERY_CHARGE_MODES = ["default", "free", "custom"] as const satisfies readonly DeliveryChargeMode[];
/** The languages a customer's invoices, credit notes and their mails can be in (companies.document_locale). */
export const DOCUMENT_LOCALE_OPTIONS = ["nl", "en"] as const satisfies readonly Company["documentLocale"][];

const EU_COUNTRIES = new Set("AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split(" "));

const text = (max: number) => z.string().trim().max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);
/** An optional identifier, normalized, then checked by `validate` (error code as the zod message). */
const optionalIdentifier = (normalize: (v: string) => string, validate: (v: string) => string | null) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = normalize(v ?? "");
      if (!value) return null;
      const problem = validate(value);
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      return value;
    });
/** A mandatory identifier: normalized, then checked by `validate` ("required" when empty). */
const requiredIdentifier = (normalize: (v: string) => string, validate: (v: string) => string | null) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = normalize((v ?? "").trim());
      const problem = validate(value);
      if (problem) {
        ctx.addIssue({ code: "custom", message: problem });
        return z.NEVER;
      }
      return value;
    });
const countryCode = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, "country_format"));
const paymentTermsDays = z.coerce.number({ message: "payment_terms_range" }).int("payment_terms_range").min(0, "payment_terms_range").max(180, "payment_terms_range");
const optionalEmail = z
  .string()
  .optional()
  .transform((v) => (v ?? "").trim().toLowerCase() || null)
  .pipe(z.email("email_format").max(254, "email_format").nullable());

interface PeppolPair {
  peppolScheme: string | null;
  peppolId: string | null;
}

/** Raw form values of the Peppol pair, read together (scheme decides how the id is read): normalized, and its problem if any. */
function readPeppol(value: PeppolPair, allowed: readonly string[]): PeppolPair & { problem?: { field: keyof PeppolPair; code: string } } {
  const { peppolScheme } = value;
  const peppolId = peppolScheme && value.peppolId ? normalizePeppolId(peppolScheme, value.peppolId) : value.peppolId;
  if (!peppolScheme && !peppolId) return { peppolScheme: null, peppolId: null };
  if (!peppolScheme || !peppolId) return { peppolScheme, peppolId, problem: { field: peppolScheme ? "peppolId" : "peppolScheme", code: "peppol_pair" } };
  if (!allowed.includes(peppolScheme)) return { peppolScheme, peppolId, problem: { field: "peppolScheme", code: "peppol_scheme_unsupported" } };
  const problem = validatePeppolId(peppolScheme, peppolId);
  return problem ? { peppolScheme, peppolId, problem: { field: "peppolId", code: problem } } : { peppolScheme, peppolId };
}

/** The Peppol pair normalized, its problem added to `ctx`. */
function checkPeppol(value: PeppolPair, allowed: readonly string[], ctx: z.RefinementCtx): PeppolPair {
  const { problem, ...pair } = readPeppol(value, allowed);
  if (problem) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.code });
  return pair;
}

/** The VAT id's country prefix must be the company's country (EL for GR, XI for Northern Ireland). */
function checkVatCountry(vatId: string | null, country: string, ctx: z.RefinementCtx): void {
  if (vatId && vatIdCountry(vatId) !== country) ctx.addIssue({ code: "custom", path: ["vatId"], message: "vat_country_mismatch" });
}

// ---------------------------------------------------------------------------------------------
// Customers

/**
 * The ticked channels; undefined when the form has no channel field at all (the new-customer form),
 * which invoiceChannelsFor fills in. The customer form posts an empty value with its checkboxes, so
 * "none ticked" there stays an explicit choice.
 */
const channelList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? undefined : [...new Set(Array.isArray(v) ? v : [v])].filter(Boolean)))
  .pipe(z.array(z.enum(INVOICE_CHANNEL_OPTIONS, "channel_unknown")).optional());

/**
 * A customer's invoice channels when the form did not set them: a valid Peppol id means the
 * customer (a municipality, typically) wants its invoices on Peppol, so a new customer gets them
 * there without someone having to tick it; e-mail stays as the fallback when an invoice address
 * was given. Without a Peppol id nothing is chosen, as before. Channels that were set are kept.
 */
export function invoiceChannelsFor(
  posted: readonly InvoiceChannel[] | undefined,
  peppol: { peppolScheme: string | null; peppolId: string | null; problem?: unknown },
  invoiceEmail: string | null,
): InvoiceChannel[] {
  if (posted !== undefined) return [...posted];
  if (!peppol.peppolScheme || !peppol.peppolId || peppol.problem) return [];
  return invoiceEmail ? ["peppol", "email"] : ["peppol"];
}


/** An optional identifier as typed, normalized only: customerMasterDataSchema checks it with the other fields. */
const normalizedIdentifier = (normalize: (v: string) => string) =>
  z
    .string()
    .optional()
    .transform((v) => normalize(v ?? "") || null);
/** An amount as typed: minor units, null when empty, undefined when unclear (reported by customerMasterDataSchema). */
const amountInput = z
  .string()
  .optional()
  .transform((v) => parseMoneyInput(v ?? ""));

const customerFields = z.object({
  name: text(200).min(2, "name_required"),
  countryCode,
  kvkNumber: optionalText(35),
  vatId: normalizedIdentifier(normalizeVatId),
  peppolScheme: optionalText(4),
  peppolId: optionalText(80),
  /** Empty or not posted: none. Unique: checked by the database when the customer is saved (lib/data/customers.ts). */
  erpCustomerNumber: erpCustomerNumberField.optional().transform((v) => v ?? null),
  iban: normalizedIdentifier(normalizeIban),
  paymentTermsDays,
  /** Incl. VAT; empty: no limit (lib/orders/credit.ts). */
  creditLimitMinor: amountInput,
  /** lib/pricing/delivery-charge.ts: the supplier's terms, none, or the two amounts below (excl. VAT). */
  deliveryChargeMode: z
    .string()
    .optional()
    .transform((v) => v || "default")
    .pipe(z.enum(DELIVERY_CHARGE_MODES, "delivery_charge_mode_unknown")),
  deliveryChargeMinor: amountInput,
  freeDeliveryFromMinor: amountInput,
  deliveryTerms: z
    .string()
    .optional()
    .transform((v) => v || null)
    .pipe(z.enum(INCOTERMS).nullable()),
  active: checkbox,
  invoiceEmail: optionalEmail,
  invoiceChannels: channelList,
  invoiceOnShipment: checkbox,
  vatTreatment: z
    .string()
    .optional()
    .transform((v) => v || "auto")
    .pipe(z.enum(VAT_TREATMENT_OPTIONS, "vat_treatment_unknown")),
  vatExemptionReason: optionalText(300),
  /** Not posted (a form without the field): Dutch, the default for a new customer. */
  documentLocale: z
    .string()
    .optional()
    .transform((v) => v || "nl")
    .pipe(z.enum(DOCUMENT_LOCALE_OPTIONS, "document_locale_unknown")),
});
type CustomerFields = z.infer<typeof customerFields>;

/** The Dutch and Belgian registers have a fixed format; other countries' numbers ("HRB 81234") are kept as written. */
function readRegisterNumber(value: Pick<CustomerFields, "kvkNumber" | "countryCode">): { kvkNumber: string | null; problem: string | null } {
  if (!value.kvkNumber || (value.countryCode !== "NL" && value.countryCode !== "BE")) return { kvkNumber: value.kvkNumber, problem: null };
  const kvkNumber = normalizeKvkNumber(value.kvkNumber);
  if (value.countryCode === "NL") return { kvkNumber, problem: validateKvkNumber(kvkNumber) };
  const enterprise = kvkNumber.toUpperCase().replace(/^BE/, "");
  return { kvkNumber: enterprise, problem: validateBeEnterpriseNumber(enterprise) };
}

/**
 * Every problem of the customer form at once, each at its field: runs whenever the fields could be
 * read (zod skips it only after a value of the wrong kind, like an unknown option), so a bad VAT id
 * no longer hides a bad KvK number until the next save.
 */
function checkCustomerFields(value: CustomerFields, ctx: z.RefinementCtx): void {
  const issue = (field: keyof CustomerFields, message: string) => ctx.addIssue({ code: "custom", path: [field], message });
  // A country that is not a code is reported by its own field; the rules that depend on it wait for it.
  const country = /^[A-Z]{2}$/.test(value.countryCode) ? value.countryCode : null;
  const register = country ? readRegisterNumber(value) : { kvkNumber: value.kvkNumber, problem: null };
  if (register.problem) issue("kvkNumber", register.problem);
  const vatProblem = value.vatId ? validateVatId(value.vatId) : null;
  if (vatProblem) issue("vatId", vatProblem);
  else if (country && value.vatId && vatIdCountry(value.vatId) !== country) issue("vatId", "vat_country_mismatch");
  const ibanProblem = value.iban ? validateIban(value.iban) : null;
  if (ibanProblem) issue("iban", ibanProblem);
  for (const field of ["creditLimitMinor", "deliveryChargeMinor", "freeDeliveryFromMinor"] as const) {
    if (value[field] === undefined) issue(field, "invalid_amount");
  }
  const peppol = readPeppol(value, CUSTOMER_PEPPOL_SCHEMES);
  // A 0106 Peppol id other than the customer's own KvK number is only warned about (the form, as it is typed):
  // a subsidiary may well receive its invoices at its parent company's endpoint.
  if (peppol.problem) issue(peppol.problem.field, peppol.problem.code);
  const channels = invoiceChannelsFor(value.invoiceChannels, peppol, value.invoiceEmail);
  if ((channels.includes("peppol") || channels.includes("nlcius")) && !peppol.peppolId) issue("invoiceChannels", "channel_needs_peppol_id");
  if (channels.includes("email") && !value.invoiceEmail) issue("invoiceEmail", "channel_needs_invoice_email");
  if ((value.vatTreatment === "reverse_charge" || value.vatTreatment === "intra_community") && !value.vatId) issue("vatId", "vat_treatment_needs_vat_id");
  if (value.vatTreatment === "intra_community" && country && (country === "NL" || !EU_COUNTRIES.has(country))) {
    issue("vatTreatment", "intra_community_needs_eu_customer");
  }
  if (value.vatTreatment === "exempt" && !value.vatExemptionReason) issue("vatExemptionReason", "exemption_reason_required");
  if (value.deliveryChargeMode === "custom" && value.deliveryChargeMinor === null) issue("deliveryChargeMinor", "delivery_charge_required");
}

/**
 * A customer's master data and invoice settings as the customer form posts them (a full replace:
 * a field that is not posted is cleared, like every other admin form). Cross-field rules:
 * Peppol/NLCIUS need a Peppol id, e-mail needs an invoice address, reverse charge and
 * intra-community supply need the customer's VAT id (BR-AE-02, BR-IC-02), exempt needs a reason
 * (BR-E-10), a 0106 Peppol id is the customer's KvK number. The cXML channel needs a cXML
 * connection: checked against the database by updateCustomerDetails.
 */
export const customerMasterDataSchema = customerFields.superRefine(checkCustomerFields).transform((value) => {
  // Only reached without problems: the amounts are read, the identifiers valid.
  const customDelivery = value.deliveryChargeMode === "custom";
  const peppol = readPeppol(value, CUSTOMER_PEPPOL_SCHEMES);
  return {
    ...value,
    kvkNumber: readRegisterNumber(value).kvkNumber,
    peppolScheme: peppol.peppolScheme,
    peppolId: peppol.peppolId,
    invoiceChannels: invoiceChannelsFor(value.invoiceChannels, peppol, value.invoiceEmail),
    creditLimitMinor: value.creditLimitMinor ?? null,
    // Only own terms keep amounts (the database checks the same).
    deliveryChargeMinor: customDelivery ? (value.deliveryChargeMinor ?? null) : null,
    freeDeliveryFromMinor: customDelivery ? (value.freeDeliveryFromMinor ?? null) : null,
    // A reason only belongs to exempt invoices (BR-S-10, BR-Z-10: no reason on S/Z lines).
    vatExemptionReason: value.vatTreatment === "exempt" ? value.vatExemptionReason : null,
  };
});
export type CustomerMasterDataInput = z.infer<typeof customerMasterDataSchema>;

// ---------------------------------------------------------------------------------------------
// Supplier profile

export const supplierProfileSchema = z
  .object({
    legalName: text(200).min(2, "name_required"),
    tradingName: optionalText(200),
    kvkNumber: requiredIdentifier(normalizeKvkNumber, validateKvkNumber),
    vatId: requiredIdentifier(normalizeVatId, validateVatId),
    peppolScheme: optionalText(4),
    peppolId: optionalText(80),
    street: text(200).min(1, "required"),
    postalCode: text(20).min(1, "required"),
    city: text(100).min(1, "required"),
    countryCode,
    iban: requiredIdentifier(normalizeIban, validateIban),
    bic: optionalIdentifier(normalizeCompact, validateBic),
    email: z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim().toLowerCase())
      .pipe(z.email("email_format").max(254, "email_format")),
    phone: optionalText(40),
    paymentTermsDays,
  })
  .transform((value, ctx) => {
    checkVatCountry(value.vatId, value.countryCode, ctx);
    const peppol = checkPeppol(value, SUPPLIER_PEPPOL_SCHEMES, ctx);
    if (!peppol.peppolScheme && !peppol.peppolId) {
      ctx.addIssue({ code: "custom", path: ["peppolId"], message: "required" });
    }
    let postalCode = value.postalCode;
    if (value.countryCode === "NL") {
      // NL-R-002: a Dutch supplier address needs street, city and postal code; the postcode as "1234 AB".
      const match = /^(\d{4})\s?([A-Za-z]{2})$/.exec(postalCode);
      if (match) postalCode = `${match[1]} ${match[2]!.toUpperCase()}`;
      else ctx.addIssue({ code: "custom", path: ["postalCode"], message: "postal_code_format" });
    }
    return { ...value, peppolScheme: peppol.peppolScheme ?? "", peppolId: peppol.peppolId ?? "", postalCode };
  });
export type SupplierProfileInput = z.infer<typeof supplierProfileSchema>;

/** Every staff member may read the supplier profile (it is printed on every invoice). */
export async function readSupplierProfile(_staff: StaffUser): Promise<SupplierProfile | null> {
  return getSupplierProfile();
}

/** Only admins change our own company's invoicing data: it goes onto every invoice and credit note. */
export async function saveSupplierProfile(staff: StaffUser, input: SupplierProfileInput, now: Date): Promise<SupplierProfile> {
  if (!isAdmin(staff)) throw new AppError("forbidden", "admin_only");
  return upsertSupplierProfile(input, now);
}

/** The default delivery charge on web orders (lib/pricing/delivery-charge.ts), excl. VAT: empty charge is none, empty threshold never free. */
export const deliveryChargeSettingsSchema = z.object({
  deliveryChargeMinor: moneyField.transform((v) => v ?? 0),
  freeDeliveryFromMinor: moneyField,
});

/** Admins only, like the rest of the supplier profile; it needs the profile to exist. */
export async function saveDeliveryCharges(staff: StaffUser, input: z.infer<typeof deliveryChargeSettingsSchema>, now: Date): Promise<void> {
  if (!isAdmin(staff)) throw new AppError("forbidden", "admin_only");
  if (!(await updateSupplierDeliveryCharges(input, now))) throw new AppError("invalid_input", "supplier_profile_first");
}
