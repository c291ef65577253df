import { describe, expect, it } from "vitest";
import { buildCif, CIF_FIELDS } from "@/lib/catalog-export/cif";
import { cifFields } from "../../support/cif";
import { HEADER, item } from "./fixtures";

function parse(cif: string) {
  const lines = cif.split("\r\n");
  const data = lines.indexOf("DATA");
  const end = lines.indexOf("ENDOFDATA");
  const header = Object.fromEntries(lines.slice(1, data).map((line) => [line.slice(0, line.indexOf(":")), line.slice(line.indexOf(":") + 2)]));
  const names = header.FIELDNAMES!.split(",");
  const rows = lines.slice(data + 1, end).map((line) => Object.fromEntries(cifFields(line).map((value, index) => [names[index], value])));
  return { first: lines[0], header, rows, afterEnd: lines.slice(end + 1) };
}

describe("CIF 3.0", () => {
  it("has the signature, a header whose ITEMCOUNT is the number of rows, FIELDNAMES, DATA and ENDOFDATA", () => {
    const cif = parse(buildCif(HEADER, [item(), item({ sku: "KP-000020" })]));
    expect(cif.first).toBe("CIF_I_V3.0");
    expect(cif.header).toMatchObject({ CHARSET: "UTF-8", LOADMODE: "F", CODEFORMAT: "UNSPSC", CURRENCY: "EUR", SUPPLIERID_DOMAIN: "NetworkID", ITEMCOUNT: "2", UNUOM: "TRUE", TIMESTAMP: "2026-11-29 10:15:00" });
    expect(cif.header.FIELDNAMES).toBe(CIF_FIELDS.join(","));
    expect(cif.rows).toHaveLength(2);
    expect(cif.afterEnd).toEqual([""]);
  });

  it("writes one row per item: the price at the smallest orderable quantity, the list price as market price, the product page as URL", () => {
    const [row] = parse(buildCif(HEADER, [item()])).rows;
    expect(row).toEqual({
      "Supplier ID": "AN01000000042",
      "Supplier Part ID": "KP-000019",
      "Manufacturer Part ID": "PAP-80-A4",
      "Item Description": "Kopieerpapier A4 80 g, pak 500 vel – Wit, FSC-gecertificeerd & geschikt voor laser en inkjet.",
      "SPSC Code": "14111507",
      "Unit Price": "4.25",
      "Unit of Measure": "PK",
      "Lead Time": "2",
      "Manufacturer Name": "Papierfabriek Voorbeeld",
      "Supplier URL": "https://shop.example.nl/products/KP-000019",
      "Manufacturer URL": "",
      "Market Price": "5.10",
      "Supplier Part Auxiliary ID": "",
      Language: "nl_NL",
      Currency: "EUR",
      "Short Name": "Kopieerpapier A4 80 g, pak 500 vel",
      Image: "",
      Thumbnail: "",
    });
  });

  it("links the main photo and its thumbnail as Image and Thumbnail, only with a shop URL", () => {
    const key = "0123456789abcdef01234567";
    const [row] = parse(buildCif(HEADER, [item({ imageKey: key })])).rows;
    expect([row!.Image, row!.Thumbnail]).toEqual([`https://shop.example.nl/product-images/KP-000019/${key}.jpg`, `https://shop.example.nl/product-images/KP-000019/${key}-thumb.webp`]);
    const [bare] = parse(buildCif({ ...HEADER, shopUrl: null }, [item({ imageKey: key })])).rows;
    expect([bare!.Image, bare!.Thumbnail]).toEqual(["", ""]);
  });

  it.each([
    // Minimum 50 reaches the second step of the ladder.
    ["the step the minimum reaches", { minOrderQuantity: 50 }, "Unit Price", "3.95"],
    ["a quote in a text is escaped with a backslash, commas stay inside the quotes", { name: { nl: 'Kabel 3/4", rood, 10 m', en: "x" } }, "Short Name", 'Kabel 3/4", rood, 10 m'],
    ["line breaks become spaces", { description: { nl: "regel 1\r\nregel 2", en: "" } }, "Item Description", "Kopieerpapier A4 80 g, pak 500 vel – regel 1 regel 2"],
    ["Short Name holds 50 characters", { name: { nl: "n".repeat(80), en: "x" } }, "Short Name", "n".repeat(50)],
    ["English", {}, "Language", "nl_NL"],
  ])("%s", (_label, overrides, field, expected) => {
    const [row] = parse(buildCif(HEADER, [item(overrides as never)])).rows;
    expect(row![field]).toBe(expected);
  });

  it("writes the raw row with quoted texts and bare numbers", () => {
    const row = buildCif(HEADER, [item({ name: { nl: 'Kabel 3/4"', en: "x" }, description: { nl: "", en: "" } })]).split("\r\n").find((line) => line.startsWith('"AN01'))!;
    expect(row).toContain('"Kabel 3/4\\""');
    expect(row).toContain(",4.25,");
  });

  it("takes the language and the supplier id domain from the header; without a shop URL no Supplier URL", () => {
    const cif = parse(buildCif({ ...HEADER, language: "en", shopUrl: null, supplier: { name: "K", id: { domain: "DUNS", identity: "123456789" } } }, [item()]));
    expect(cif.header.SUPPLIERID_DOMAIN).toBe("DUNS");
    expect(cif.rows[0]).toMatchObject({ Language: "en_GB", "Short Name": "Copy paper A4 80 gsm, pack of 500", "Supplier URL": "", "Supplier ID": "123456789" });
  });

  it("refuses a key CIF cannot carry instead of altering it", () => {
    expect(() => buildCif(HEADER, [item({ sku: "KP,1" })])).toThrow(/Supplier Part ID/);
  });
});
