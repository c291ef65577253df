import { describe, expect, it } from "vitest";
import { buildPunchOutOrderMessage } from "@/lib/punchout/cxml/build-order-message";
import { parseCxmlConnectionSettings } from "@/lib/punchout/cxml/connection-settings";
import { parsePunchOutOrderMessage } from "@/lib/punchout/cxml/parse-order-message";
import { generatedDocuments, poomInput, SPECIAL } from "./generated-documents";
import { cart, item, parseDoc, sharedFile, unwrap } from "./helpers";

const read = (xml: string | Buffer) => parsePunchOutOrderMessage(parseDoc(xml));

describe("parsePunchOutOrderMessage", () => {
  it("reads the shared example (cxml/examples/PunchOutOrderMessage.xml)", () => {
    const message = unwrap(read(sharedFile("examples/PunchOutOrderMessage.xml")));
    expect(message).toMatchObject({ buyerCookie: "b7c3f0e2-5d1a-4c1e-9a57-0c2f1d9e8a11", operationAllowed: "edit", total: { amountMinor: 13140, currency: "EUR" } });
    expect(message.items).toHaveLength(2);
    expect(message.items[0]).toEqual({
      lineNumber: 1,
      quantity: "10",
      supplierPartId: "ART-10001",
      supplierPartAuxiliaryId: "cart:8842;line:1",
      buyerPartId: null,
      unitPrice: { amountMinor: 1234, currency: "EUR" },
      shortName: "Kabelbinder 200mm zwart",
      description: "Kabelbinder 200 x 4,8 mm, zwart, UV-bestendig, zak a 100 stuks",
      unitOfMeasure: "PK",
      priceBasisQuantity: null,
      classifications: [{ domain: "UNSPSC", code: "39131711" }],
      manufacturerPartId: "T50R-PA66W-BK",
      manufacturerName: "HellermannTyton",
      leadTimeDays: "2",
      attachments: [],
      extrinsics: [{ name: "GTIN", value: "8712345678906" }],
    });
    expect(message.items[1]).toMatchObject({ supplierPartId: "ART-20002", supplierPartAuxiliaryId: null, shortName: null, description: "Isolatietape 19mm x 20m rood" });
  });

  it("reads back what Koppel builds: price basis, mapped unit, classification and extrinsics of the connection", () => {
    const settings = parseCxmlConnectionSettings({
      unitMap: { PK: "PA" },
      classification: { domain: "eCl@ss", source: "attributes.eclass", fallbackCode: "00000000" },
      itemExtrinsics: [{ name: "GTIN", source: "gtin" }],
    });
    const xml = buildPunchOutOrderMessage(
      poomInput({ settings, cart: cart([item(), item({ sku: "ART-2", lineReference: "r-2", priceBasisQuantity: 100, unitPriceMinor: 995, quantity: 200 })]) }),
    );
    const message = unwrap(read(xml));
    expect(message.total).toEqual({ amountMinor: 12340 + 1990, currency: "EUR" });
    expect(message.items.map((i) => [i.supplierPartId, i.supplierPartAuxiliaryId, i.quantity, i.unitOfMeasure, i.priceBasisQuantity, i.unitPrice.amountMinor])).toEqual([
      ["ART-10001", "cart:8842;line:1", "10", "PA", null, 1234],
      ["ART-2", "r-2", "200", "PA", "100", 995],
    ]);
    expect(message.items[0]!.classifications).toEqual([{ domain: "eCl@ss", code: "00000000" }]);
    expect(message.items[0]!.extrinsics).toEqual([{ name: "GTIN", value: "8712345678906" }]);
  });

  it("reads back the documents Koppel attaches (AttachmentReference: name, title, key, URL, length), none for a line without", () => {
    const message = unwrap(read(generatedDocuments()["poom-attachments-all"]!));
    const [first, second, third] = message.items;
    expect(first!.attachments).toHaveLength(4);
    expect(first!.attachments.every((attachment) => /^https:\/\/.+\.pdf$/.test(attachment.url ?? "") && /^[0-9a-f]{24}$/.test(attachment.internalId ?? "") && /^\d+$/.test(attachment.length ?? ""))).toBe(true);
    expect(second!.attachments).toEqual([]);
    expect(third!.attachments).toEqual([
      {
        name: "special-chars.pdf",
        description: SPECIAL,
        internalId: "0123456789abcdef01234567",
        url: "https://shop.example.nl/product-documents/A%26B/0123456789abcdef01234567/special-chars.pdf",
        length: expect.stringMatching(/^\d+$/),
      },
    ]);
  });

  it("reads an AttachmentReference leniently: without URL or length, the missing parts are null", () => {
    const xml = buildPunchOutOrderMessage(poomInput()).replace("<LeadTime>", '<AttachmentReference><Name xml:lang="en">spec.pdf</Name><Description xml:lang="en"></Description><InternalID>x</InternalID></AttachmentReference><LeadTime>');
    expect(unwrap(read(xml)).items[0]!.attachments).toEqual([{ name: "spec.pdf", description: null, internalId: "x", url: null, length: null }]);
  });

  it("reads back the customer's article number as BuyerPartID, null for lines without one", () => {
    const message = unwrap(read(generatedDocuments()["poom-buyer-part-ids"]!));
    expect(message.items.map((i) => [i.supplierPartId, i.supplierPartAuxiliaryId, i.buyerPartId])).toEqual([
      ["ART-10001", "cart:8842;line:1", "MAT-0004711"],
      ["ART-20002", "cart:8842;line:2", null],
      ["ART-30003", "cart:8842;line:3", "KD-5555/ä"],
    ]);
  });

  it("reads BuyerPartID from another supplier's POOM (FriendsOfCXML sample, no SupplierPartAuxiliaryID)", () => {
    const message = unwrap(read(sharedFile("samples/friendsofcxml-cxml-php/PunchoutOrderMessage.xml")));
    expect(message.items.map((i) => [i.supplierPartId, i.supplierPartAuxiliaryId, i.buyerPartId])).toEqual([
      ["5555", null, "KD5555"],
      ["666", null, "KD666"],
    ]);
  });

  it.each([
    ["no BuyerCookie", (xml: string) => xml.replace(/<BuyerCookie>[^<]*<\/BuyerCookie>/, ""), "BuyerCookie is missing"],
    ["no Total", (xml: string) => xml.replace(/<Total>.*?<\/Total>/s, ""), "Total: Money is missing"],
    ["an ItemIn without SupplierPartID", (xml: string) => xml.replace(/<SupplierPartID>[^<]*<\/SupplierPartID>/, ""), "ItemIn 1: ItemID/SupplierPartID is missing"],
    ["a price with too many decimals", (xml: string) => xml.replace("<Money currency=\"EUR\">12.34</Money>", "<Money currency=\"EUR\">12.345</Money>"), "is not an exact EUR amount"],
  ])("refuses a message with %s as a content error", (_case, edit, message) => {
    const result = read(edit(buildPunchOutOrderMessage(poomInput())));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.kind).toBe("invalid-content");
      expect(result.error.message).toContain(message);
    }
  });

  it("refuses another document kind", () => {
    const result = read(sharedFile("examples/OrderRequest.xml"));
    expect(result.ok).toBe(false);
  });
});
