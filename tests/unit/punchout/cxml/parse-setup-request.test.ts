import { describe, expect, it } from "vitest";
import { parseCxmlHeader } from "@/lib/punchout/cxml/parse-header";
import { parsePunchOutSetupRequest } from "@/lib/punchout/cxml/parse-setup-request";
import { parseCxml } from "@/lib/punchout/cxml/xml";
import { parseDoc, SHARED_FILES, sharedFile, unwrap } from "./helpers";

const setup = (xml: string | Buffer) => unwrap(parsePunchOutSetupRequest(parseDoc(xml)));
const POSR_FILES = SHARED_FILES.filter(([, bytes]) => bytes.includes("<PunchOutSetupRequest"));

describe("every PunchOutSetupRequest in examples and samples", () => {
  it("covers examples, Coupa, IESA and FriendsOfCXML", () => {
    expect(POSR_FILES.map(([file]) => file)).toEqual([
      "examples/PunchOutSetupRequest.xml",
      "examples/PunchOutSetupRequest_edit.xml",
      "samples/friendsofcxml-cxml-php/PunchOutSetupRequest.xml",
      "samples/officeluv-cxml/punch_out_setup_request_doc.xml",
      "samples/officeluv-cxml/punch_out_setup_request_doc_coupa.xml",
      "samples/officeluv-cxml/punch_out_setup_request_doc_with_ship_to.xml",
    ]);
  });

  it.each(POSR_FILES)("parses %s", (_file, bytes) => {
    const doc = parseDoc(bytes);
    unwrap(parseCxmlHeader(doc));
    const parsed = unwrap(parsePunchOutSetupRequest(doc));
    expect(parsed.buyerCookie.trim()).not.toBe("");
    expect(parsed.browserFormPostUrl).toMatch(/^https?:\/\//);
  });
});

describe("parsePunchOutSetupRequest", () => {
  it("reads the full example", () => {
    expect(setup(sharedFile("examples/PunchOutSetupRequest.xml"))).toEqual({
      operation: "create",
      buyerCookie: "b7c3f0e2-5d1a-4c1e-9a57-0c2f1d9e8a11",
      browserFormPostUrl: "https://procurement.example.com/punchout/return?session=abc123",
      supplierSetupUrl: "https://shop.example.nl/api/punchout/cxml/setup",
      contacts: [{ role: "endUser", name: "Jane Doe", email: "jane.doe@buyer.example.com" }],
      endUser: { role: "endUser", name: "Jane Doe", email: "jane.doe@buyer.example.com" },
      shipTo: {
        addressId: "NL-AMS-01",
        addressIdDomain: null,
        isoCountryCode: "NL",
        name: "Buyer BV Amsterdam",
        deliverTo: ["Jane Doe"],
        street: ["Keizersgracht 1"],
        city: "Amsterdam",
        municipality: null,
        state: null,
        postalCode: "1015 AA",
        country: "Netherlands",
        countryCode: "NL",
        email: null,
        phone: null,
      },
      selectedItem: null,
      items: [],
      extrinsics: [
        { name: "UserEmail", value: "jane.doe@buyer.example.com" },
        { name: "UniqueName", value: "jdoe" },
        { name: "FirstName", value: "Jane" },
        { name: "LastName", value: "Doe" },
        { name: "CostCenter", value: "4711" },
      ],
    });
  });

  it("reads edit ItemOut lines with SupplierPartAuxiliaryID", () => {
    const parsed = setup(sharedFile("examples/PunchOutSetupRequest_edit.xml"));
    expect(parsed.operation).toBe("edit");
    expect(parsed.items).toEqual([
      {
        lineNumber: 1,
        supplierPartId: "ART-10001",
        supplierPartAuxiliaryId: "cart:8842;line:1;cfg:blue-xl",
        quantity: "10",
        unitPrice: null,
        unitOfMeasure: null,
        description: null,
      },
    ]);
  });

  it("reads SelectedItem, ItemOut prices and phone (FriendsOfCXML)", () => {
    const parsed = setup(sharedFile("samples/friendsofcxml-cxml-php/PunchOutSetupRequest.xml"));
    expect(parsed.selectedItem).toEqual({ supplierPartId: "4545321", supplierPartAuxiliaryId: null });
    expect(parsed.items[0]).toEqual({
      lineNumber: 10,
      supplierPartId: "5555",
      supplierPartAuxiliaryId: null,
      quantity: "2",
      unitPrice: { amount: "763.20", currency: "EUR" },
      unitOfMeasure: "EA",
      description: "Excelsior Desk Chair",
    });
    expect(parsed.shipTo?.deliverTo).toEqual(["Joe Smith", "Mailstop M-543"]);
    expect(parsed.shipTo?.phone).toBe("+1 800 5551212");
  });

  it("accepts Coupa's Contact-before-BrowserFormPost order, 1.2.014 DOCTYPE and custom extrinsics", () => {
    const parsed = setup(sharedFile("samples/officeluv-cxml/punch_out_setup_request_doc_coupa.xml"));
    expect(parsed.browserFormPostUrl).toBe("https://qa.coupahost.com/punchout/checkout/4");
    expect(parsed.endUser).toEqual({ role: "endUser", name: "jim", email: "noah+jim@coupa.com" });
    expect(parsed.extrinsics.map((e) => e.name)).toEqual(["FirstName", "LastName", "UniqueName", "UserEmail", "User", "BusinessUnit"]);
  });

  it("trims layout whitespace around URLs (IESA sample)", () => {
    const parsed = setup(sharedFile("samples/officeluv-cxml/punch_out_setup_request_doc_with_ship_to.xml"));
    expect(parsed.browserFormPostUrl).toBe("http://return_to_supplier_url.com");
    expect(parsed.shipTo).toMatchObject({ state: "ca", email: "jmadden@coupa1.com", phone: "+1 855 8671234" });
  });

  const base = sharedFile("examples/PunchOutSetupRequest.xml").toString();
  const withCookie = (cookie: string) => base.replace(/<BuyerCookie>[^<]*<\/BuyerCookie>/, `<BuyerCookie>${cookie}</BuyerCookie>`);

  it.each([
    ["surrounding whitespace", "  abc \n", "  abc \n"],
    ["escaped markup", "a&amp;b&lt;c&gt;", "a&b<c>"],
    ["CDATA", "<![CDATA[x<y>]]>", "x<y>"],
    ["numeric reference", "k&#xE9;y", "kéy"],
  ])("keeps the BuyerCookie exact: %s", (_label, raw, expected) => {
    expect(setup(withCookie(raw)).buyerCookie).toBe(expected);
  });

  it("accepts mixed-case credential domains", () => {
    const doc = parseDoc(base.replaceAll('domain="NetworkID"', 'domain="networkid"'));
    expect(unwrap(parseCxmlHeader(doc)).from[0]?.domain).toBe("networkid");
    expect(unwrap(parsePunchOutSetupRequest(doc)).operation).toBe("create");
  });

  it.each([
    ["source operation", base.replace('operation="create"', 'operation="source"'), 450],
    ["unknown operation", base.replace('operation="create"', 'operation="delete"'), 400],
    ["missing BuyerCookie", base.replace(/<BuyerCookie>[^<]*<\/BuyerCookie>/, ""), 400],
    ["blank BuyerCookie", withCookie("  "), 400],
    ["create without BrowserFormPost", base.replace(/<BrowserFormPost>[\s\S]*?<\/BrowserFormPost>/, ""), 400],
    ["ItemOut without SupplierPartID", base.replace("<ShipTo>", '<ItemOut quantity="1"><ItemID/></ItemOut><ShipTo>'), 400],
    ["ItemOut with bad quantity", base.replace("<ShipTo>", '<ItemOut quantity="many"><ItemID><SupplierPartID>A</SupplierPartID></ItemID></ItemOut><ShipTo>'), 400],
    ["an OrderRequest instead", sharedFile("examples/OrderRequest.xml").toString(), 400],
  ])("rejects %s", (_label, xml, code) => {
    expect(parsePunchOutSetupRequest(parseDoc(xml))).toMatchObject({ ok: false, error: { code } });
  });

  it("allows inspect without BrowserFormPost", () => {
    const xml = base.replace('operation="create"', 'operation="inspect"').replace(/<BrowserFormPost>[\s\S]*?<\/BrowserFormPost>/, "");
    expect(setup(xml)).toMatchObject({ operation: "inspect", browserFormPostUrl: null });
  });

  it("parses an ISO-8859-1 POSR with accented extrinsics", () => {
    const xml = base.replace("UTF-8", "ISO-8859-1").replace(">Jane<", ">Jos\u00e9<");
    const result = parseCxml(Buffer.from(xml, "latin1"));
    expect(result.ok && unwrap(parsePunchOutSetupRequest(result.value)).extrinsics[2]).toEqual({ name: "FirstName", value: "José" });
  });
});
