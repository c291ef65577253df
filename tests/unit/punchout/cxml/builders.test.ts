import { describe, expect, it } from "vitest";
import { buildConfirmationRequest, type ConfirmationRequestInput } from "@/lib/punchout/cxml/build-confirmation-request";
import { replyHeaderParties } from "@/lib/punchout/cxml/build-header";
import { buildPunchOutOrderMessage } from "@/lib/punchout/cxml/build-order-message";
import { buildProfileResponse } from "@/lib/punchout/cxml/build-profile-response";
import { buildStatusResponse, CXML_STATUS_TEXT, type CxmlStatusCode, HTTP_STATUS_FOR_CXML_CODE } from "@/lib/punchout/cxml/build-response";
import { buildPunchOutSetupResponse } from "@/lib/punchout/cxml/build-setup-response";
import { buildShipNoticeRequest } from "@/lib/punchout/cxml/build-ship-notice-request";
import { parseCxmlConnectionSettings } from "@/lib/punchout/cxml/connection-settings";
import { parseCxmlHeader } from "@/lib/punchout/cxml/parse-header";
import { parsePunchOutSetupRequest } from "@/lib/punchout/cxml/parse-setup-request";
import { attr, childElements, childText, directText, firstChild, type XmlElement } from "@/lib/punchout/cxml/xml";
import { DUTCH_READERS_DOCUMENTS } from "../document-fixture";
import { generatedDocuments, poomInput, SPECIAL } from "./generated-documents";
import { cart, item, NOW, parseDoc, sharedFile, SUPPLIER_PARTIES, unwrap } from "./helpers";

/** Follows a path of element names from `root`, failing the test when one is missing. */
function at(root: XmlElement, ...names: string[]): XmlElement {
  return names.reduce((el, name) => firstChild(el, name) ?? expect.fail(`<${el.name}> has no <${name}>`), root);
}

const poom = (overrides = {}) => {
  const doc = parseDoc(buildPunchOutOrderMessage(poomInput(overrides)));
  return { doc, message: doc.payload!, items: childElements(doc.payload!, "ItemIn") };
};

describe("generated documents", () => {
  it.each(Object.entries(generatedDocuments()))("%s parses back as cXML", (_name, xml) => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE cXML SYSTEM "http://xml.cxml.org/schemas/cXML/1.2.063/')).toBe(true);
    expect(parseDoc(xml).payloadId).not.toBe("");
  });
});

describe("buildStatusResponse", () => {
  it.each(Object.keys(CXML_STATUS_TEXT).map(Number) as CxmlStatusCode[])("code %i", (code) => {
    const doc = parseDoc(buildStatusResponse({ payloadId: `p-${code}`, timestamp: NOW, code, message: "a & b" }));
    expect(doc.kind).toBe("Response");
    expect(doc.header).toBeNull();
    expect(doc.status).toEqual({ code: String(code), text: CXML_STATUS_TEXT[code], message: "a & b" });
    expect(HTTP_STATUS_FOR_CXML_CODE[code]).toBe(code === 406 ? 400 : 200);
  });

  it("accepts a custom text and no message", () => {
    const doc = parseDoc(buildStatusResponse({ payloadId: "p", timestamp: NOW, code: 409, text: "Duplicate orderID" }));
    expect(doc.status).toEqual({ code: "409", text: "Duplicate orderID", message: "" });
  });
});

describe("buildPunchOutSetupResponse", () => {
  it("returns Status 200 and the StartPage URL", () => {
    const url = "https://shop.example.nl/punchout/start?token=a&b=c";
    const doc = parseDoc(buildPunchOutSetupResponse({ payloadId: "p", timestamp: NOW, startPageUrl: url }));
    expect(doc.status?.code).toBe("200");
    expect(childText(at(doc.payload!, "StartPage"), "URL")).toBe(url);
  });

  it.each(["javascript:alert(1)", "not a url"])("refuses StartPage %s", (startPageUrl) => {
    expect(() => buildPunchOutSetupResponse({ payloadId: "p", timestamp: NOW, startPageUrl })).toThrow();
  });
});

