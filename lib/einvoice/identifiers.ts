import { hasValidGs1CheckDigit } from "./calculate";

/**
 * Validators for the identifiers on an invoice's parties (EINVOICE.md "Endpoint IDs / party
 * identifiers"). Pure: every validator takes the normalized value and returns an error code (a
 * key of admin.errors in lib/i18n/messages/admin.*.json) or null when the value is acceptable.
 * Normalize first (normalizeCompact / normalizeVatId / normalizeIban); validators do not strip.
 */

export type IdentifierError =
  | "required"
  | "kvk_format"
  | "vat_format"
  | "vat_checksum"
  | "vat_country"
  | "vat_greece_prefix"
  | "iban_format"
  | "iban_country"
  | "iban_length"
  | "iban_checksum"
  | "bic_format"
  | "gln_format"
  | "gln_checksum"
  | "oin_format"
  | "be_enterprise_format"
  | "be_enterprise_checksum"
  | "leitweg_format"
  | "leitweg_checksum"
  | "no_org_format"
  | "no_org_checksum"
  | "peppol_scheme_unsupported"
  | "peppol_id_not_nl_vat"
  | "peppol_id_not_be_vat"
  | "peppol_id_not_de_vat";

/** Removes all whitespace and upper-cases ("nl 8574 26199 b01" → "NL857426199B01"). */
export function normalizeCompact(value: string): string {
  return value.replace(/\s+/g, "").toUpperCase();
}

/** VAT ids are often written with dots or dashes ("BE 0412.345.614", "DE-812 345 673"). */
export function normalizeVatId(value: string): string {
  return value.replace(/[\s.\-]+/g, "").toUpperCase();
}

/** IBANs are printed in groups of four ("NL91 ABNA 0417 1643 00"). */
export function normalizeIban(value: string): string {
  return normalizeCompact(value);
}

/** KvK numbers are sometimes written with dots or spaces ("6875 0110"). */
export function normalizeKvkNumber(value: string): string {
  return value.replace(/[\s.]+/g, "");
}

/** The remainder of a digit/letter string modulo 97 with letters as 10…35 (ISO 7064 MOD 97-10). */
function mod97(value: string): number {
  let remainder = 0;
  for (const char of value) {
    const n = parseInt(char, 36);
    remainder = (remainder * (n > 9 ? 100 : 10) + n) % 97;
  }
  return remainder;
}

/** Luhn sum mod 10 over a digit string (every second digit from the right doubled, starting left of the last). */
function luhnChecksum(digits: string): number {
  let sum = 0;
  [...digits].reverse().forEach((char, i) => {
    let d = Number(char);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  });
  return sum % 10;
}

const luhnValid = (digits: string) => luhnChecksum(digits) === 0;

const weightedSum = (digits: string, weights: number[]) => weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0);

// ---------------------------------------------------------------------------------------------
// Netherlands

/** KvK number: 8 digits (Handelsregisterwet; no check digit since 2016). Peppol scheme 0106. */
export function validateKvkNumber(value: string): IdentifierError | null {
  if (!value) return "required";
  return /^\d{8}$/.test(value) && value !== "00000000" ? null : "kvk_format";
}

/** OIN (Organisatie-identificatienummer, Logius): 20 digits. Peppol scheme 0190. */
export function validateOin(value: string): IdentifierError | null {
  if (!value) return "required";
  return /^\d{20}$/.test(value) ? null : "oin_format";
}

/**
 * Dutch VAT id: NL + 9 digits + B + 2 digits (suffix 01–99). Two check rules are in use:
 * - the RSIN/BSN-based numbers issued before 2020 pass the 11-test ("elfproef": 9…2 weights on the
 *   first eight digits minus the ninth, ≡ 0 mod 11);
 * - the btw-identificatienummers issued to sole traders since 1 January 2020 do not contain the BSN
 *   and pass ISO 7064 MOD 97-10 over the whole id with letters as numbers (N=23, L=21, B=11), i.e.
 *   "NL…B.." mod 97 = 1.
 * Either one makes the number valid (python-stdnum nl/btw.py does the same).
 */
