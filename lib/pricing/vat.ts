import { applyBasisPoints } from "./money";

export interface TaxableLine {
  netMinor: number;
  vatRateBasisPoints: number;
}

export interface VatSummary {
  subtotalMinor: number;
  vatMinor: number;
  totalMinor: number;
  /** One row per rate, ascending by rate: VAT is computed on the summed taxable amount per rate. */
  breakdown: { vatRateBasisPoints: number; taxableMinor: number; vatMinor: number }[];
}

/**
 * Totals for an order or cart. VAT is calculated per rate on the sum of the line amounts at that
 * rate (EN 16931 BR-CO-17 style), not per line and then summed, so totals match the invoice.
 */
export function summarizeVat(lines: readonly TaxableLine[]): VatSummary {
  const taxableByRate = new Map<number, number>();
  for (const line of lines) {
    taxableByRate.set(line.vatRateBasisPoints, (taxableByRate.get(line.vatRateBasisPoints) ?? 0) + line.netMinor);
  }
  const breakdown = [...taxableByRate.entries()]
    .sort(([a], [b]) => a - b)
    .map(([vatRateBasisPoints, taxableMinor]) => ({
      vatRateBasisPoints,
      taxableMinor,
      vatMinor: applyBasisPoints(taxableMinor, vatRateBasisPoints),
    }));
  const subtotalMinor = breakdown.reduce((sum, row) => sum + row.taxableMinor, 0);
  const vatMinor = breakdown.reduce((sum, row) => sum + row.vatMinor, 0);
  return { subtotalMinor, vatMinor, totalMinor: subtotalMinor + vatMinor, breakdown };
}

/** The VAT of a single line, for display next to the line only (totals use summarizeVat). */
export function lineVatMinor(line: TaxableLine): number {
  return applyBasisPoints(line.netMinor, line.vatRateBasisPoints);
}
