import type { CatalogExportHeader, CatalogExportItem } from "@/lib/catalog-export/types";

export const HEADER: CatalogExportHeader = {
  language: "nl",
  currency: "EUR",
  generatedAt: new Date("2026-11-29T09:15:00Z"),
  priceDate: "2026-11-29",
  catalogId: "KOPPEL-C42",
  catalogName: "Koppel Supplies – catalogus Demo Facilities B.V.",
  supplier: { name: "Koppel Supplies B.V.", id: { domain: "NetworkID", identity: "AN01000000042" } },
  buyer: { name: "Demo Facilities B.V." },
  shopUrl: "https://shop.example.nl",
};

export function item(overrides: Partial<CatalogExportItem> = {}): CatalogExportItem {
  return {
    sku: "KP-000019",
    name: { nl: "Kopieerpapier A4 80 g, pak 500 vel", en: "Copy paper A4 80 gsm, pack of 500" },
    description: { nl: "Wit, FSC-gecertificeerd & geschikt voor laser en inkjet.", en: "White, FSC certified, for laser and inkjet." },
    manufacturerName: "Papierfabriek Voorbeeld",
    manufacturerPartNumber: "PAP-80-A4",
    gtin: "08712345678906",
    unspsc: "14111507",
    unit: "PK",
    packSize: 500,
    contentUnit: null,
    minOrderQuantity: 5,
    orderMultiple: 5,
    leadTimeDays: 2,
    vatRateBasisPoints: 2100,
    listPriceMinor: 510,
    ladder: [
      { minQuantity: 1, unitPriceMinor: 425 },
      { minQuantity: 50, unitPriceMinor: 395 },
    ],
    priceValidTo: "2026-12-31",
    buyerPartNumber: "MAT-4711",
    imageKey: null,
    related: [],
    documents: [],
    ...overrides,
  };
}