describe("buildProfileResponse", () => {
  it("lists transactions with URLs and options", () => {
    const doc = parseDoc(generatedDocuments()["profile-response"]!);
    const transactions = childElements(doc.payload!, "Transaction");
    expect(transactions.map((t) => [attr(t, "requestName"), childText(t, "URL")])).toEqual([
      ["PunchOutSetupRequest", "https://shop.example.nl/api/punchout/cxml/setup"],
      ["OrderRequest", "https://shop.example.nl/api/cxml/order"],
      ["ProfileRequest", "https://shop.example.nl/api/cxml/profile"],
    ]);
    expect(attr(doc.payload!, "effectiveDate")).toBe("2025-01-01T00:00:00+00:00");
  });

  it.each([[[]], [[{ requestName: "Order Request", url: "https://x" }]]])("refuses transactions %j", (transactions) => {
    expect(() => buildProfileResponse({ payloadId: "p", timestamp: NOW, effectiveDate: NOW, transactions })).toThrow(RangeError);
  });
});

describe("buildPunchOutOrderMessage", () => {
  it("writes one fully described ItemIn per cart line", () => {
    const { doc, message, items } = poom();
    expect(doc).toMatchObject({ kind: "Message", deploymentMode: "production", lang: "nl-NL" });
    expect(attr(at(message, "PunchOutOrderMessageHeader"), "operationAllowed")).toBe("edit");
    expect(directText(at(message, "PunchOutOrderMessageHeader", "Total", "Money"))).toBe("123.40");
    expect(items).toHaveLength(1);
    const itemIn = items[0]!;
    const detail = at(itemIn, "ItemDetail");
    expect(itemIn.attrs).toEqual({ quantity: "10", lineNumber: "1" });
    expect(childText(at(itemIn, "ItemID"), "SupplierPartID")).toBe("ART-10001");
    expect(childText(at(itemIn, "ItemID"), "SupplierPartAuxiliaryID")).toBe("cart:8842;line:1");
    expect(at(detail, "UnitPrice", "Money").attrs).toEqual({ currency: "EUR" });
    expect(directText(at(detail, "UnitPrice", "Money"))).toBe("12.34");
    expect(at(detail, "Description").attrs).toEqual({ "xml:lang": "nl" });
    expect(childText(at(detail, "Description"), "ShortName")).toBe("Kabelbinder 200mm zwart");
    expect(directText(at(detail, "Description"))).toBe("Kabelbinder 200 x 4,8 mm, zwart, UV-bestendig, zak à 100 stuks");
    expect(childText(detail, "UnitOfMeasure")).toBe("PK");
    expect(firstChild(detail, "PriceBasisQuantity")).toBeUndefined();
    expect(at(detail, "Classification").attrs).toEqual({ domain: "UNSPSC" });
    expect(childText(detail, "Classification")).toBe("39131711");
    expect(childText(detail, "ManufacturerPartID")).toBe("T50R-PA66W-BK");
    expect(childText(detail, "ManufacturerName")).toBe("HellermannTyton");
    expect(childText(detail, "LeadTime")).toBe("2");
    expect(childElements(detail, "Extrinsic")).toEqual([]);
    expect(childElements(detail).map((e) => e.name)).toEqual([
      "UnitPrice", "Description", "UnitOfMeasure", "Classification", "ManufacturerPartID", "ManufacturerName", "LeadTime",
    ]);
  });

  it("gives a valid empty POOM for an empty cart (cancel)", () => {
    const { message, items } = poom({ cart: cart([]) });
    expect(items).toEqual([]);
    expect(directText(at(message, "PunchOutOrderMessageHeader", "Total", "Money"))).toBe("0.00");
  });

  it.each([
    ["plain", "b7c3f0e2"],
    ["surrounding whitespace", "  cookie with spaces \n"],
    ["special characters", SPECIAL],
  ])("echoes the BuyerCookie exactly: %s", (_label, buyerCookie) => {
    expect(directText(at(poom({ buyerCookie }).message, "BuyerCookie"))).toBe(buyerCookie);
  });

  it("round-trips special characters and umlauts in every text field", () => {
    const doc = parseDoc(generatedDocuments()["poom-special-characters"]!);
    const detail = at(childElements(doc.payload!, "ItemIn")[0]!, "ItemDetail");
    expect(childText(detail, "ManufacturerName")).toBe(SPECIAL);
    expect(directText(at(detail, "Description"))).toBe(`${SPECIAL}\nzweite Zeile\tmit Tab`);
    expect(childText(at(childElements(doc.payload!, "ItemIn")[0]!, "ItemID"), "SupplierPartID")).toBe(`SKU&<>"'`);
  });

  it("never contains a SharedSecret", () => {
    expect(buildPunchOutOrderMessage(poomInput())).not.toContain("SharedSecret");
  });

  it.each<[string, string | null, string[], string | undefined]>([
    ["no number: no BuyerPartID", null, ["SupplierPartID", "SupplierPartAuxiliaryID"], undefined],
    ["a blank number: no BuyerPartID", " ", ["SupplierPartID", "SupplierPartAuxiliaryID"], undefined],
    ["the customer's number after SupplierPartAuxiliaryID", "MAT-0004711", ["SupplierPartID", "SupplierPartAuxiliaryID", "BuyerPartID"], "MAT-0004711"],
    ["markup in the number is escaped", `KD&<5>"'`, ["SupplierPartID", "SupplierPartAuxiliaryID", "BuyerPartID"], `KD&<5>"'`],
  ])("ItemID: %s", (_label, buyerPartNumber, names, buyerPartId) => {
    const itemId = at(poom({ cart: cart([item({ buyerPartNumber })]) }).items[0]!, "ItemID");
    expect(childElements(itemId).map((e) => e.name)).toEqual(names);
    expect(childText(itemId, "SupplierPartID")).toBe("ART-10001");
    expect(firstChild(itemId, "BuyerPartID") && directText(firstChild(itemId, "BuyerPartID")!)).toBe(buyerPartId);
  });

  it("writes BuyerPartID per line, only for lines with a number", () => {
    const doc = parseDoc(generatedDocuments()["poom-buyer-part-ids"]!);
    expect(childElements(doc.payload!, "ItemIn").map((i) => firstChild(at(i, "ItemID"), "BuyerPartID") && directText(firstChild(at(i, "ItemID"), "BuyerPartID")!))).toEqual([
      "MAT-0004711",
      undefined,
      "KD-5555/ä",
    ]);
  });

  it("writes PriceBasisQuantity only for per-pack prices", () => {
    const { items } = poom({ cart: cart([item({ unit: "EA", priceBasisQuantity: 100, unitPriceMinor: 1999 }), item()]) });
    const pbq = at(items[0]!, "ItemDetail", "PriceBasisQuantity");
    expect(pbq.attrs).toEqual({ quantity: "100", conversionFactor: "1" });
    expect(childText(pbq, "UnitOfMeasure")).toBe("EA");
    expect(firstChild(at(items[1]!, "ItemDetail"), "PriceBasisQuantity")).toBeUndefined();
  });

  it("shortens ShortName like OCI DESCRIPTION: between words, a cut pack size left out, the full name in the Description", () => {
    const name = "Latex gloves size L examination grade, 100 pieces";
    const { items } = poom({ settings: parseCxmlConnectionSettings({ shortNameMaxLength: 40 }), cart: cart([item({ description: name, longText: "" })]) });
    const description = at(items[0]!, "ItemDetail", "Description");
    expect(childText(description, "ShortName")).toBe("Latex gloves size L examination grade");
    expect(directText(description)).toBe(name);
  });

  it("applies unit map, classification source/fallback, item extrinsics and ShortName length", () => {
    const settings = parseCxmlConnectionSettings({
      operationAllowed: "create",
      unitMap: { PK: "PA" },
      classification: { domain: "eCl@ss", source: "attributes.eclass", fallbackCode: "00000000" },
      itemExtrinsics: [
        { name: "GTIN", source: "gtin" },
        { name: "Brand", source: "brand" },
        { name: "Eclass", source: "attributes.eclass" },
        { name: "ImageURL", source: "imageUrl" },
      ],
      shortNameMaxLength: 5,
    });
    const { message, items } = poom({
      settings,
      cart: cart([item({ description: "Ab😀defgh", brand: null }), item({ attributes: { eclass: "27-14-11-04" }, imageUrl: "https://shop.example/product-images/A/0123456789abcdef01234567.jpg" })]),
    });
    expect(attr(at(message, "PunchOutOrderMessageHeader"), "operationAllowed")).toBe("create");
    const [first, second] = items.map((i) => at(i, "ItemDetail"));
    expect(childText(first!, "UnitOfMeasure")).toBe("PA");
    expect(childText(at(first!, "Description"), "ShortName")).toBe("Ab😀de");
    expect(childText(first!, "Classification")).toBe("00000000");
    expect(childText(second!, "Classification")).toBe("27-14-11-04");
    expect(childElements(first!, "Extrinsic").map((e) => [attr(e, "name"), directText(e)])).toEqual([["GTIN", "8712345678906"]]);
    expect(childElements(second!, "Extrinsic").map((e) => attr(e, "name"))).toEqual(["GTIN", "Brand", "Eclass", "ImageURL"]);
    expect(directText(childElements(second!, "Extrinsic")[3]!)).toBe("https://shop.example/product-images/A/0123456789abcdef01234567.jpg");
  });

  it("sends an empty Classification when there is no code and no fallback", () => {
    const { items } = poom({ cart: cart([item({ unspsc: null })]) });
    expect(childText(at(items[0]!, "ItemDetail"), "Classification")).toBe("");
  });

  it("echoes ShipTo, Shipping and Tax in the header", () => {
    const doc = parseDoc(generatedDocuments()["poom-special-characters"]!);
    const header = at(doc.payload!, "PunchOutOrderMessageHeader");
    expect(childElements(header).map((e) => e.name)).toEqual(["Total", "ShipTo", "Shipping", "Tax"]);
    expect(childText(at(header, "ShipTo", "Address"), "Name")).toBe("Müller & Söhne BV");
  });

  it.each([
    ["currency mismatch", { cart: { ...cart([item({ currency: "USD" })]), currency: "EUR" } }],
    ["zero quantity", { cart: cart([item({ quantity: 0 })]) }],
    ["fractional price basis", { cart: cart([item({ priceBasisQuantity: 0.5 })]) }],
    ["non-integer amount", { cart: cart([item({ unitPriceMinor: 12.5 })]) }],
  ])("refuses %s", (_label, overrides) => {
    expect(() => buildPunchOutOrderMessage(poomInput(overrides))).toThrow(RangeError);
  });

  it("mirrors the POSR header: our To becomes From/Sender, their From becomes To", () => {
    const posr = parseDoc(sharedFile("examples/PunchOutSetupRequest.xml"));
    const parties = replyHeaderParties(unwrap(parseCxmlHeader(posr)), "Koppel");
    const setup = unwrap(parsePunchOutSetupRequest(posr));
    const doc = parseDoc(buildPunchOutOrderMessage(poomInput({ header: parties, buyerCookie: setup.buyerCookie, deploymentMode: posr.deploymentMode })));
    const header = unwrap(parseCxmlHeader(doc));
    expect(header.from).toEqual([expect.objectContaining({ domain: "DUNS", identity: "123456789" })]);
    expect(header.to).toEqual([expect.objectContaining({ domain: "NetworkID", identity: "AN01000000001" })]);
    expect(header.sender).toEqual([expect.objectContaining({ domain: "DUNS", identity: "123456789", sharedSecret: null })]);
    expect(header.deploymentMode).toBe("test");
    expect(directText(at(doc.payload!, "BuyerCookie"))).toBe(setup.buyerCookie);
  });
});

