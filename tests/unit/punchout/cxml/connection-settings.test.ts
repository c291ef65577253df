import { describe, expect, it } from "vitest";
import {
  checkSetupRequest,
  cxmlConnectionSettingsSchema,
  isSetupOperationAllowed,
  parseCxmlConnectionSettings,
  sessionFieldsFromSetup,
} from "@/lib/punchout/cxml/connection-settings";
import { parsePunchOutSetupRequest, type CxmlSetupRequest } from "@/lib/punchout/cxml/parse-setup-request";
import { CXML_PRESETS } from "@/lib/punchout/cxml/presets";
import { parseDoc, sharedFile, unwrap } from "./helpers";

const setupFrom = (file: string) => unwrap(parsePunchOutSetupRequest(parseDoc(sharedFile(file))));

describe("cxmlConnectionSettingsSchema", () => {
  it("fills defaults", () => {
    expect(parseCxmlConnectionSettings(undefined)).toEqual({
      shopLanguage: "browser",
      transactions: ["PunchOutSetupRequest", "OrderRequest"],
      poomEncoding: "cxml-base64",
      targetFrame: "_top",
      operationAllowed: "edit",
      userMapping: "match-email",
      requiredExtrinsics: [],
      extrinsicMap: { UserEmail: "email", UniqueName: "uniqueName", FirstName: "firstName", LastName: "lastName" },
      unitMap: {},
      classification: { domain: "UNSPSC", source: "unspsc", fallbackCode: null },
      itemExtrinsics: [],
      shortNameMaxLength: null,
      echoShipTo: false,
      attachments: "none",
      assortment: "customer",
    });
  });

  it.each([
    ["unknown encoding", { poomEncoding: "cxml-raw" }],
    ["unit code with a space", { unitMap: { EA: "PCE X" } }],
    ["unknown item source", { itemExtrinsics: [{ name: "GTIN", source: "ean" }] }],
    ["empty attribute source", { classification: { source: "attributes." } }],
    ["unknown session field", { extrinsicMap: { UserEmail: "mail" } }],
    ["script in target", { targetFrame: "x\" onload=\"alert(1)" }],
    ["no transactions", { transactions: [] }],
    ["zero ShortName length", { shortNameMaxLength: 0 }],
    ["unknown attachments choice", { attachments: "primary-only" }],
  ])("rejects %s", (_label, input) => {
    expect(cxmlConnectionSettingsSchema.safeParse(input).success).toBe(false);
  });
});

describe("presets", () => {
  it("covers the systems we are asked about", () => {
    expect(Object.keys(CXML_PRESETS)).toEqual(["ariba", "coupa", "oracle", "ghx", "jaggaer", "proactis", "basware", "ivalua", "afas", "generic"]);
  });

  it.each(Object.entries(CXML_PRESETS))("%s parses into valid settings", (_id, preset) => {
    const settings = parseCxmlConnectionSettings(preset.settings);
    expect(settings.poomEncoding).toBe("cxml-base64");
    expect(preset.notes.length).toBeGreaterThan(0);
    // No buyer system is known to read ItemDetail/AttachmentReference: the buyer confirms it per connection.
    expect(settings.attachments).toBe("none");
  });

  it("GHX requires UniqueName; AFAS only takes orders", () => {
    const ghx = parseCxmlConnectionSettings(CXML_PRESETS.ghx.settings);
    const withoutUniqueName = setupFrom("samples/friendsofcxml-cxml-php/PunchOutSetupRequest.xml");
    expect(checkSetupRequest(withoutUniqueName, ghx)).toMatchObject({ code: 400, message: expect.stringContaining("UniqueName") });
    expect(checkSetupRequest(setupFrom("examples/PunchOutSetupRequest.xml"), ghx)).toBeNull();

    const afas = parseCxmlConnectionSettings(CXML_PRESETS.afas.settings);
    expect(afas.transactions).toEqual(["OrderRequest"]);
    expect(checkSetupRequest(withoutUniqueName, afas)).toMatchObject({ code: 450 });
  });
});

describe("operations", () => {
  it.each([
    ["create", "create", true],
    ["create", "inspect", false],
    ["create", "edit", false],
    ["inspect", "inspect", true],
    ["inspect", "edit", false],
    ["edit", "inspect", true],
    ["edit", "edit", true],
  ] as const)("operationAllowed %s accepts %s: %s", (operationAllowed, operation, expected) => {
    expect(isSetupOperationAllowed({ operationAllowed }, operation)).toBe(expected);
  });

  it("answers a disabled edit with 450", () => {
    const settings = parseCxmlConnectionSettings({ operationAllowed: "create" });
    expect(checkSetupRequest(setupFrom("examples/PunchOutSetupRequest_edit.xml"), settings)).toMatchObject({ code: 450, kind: "unsupported" });
  });
});

describe("sessionFieldsFromSetup", () => {
  it("maps the Coupa extrinsics", () => {
    const settings = parseCxmlConnectionSettings(CXML_PRESETS.coupa.settings);
    expect(sessionFieldsFromSetup(setupFrom("samples/officeluv-cxml/punch_out_setup_request_doc_coupa.xml"), settings)).toEqual({
      email: "noah+jim@coupa.com",
      uniqueName: "jim",
      firstName: "Jim",
      lastName: "Halpert",
      businessUnit: "COUPA",
      fullName: "jim",
    });
  });

  it("uses extrinsicMap order as priority and falls back to the endUser Contact", () => {
    const setup: Pick<CxmlSetupRequest, "extrinsics" | "endUser"> = {
      extrinsics: [
        { name: "User", value: "login-name" },
        { name: "UniqueName", value: "" },
        { name: "UniqueName", value: "u-123" },
      ],
      endUser: { role: "endUser", name: "Jane Doe", email: "jane@example.com" },
    };
    expect(sessionFieldsFromSetup(setup, { extrinsicMap: { UniqueName: "uniqueName", User: "uniqueName" } })).toEqual({
      uniqueName: "u-123",
      email: "jane@example.com",
      fullName: "Jane Doe",
    });
    expect(sessionFieldsFromSetup({ extrinsics: [], endUser: null }, { extrinsicMap: {} })).toEqual({});
  });
});
