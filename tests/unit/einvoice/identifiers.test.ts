import { describe, expect, it } from "vitest";
import {
  normalizeIban,
  normalizeKvkNumber,
  normalizePeppolId,
  normalizeVatId,
  PEPPOL_ID_SCHEMES,
  validateBeEnterpriseNumber,
  validateBic,
  validateGln,
  validateIban,
  validateKvkNumber,
  validateLeitwegId,
  validateNlVatId,
  validateNoOrganisationNumber,
  validateOin,
  validatePeppolId,
  validateVatId,
  vatIdCountry,
} from "@/lib/einvoice/identifiers";

// Valid examples are published ones (python-stdnum doctests, the ECBS/SWIFT IBAN examples, GS1 examples)
// or seeded demo numbers; each invalid example differs from a valid one in one check-relevant place.

describe("validateKvkNumber", () => {
  it.each([
    ["68750110", null],
    ["05067213", null],
    ["6875011", "kvk_format"],
    ["687501100", "kvk_format"],
    ["6875011A", "kvk_format"],
    ["00000000", "kvk_format"],
    ["", "required"],
  ])("%s → %s", (value, expected) => expect(validateKvkNumber(value)).toBe(expected));

  it("normalizes spaces and dots", () => expect(normalizeKvkNumber(" 6875 0110 ")).toBe("68750110"));
});

describe("validateNlVatId", () => {
  it.each([
    // RSIN-based numbers: 11-test ("elfproef") on the nine digits.
    ["NL004495445B01", null],
    ["NL857426199B01", null],
    ["NL862031485B01", null],
    // btw-identificatienummers since 2020 (no BSN): ISO 7064 MOD 97-10 over the whole id.
    ["NL002455799B11", null],
    ["NL123456789B13", null],
    // Neither rule holds.
    ["NL123456789B01", "vat_checksum"],
    ["NL857426198B01", "vat_checksum"],
    ["NL002455799B12", "vat_checksum"],
    // Shape.
    ["NL857426199B00", "vat_format"],
    ["NL000000000B01", "vat_format"],
    ["NL85742619B01", "vat_format"],
    ["NL857426199X01", "vat_format"],
    ["857426199B01", "vat_format"],
    ["", "required"],
  ])("%s → %s", (value, expected) => expect(validateNlVatId(value)).toBe(expected));
});

describe("validateVatId (EU formats and check digits)", () => {
  it.each([
    ["NL857426199B01", null],
    ["NL002455799B11", null],
    ["BE0428759497", null],
    ["BE0412345614", null],
    ["BE0431150351", "vat_checksum"],
    ["BE428759497", "vat_format"],
    ["BE2428759497", "vat_format"],
    ["DE136695976", null],
    ["DE812345673", null],
    ["DE136695978", "vat_checksum"],
    ["DE036695976", "vat_format"],
    ["ATU13585627", null],
    ["ATU13585626", "vat_checksum"],
    ["AT13585627", "vat_format"],
    ["FR40303265045", null],
    ["FR23334175221", null],
    ["FR84323140391", "vat_checksum"],
    ["FRK7399859412", null],
    ["FR4Z123456782", null],
    ["FRIO334175221", "vat_format"],
    ["IT00743110157", null],
    ["IT00743110158", "vat_checksum"],
    ["IT0074311015", "vat_format"],
    ["DK13585628", null],
    ["DK13585627", "vat_checksum"],
    ["LU15027442", null],
    ["LU15027443", "vat_checksum"],
    ["PL8567346215", null],
    ["PL8567346216", "vat_checksum"],
    ["FI20774740", null],
    ["FI20774741", "vat_checksum"],
    ["SE123456789701", null],
    ["SE123456789101", "vat_checksum"],
    ["SE123456789702", "vat_format"],
    ["ESA28015865", null],
    ["ESX1234567", "vat_format"],
    ["IE6388047V", null],
    ["IE1234567FA", null],
    ["IE12345678", "vat_format"],
    ["EL094259216", null],
    ["EL09425921", "vat_format"],
    // Greece uses EL in VAT ids (VIES, EN 16931), not its ISO code.
    ["GR094259216", "vat_greece_prefix"],
    ["XX123456789", "vat_country"],
    ["US123456789", "vat_country"],
    ["", "required"],
  ])("%s → %s", (value, expected) => expect(validateVatId(value)).toBe(expected));

  it("normalizes separators and case", () => {
    expect(normalizeVatId(" be 0412.345.614 ")).toBe("BE0412345614");
    expect(normalizeVatId("nl-8574-26199-b01")).toBe("NL857426199B01");
  });

  it.each([
    ["NL857426199B01", "NL"],
    ["EL094259216", "GR"],
    ["XI123456789", "GB"],
    ["CHE123456789MWST", "CH"],
    ["ZZ1234", null],
  ])("the country of %s is %s", (vat, country) => expect(vatIdCountry(vat)).toBe(country));
});

