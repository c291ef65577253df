/**
 * Exact invoice arithmetic (EN 16931 BR-CO rules) and input validation, on integer minor units.
 */
import { applyBasisPoints } from "@/lib/pricing/money";
import type {
  AllowanceCharge,
  InvoiceDocument,
  InvoiceLine,
  InvoiceTotals,
  VatBreakdown,
  VatCategory,
  VatTreatment,
} from "./types";
import { UNIT_CODES } from "./unit-codes";

const QUANTITY_DECIMALS = 4;
const QUANTITY_SCALE = 10 ** QUANTITY_DECIMALS;

/** Quantity × 10⁴ as an exact integer, or null if it is not finite or has more than 4 decimals. */
function scaleQuantity(quantity: number): number | null {
  if (!Number.isFinite(quantity)) return null;
  const scaled = Math.round(quantity * QUANTITY_SCALE);
  if (!Number.isSafeInteger(scaled) || Math.abs(scaled - quantity * QUANTITY_SCALE) > 1e-6) return null;
  return scaled;
}

/** Plain decimal string for a quantity ("3", "2.5", "0.0125"), never exponent notation. */
export function quantityToString(quantity: number): string {
  const scaled = scaleQuantity(quantity);
  if (scaled === null) throw new RangeError(`quantity needs at most ${QUANTITY_DECIMALS} decimals: ${quantity}`);
  const abs = Math.abs(scaled).toString().padStart(QUANTITY_DECIMALS + 1, "0");
  const whole = abs.slice(0, -QUANTITY_DECIMALS);
  const fraction = abs.slice(-QUANTITY_DECIMALS).replace(/0+$/, "");
  return `${scaled < 0 ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/** Basis points → UBL Percent ("21", "9", "5.5", "0"). */
export function percentToString(basisPoints: number): string {
  return quantityToString(basisPoints / 100);
}

/** numerator / denominator (denominator > 0), rounded half away from zero, exactly. */
function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const rounded = (2n * abs + denominator) / (2n * denominator);
  return negative ? -rounded : rounded;
}

/**
 * Line net amount = quantity × price / base quantity, rounded to whole cents per line
 * (EINVOICE.md "Rounding"; PEPPOL-EN16931-R120 tolerates ±0.02 against the unrounded value).
 */
export function lineNetMinor(
  line: Pick<InvoiceLine, "quantity" | "unitPriceMinor" | "priceBaseQuantity">,
): number {
  const quantity = scaleQuantity(line.quantity);
  const base = scaleQuantity(line.priceBaseQuantity ?? 1);
  if (quantity === null || base === null || base <= 0 || !Number.isSafeInteger(line.unitPriceMinor)) {
    throw new RangeError("line quantity, base quantity or price is not a valid exact number");
  }
  const net = divideRounded(BigInt(quantity) * BigInt(line.unitPriceMinor), BigInt(base));
  if (net > BigInt(Number.MAX_SAFE_INTEGER) || net < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError("line net amount is out of range");
  }
  return Number(net);
}

/** Standard exemption texts and CEF VATEX codes (BR-AE-10, BR-IC-10, BR-G-10). */
export const STANDARD_EXEMPTIONS: Readonly<Partial<Record<VatCategory, { code: string; text: string }>>> = {
  AE: { code: "VATEX-EU-AE", text: "Reverse charge" },
  K: { code: "VATEX-EU-IC", text: "Intra-community supply" },
  G: { code: "VATEX-EU-G", text: "Export outside the EU" },
};

const breakdownKey = (vat: VatTreatment) => `${vat.category}|${vat.rateBp}`;

/**
 * Totals per EN 16931: lines are rounded individually and summed (BR-CO-10); VAT is computed
 * once per (category, rate) on the summed taxable amount (BR-S-08/09, BR-CO-17) and the document
 * VAT is the exact sum of the breakdown (BR-CO-14).
 */
export function calculateInvoiceTotals(doc: InvoiceDocument): InvoiceTotals {
  const lines = doc.lines.map((line) => ({ lineId: line.id, netMinor: lineNetMinor(line) }));
  const allowancesCharges = doc.allowancesCharges ?? [];

  const groups = new Map<string, { vat: VatTreatment[]; taxableMinor: number }>();
  const addToGroup = (vat: VatTreatment, amountMinor: number) => {
    const key = breakdownKey(vat);
    const group = groups.get(key) ?? { vat: [], taxableMinor: 0 };
    group.vat.push(vat);
    group.taxableMinor += amountMinor;
    groups.set(key, group);
  };
  doc.lines.forEach((line, index) => addToGroup(line.vat, lines[index]?.netMinor ?? 0));
  for (const ac of allowancesCharges) addToGroup(ac.vat, ac.isCharge ? ac.amountMinor : -ac.amountMinor);

  const vatBreakdown: VatBreakdown[] = [...groups.values()].map(({ vat, taxableMinor }) => {
    const first = vat[0] as VatTreatment;
    const standard = STANDARD_EXEMPTIONS[first.category];
    const exemptionReason = vat.find((v) => v.exemptionReason)?.exemptionReason ?? standard?.text;
    const exemptionReasonCode = vat.find((v) => v.exemptionReasonCode)?.exemptionReasonCode ?? standard?.code;
    return {
      category: first.category,
      rateBp: first.rateBp,
      taxableMinor,
      taxMinor: first.category === "S" ? applyBasisPoints(taxableMinor, first.rateBp) : 0,
      ...(exemptionReason === undefined ? {} : { exemptionReason }),
      ...(exemptionReasonCode === undefined ? {} : { exemptionReasonCode }),
    };
  });

  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const lineExtensionMinor = sum(lines.map((l) => l.netMinor));
  const allowanceTotalMinor = sum(allowancesCharges.filter((ac) => !ac.isCharge).map((ac) => ac.amountMinor));
  const chargeTotalMinor = sum(allowancesCharges.filter((ac) => ac.isCharge).map((ac) => ac.amountMinor));
  const taxExclusiveMinor = lineExtensionMinor - allowanceTotalMinor + chargeTotalMinor;
  const taxMinor = sum(vatBreakdown.map((b) => b.taxMinor));
  const taxInclusiveMinor = taxExclusiveMinor + taxMinor;
  return {
    lines,
    lineExtensionMinor,
    allowanceTotalMinor,
    chargeTotalMinor,
    taxExclusiveMinor,
    taxMinor,
    taxInclusiveMinor,
    payableMinor: taxInclusiveMinor,
    vatBreakdown,
  };
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

const EU_COUNTRIES = new Set(
  "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK".split(" "),
);
/** UNCL 5189 subset allowed by Peppol for allowance reason codes (PEPPOL-EN16931-CL002). */
const ALLOWANCE_REASON_CODES = new Set(
  "41 42 60 62 63 64 65 66 67 68 70 71 88 95 100 102 103 104 105".split(" "),
);
/** VATEX codes that belong to another category (PEPPOL-EN16931-P0104..P0107). */
const CATEGORY_BOUND_VATEX = new Set(["VATEX-EU-G", "VATEX-EU-O", "VATEX-EU-IC", "VATEX-EU-AE"]);
// Control characters are not allowed in XML 1.0.
const XML_INVALID_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** GS1 check digit, used by GLN (PEPPOL-COMMON-R040) and GTIN. */
export function hasValidGs1CheckDigit(code: string): boolean {
  if (!/^\d{8,14}$/.test(code)) return false;
  const digits = [...code].map(Number).reverse();
  const sum = digits.slice(1).reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === digits[0];
}

function isValidIban(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = parseInt(char, 36);
    remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97;
  }
  return remainder === 1;
}

const ID_FORMATS: Record<string, { pattern: RegExp; label: string; check?: (id: string) => boolean }> = {
  "0106": { pattern: /^\d{8}$/, label: "KvK number (8 digits)" },
  "0190": { pattern: /^\d{20}$/, label: "OIN (20 digits)" },
  "9944": { pattern: /^NL\d{9}B\d{2}$/, label: "NL VAT number (NL123456789B01)" },
  "0088": { pattern: /^\d{13}$/, label: "GLN (13 digits, GS1 check digit)", check: hasValidGs1CheckDigit },
  "0208": {
    pattern: /^[01]\d{9}$/,
    label: "BE enterprise number (10 digits, mod 97)",
    check: (id) => 97 - (Number(id.slice(0, 8)) % 97) === Number(id.slice(8)),
  },
  "9925": { pattern: /^BE[01]\d{9}$/, label: "BE VAT number (BE0123456789)" },
  "9930": { pattern: /^DE\d{9}$/, label: "DE VAT number (DE123456789)" },
  "0204": { pattern: /^[0-9A-Z-]{3,46}$/, label: "Leitweg-ID" },
  "0192": { pattern: /^\d{9}$/, label: "NO organisation number (9 digits)" },
};

function checkSchemeId(scheme: string, id: string, where: string, problems: string[]): void {
  const format = ID_FORMATS[scheme];
  if (!format) problems.push(`${where}: unsupported scheme ${scheme}`);
  else if (!format.pattern.test(id) || (format.check && !format.check(id))) {
    problems.push(`${where}: "${id}" is not a valid ${format.label}`);
  }
}

/** Every string must be non-empty (PEPPOL-EN16931-R008) and contain only XML-safe characters. */
function checkStrings(value: unknown, path: string, problems: string[]): void {
  if (typeof value === "string") {
    if (value.trim() === "") problems.push(`${path} is empty`);
    else if (XML_INVALID_CHARS.test(value)) problems.push(`${path} contains control characters`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => checkStrings(item, `${path}[${i}]`, problems));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) checkStrings(item, path ? `${path}.${key}` : key, problems);
  }
}

function checkVat(vat: VatTreatment, where: string, problems: string[]): void {
  const { category, rateBp, exemptionReason, exemptionReasonCode } = vat;
  const rule = category === "K" ? "IC" : category;
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 10_000) {
    problems.push(`${where}: VAT rate ${rateBp} is not a whole number of basis points`);
  } else if (category === "S" && rateBp === 0) {
    problems.push(`${where}: standard-rated (S) VAT needs a rate above 0 (BR-S-05)`);
  } else if (category !== "S" && rateBp !== 0) {
    problems.push(`${where}: VAT category ${category} must have rate 0 (BR-${rule}-05)`);
  }
  const hasReason = exemptionReason !== undefined || exemptionReasonCode !== undefined;
  if ((category === "S" || category === "Z") && hasReason) {
    problems.push(`${where}: VAT category ${category} must not carry an exemption reason (BR-${rule}-10)`);
  }
  if (category === "E" && !hasReason) {
    problems.push(`${where}: exempt (E) VAT needs an exemption reason text or VATEX code (BR-E-10)`);
  }
  if (
    category === "E" &&
    exemptionReasonCode !== undefined &&
    (!exemptionReasonCode.startsWith("VATEX-EU-") || CATEGORY_BOUND_VATEX.has(exemptionReasonCode))
  ) {
    problems.push(`${where}: "${exemptionReasonCode}" is not a VATEX exemption code for category E`);
  }
  const standard = STANDARD_EXEMPTIONS[category];
  if (standard && exemptionReasonCode !== undefined && exemptionReasonCode !== standard.code) {
    problems.push(`${where}: category ${category} requires exemption code ${standard.code}`);
  }
}

function checkAllowanceCharge(ac: AllowanceCharge, where: string, problems: string[]): void {
  if (!Number.isSafeInteger(ac.amountMinor) || ac.amountMinor < 0) {
    problems.push(`${where}: amount must be a non-negative whole number of cents`);
  }
  if (ac.reasonCode !== undefined) {
    const valid = ac.isCharge ? /^[A-Z]{1,3}$/.test(ac.reasonCode) : ALLOWANCE_REASON_CODES.has(ac.reasonCode);
    const list = ac.isCharge ? "UNCL 7161 charge" : "UNCL 5189 allowance";
    if (!valid) problems.push(`${where}: "${ac.reasonCode}" is not a valid ${list} reason code`);
  }
  if (ac.percentage) {
    const { baseAmountMinor, percentBp } = ac.percentage;
    if (!Number.isSafeInteger(baseAmountMinor) || !Number.isInteger(percentBp) || percentBp <= 0) {
      problems.push(`${where}: percentage needs a whole-cent base amount and a positive whole basis-point rate`);
    } else if (applyBasisPoints(baseAmountMinor, percentBp) !== ac.amountMinor) {
      const expected = `${baseAmountMinor} × ${percentBp / 100} %`;
      problems.push(`${where}: amount ${ac.amountMinor} ≠ ${expected} (PEPPOL-EN16931-R040)`);
    }
  }
  checkVat(ac.vat, where, problems);
}

/** Returns false if the line's numbers are unusable, so totals must not be computed. */
function checkLine(line: InvoiceLine, where: string, isCreditNote: boolean, problems: string[]): boolean {
  let numericOk = true;
  if (scaleQuantity(line.quantity) === null) {
    problems.push(`${where}: quantity ${line.quantity} must be a number with at most ${QUANTITY_DECIMALS} decimals`);
    numericOk = false;
  } else if (isCreditNote && line.quantity <= 0) {
    problems.push(`${where}: credit note quantities must be positive (the credit note itself reverses the sign)`);
  }
  if (line.priceBaseQuantity !== undefined) {
    const base = scaleQuantity(line.priceBaseQuantity);
    if (base === null || base <= 0) {
      problems.push(
        `${where}: price base quantity must be positive with at most ${QUANTITY_DECIMALS} decimals (PEPPOL-EN16931-R121)`,
      );
      numericOk = false;
    }
  }
  if (!Number.isSafeInteger(line.unitPriceMinor) || line.unitPriceMinor < 0) {
    problems.push(`${where}: unit price must be a non-negative whole number of cents (BR-27)`);
    numericOk = false;
  }
  if (!UNIT_CODES.has(line.unitCode)) {
    const hint = UNIT_CODES.has(`X${line.unitCode}`) ? ` (package codes take an X prefix: X${line.unitCode})` : "";
    problems.push(`${where}: "${line.unitCode}" is not a UN/ECE Rec 20/21 unit code${hint} (BR-CL-23)`);
  }
  if (line.gtin !== undefined && !hasValidGs1CheckDigit(line.gtin)) {
    problems.push(`${where}: GTIN "${line.gtin}" has an invalid check digit`);
  }
  checkVat(line.vat, where, problems);
  return numericOk;
}

function checkParty(doc: InvoiceDocument, role: "supplier" | "customer", problems: string[]): void {
  const party = doc[role];
  const country = party.address.countryCode;
  if (!/^[A-Z]{2}$/.test(country)) problems.push(`${role}: country "${country}" is not an ISO 3166-1 alpha-2 code`);
  checkSchemeId(party.endpoint.scheme, party.endpoint.id, `${role} Peppol endpoint`, problems);
  if (party.legalId) checkSchemeId(party.legalId.scheme, party.legalId.id, `${role} legal id`, problems);
  if (party.vatId !== undefined && !/^[A-Z]{2}[0-9A-Z+*.]{2,13}$/.test(party.vatId)) {
    problems.push(`${role}: VAT id "${party.vatId}" must start with a country prefix (BR-CO-09)`);
  } else if (party.vatId?.startsWith("NL") && !/^NL\d{9}B\d{2}$/.test(party.vatId)) {
    problems.push(`${role}: NL VAT id "${party.vatId}" must look like NL123456789B01`);
  }
  if (doc.supplier.address.countryCode === "NL" && country === "NL") {
    const [addressRule, legalRule] = role === "supplier" ? ["NL-R-002", "NL-R-003"] : ["NL-R-004", "NL-R-005"];
    const { street, city, postalCode } = party.address;
    if (!street || !city || !postalCode) {
      problems.push(`${role}: a Dutch address needs street, city and postal code (${addressRule})`);
    }
    if (party.legalId?.scheme !== "0106" && party.legalId?.scheme !== "0190") {
      problems.push(`${role}: a Dutch party needs a KvK (0106) or OIN (0190) legal id (${legalRule})`);
    }
  }
}

function checkVatCategories(doc: InvoiceDocument, problems: string[]): void {
  const { supplier, customer, delivery } = doc;
  const treatments = [...doc.lines.map((l) => l.vat), ...(doc.allowancesCharges ?? []).map((ac) => ac.vat)];
  const reasonsByKey = new Map<string, Set<string>>();
  for (const vat of treatments) {
    const reasons = reasonsByKey.get(breakdownKey(vat)) ?? new Set<string>();
    reasons.add(`${vat.exemptionReason ?? ""}|${vat.exemptionReasonCode ?? ""}`);
    reasonsByKey.set(breakdownKey(vat), reasons);
  }
  for (const [key, reasons] of reasonsByKey) {
    if (reasons.size > 1) {
      problems.push(`VAT ${key.replace("|", " ")} bp: lines disagree on the exemption reason (one per VAT breakdown)`);
    }
  }

  const categories = new Set(treatments.map((v) => v.category));
  const home = supplier.address.countryCode;
  const customerCountry = customer.address.countryCode;
  const deliveryCountry = delivery?.address?.countryCode;
  if (categories.has("AE") && (!supplier.vatId || !customer.vatId)) {
    problems.push("reverse charge (AE) requires both the supplier and the customer VAT id (BR-AE-02)");
  }
  if (categories.has("K")) {
    if (!customer.vatId) problems.push("intra-community supply (K) requires the customer VAT id (BR-IC-02)");
    if (!EU_COUNTRIES.has(customerCountry) || customerCountry === home) {
      problems.push(`intra-community supply (K) needs a customer in another EU member state, not ${customerCountry}`);
    }
    if (!delivery?.date) problems.push("intra-community supply (K) requires the actual delivery date (BR-IC-11)");
    if (!deliveryCountry) {
      problems.push("intra-community supply (K) requires the deliver-to country (BR-IC-12)");
    } else if (!EU_COUNTRIES.has(deliveryCountry) || deliveryCountry === home) {
      problems.push(`intra-community supply (K) must be delivered to another EU member state, not ${deliveryCountry}`);
    }
  }
  const exportDestination = [customerCountry, deliveryCountry].some((c) => c !== undefined && !EU_COUNTRIES.has(c));
  if (categories.has("G") && !exportDestination) {
    problems.push("export (G) needs a customer or delivery address outside the EU");
  }
}

/**
 * Problems that would make the document invalid under Peppol BIS 3 / the NL rules, in words a
 * clerk can act on. Empty list = safe to build.
 */
export function validateInvoiceInput(doc: InvoiceDocument): string[] {
  const problems: string[] = [];
  const isCreditNote = doc.kind === "credit_note";
  checkStrings(doc, "", problems);

  const checkDate = (label: string, value: string | undefined) => {
    if (value !== undefined && !isIsoDate(value)) problems.push(`${label} "${value}" is not a valid YYYY-MM-DD date`);
  };
  checkDate("issue date", doc.issueDate);
  checkDate("due date", doc.dueDate);
  checkDate("billing reference date", doc.billingReference?.issueDate);
  checkDate("delivery date", doc.delivery?.date);
  if (doc.dueDate !== undefined && doc.dueDate < doc.issueDate) {
    problems.push(`due date ${doc.dueDate} is before the issue date ${doc.issueDate}`);
  }
  if (doc.currency !== "EUR") problems.push(`currency ${String(doc.currency)} is not supported`);
  if (!doc.buyerReference && !doc.orderReference) {
    problems.push("a buyer reference or purchase order number is required (PEPPOL-EN16931-R003)");
  }
  if (isCreditNote && !doc.billingReference) {
    problems.push("a credit note must reference the invoice it corrects (NL-R-001)");
  }

  checkParty(doc, "supplier", problems);
  checkParty(doc, "customer", problems);
  if (!doc.supplier.vatId) problems.push("supplier VAT id is required for VAT categories S/Z/E/AE/K/G (BR-S-02 …)");

  const payment = doc.paymentMeans;
  if (payment && "iban" in payment) {
    if (!isValidIban(payment.iban)) problems.push(`IBAN "${payment.iban}" is not valid`);
    if (payment.bic !== undefined && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(payment.bic)) {
      problems.push(`BIC "${payment.bic}" is not valid`);
    }
  } else if (payment?.debitedIban !== undefined && !isValidIban(payment.debitedIban)) {
    problems.push(`debited IBAN "${payment.debitedIban}" is not valid`);
  }

  if (doc.lines.length === 0) problems.push("at least one line is required (BR-16)");
  const seenIds = new Set<string>();
  let numericOk = true;
  doc.lines.forEach((line, i) => {
    const where = `line ${line.id || i + 1}`;
    if (seenIds.has(line.id)) problems.push(`${where}: duplicate line id`);
    seenIds.add(line.id);
    if (line.orderLineReference !== undefined && !doc.orderReference) {
      problems.push(`${where}: an order line reference needs a purchase order number on the document (NL-R-009)`);
    }
    numericOk = checkLine(line, where, isCreditNote, problems) && numericOk;
  });
  (doc.allowancesCharges ?? []).forEach((ac, i) => {
    checkAllowanceCharge(ac, `${ac.isCharge ? "charge" : "allowance"} ${i + 1} (${ac.reason})`, problems);
  });
  checkVatCategories(doc, problems);

  if (numericOk && doc.lines.length > 0) {
    const { payableMinor } = calculateInvoiceTotals(doc);
    if (isCreditNote && payableMinor < 0) {
      problems.push("credit note total is negative: use positive amounts (EINVOICE.md §3)");
    }
    if (!isCreditNote && payableMinor > 0 && !doc.dueDate && !doc.paymentTerms) {
      problems.push("an amount is due: give a due date or payment terms (BR-CO-25)");
    }
    if (!isCreditNote && payableMinor > 0 && !payment && doc.supplier.address.countryCode === "NL") {
      problems.push("an amount is due: payment means (IBAN) are required (NL-R-007)");
    }
  }
  return problems;
}

export class InvoiceValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`invoice input is invalid:\n- ${problems.join("\n- ")}`);
    this.name = "InvoiceValidationError";
  }
}

/** Throws `InvoiceValidationError` listing every problem; the builders call this first. */
export function assertValidInvoiceInput(doc: InvoiceDocument): void {
  const problems = validateInvoiceInput(doc);
  if (problems.length > 0) throw new InvoiceValidationError(problems);
}
