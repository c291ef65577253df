import { describe, expect, it } from "vitest";
import { parseCxmlHeader } from "@/lib/punchout/cxml/parse-header";
import { orderIdOf, parseOrderRequest } from "@/lib/punchout/cxml/parse-order-request";
import { parseDoc, SHARED_FILES, sharedFile, unwrap } from "./helpers";

const order = (xml: string | Buffer) => unwrap(parseOrderRequest(parseDoc(xml)));
const ORDER_FILES = SHARED_FILES.filter(([, bytes]) => bytes.includes("<OrderRequest>"));
const EXAMPLE = sharedFile("examples/OrderRequest.xml").toString();

describe("every OrderRequest in examples and samples", () => {
  it("covers the example, both Coupa orders and FriendsOfCXML", () => {
    expect(ORDER_FILES.map(([file]) => file)).toEqual([
      "examples/OrderRequest.xml",
      "samples/friendsofcxml-cxml-php/OrderRequest.xml",
      "samples/officeluv-cxml/order_request.xml",
      "samples/officeluv-cxml/purchase_order_request_200.xml",
    ]);
  });

  it.each(ORDER_FILES)("parses %s", (_file, bytes) => {
    const doc = parseDoc(bytes);
    unwrap(parseCxmlHeader(doc));
    const parsed = unwrap(parseOrderRequest(doc));
    expect(parsed.orderId).not.toBe("");
    expect(parsed.lines.length).toBeGreaterThan(0);
    for (const line of parsed.lines) expect(Number.isSafeInteger(line.unitPrice?.amountMinor)).toBe(true);
  });
});

