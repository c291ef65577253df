import { asc, eq, inArray } from "drizzle-orm";
import PDFDocument from "pdfkit";
import { productDocumentFileName, productDocumentKey, type ProductDocumentKind, type ProductDocumentLanguage } from "../../lib/catalog/product-document";
import type { Db } from "../client";
import { categories, productDocuments, products } from "../schema";

/**
 * Demo documents: the first lubricants get a safety data sheet in Dutch and English, the first of them a
 * datasheet too, so the product page, the punchout transfer and the catalogue files have documents to
 * show. The PDFs are generated here (pdfkit, built-in Helvetica) and say plainly that they are demo
 * content, not a real safety data sheet.
 */

/** REACH Annex II: the sixteen sections every safety data sheet has. */
const SDS_SECTIONS = {
  nl: [
    "Identificatie van de stof of het mengsel en van de onderneming",
    "Identificatie van de gevaren",
    "Samenstelling en informatie over de bestanddelen",
    "Eerstehulpmaatregelen",
    "Brandbestrijdingsmaatregelen",
    "Maatregelen bij accidenteel vrijkomen van de stof of het mengsel",
    "Hantering en opslag",
    "Maatregelen ter beheersing van blootstelling/persoonlijke bescherming",
    "Fysische en chemische eigenschappen",
    "Stabiliteit en reactiviteit",
    "Toxicologische informatie",
    "Ecologische informatie",
    "Instructies voor verwijdering",
    "Informatie met betrekking tot het vervoer",
    "Regelgeving",
    "Overige informatie",
  ],
  en: [
    "Identification of the substance/mixture and of the company/undertaking",
    "Hazards identification",
    "Composition/information on ingredients",
    "First aid measures",
    "Firefighting measures",
    "Accidental release measures",
    "Handling and storage",
    "Exposure controls/personal protection",
    "Physical and chemical properties",
    "Stability and reactivity",
    "Toxicological information",
    "Ecological information",
    "Disposal considerations",
    "Transport information",
    "Regulatory information",
    "Other information",
  ],
};

const TEXTS = {
  nl: { sds: "Veiligheidsinformatieblad", datasheet: "Productblad", demo: "Demo-document van Koppel: geen echt veiligheidsinformatieblad.", sku: "Artikelnummer" },
  en: { sds: "Safety data sheet", datasheet: "Datasheet", demo: "Koppel demo document: not a real safety data sheet.", sku: "Article number" },
};

function renderPdf(title: string, lines: { heading?: string; text: string }[], language: "nl" | "en", now: Date): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4", margin: 56, lang: language === "nl" ? "nl-NL" : "en-GB", info: { Title: title, Author: "Koppel demo", CreationDate: now } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.font("Helvetica-Bold").fontSize(18).text(title);
  doc.moveDown(0.5);
  for (const line of lines) {
    if (line.heading) doc.font("Helvetica-Bold").fontSize(11).text(line.heading);
    doc.font("Helvetica").fontSize(10).text(line.text);
    doc.moveDown(0.4);
  }
  doc.end();
  return done;
}

interface DemoDocument {
  productId: number;
  kind: ProductDocumentKind;
  language: ProductDocumentLanguage | null;
  title: string;
  bytes: Buffer;
}

export async function insertDemoDocuments(tx: Db, now: Date): Promise<number> {
  const lubricants = await tx
    .select({ id: products.id, sku: products.sku, nameNl: products.nameNl, nameEn: products.nameEn })
    .from(products)
    .innerJoin(categories, eq(categories.id, products.categoryId))
    .where(eq(categories.code, "MRO-LUB"))
    .orderBy(asc(products.id))
    .limit(3);
  const documents: DemoDocument[] = [];
  for (const [index, product] of lubricants.entries()) {
    for (const language of ["nl", "en"] as const) {
      const t = TEXTS[language];
      const name = language === "nl" ? product.nameNl : product.nameEn;
      const title = `${t.sds} ${name}`;
      const lines = [{ text: `${t.sku}: ${product.sku}` }, { text: t.demo }, ...SDS_SECTIONS[language].map((heading, i) => ({ heading: `${i + 1}. ${heading}`, text: "—" }))];
      documents.push({ productId: product.id, kind: "safety_data_sheet", language, title, bytes: await renderPdf(title, lines, language, now) });
    }
    if (index === 0) {
      const title = `${TEXTS.nl.datasheet} / ${TEXTS.en.datasheet} ${product.nameEn}`;
      const lines = [{ text: `${TEXTS.nl.sku} / ${TEXTS.en.sku}: ${product.sku}` }, { text: `${TEXTS.nl.demo}\n${TEXTS.en.demo}` }];
      documents.push({ productId: product.id, kind: "datasheet", language: null, title, bytes: await renderPdf(title, lines, "en", now) });
    }
  }
  if (documents.length === 0) return 0;
  await tx.update(products).set({ hasDocuments: true }).where(inArray(products.id, [...new Set(documents.map((document) => document.productId))]));
  await tx.insert(productDocuments).values(
    documents.map((document) => ({
      productId: document.productId,
      key: productDocumentKey(document.bytes),
      seriesKey: productDocumentKey(document.bytes),
      // A safety data sheet states its version and revision date (section 16); the demo's are the first.
      version: document.kind === "safety_data_sheet" ? "1.0" : null,
      revisedOn: document.kind === "safety_data_sheet" ? now.toISOString().slice(0, 10) : null,
      kind: document.kind,
      language: document.language,
      title: document.title,
      fileName: productDocumentFileName(null, document.title),
      bytes: document.bytes,
      byteSize: document.bytes.byteLength,
      createdAt: now,
    })),
  );
  return documents.length;
}