const order = { orderId: "4500012345", orderDate: "2025-11-29T08:59:30+01:00", payloadId: "po@buyer" };
const confirmation = (overrides: Partial<ConfirmationRequestInput>): ConfirmationRequestInput => ({
  payloadId: "conf@shop",
  timestamp: NOW,
  header: SUPPLIER_PARTIES,
  senderSharedSecret: "secret",
  deploymentMode: "production",
  type: "accept",
  noticeDate: NOW,
  order,
  ...overrides,
});

describe("buildConfirmationRequest", () => {
  it("references the OrderRequest's orderID and payloadID and sends the SharedSecret (Fulfill.dtd)", () => {
    const xml = buildConfirmationRequest(confirmation({ confirmId: "SO-1" }));
    expect(xml).toContain("/1.2.063/Fulfill.dtd");
    const doc = parseDoc(xml);
    expect(unwrap(parseCxmlHeader(doc)).sender[0]?.sharedSecret).toBe("secret");
    expect(at(doc.payload!, "ConfirmationHeader").attrs).toEqual({ confirmID: "SO-1", operation: "new", type: "accept", noticeDate: "2025-11-28T09:00:00+00:00" });
    expect(at(doc.payload!, "OrderReference").attrs).toEqual({ orderID: "4500012345", orderDate: "2025-11-29T08:59:30+01:00" });
    expect(at(doc.payload!, "OrderReference", "DocumentReference").attrs).toEqual({ payloadID: "po@buyer" });
  });

  it("writes per-line statuses for detail", () => {
    const doc = parseDoc(generatedDocuments()["confirmation-detail"]!);
    const items = childElements(doc.payload!, "ConfirmationItem");
    expect(items.map((i) => [i.attrs, childElements(i, "ConfirmationStatus").map((s) => [s.attrs.type, s.attrs.quantity])])).toEqual([
      [{ quantity: "10", lineNumber: "1" }, [["accept", "10"]]],
      [{ quantity: "2.5", lineNumber: "2" }, [["accept", "1.5"], ["backordered", "1"]]],
    ]);
  });

  it.each([
    ["status quantities not adding up", { type: "detail", comments: "x", items: [{ lineNumber: 1, quantity: 10, unitOfMeasure: "EA", statuses: [{ type: "accept", quantity: 9 }] }] }],
    ["float-trap sum 0.1 + 0.2 ≠ 0.4", { type: "detail", comments: "x", items: [{ lineNumber: 1, quantity: "0.4", unitOfMeasure: "EA", statuses: [{ type: "accept", quantity: "0.1" }, { type: "accept", quantity: "0.2" }] }] }],
    ["item without status", { type: "detail", comments: "x", items: [{ lineNumber: 1, quantity: 1, unitOfMeasure: "EA", statuses: [] }] }],
    ["detail without items", { type: "detail", comments: "x" }],
    ["detail without comments", { type: "detail", items: [{ lineNumber: 1, quantity: 1, unitOfMeasure: "EA", statuses: [{ type: "accept", quantity: 1 }] }] }],
    ["reject without comments", { type: "reject" }],
    ["duplicate line numbers", { type: "accept", items: [1, 1].map((lineNumber) => ({ lineNumber, quantity: 1, unitOfMeasure: "EA", statuses: [{ type: "accept", quantity: 1 }] })) }],
    ["negative quantity", { type: "accept", items: [{ lineNumber: 1, quantity: -1, unitOfMeasure: "EA", statuses: [{ type: "accept", quantity: -1 }] }] }],
    ["missing order payloadID", { order: { orderId: "1", payloadId: "" } }],
  ] as [string, Partial<ConfirmationRequestInput>][])("refuses %s", (_label, overrides) => {
    expect(() => buildConfirmationRequest(confirmation(overrides))).toThrow(RangeError);
  });

  it("accepts exact decimal sums (0.1 + 0.2 = 0.3)", () => {
    const items = [{ lineNumber: 1, quantity: "0.3", unitOfMeasure: "KGM", statuses: [{ type: "accept" as const, quantity: "0.1" }, { type: "backordered" as const, quantity: "0.20" }] }];
    expect(() => buildConfirmationRequest(confirmation({ type: "detail", comments: "split", items }))).not.toThrow();
  });
});

