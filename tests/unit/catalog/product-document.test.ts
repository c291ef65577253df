import { describe, expect, it } from "vitest";
import {
  defaultDocumentTitle,
  groupDocumentVersions,
  MAX_DOCUMENT_BYTES,
  orderDocumentsForReader,
  parseProductDocumentKey,
  primaryAttachment,
  productDocumentFileName,
  productDocumentKey,
  productDocumentPath,
  productDocumentProblem,
  sheetRecipientsSince,
  type DocumentOrderFields,
} from "@/lib/catalog/product-document";

const bytes = (text: string) => new Uint8Array(Buffer.from(text, "latin1"));

describe("productDocumentProblem", () => {
  it.each([
    ["a PDF", null, bytes("%PDF-1.7\n%âãÏÓ\n1 0 obj\n")],
    ["a PDF with a byte-order mark and junk before the header (readers accept it)", null, bytes(`\ufeff${" ".repeat(900)}%PDF-1.4\n`)],
    ["the header past the first 1024 bytes", "document_not_pdf", bytes(`${" ".repeat(1030)}%PDF-1.4\n`)],
    ["an HTML page named .pdf", "document_not_pdf", bytes("<!doctype html><title>x</title>")],
    ["a PNG", "document_not_pdf", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ["an empty file", "document_empty", new Uint8Array(0)],
  ])("%s → %s", (_name, problem, file) => {
    expect(productDocumentProblem(file)).toBe(problem);
  });

  it("refuses a file over the limit, accepts one at it", () => {
    const atLimit = new Uint8Array(MAX_DOCUMENT_BYTES);
    atLimit.set(bytes("%PDF-1.7"));
    expect(productDocumentProblem(atLimit)).toBeNull();
    const over = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    over.set(bytes("%PDF-1.7"));
    expect(productDocumentProblem(over)).toBe("document_too_large");
  });
});

describe("keys, file names and paths", () => {
  it("the key is the same for the same bytes, another for others, and parses back", () => {
    const key = productDocumentKey(bytes("%PDF-1.7 a"));
    expect(key).toMatch(/^[0-9a-f]{24}$/);
    expect(productDocumentKey(bytes("%PDF-1.7 a"))).toBe(key);
    expect(productDocumentKey(bytes("%PDF-1.7 b"))).not.toBe(key);
    expect(parseProductDocumentKey(key)).toBe(key);
    expect(parseProductDocumentKey(`${key}0`)).toBeNull();
    expect(parseProductDocumentKey("../../etc/passwd")).toBeNull();
  });

  it.each([
    ["VIB Smeerolie SAE 30 (NL).pdf", "x", "VIB-Smeerolie-SAE-30-NL.pdf"],
    ["Déclaration_de_conformité.PDF", "x", "Declaration_de_conformite.pdf"],
    ["../../etc/passwd", "x", "etc-passwd.pdf"],
    [null, "Technisch informatieblad", "Technisch-informatieblad.pdf"],
    ["   ", "Handleiding", "Handleiding.pdf"],
    ["€€€.pdf", "x", "document.pdf"],
    ["a".repeat(300), "x", `${"a".repeat(96)}.pdf`],
  ])("file name of %j (title %j) → %s", (name, title, fileName) => {
    expect(productDocumentFileName(name, title)).toBe(fileName);
  });

  it("default titles come from the file name, else the kind's label", () => {
    expect(defaultDocumentTitle("VIB_Smeerolie_SAE30.pdf", "Veiligheidsinformatieblad")).toBe("VIB Smeerolie SAE30");
    expect(defaultDocumentTitle(null, "Veiligheidsinformatieblad")).toBe("Veiligheidsinformatieblad");
    expect(defaultDocumentTitle(".pdf", "Datasheet")).toBe("Datasheet");
  });

  it("paths encode the SKU and the file name", () => {
    expect(productDocumentPath("KP 1/2", "0123456789abcdef01234567", "VIB.pdf")).toBe("/product-documents/KP%201%2F2/0123456789abcdef01234567/VIB.pdf");
  });
});

describe("the order a reader sees, and the one attachment", () => {
  const doc = (kind: DocumentOrderFields["kind"], language: DocumentOrderFields["language"], title: string) => ({ kind, language, title });
  const documents = [
    doc("certificate", "en", "ISO 9001"),
    doc("safety_data_sheet", "en", "SDS"),
    doc("datasheet", null, "Drawing"),
    doc("safety_data_sheet", "nl", "VIB"),
    doc("datasheet", "nl", "Productblad"),
    doc("other", "nl", "Brochure"),
    doc("manual", "en", "Manual"),
  ];

  it.each([
    ["nl", ["Productblad", "Drawing", "VIB", "SDS", "Manual", "ISO 9001", "Brochure"]],
    ["en", ["Drawing", "Productblad", "SDS", "VIB", "Manual", "ISO 9001", "Brochure"]],
  ])("for a %s reader", (locale, titles) => {
    expect(orderDocumentsForReader(documents, locale).map((d) => d.title)).toEqual(titles);
  });

  it.each([
    ["the safety data sheet in the reader's language", documents, "nl", "VIB"],
    ["the safety data sheet in another language when there is no other", documents.filter((d) => d.title !== "VIB"), "nl", "SDS"],
    ["else the datasheet", documents.filter((d) => d.kind !== "safety_data_sheet"), "en", "Drawing"],
    ["nothing when there are only manuals and certificates", documents.filter((d) => d.kind === "manual" || d.kind === "certificate"), "nl", null],
  ])("%s", (_name, list, locale, title) => {
    expect(primaryAttachment(list, locale)?.title ?? null).toBe(title);
  });
});

describe("sheetRecipientsSince: the preceding twelve months of REACH art. 31(9)", () => {
  it.each([
    ["2026-11-30T10:00:00.000Z", "2025-11-30T10:00:00.000Z"],
    ["2027-01-01T00:30:00.000Z", "2026-01-01T00:30:00.000Z"],
    // 29 February has no twin a year earlier: the day after 28 February.
    ["2028-02-29T12:00:00.000Z", "2027-03-01T12:00:00.000Z"],
  ])("%s → %s", (now, since) => {
    expect(sheetRecipientsSince(new Date(now)).toISOString()).toBe(since);
  });
});

describe("groupDocumentVersions", () => {
  const at = (day: number) => new Date(Date.UTC(2026, 0, day));
  const doc = (key: string, seriesKey: string, created: number, superseded: number | null) => ({ key, seriesKey, createdAt: at(created), supersededAt: superseded === null ? null : at(superseded) });

  it.each([
    ["no documents", [], []],
    ["one current document", [doc("a", "s1", 1, null)], [["a", []]]],
    [
      "a current document with two earlier versions, newest first, in the current documents' order",
      [doc("a1", "s1", 1, 5), doc("b", "s2", 2, null), doc("a2", "s1", 5, 9), doc("a3", "s1", 9, null)],
      [
        ["b", []],
        ["a3", ["a2", "a1"]],
      ],
    ],
    ["earlier versions replaced the same day: the later upload first", [doc("x1", "s", 1, 3), doc("x2", "s", 2, 3), doc("x3", "s", 3, null)], [["x3", ["x2", "x1"]]]],
    ["an earlier version without a current one is shown, not lost", [doc("o1", "s9", 1, 4)], [["o1", []]]],
  ] as const)("%s", (_label, documents, expected) => {
    expect(groupDocumentVersions(documents).map((document) => [document.key, document.earlierVersions.map((earlier) => earlier.key)])).toEqual(expected);
  });
});