describe("parseOrderRequest", () => {
  it("reads header, addresses, contacts, comments, extrinsics and lines of the example", () => {
    const parsed = order(EXAMPLE);
    expect(parsed).toMatchObject({
      type: "new",
      orderId: "4500012345",
      orderDate: "2025-11-29T08:59:30+01:00",
      orderVersion: "1",
      requestedDeliveryDate: null,
      total: { amountMinor: 13890, currency: "EUR" },
      shipping: { amountMinor: 750, currency: "EUR" },
      tax: { amountMinor: 2917, currency: "EUR" },
      shipTo: { addressId: "NL-AMS-01", deliverTo: ["Jane Doe", "Magazijn 3"], postalCode: "1015 AA", countryCode: "NL" },
      billTo: { addressId: "BILL-01", street: ["Postbus 123"], email: "invoices@buyer.example.com" },
      contacts: [{ role: "endUser", name: "Jane Doe", email: "jane.doe@buyer.example.com" }],
      comments: [{ lang: "nl-NL", type: null, text: "Graag leveren tussen 08:00 en 16:00.", attachments: [] }],
      extrinsics: [{ name: "CompanyCode", value: "1000" }],
      documentReferencePayloadId: null,
      hasPayment: false,
    });
    expect(parsed.lines).toEqual([
      {
        lineNumber: 1,
        supplierPartId: "ART-10001",
        supplierPartAuxiliaryId: "cart:8842;line:1",
        buyerPartId: "MAT-778899",
        quantity: "10",
        unitOfMeasure: "PK",
        unitPrice: { amountMinor: 1234, currency: "EUR" },
        description: "Kabelbinder 200 x 4,8 mm, zwart, zak a 100 stuks",
        shortName: null,
        classifications: [{ domain: "UNSPSC", code: "39131711" }],
        manufacturerPartId: "T50R-PA66W-BK",
        manufacturerName: "HellermannTyton",
        requestedDeliveryDate: "2025-12-02",
        shipTo: null,
        distributions: [
          {
            accountingName: "DistributionCharge",
            segments: [{ id: "4711", name: "Cost Center", description: "Facilities" }],
            charge: { amountMinor: 12340, currency: "EUR" },
          },
        ],
        comments: [],
        extrinsics: [],
      },
      expect.objectContaining({ lineNumber: 2, supplierPartId: "ART-20002", supplierPartAuxiliaryId: null, quantity: "2", unitPrice: { amountMinor: 400, currency: "EUR" } }),
    ]);
  });

  it("reads Coupa's Segment-style accounting, one-decimal money and empty extrinsics", () => {
    const parsed = order(sharedFile("samples/officeluv-cxml/order_request.xml"));
    expect(parsed.total).toEqual({ amountMinor: 9171, currency: "USD" });
    expect(parsed.shipping).toEqual({ amountMinor: 0, currency: "USD" });
    expect(parsed.extrinsics).toEqual([{ name: "legacy_po", value: "" }]);
    expect(parsed.lines[0]).toMatchObject({
      supplierPartId: "product:1861",
      supplierPartAuxiliaryId: "product-requisition:6236",
      unitPrice: { amountMinor: 810, currency: "USD" },
      classifications: [{ domain: "UNSPSC", code: "unknown" }],
      extrinsics: [{ name: "LineType", value: "Quantity" }],
    });
    expect(parsed.lines[0]?.distributions[0]?.segments).toContainEqual({ id: "c50", name: "Cost Center", description: "CCentre" });
  });

  it("reads the Coupa template (comments everywhere, line comments, backslash in aux id)", () => {
    const parsed = order(sharedFile("samples/officeluv-cxml/purchase_order_request_200.xml"));
    expect(parsed.total).toEqual({ amountMinor: 150500, currency: "USD" });
    expect(parsed.comments[0]?.text).toBe("header comment goes here if entered by user");
    expect(parsed.lines.map((l) => [l.lineNumber, l.quantity, l.supplierPartAuxiliaryId, l.comments[0]?.text])).toEqual([
      [1, "1", "1005379527029\\1", "line item comment goes here if entered by user"],
      [2, "2", "1005379527029\\1", "line item comment goes here if entered by user"],
    ]);
  });

  it("reads datetime requestedDeliveryDate and attachment comments (FriendsOfCXML)", () => {
    const parsed = order(sharedFile("samples/friendsofcxml-cxml-php/OrderRequest.xml"));
    expect(parsed.lines[0]?.requestedDeliveryDate).toBe("2020-02-28T00:00:00+00:00");
    expect(parsed.comments[0]).toMatchObject({ text: "", attachments: ["delivery-note.pdf"] });
    expect(parsed.lines[1]?.comments[0]).toMatchObject({ type: "test", text: "Test comment" });
  });

  it.each([
    ["update", "update"],
    ["delete", "delete"],
  ] as const)("reads type %s with DocumentReference", (type, expected) => {
    const xml = EXAMPLE.replace('type="new" orderVersion="1"', `type="${type}" orderVersion="2"`).replace(
      "<Extrinsic name=\"CompanyCode\">",
      '<DocumentReference payloadID="prev@buyer"/><Extrinsic name="CompanyCode">',
    );
    expect(order(xml)).toMatchObject({ type: expected, orderVersion: "2", documentReferencePayloadId: "prev@buyer" });
  });

  it("numbers lines by position when lineNumber is missing", () => {
    const parsed = order(EXAMPLE.replace(' lineNumber="1"', "").replace(' lineNumber="2"', ""));
    expect(parsed.lines.map((l) => l.lineNumber)).toEqual([1, 2]);
  });

  it("flags a Payment element without reading it", () => {
    const xml = EXAMPLE.replace("<Contact role", '<Payment><PCard number="4111111111111111" expiration="2030-01-01"/></Payment><Contact role');
    expect(order(xml).hasPayment).toBe(true);
  });

  const withTotal = (money: string) => EXAMPLE.replace('<Total><Money currency="EUR">138.90</Money></Total>', `<Total>${money}</Total>`);

  it.each([
    ["two decimals", '<Money currency="EUR">138.90</Money>', 13890],
    ["one decimal", '<Money currency="EUR">8.1</Money>', 810],
    ["no decimals", '<Money currency="EUR">12</Money>', 1200],
    ["trailing zeros beyond cents", '<Money currency="EUR">3.1000</Money>', 310],
    ["zero", '<Money currency="EUR">0.0</Money>', 0],
    ["negative (credit)", '<Money currency="EUR">-5.25</Money>', -525],
    ["surrounding whitespace", '<Money currency="EUR">\n  7.50\n</Money>', 750],
    ["lower-case currency", '<Money currency="eur">1.00</Money>', 100],
    ["float trap 0.29", '<Money currency="EUR">0.29</Money>', 29],
    ["three significant decimals (1.0050)", '<Money currency="EUR">1.0050</Money>', null],
    ["large", '<Money currency="EUR">12345678901.23</Money>', 1234567890123],
  ])("Money %s", (_label, money, expected) => {
    const result = parseOrderRequest(parseDoc(withTotal(money)));
    if (expected === null) expect(result).toMatchObject({ ok: false, error: { code: 400 } });
    else expect(result.ok && result.value.total.amountMinor).toBe(expected);
  });

  it.each([
    ["more decimals than EUR has", '<Money currency="EUR">12.345</Money>', "12.345"],
    ["thousands separator", '<Money currency="EUR">1,234.56</Money>', "1,234.56"],
    ["decimal comma", '<Money currency="EUR">12,50</Money>', "12,50"],
    ["exponent", '<Money currency="EUR">1e3</Money>', "1e3"],
    ["currency symbol", '<Money currency="EUR">€12.00</Money>', "€12.00"],
    ["empty", '<Money currency="EUR"></Money>', "not an exact"],
    ["leading plus", '<Money currency="EUR">+1.00</Money>', "+1.00"],
    ["beyond safe integers", '<Money currency="EUR">123456789012345678.00</Money>', "123456789012345678"],
    ["missing currency", "<Money>1.00</Money>", "ISO 4217"],
    ["bogus currency", '<Money currency="Euro">1.00</Money>', "ISO 4217"],
    ["missing Money", "", "Money is missing"],
  ])("rejects Money with %s as a 400 content error", (_label, money, message) => {
    const result = parseOrderRequest(parseDoc(withTotal(money)));
    expect(result).toMatchObject({ ok: false, error: { kind: "invalid-content", code: 400 } });
    if (!result.ok) expect(result.error.message).toContain(message);
  });

  it("rejects a line unit price with sub-cent precision, naming the line", () => {
    const result = parseOrderRequest(parseDoc(EXAMPLE.replace(">12.34<", ">12.345<")));
    expect(result).toMatchObject({ ok: false, error: { code: 400, message: expect.stringContaining("line 1 UnitPrice") } });
  });

  it.each([
    ["no orderID", EXAMPLE.replace('orderID="4500012345"', "")],
    ["unknown type", EXAMPLE.replace('type="new"', 'type="replace"')],
    ["no ItemOut", EXAMPLE.replace(/<ItemOut[\s\S]*<\/ItemOut>/, "")],
    ["duplicate lineNumber", EXAMPLE.replace('lineNumber="2"', 'lineNumber="1"')],
    ["bad lineNumber", EXAMPLE.replace('lineNumber="2"', 'lineNumber="two"')],
    ["zero quantity", EXAMPLE.replace('quantity="2"', 'quantity="0"')],
    ["negative quantity", EXAMPLE.replace('quantity="2"', 'quantity="-2"')],
    ["no OrderRequestHeader", EXAMPLE.replace(/<OrderRequestHeader[\s\S]*<\/OrderRequestHeader>/, "")],
    ["a POSR instead", sharedFile("examples/PunchOutSetupRequest.xml").toString()],
  ])("rejects %s (400)", (_label, xml) => {
    expect(parseOrderRequest(parseDoc(xml))).toMatchObject({ ok: false, error: { kind: "invalid-content", code: 400 } });
  });

  it("accepts a delete without lines", () => {
    const xml = EXAMPLE.replace('type="new"', 'type="delete"').replace(/<ItemOut[\s\S]*<\/ItemOut>/, "");
    expect(order(xml)).toMatchObject({ type: "delete", lines: [] });
  });
});

describe("orderIdOf (the log of a refused document)", () => {
  it.each([
    ["an OrderRequest", EXAMPLE, "4500012345"],
    ["an OrderRequest whose lines would not parse", EXAMPLE.replace(/<ItemOut[\s\S]*<\/ItemOut>/, "<ItemOut/>"), "4500012345"],
    ["an orderID of spaces", EXAMPLE.replace('orderID="4500012345"', 'orderID="  "'), undefined],
    ["no OrderRequestHeader", EXAMPLE.replace(/<OrderRequestHeader[\s\S]*<\/OrderRequestHeader>/, ""), undefined],
    ["another document", sharedFile("examples/PunchOutSetupRequest.xml").toString(), undefined],
  ])("%s", (_name, xml, expected) => {
    expect(orderIdOf(parseDoc(xml))).toBe(expected);
  });
});