describe("buildShipNoticeRequest", () => {
  it("writes header, ShipControl and one portion per order", () => {
    const doc = parseDoc(generatedDocuments()["ship-notice"]!);
    const request = doc.payload!;
    expect(attr(at(request, "ShipNoticeHeader"), "shipmentID")).toBe("SHP-2025-000555");
    expect(childText(at(request, "ShipControl"), "CarrierIdentifier")).toBe("PostNL");
    expect(attr(at(request, "ShipControl", "ShipmentIdentifier"), "trackingURL")).toBe("https://tracking.example/3S?x=1&y=2");
    const portion = at(request, "ShipNoticePortion");
    expect(at(portion, "OrderReference", "DocumentReference").attrs.payloadID).toBe("1732867200000.77.po4500012345@buyer.example.com");
    expect(childElements(portion, "ShipNoticeItem").map((i) => [i.attrs.lineNumber, i.attrs.quantity, firstChild(i, "ItemID") !== undefined])).toEqual([
      ["1", "10", true],
      ["2", "1", false],
    ]);
  });

  it("refuses a new ship notice without items", () => {
    expect(() =>
      buildShipNoticeRequest({
        payloadId: "p",
        timestamp: NOW,
        header: SUPPLIER_PARTIES,
        senderSharedSecret: "s",
        deploymentMode: "production",
        shipmentId: "S1",
        noticeDate: NOW,
        portions: [{ order, items: [] }],
      }),
    ).toThrow(RangeError);
  });
});