export function validateNlVatId(value: string): IdentifierError | null {
  if (!value) return "required";
  const match = /^NL(\d{9})B(\d{2})$/.exec(value);
  if (!match || Number(match[1]) === 0 || match[2] === "00") return "vat_format";
  const digits = match[1]!;
  const elfproef = (weightedSum(digits, [9, 8, 7, 6, 5, 4, 3, 2]) - Number(digits[8])) % 11 === 0;
  return elfproef || mod97(value) === 1 ? null : "vat_checksum";
}

// ---------------------------------------------------------------------------------------------
// Belgium

/** Belgian enterprise number (KBO/BCE): 10 digits starting 0 or 1; 97 − (first 8 mod 97) = last 2. Scheme 0208. */
export function validateBeEnterpriseNumber(value: string): IdentifierError | null {
  if (!value) return "required";
  if (!/^[01]\d{9}$/.test(value)) return "be_enterprise_format";
  return 97 - (Number(value.slice(0, 8)) % 97) === Number(value.slice(8)) ? null : "be_enterprise_checksum";
}

// ---------------------------------------------------------------------------------------------
// EU VAT ids (VIES formats; check digits where the algorithm is public and stable)

interface VatRule {
  pattern: RegExp;
  check?: (body: string) => boolean;
}

const FR_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";

