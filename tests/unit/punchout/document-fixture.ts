import type { PunchoutDocument } from "@/lib/punchout/types";

const SHOP = "https://shop.example.nl";

/** A product document as toPunchoutCart hands it to the builders; the URL follows the key and file name. */
export function punchoutDocument(overrides: Partial<PunchoutDocument> = {}): PunchoutDocument {
  const key = overrides.key ?? "0123456789abcdef01234567";
  const fileName = overrides.fileName ?? "veiligheidsblad-kabelbinder.pdf";
  return {
    key,
    kind: "safety_data_sheet",
    title: "Veiligheidsinformatieblad kabelbinder",
    url: `${SHOP}/product-documents/ART-10001/${key}/${fileName}`,
    fileName,
    byteSize: 48_213,
    language: "nl",
    ...overrides,
  };
}

/** A datasheet, a Dutch and an English safety data sheet, a manual: in the reader's (Dutch) order. */
export const DUTCH_READERS_DOCUMENTS: PunchoutDocument[] = [
  punchoutDocument({ key: "a00000000000000000000001", kind: "datasheet", title: "Productblad", fileName: "productblad.pdf", language: null, byteSize: 120_000 }),
  punchoutDocument({ key: "a00000000000000000000002" }),
  punchoutDocument({ key: "a00000000000000000000003", title: "Safety data sheet", fileName: "sds-en.pdf", language: "en", byteSize: 51_002 }),
  punchoutDocument({ key: "a00000000000000000000004", kind: "manual", title: "Handleiding", fileName: "handleiding.pdf", byteSize: 2_400_000 }),
];
