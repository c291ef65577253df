import { z } from "zod";
import { parseDateInput, parseMoneyInput } from "./price-input";

/** Input schemas of the account-manager workspace (forms and API), shared by actions and tests. */

export const id = z.coerce.number().int().positive().max(2_147_483_647);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || null);
export const checkbox = z.preprocess((v) => v === "on" || v === "true" || v === true || v === "1", z.boolean());

/** Incoterms 2020. */
export const INCOTERMS = ["EXW", "FCA", "CPT", "CIP", "DAP", "DPU", "DDP", "FAS", "FOB", "CFR", "CIF"] as const;

/** Peppol participant identifier schemes (ISO 6523 ICD) customers in NL/BE/DE typically use. */
export const PEPPOL_SCHEMES = ["0106", "0190", "9944", "0208", "9925", "9930", "0204", "0088", "0007", "0192", "0184", "0009"] as const;

export const CURRENCIES = ["EUR", "GBP", "USD", "CHF", "SEK", "DKK", "NOK", "PLN", "CZK"] as const;

/** A VAT id as stored (no spaces or dots, upper case): Dutch "NL123456789B01", others their country's prefix and 2–13 characters. */
export function isVatIdFormat(vatId: string): boolean {
  return vatId.startsWith("NL") ? /^NL\d{9}B\d{2}$/.test(vatId) : /^[A-Z]{2}[0-9A-Z+*]{2,13}$/.test(vatId);
}

/** A Dutch postal code as written on letters ("1012 AB"), or null when it is not one. */
export function dutchPostalCode(text: string): string | null {
  const match = /^(\d{4})\s?([A-Za-z]{2})$/.exec(text.trim());
  return match ? `${match[1]} ${match[2]!.toUpperCase()}` : null;
}

export const companyDetailsSchema = z
  .object({
    name: z.string().trim().min(2).max(200),
    kvkNumber: optionalText(35),
    vatId: z
      .string()
      .optional()
      .transform((v) => (v ?? "").replace(/[\s.-]/g, "").toUpperCase() || null),
    peppolScheme: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null)
      .pipe(z.string().regex(/^\d{4}$/).nullable()),
    peppolId: optionalText(50),
    countryCode: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/)),
    paymentTermsDays: z.coerce.number().int().min(0).max(180),
    deliveryTerms: z
      .string()
      .optional()
      .transform((v) => v || null)
      .pipe(z.enum(INCOTERMS).nullable()),
    active: checkbox,
  })
  .superRefine((value, ctx) => {
    if (value.countryCode === "NL" && value.kvkNumber && !/^\d{8}$/.test(value.kvkNumber)) {
      ctx.addIssue({ code: "custom", path: ["kvkNumber"], message: "kvk_format" });
    }
    if (value.vatId && !isVatIdFormat(value.vatId)) ctx.addIssue({ code: "custom", path: ["vatId"], message: "vat_format" });
    if (!!value.peppolScheme !== !!value.peppolId) {
      ctx.addIssue({ code: "custom", path: [value.peppolScheme ? "peppolId" : "peppolScheme"], message: "peppol_pair" });
    }
    if (value.peppolScheme === "0106" && value.peppolId && !/^\d{8}$/.test(value.peppolId)) {
      ctx.addIssue({ code: "custom", path: ["peppolId"], message: "kvk_format" });
    }
  });
export type CompanyDetailsInput = z.infer<typeof companyDetailsSchema>;

export const addressSchema = z
  .object({
    companyId: id,
    addressId: z
      .string()
      .optional()
      .transform((v) => (v ? Number(v) : null))
      .pipe(z.number().int().positive().nullable()),
    kind: z.enum(["ship_to", "bill_to"]),
    label: z.string().trim().min(1).max(100),
    name: z.string().trim().min(1).max(200),
    attention: optionalText(200),
    street: z.string().trim().min(1).max(200),
    postalCode: z.string().trim().min(1).max(20),
    city: z.string().trim().min(1).max(100),
    countryCode: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}$/)),
    isDefault: checkbox,
    externalId: optionalText(100),
  })
  .transform((value, ctx) => {
    if (value.countryCode !== "NL") return value;
    const postalCode = dutchPostalCode(value.postalCode);
    if (!postalCode) {
      ctx.addIssue({ code: "custom", path: ["postalCode"], message: "postal_code_format" });
      return z.NEVER;
    }
    return { ...value, postalCode };
  });

const orderLimit = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v?.trim()) return null;
    const parsed = parseMoneyInput(v);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.problem });
      return z.NEVER;
    }
    return parsed.value;
  });

export const customerUserSchema = z.object({
  companyId: id,
  name: z.string().trim().min(2).max(200),
  email: z.email().max(254).transform((v) => v.trim().toLowerCase()),
  role: z.enum(["buyer", "approver", "company_admin"]),
  locale: z.enum(["nl", "en"]),
  orderLimit,
});

export const updateCustomerUserSchema = customerUserSchema.extend({ userId: id });

export const priceListHeaderSchema = z
  .object({
    name: z.string().trim().min(2).max(200),
    currency: z.enum(CURRENCIES),
    validFrom: z.string().optional().default(""),
    validTo: z.string().optional().default(""),
  })
  .transform((value, ctx) => {
    const from = parseDateInput(value.validFrom);
    const to = parseDateInput(value.validTo);
    if (!from.ok) ctx.addIssue({ code: "custom", path: ["validFrom"], message: from.problem });
    if (!to.ok) ctx.addIssue({ code: "custom", path: ["validTo"], message: to.problem });
    if (!from.ok || !to.ok) return z.NEVER;
    if (from.value && to.value && from.value > to.value) {
      ctx.addIssue({ code: "custom", path: ["validTo"], message: "window_reversed" });
      return z.NEVER;
    }
    return { name: value.name, currency: value.currency, validFrom: from.value, validTo: to.value };
  });

export const priceListCodeSchema = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9._-]{1,39}$/));

export const prioritySchema = z.coerce.number().int().min(1).max(9999);