const VAT_RULES: Record<string, VatRule> = {
  // Check digit = (6 − Luhn sum of digits 1–7) mod 10 (BMF UID).
  AT: { pattern: /^U\d{8}$/, check: (b) => (16 - luhnChecksum(b.slice(1, 8))) % 10 === Number(b[8]) },
  BE: { pattern: /^[01]\d{9}$/, check: (b) => validateBeEnterpriseNumber(b) === null },
  BG: { pattern: /^\d{9,10}$/ },
  CY: { pattern: /^\d{8}[A-Z]$/ },
  CZ: { pattern: /^\d{8,10}$/ },
  // ISO 7064 MOD 11,10 (Bundeszentralamt für Steuern).
  DE: { pattern: /^[1-9]\d{8}$/, check: (b) => mod11_10Valid(b) },
  DK: { pattern: /^[1-9]\d{7}$/, check: (b) => weightedSum(b, [2, 7, 6, 5, 4, 3, 2, 1]) % 11 === 0 },
  EE: { pattern: /^10\d{7}$/ },
  EL: { pattern: /^\d{9}$/ },
  ES: { pattern: /^[A-Z0-9]\d{7}[A-Z0-9]$/ },
  FI: { pattern: /^\d{8}$/, check: (b) => weightedSum(b, [7, 9, 10, 5, 8, 4, 2, 1]) % 11 === 0 },
  FR: { pattern: /^[0-9A-HJ-NP-Z]{2}\d{9}$/, check: frVatValid },
  HR: { pattern: /^\d{11}$/ },
  HU: { pattern: /^\d{8}$/ },
  IE: { pattern: /^(\d{7}[A-W][A-IW]?|\d[A-Z+*]\d{5}[A-W])$/ },
  IT: { pattern: /^\d{11}$/, check: (b) => luhnValid(b) },
  LT: { pattern: /^(\d{9}|\d{12})$/ },
  LU: { pattern: /^\d{8}$/, check: (b) => Number(b.slice(0, 6)) % 89 === Number(b.slice(6)) },
  LV: { pattern: /^\d{11}$/ },
  MT: { pattern: /^[1-9]\d{7}$/ },
  PL: {
    pattern: /^\d{10}$/,
    check: (b) => weightedSum(b, [6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11 === Number(b[9]),
  },
  PT: { pattern: /^\d{9}$/ },
  RO: { pattern: /^[1-9]\d{1,9}$/ },
  // Swedish VAT id: the 10-digit organisation number (Luhn) followed by "01".
  SE: { pattern: /^\d{10}01$/, check: (b) => luhnValid(b.slice(0, 10)) },
  SI: { pattern: /^[1-9]\d{7}$/ },
  SK: { pattern: /^\d{10}$/ },
  // Northern Ireland (goods, Windsor Framework) and Great Britain, Switzerland, Norway: customers outside the EU VAT area.
  XI: { pattern: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/ },
  GB: { pattern: /^(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/ },
  CHE: { pattern: /^\d{9}(MWST|TVA|IVA)?$/ },
  NO: { pattern: /^\d{9}(MVA)?$/, check: (b) => validateNoOrganisationNumber(b.slice(0, 9)) === null },
};

function mod11_10Valid(digits: string): boolean {
  let product = 10;
  for (const char of digits.slice(0, -1)) {
    let sum = (Number(char) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  let check = 11 - product;
  if (check === 10) check = 0;
  return check === Number(digits.at(-1));
}

/** French TVA: key + SIREN (Luhn). Numeric keys are (12 + 3 × (SIREN mod 97)) mod 97; new-style letter keys use a mod-11 rule. */
function frVatValid(body: string): boolean {
  const key = body.slice(0, 2);
  const siren = body.slice(2);
  // SIRENs starting 000 are Monaco companies: valid TVA numbers, but not SIRENs.
  if (!siren.startsWith("000") && !luhnValid(siren)) return false;
  if (/^\d{2}$/.test(key)) return Number(key) === (12 + 3 * (Number(siren) % 97)) % 97;
  const [a, b] = [FR_ALPHABET.indexOf(key[0]!), FR_ALPHABET.indexOf(key[1]!)];
  const check = /\d/.test(key[0]!) ? a * 24 + b - 10 : a * 34 + b - 100;
  return (Number(siren) + 1 + Math.floor(check / 11)) % 11 === check % 11;
}

/** Country prefixes of VAT ids this shop accepts (EU-27 with EL for Greece, XI, GB, CHE, NO). */
export const VAT_ID_PREFIXES = ["NL", ...Object.keys(VAT_RULES)].sort();

/**
 * The country a VAT id belongs to, as ISO 3166 alpha-2 (EL → GR, XI → GB, CHE → CH), or null if
 * the prefix is unknown.
 */
export function vatIdCountry(vatId: string): string | null {
  if (vatId.startsWith("CHE")) return "CH";
  const prefix = vatId.slice(0, 2);
  if (prefix === "EL") return "GR";
  if (prefix === "XI") return "GB";
  return prefix === "NL" || prefix in VAT_RULES ? prefix : null;
}

/** Any VAT id with its country prefix: NL with both check rules, the others by their national format. */
export function validateVatId(value: string): IdentifierError | null {
  if (!value) return "required";
  if (value.startsWith("NL")) return validateNlVatId(value);
  // VIES and EN 16931 use the prefix EL for Greece, not the ISO code GR.
  if (value.startsWith("GR")) return "vat_greece_prefix";
  const prefix = value.startsWith("CHE") ? "CHE" : value.slice(0, 2);
  const rule = VAT_RULES[prefix];
  if (!rule) return "vat_country";
  const body = value.slice(prefix.length);
  if (!rule.pattern.test(body)) return "vat_format";
  return !rule.check || rule.check(body) ? null : "vat_checksum";
}

// ---------------------------------------------------------------------------------------------
// Bank accounts

/** IBAN lengths per ISO 13616 registry for the EU/EEA and the neighbours SEPA covers. */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FO: 18,
  FR: 27, GB: 22, GI: 23, GL: 18, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20,
  LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27, VA: 22,
};

/** IBAN (ISO 13616): known country, that country's length, check digits by MOD 97-10 (= 1). */
export function validateIban(value: string): IdentifierError | null {
  if (!value) return "required";
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(value)) return "iban_format";
  const length = IBAN_LENGTHS[value.slice(0, 2)];
  if (length === undefined) return "iban_country";
  if (value.length !== length) return "iban_length";
  // The Dutch BBAN is a 4-letter bank code and a 10-digit account number.
  if (value.startsWith("NL") && !/^NL\d{2}[A-Z]{4}\d{10}$/.test(value)) return "iban_format";
  return mod97(value.slice(4) + value.slice(0, 4)) === 1 ? null : "iban_checksum";
}

/** BIC (ISO 9362): 4-letter institution, 2-letter country, 2-character location, optional 3-character branch. */
export function validateBic(value: string): IdentifierError | null {
  if (!value) return "required";
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(value) ? null : "bic_format";
}

// ---------------------------------------------------------------------------------------------
// Other party identifiers

/** GLN: 13 digits with a GS1 check digit (PEPPOL-COMMON-R040). Peppol scheme 0088. */
export function validateGln(value: string): IdentifierError | null {
  if (!value) return "required";
  if (!/^\d{13}$/.test(value)) return "gln_format";
  return hasValidGs1CheckDigit(value) ? null : "gln_checksum";
}

/** Norwegian organisation number: 9 digits, MOD 11 with weights 3 2 7 6 5 4 3 2. Peppol scheme 0192. */
export function validateNoOrganisationNumber(value: string): IdentifierError | null {
  if (!value) return "required";
  if (!/^\d{9}$/.test(value)) return "no_org_format";
  const rest = weightedSum(value, [3, 2, 7, 6, 5, 4, 3, 2]) % 11;
  const check = rest === 0 ? 0 : 11 - rest;
  return check !== 10 && check === Number(value[8]) ? null : "no_org_checksum";
}

/**
 * German Leitweg-ID (XRechnung routing id): coarse address, optional fine address, and two check
 * digits by ISO 7064 MOD 97-10 over the id without hyphens (letters as 10…35). Scheme 0204.
 */
export function validateLeitwegId(value: string): IdentifierError | null {
  if (!value) return "required";
  if (!/^\d{2,12}(-[0-9A-Z]{1,30})?-\d{2}$/.test(value)) return "leitweg_format";
  return mod97(value.replace(/-/g, "")) === 1 ? null : "leitweg_checksum";
}

// ---------------------------------------------------------------------------------------------
// Peppol participant identifiers (ISO 6523 ICD / EAS code lists)

/**
 * The schemes a customer or supplier endpoint may use here: those the invoice builder checks and
 * sends (lib/einvoice/calculate.ts). Others are refused rather than stored and failing at issue.
 */
export const PEPPOL_ID_SCHEMES = ["0106", "0190", "9944", "0088", "0208", "9925", "9930", "0204", "0192"] as const;
export type PeppolIdScheme = (typeof PEPPOL_ID_SCHEMES)[number];

/** Normalizes the value part of a participant id; VAT-based schemes are upper-case without spaces or dots. */
export function normalizePeppolId(scheme: string, value: string): string {
  // Accept a pasted full participant id ("0106:68750110", "iso6523-actorid-upis::0106:68750110").
  let id = normalizeCompact(value).replace(/^ISO6523-ACTORID-UPIS::/, "");
  if (id.startsWith(`${scheme}:`)) id = id.slice(scheme.length + 1);
  return scheme === "9944" || scheme === "9925" || scheme === "9930" ? normalizeVatId(id) : id;
}

/** A participant id value for its scheme: 0106 KvK, 0190 OIN, 9944 NL VAT, 0088 GLN, 0208 BE enterprise, 9925 BE VAT, … */
export function validatePeppolId(scheme: string, value: string): IdentifierError | null {
  if (!value) return "required";
  switch (scheme) {
    case "0106":
      return validateKvkNumber(value);
    case "0190":
      return validateOin(value);
    case "9944":
      return value.startsWith("NL") ? validateNlVatId(value) : "peppol_id_not_nl_vat";
    case "0088":
      return validateGln(value);
    case "0208":
      return validateBeEnterpriseNumber(value);
    case "9925":
      return value.startsWith("BE") ? validateVatId(value) : "peppol_id_not_be_vat";
    case "9930":
      return value.startsWith("DE") ? validateVatId(value) : "peppol_id_not_de_vat";
    case "0204":
      return validateLeitwegId(value);
    case "0192":
      return validateNoOrganisationNumber(value);
    default:
      return "peppol_scheme_unsupported";
  }
}
