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
  // A refinement, not inside the transform: it runs beside the other fields' checks, so a bad
  // postal code is reported together with an empty street, not after it is fixed.
  .superRefine((value, ctx) => {
    if (value.countryCode === "NL" && value.postalCode && !dutchPostalCode(value.postalCode)) {
      ctx.addIssue({ code: "custom", path: ["postalCode"], message: "postal_code_format" });
    }
  })
  .transform((value) => (value.countryCode === "NL" ? { ...value, postalCode: dutchPostalCode(value.postalCode)! } : value));

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
  // The dates are checked beside the name (a refinement runs after the fields' own checks; a
  // transform would wait until the name is right), and read into the header once all is well.
  .superRefine((value, ctx) => {
    const from = parseDateInput(value.validFrom);
    const to = parseDateInput(value.validTo);
    if (!from.ok) ctx.addIssue({ code: "custom", path: ["validFrom"], message: from.problem });
    if (!to.ok) ctx.addIssue({ code: "custom", path: ["validTo"], message: to.problem });
    if (from.ok && to.ok && from.value && to.value && from.value > to.value) {
      ctx.addIssue({ code: "custom", path: ["validTo"], message: "window_reversed" });
    }
  })
  .transform((value) => {
    const from = parseDateInput(value.validFrom);
    const to = parseDateInput(value.validTo);
    return { name: value.name, currency: value.currency, validFrom: from.ok ? from.value : null, validTo: to.ok ? to.value : null };
  });

export const priceListCodeSchema = z
  .string()
  .trim()
  .transform((v) => v.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9][A-Z0-9._-]{1,39}$/));

export const prioritySchema = z.coerce.number().int().min(1).max(9999);