describe("buildPunchOutOrderMessage: product documents as AttachmentReference", () => {
  const detailOf = (itemIn: XmlElement) => at(itemIn, "ItemDetail");
  const references = (itemIn: XmlElement) => childElements(detailOf(itemIn), "AttachmentReference");
  const withDocuments = (attachments: "none" | "primary" | "all", documents = DUTCH_READERS_DOCUMENTS, language = "nl") =>
    poom({ cart: cart([item({ documents, language })]), settings: { ...poomInput().settings, attachments } }).items[0]!;

  it.each<[string, "none" | "primary" | "all", string, string[]]>([
    ["none: no reference", "none", "nl", []],
    ["primary: the safety data sheet in the reader's language", "primary", "nl", ["a00000000000000000000002"]],
    ["primary for an English reader: the English one", "primary", "en", ["a00000000000000000000003"]],
    ["all: every document, in the order they were given (the reader's)", "all", "nl", ["a00000000000000000000001", "a00000000000000000000002", "a00000000000000000000003", "a00000000000000000000004"]],
  ])("%s", (_label, attachments, language, keys) => {
    expect(references(withDocuments(attachments, DUTCH_READERS_DOCUMENTS, language)).map((reference) => childText(reference, "InternalID"))).toEqual(keys);
  });

  it("is off by default, whatever documents a line has", () => {
    expect(references(poom({ cart: cart([item({ documents: DUTCH_READERS_DOCUMENTS })]) }).items[0]!)).toEqual([]);
  });

  it("primary: a line with only a manual has none", () => {
    expect(references(withDocuments("primary", [DUTCH_READERS_DOCUMENTS[3]!]))).toEqual([]);
  });

  it("writes Name (file name), Description (title) with xml:lang, InternalID (key), URL, and the size in bytes", () => {
    const [datasheet, sds] = references(withDocuments("all"));
    expect(sds!.attrs).toEqual({ length: "48213" });
    expect(childElements(sds!).map((e) => e.name)).toEqual(["Name", "Description", "InternalID", "URL"]);
    expect(at(sds!, "Name").attrs).toEqual({ "xml:lang": "nl" });
    expect(childText(sds!, "Name")).toBe("veiligheidsblad-kabelbinder.pdf");
    expect(at(sds!, "Description").attrs).toEqual({ "xml:lang": "nl" });
    expect(directText(at(sds!, "Description"))).toBe("Veiligheidsinformatieblad kabelbinder");
    expect(at(sds!, "InternalID").attrs).toEqual({});
    expect(childText(sds!, "URL")).toBe("https://shop.example.nl/product-documents/ART-10001/a00000000000000000000002/veiligheidsblad-kabelbinder.pdf");
    // A document for every language is written in the line's language.
    expect(at(datasheet!, "Name").attrs).toEqual({ "xml:lang": "nl" });
    expect(at(withDocuments("all", [DUTCH_READERS_DOCUMENTS[0]!], "en"), "ItemDetail", "AttachmentReference", "Description").attrs).toEqual({ "xml:lang": "en" });
  });

  it("sits where the DTD wants it: after LeadTime, before the Extrinsics", () => {
    const doc = parseDoc(generatedDocuments()["poom-attachments-all"]!);
    const [first, second, third] = childElements(doc.payload!, "ItemIn").map((itemIn) => childElements(detailOf(itemIn)).map((e) => e.name));
    expect(first!.slice(first!.indexOf("LeadTime"))).toEqual(["LeadTime", ...Array(4).fill("AttachmentReference"), "Extrinsic", "Extrinsic"]);
    expect(second).not.toContain("AttachmentReference");
    // Without a LeadTime the reference follows ManufacturerName.
    expect(third!.slice(third!.indexOf("ManufacturerName"))).toEqual(["ManufacturerName", "AttachmentReference", "Extrinsic", "Extrinsic"]);
  });

  it("escapes the title and the URL, and reads them back unchanged", () => {
    const xml = generatedDocuments()["poom-attachments-all"]!;
    expect(xml).toContain("<URL>https://shop.example.nl/product-documents/A%26B/0123456789abcdef01234567/special-chars.pdf</URL>");
    expect(xml).toContain("Kabel &amp; stekker &lt;&quot;A&quot;&gt;");
    const third = childElements(parseDoc(xml).payload!, "ItemIn")[2]!;
    expect(directText(at(third, "ItemDetail", "AttachmentReference", "Description"))).toBe(SPECIAL);
  });
});
