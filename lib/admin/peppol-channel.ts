import { normalizePeppolId, PEPPOL_ID_SCHEMES, validatePeppolId } from "@/lib/einvoice/identifiers";

/**
 * Whether the customer form should offer switching Peppol invoices on: a valid Peppol id was just
 * entered (the saved customer had none) and Peppol is not ticked. Offered, not done: an existing
 * customer's channels only change when someone saves them (a new customer gets Peppol by itself:
 * invoiceChannelsFor in lib/admin/invoicing-settings.ts). Pure, for the client form.
 */
export function offerPeppolChannel(
  saved: { peppolId: string | null },
  typed: { peppolScheme: string; peppolId: string },
  ticked: readonly string[],
): boolean {
  if (saved.peppolId || ticked.includes("peppol")) return false;
  const scheme = typed.peppolScheme.trim();
  if (!scheme || !typed.peppolId.trim() || !(PEPPOL_ID_SCHEMES as readonly string[]).includes(scheme)) return false;
  return validatePeppolId(scheme, normalizePeppolId(scheme, typed.peppolId)) === null;
}
