import { expect } from "vitest";
import { productDocumentFileName, productDocumentKey, type ProductDocumentKind, type ProductDocumentLanguage } from "@/lib/catalog/product-document";
import { addProductDocument } from "@/lib/data/product-documents";

/** A tiny but well-formed PDF; `label` makes its bytes, and so its key, its own. */
export const tinyPdf = (label: string) =>
  Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, "latin1");

/** Stores a document (file `<label>.pdf`) on the product through the data layer; returns its key. */
export async function addTestDocument(
  productId: number,
  label: string,
  kind: ProductDocumentKind,
  language: ProductDocumentLanguage | null,
  title: string,
  now: Date,
): Promise<string> {
  const bytes = tinyPdf(label);
  const key = productDocumentKey(bytes);
  const result = await addProductDocument(productId, { key, kind, language, title, fileName: productDocumentFileName(`${label}.pdf`, title), bytes }, null, now);
  expect(result.outcome).toBe("added");
  return key;
}
