import { normalizeKvkNumber, normalizePeppolId, validateKvkNumber } from "@/lib/einvoice/identifiers";

/**
 * Peppol scheme 0106 identifies a participant by its KvK number, so for a Dutch customer with a KvK
 * number the Peppol id under 0106 is that number. Returns the KvK number the id should have been
 * when it is something else (a typo, another company's number), or null when there is nothing to
 * say: another scheme, no Peppol id yet, or no valid KvK number to compare with. Pure, for the
 * customer schema and the form's hint alike.
 */
export function kvkPeppolIdMismatch(value: { countryCode: string; kvkNumber: string | null; peppolScheme: string | null; peppolId: string | null }): string | null {
  if (value.peppolScheme !== "0106" || !value.peppolId || !value.kvkNumber || value.countryCode.trim().toUpperCase() !== "NL") return null;
  const kvkNumber = normalizeKvkNumber(value.kvkNumber);
  if (validateKvkNumber(kvkNumber) !== null) return null;
  return normalizePeppolId("0106", value.peppolId) === kvkNumber ? null : kvkNumber;
}
