import PDFDocument from "pdfkit";
import type { Invoice } from "@/db/schema";
import { formatInvoiceDocument, type InvoiceDisplay, type LineRow } from "./format-document";

/**
 * The printable PDF of an issued invoice or credit note (A4, pdfkit). Everything on it comes from
 * `formatInvoiceDocument`, so the PDF shows the same texts and amounts as the HTML view and the
 * same totals as the UBL / cXML renderings. Only pdfkit's built-in Helvetica is used (the 14 base
 * fonts need no font file and nothing is fetched); its WinAnsi encoding has "€".
 *
 * The output is deterministic for a given document: CreationDate is the issue date, not the wall
 * clock, and pdfkit derives the file ID from the document info.
 */

type PrintableInput = Pick<Invoice, "number" | "kind" | "document" | "locale">;

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 48, right: 48, top: 48 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** Content never goes below this line; the footer lives underneath. */
const CONTENT_BOTTOM = PAGE.height - 64;
const FOOTER_Y = PAGE.height - 44;

const COLOR = { text: "#111827", muted: "#6b7280", accent: "#0b634a", rule: "#d1d5db", band: "#eef2f1" };
const FONT = { regular: "Helvetica", bold: "Helvetica-Bold" };

interface Column {
  key: "name" | "sku" | "quantity" | "unit" | "unitPrice" | "vat" | "net";
  x: number;
  width: number;
  align: "left" | "right";
}

/** Line table columns, x relative to the left margin (sums to CONTENT_WIDTH). */
const COLUMNS: Column[] = [
  { key: "name", x: 0, width: 150, align: "left" },
  { key: "sku", x: 156, width: 62, align: "left" },
  { key: "quantity", x: 224, width: 40, align: "right" },
  { key: "unit", x: 270, width: 34, align: "left" },
  { key: "unitPrice", x: 310, width: 72, align: "right" },
  { key: "vat", x: 388, width: 32, align: "right" },
  { key: "net", x: 426, width: CONTENT_WIDTH - 426, align: "right" },
];
const CELL_PAD = 4;
const TABLE_SIZE = 8.5;
const SMALL_SIZE = 7.5;

/** Characters WinAnsiEncoding has in 0x80–0x9F; together with Latin-1 that is what Helvetica can show. */
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const REPLACEMENTS: Record<string, string> = { "\t": " ", "\r": "", "\u202f": "\u00a0", "\u2009": " ", "\u2212": "-", "\u2011": "-", "\u2010": "-", "\u2044": "/", Ł: "L", ł: "l", Đ: "D", đ: "d", ı: "i" };

/**
 * Makes text printable with a WinAnsi font: Intl's narrow spaces and minus signs become their
 * WinAnsi equivalents, other letters lose their accent ("ł" → "l") or become "?". pdfkit would
 * otherwise write the raw code point bytes and print garbage.
 */
export function toWinAnsi(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (ch === "\n") out += ch;
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else {
      const base = ch.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
      out += base.length > 0 && [...base].every((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) < 0x7f) ? base : "?";
    }
  }
  return out;
}

export async function renderInvoicePdf(invoice: PrintableInput): Promise<Uint8Array> {
  const view = formatInvoiceDocument({ number: invoice.number, kind: invoice.kind, document: invoice.document, locale: invoice.locale });
  const supplierName = invoice.document.supplier.name;
  const issued = new Date(`${invoice.document.issueDate}T00:00:00Z`);
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN.top, bottom: 16, left: MARGIN.left, right: MARGIN.right },
    bufferPages: true,
    lang: invoice.locale === "nl" ? "nl-NL" : "en-GB",
    displayTitle: true,
    info: {
      Title: `${view.title} ${view.number}`,
      Author: supplierName,
      Subject: `${view.title} ${view.number} – ${invoice.document.customer.name}`,
      Creator: "Koppel",
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => {
      const buffer = Buffer.concat(chunks);
      resolve(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
    });
    doc.on("error", reject);
  });

  new InvoicePdfWriter(doc, view).write();
  doc.end();
  return done;
}