describe("validateIban", () => {
  it.each([
    ["NL91ABNA0417164300", null],
    ["NL67INGB0006543210", null],
    ["DE89370400440532013000", null],
    ["BE68539007547034", null],
    ["FR1420041010050500013M02606", null],
    ["AT611904300234573201", null],
    ["GB29NWBK60161331926819", null],
    ["NL91ABNA0417164301", "iban_checksum"],
    ["NL19ABNA0417164300", "iban_checksum"],
    ["DE8937040044053201300", "iban_length"],
    ["NL91ABNA04171643000", "iban_length"],
    ["NL91AB1A0417164300", "iban_format"],
    ["US12345678901234567", "iban_country"],
    ["NL91-ABNA-0417164300", "iban_format"],
    ["", "required"],
  ])("%s → %s", (value, expected) => expect(validateIban(value)).toBe(expected));

  it("normalizes the printed groups of four", () => expect(normalizeIban("nl91 abna 0417 1643 00")).toBe("NL91ABNA0417164300"));
});

describe("validateBic", () => {
  it.each([
    ["INGBNL2A", null],
    ["ABNANL2AXXX", null],
    ["DEUTDEFF500", null],
    ["INGBNL2", "bic_format"],
    ["INGBNL2AXX", "bic_format"],
    ["1NGBNL2A", "bic_format"],
    ["", "required"],
  ])("%s → %s", (value, expected) => expect(validateBic(value)).toBe(expected));
});

describe("validateGln, validateOin, BE enterprise, NO organisation number, Leitweg-ID", () => {
  it.each([
    [validateGln, "8712345678906", null],
    [validateGln, "4000001000005", null],
    [validateGln, "8712345678907", "gln_checksum"],
    [validateGln, "871234567890", "gln_format"],
    [validateOin, "00000001003214345000", null],
    [validateOin, "0000000100321434500", "oin_format"],
    [validateOin, "0000000100321434500A", "oin_format"],
    [validateBeEnterpriseNumber, "0412345614", null],
    [validateBeEnterpriseNumber, "0428759497", null],
    [validateBeEnterpriseNumber, "0428759498", "be_enterprise_checksum"],
    [validateBeEnterpriseNumber, "2428759497", "be_enterprise_format"],
    [validateBeEnterpriseNumber, "428759497", "be_enterprise_format"],
    [validateNoOrganisationNumber, "988077917", null],
    [validateNoOrganisationNumber, "988077918", "no_org_checksum"],
    [validateNoOrganisationNumber, "98807791", "no_org_format"],
    [validateLeitwegId, "04011000-1234512345-06", null],
    [validateLeitwegId, "991-33333TEST-33", null],
    [validateLeitwegId, "991-33333TEST-34", "leitweg_checksum"],
    [validateLeitwegId, "04011000", "leitweg_format"],
  ] as const)("%o %s → %s", (validate, value, expected) => expect(validate(value)).toBe(expected));
});

describe("validatePeppolId", () => {
  it.each([
    ["0106", "68750110", null],
    ["0106", "6875011", "kvk_format"],
    ["0190", "00000001003214345000", null],
    ["0190", "1003214345000", "oin_format"],
    ["9944", "NL857426199B01", null],
    ["9944", "NL123456789B01", "vat_checksum"],
    ["9944", "BE0412345614", "peppol_id_not_nl_vat"],
    ["0088", "8712345678906", null],
    ["0088", "8712345678907", "gln_checksum"],
    ["0208", "0412345614", null],
    ["0208", "0412345615", "be_enterprise_checksum"],
    ["9925", "BE0412345614", null],
    ["9925", "BE0412345615", "vat_checksum"],
    ["9925", "0412345614", "peppol_id_not_be_vat"],
    ["9930", "DE812345673", null],
    ["9930", "NL857426199B01", "peppol_id_not_de_vat"],
    ["0192", "988077917", null],
    ["0204", "04011000-1234512345-06", null],
    ["0204", "04011000-1234512345-07", "leitweg_checksum"],
    // Schemes the invoice builder cannot send are refused up front.
    ["0007", "5560360793", "peppol_scheme_unsupported"],
    ["0106", "", "required"],
  ])("%s:%s → %s", (scheme, value, expected) => expect(validatePeppolId(scheme, value)).toBe(expected));

  it("normalizes pasted participant ids and VAT-based values", () => {
    expect(normalizePeppolId("0106", " 0106:6875 0110")).toBe("68750110");
    expect(normalizePeppolId("0106", "iso6523-actorid-upis::0106:68750110")).toBe("68750110");
    expect(normalizePeppolId("9944", "nl 857426199 b01")).toBe("NL857426199B01");
    expect(normalizePeppolId("9925", "be 0412.345.614")).toBe("BE0412345614");
    expect(normalizePeppolId("(.*", "(.*:1")).toBe("1");
  });

  it("covers the schemes the issue names", () => {
    for (const scheme of ["0106", "0190", "9944", "0088", "0208", "9925"]) expect(PEPPOL_ID_SCHEMES).toContain(scheme);
  });
});
