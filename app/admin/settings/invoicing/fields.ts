/** The supplier profile's fields in form order (read-only view and edit form alike). */
export const SUPPLIER_PROFILE_FIELDS = [
  "legalName",
  "tradingName",
  "kvkNumber",
  "vatId",
  "peppolScheme",
  "peppolId",
  "street",
  "postalCode",
  "city",
  "countryCode",
  "iban",
  "bic",
  "email",
  "phone",
  "paymentTermsDays",
] as const;
export type SupplierProfileField = (typeof SUPPLIER_PROFILE_FIELDS)[number];