class InvoicePdfWriter {
  private y = MARGIN.top;

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly view: InvoiceDisplay,
  ) {}

  write(): void {
    this.header();
    this.addresses();
    this.lineTable();
    this.summary();
    this.paymentAndNotes();
    this.footers();
  }

  // ---- primitives ---------------------------------------------------------------------------

  private text(value: string, x: number, y: number, options: { size?: number; bold?: boolean; color?: string; width?: number; align?: "left" | "right" } = {}): number {
    const text = toWinAnsi(value);
    this.doc
      .font(options.bold ? FONT.bold : FONT.regular)
      .fontSize(options.size ?? 9)
      .fillColor(options.color ?? COLOR.text);
    const width = options.width ?? CONTENT_WIDTH;
    this.doc.text(text, x, y, { width, align: options.align ?? "left", lineGap: 1 });
    return this.doc.heightOfString(text, { width, lineGap: 1 });
  }

  private heightOf(value: string, width: number, size: number, bold = false): number {
    this.doc.font(bold ? FONT.bold : FONT.regular).fontSize(size);
    return this.doc.heightOfString(toWinAnsi(value), { width, lineGap: 1 });
  }

  private rule(y: number, color: string = COLOR.rule, width = 0.5): void {
    this.doc
      .moveTo(MARGIN.left, y)
      .lineTo(MARGIN.left + CONTENT_WIDTH, y)
      .lineWidth(width)
      .strokeColor(color)
      .stroke();
  }

  /** Starts a new page if `height` does not fit; returns true when it did. */
  private ensureSpace(height: number, onNewPage?: () => void): boolean {
    if (this.y + height <= CONTENT_BOTTOM) return false;
    this.doc.addPage();
    this.continuationHeader();
    onNewPage?.();
    return true;
  }

  // ---- blocks -------------------------------------------------------------------------------

  /** Supplier block left, title and document data right. */
  private header(): void {
    const v = this.view;
    const left = MARGIN.left;
    const leftWidth = 250;
    let ly = this.y;
    ly += this.text(v.supplier.name, left, ly, { size: 14, bold: true, width: leftWidth, color: COLOR.accent }) + 2;
    if (v.supplier.tradingName) ly += this.text(v.supplier.tradingName, left, ly, { width: leftWidth });
    for (const line of v.supplier.addressLines) ly += this.text(line, left, ly, { width: leftWidth });
    ly += 4;
    for (const id of v.supplier.identifiers) ly += this.text(`${id.label} ${id.value}`, left, ly, { width: leftWidth, color: COLOR.muted, size: 8 });

    const rightWidth = 220;
    const rx = MARGIN.left + CONTENT_WIDTH - rightWidth;
    let ry = this.y;
    ry += this.text(v.title.toUpperCase(), rx, ry, { size: 20, bold: true, width: rightWidth, align: "right" }) + 6;
    ry = this.labelValueRows(v.meta, rx, ry, rightWidth);
    this.y = Math.max(ly, ry) + 18;
  }

  /** Label / value pairs in a two-column block (labels muted, values right aligned). */
  private labelValueRows(rows: { label: string; value: string }[], x: number, y: number, width: number): number {
    const labelWidth = Math.round(width * 0.45);
    for (const row of rows) {
      const h = Math.max(this.heightOf(row.label, labelWidth, 9), this.heightOf(row.value, width - labelWidth, 9, true));
      this.text(row.label, x, y, { color: COLOR.muted, width: labelWidth });
      this.text(row.value, x + labelWidth, y, { bold: true, width: width - labelWidth, align: "right" });
      y += h + 2;
    }
    return y;
  }

  /** Customer block left, references right. */
  private addresses(): void {
    const v = this.view;
    const leftWidth = 250;
    let ly = this.y;
    ly += this.text(v.labels.billTo.toUpperCase(), MARGIN.left, ly, { size: 7.5, bold: true, color: COLOR.muted, width: leftWidth }) + 2;
    ly += this.text(v.customer.name, MARGIN.left, ly, { bold: true, size: 10, width: leftWidth });
    if (v.customer.tradingName) ly += this.text(v.customer.tradingName, MARGIN.left, ly, { width: leftWidth });
    for (const line of v.customer.addressLines) ly += this.text(line, MARGIN.left, ly, { width: leftWidth });
    for (const id of v.customer.identifiers) ly += this.text(`${id.label} ${id.value}`, MARGIN.left, ly, { width: leftWidth, color: COLOR.muted, size: 8 });

    const rightWidth = 220;
    const rx = MARGIN.left + CONTENT_WIDTH - rightWidth;
    const ry = v.references.length > 0 ? this.labelValueRows(v.references, rx, this.y + 11, rightWidth) : this.y;
    this.y = Math.max(ly, ry) + 20;
  }

  /** Small header on every page after the first: supplier, document and number. */
  private continuationHeader(): void {
    const v = this.view;
    this.y = MARGIN.top;
    this.text(v.supplier.name, MARGIN.left, this.y, { bold: true, size: 10, color: COLOR.accent, width: CONTENT_WIDTH / 2 });
    this.text(`${v.title} ${v.number} (${v.labels.continued})`, MARGIN.left + CONTENT_WIDTH / 2, this.y, { size: 9, width: CONTENT_WIDTH / 2, align: "right" });
    this.y += 16;
    this.rule(this.y);
    this.y += 12;
  }

  private tableHeader(): void {
    const c = this.view.labels.columns;
    const titles: Record<Column["key"], string> = {
      name: c.description,
      sku: c.sku,
      quantity: c.quantity,
      unit: c.unit,
      unitPrice: c.unitPrice,
      vat: c.vat,
      net: c.net,
    };
    const height = 16;
    this.doc.rect(MARGIN.left, this.y, CONTENT_WIDTH, height).fill(COLOR.band);
    for (const col of COLUMNS) {
      this.text(titles[col.key], MARGIN.left + col.x + (col.key === "name" ? CELL_PAD : 0), this.y + 4.5, {
        size: 7.5,
        bold: true,
        width: col.width - (col.key === "name" ? CELL_PAD : 0) - (col.key === "net" ? CELL_PAD : 0),
        align: col.align,
      });
    }
    this.y += height;
  }

  private rowHeight(row: LineRow): number {
    const name = COLUMNS[0]!;
    let h = this.heightOf(row.name, name.width - CELL_PAD, TABLE_SIZE);
    if (row.description) h += this.heightOf(row.description, name.width - CELL_PAD, SMALL_SIZE);
    const buyersItem = this.buyersItemText(row);
    const sku =
      (row.sku || !buyersItem ? this.heightOf(row.sku || " ", COLUMNS[1]!.width, TABLE_SIZE) : 0) +
      (buyersItem ? this.heightOf(buyersItem, COLUMNS[1]!.width, SMALL_SIZE) : 0);
    const price = this.heightOf(row.unitPrice, COLUMNS[4]!.width, TABLE_SIZE) + (row.priceBase ? this.heightOf(row.priceBase, COLUMNS[4]!.width, SMALL_SIZE) : 0);
    return Math.max(h, sku, price) + 2 * CELL_PAD;
  }

  /** "Uw art.nr. 4711": the customer's own article number (BT-156), printed small under our SKU. */
  private buyersItemText(row: LineRow): string | null {
    return row.buyersItemId ? `${this.view.labels.buyersItemId} ${row.buyersItemId}` : null;
  }

  private lineTable(): void {
    this.tableHeader();
    for (const row of this.view.lines) {
      const height = this.rowHeight(row);
      this.ensureSpace(height, () => this.tableHeader());
      const top = this.y + CELL_PAD;
      const x = (col: number) => MARGIN.left + COLUMNS[col]!.x;
      const w = (col: number) => COLUMNS[col]!.width;
      let ny = top + this.text(row.name, x(0) + CELL_PAD, top, { size: TABLE_SIZE, width: w(0) - CELL_PAD });
      if (row.description) ny += this.text(row.description, x(0) + CELL_PAD, ny, { size: SMALL_SIZE, color: COLOR.muted, width: w(0) - CELL_PAD });
      const skuHeight = row.sku ? this.text(row.sku, x(1), top, { size: TABLE_SIZE, width: w(1) }) : 0;
      const buyersItem = this.buyersItemText(row);
      if (buyersItem) this.text(buyersItem, x(1), top + skuHeight, { size: SMALL_SIZE, color: COLOR.muted, width: w(1) });
      this.text(row.quantity, x(2), top, { size: TABLE_SIZE, width: w(2), align: "right" });
      this.text(row.unit, x(3), top, { size: TABLE_SIZE, width: w(3) });
      const ph = this.text(row.unitPrice, x(4), top, { size: TABLE_SIZE, width: w(4), align: "right" });
      if (row.priceBase) this.text(row.priceBase, x(4), top + ph, { size: SMALL_SIZE, color: COLOR.muted, width: w(4), align: "right" });
      this.text(row.vat, x(5), top, { size: TABLE_SIZE, width: w(5), align: "right" });
      this.text(row.net, x(6), top, { size: TABLE_SIZE, width: w(6) - CELL_PAD, align: "right" });
      this.y += height;
      this.rule(this.y, "#e5e7eb");
    }

    // Document-level allowances and charges (BG-20 / BG-21) under the lines, in the same columns.
    for (const ac of this.view.allowancesCharges) {
      const labelWidth = COLUMNS[4]!.x + COLUMNS[4]!.width - CELL_PAD;
      const height = this.heightOf(ac.label, labelWidth, TABLE_SIZE) + 2 * CELL_PAD;
      this.ensureSpace(height, () => this.tableHeader());
      const top = this.y + CELL_PAD;
      this.text(ac.label, MARGIN.left + CELL_PAD, top, { size: TABLE_SIZE, width: labelWidth, color: COLOR.muted });
      this.text(ac.vat, MARGIN.left + COLUMNS[5]!.x, top, { size: TABLE_SIZE, width: COLUMNS[5]!.width, align: "right" });
      this.text(ac.amount, MARGIN.left + COLUMNS[6]!.x, top, { size: TABLE_SIZE, width: COLUMNS[6]!.width - CELL_PAD, align: "right" });
      this.y += height;
      this.rule(this.y, "#e5e7eb");
    }
    this.rule(this.y, COLOR.text, 0.8);
    this.y += 14;
  }

  /** VAT breakdown (left) and totals (right), kept together on one page. */
  private summary(): void {
    const v = this.view;
    const vatWidth = 270;
    const totalsWidth = 200;
    const rowH = 13;
    const vatRowHeight = (r: InvoiceDisplay["vatRows"][number]) =>
      Math.max(rowH, this.heightOf(r.label, 125, TABLE_SIZE) + 3) + (r.reason ? this.heightOf(r.reason, vatWidth, SMALL_SIZE) + 2 : 0);
    const vatHeight = 14 + rowH + v.vatRows.reduce((sum, r) => sum + vatRowHeight(r), 0);
    const totalsHeight = v.totals.length * (rowH + 2) + 8;
    this.ensureSpace(Math.max(vatHeight, totalsHeight) + 6);

    const top = this.y;
    // VAT breakdown per category and rate (BG-23).
    const cx = { rate: MARGIN.left, taxable: MARGIN.left + 130, tax: MARGIN.left + 205 };
    let y = top;
    y += this.text(v.labels.vatBreakdown.toUpperCase(), MARGIN.left, y, { size: 7.5, bold: true, color: COLOR.muted, width: vatWidth }) + 3;
    this.text(v.labels.vatColumns.rate, cx.rate, y, { size: SMALL_SIZE, color: COLOR.muted, width: 125 });
    this.text(v.labels.vatColumns.taxable, cx.taxable, y, { size: SMALL_SIZE, color: COLOR.muted, width: 70, align: "right" });
    this.text(v.labels.vatColumns.tax, cx.tax, y, { size: SMALL_SIZE, color: COLOR.muted, width: 65, align: "right" });
    y += rowH;
    for (const row of v.vatRows) {
      const labelHeight = this.text(row.label, cx.rate, y, { size: TABLE_SIZE, width: 125 });
      this.text(row.taxable, cx.taxable, y, { size: TABLE_SIZE, width: 70, align: "right" });
      this.text(row.tax, cx.tax, y, { size: TABLE_SIZE, width: 65, align: "right" });
      y += Math.max(rowH, labelHeight + 3);
      if (row.reason) y += this.text(row.reason, cx.rate, y - 2, { size: SMALL_SIZE, color: COLOR.muted, width: vatWidth }) + 2;
    }

    // Totals (BG-22).
    const tx = MARGIN.left + CONTENT_WIDTH - totalsWidth;
    let ty = top;
    for (const row of v.totals) {
      if (row.emphasis) {
        ty += 3;
        this.doc.rect(tx, ty - 3, totalsWidth, rowH + 5).fill(COLOR.band);
      }
      this.text(row.label, tx + 4, ty, { size: row.emphasis ? 10 : 9, bold: row.emphasis, width: totalsWidth * 0.5 });
      this.text(row.value, tx + totalsWidth * 0.4, ty, { size: row.emphasis ? 10 : 9, bold: row.emphasis, width: totalsWidth * 0.6 - 4, align: "right" });
      ty += rowH + 2;
    }
    this.y = Math.max(y, ty) + 16;
  }

  private paymentAndNotes(): void {
    const v = this.view;
    const blocks: { title: string; body: string }[] = [];
    if (v.paymentInstruction) blocks.push({ title: v.labels.payment, body: v.paymentInstruction });
    if (v.paymentTerms) blocks.push({ title: v.labels.paymentTerms, body: v.paymentTerms });
    if (v.note) blocks.push({ title: v.labels.note, body: v.note });
    for (const block of blocks) {
      const height = 12 + this.heightOf(block.body, CONTENT_WIDTH, 9) + 10;
      this.ensureSpace(height);
      this.y += this.text(block.title.toUpperCase(), MARGIN.left, this.y, { size: 7.5, bold: true, color: COLOR.muted }) + 2;
      this.y += this.text(block.body, MARGIN.left, this.y, { size: 9 }) + 10;
    }
  }

  /** Supplier registration line and "Pagina 1/3" on every page (needs the final page count). */
  private footers(): void {
    const v = this.view;
    const range = this.doc.bufferedPageRange();
    const total = range.count;
    const ids = v.supplier.identifiers.filter((id) => id.label !== v.labels.email && id.label !== v.labels.phone);
    const registration = [v.supplier.name, ...ids.map((id) => `${id.label} ${id.value}`)].join("  ·  ");
    for (let i = 0; i < total; i++) {
      this.doc.switchToPage(range.start + i);
      this.rule(FOOTER_Y - 6);
      this.text(registration, MARGIN.left, FOOTER_Y, { size: 7, color: COLOR.muted, width: CONTENT_WIDTH - 90 });
      this.text(v.labels.page(i + 1, total), MARGIN.left + CONTENT_WIDTH - 90, FOOTER_Y, { size: 7.5, width: 90, align: "right" });
    }
  }
}
