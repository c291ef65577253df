import { describe, expect, it } from "vitest";
import { findOciParam, parseOciEntry, type OciEntry, type OciEntryResult } from "@/lib/punchout/oci/parse-entry";

const HOOK = "https://erp.example.com/sap/bc/bsp/sap/bbp_oci?sap-client=100&sid=X1";

function entryOf(result: OciEntryResult): OciEntry {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.entry;
}

describe("parseOciEntry", () => {
  it("reads an SAP SRM POST call-up and splits HOOK_URL into base + ordered query", () => {
    const entry = entryOf(
      parseOciEntry({
        USERNAME: "koppel-demo",
        PASSWORD: "s3cret",
        HOOK_URL: HOOK,
        OCI_VERSION: "4.0",
        OPI_VERSION: "1.0",
        http_content_charset: "iso-8859-1",
        returntarget: "_parent",
        LANGUAGE: "NL",
      }),
    );
    expect(entry).toMatchObject({
      credentials: { username: "koppel-demo", password: "s3cret" },
      hookUrl: {
        href: HOOK,
        base: "https://erp.example.com/sap/bc/bsp/sap/bbp_oci",
        query: [
          ["sap-client", "100"],
          ["sid", "X1"],
        ],
      },
      ociVersion: "4.0",
      opiVersion: "1.0",
      charset: "iso-8859-1",
      returnTarget: "_parent",
      function: null,
      legacyReturnFields: [],
    });
    expect(entry.params.map(([name]) => name)).toEqual([
      "USERNAME",
      "HOOK_URL",
      "OCI_VERSION",
      "OPI_VERSION",
      "http_content_charset",
      "returntarget",
      "LANGUAGE",
    ]);
  });

  it("reads a Basware-style GET query with lower-case names and no query on HOOK_URL", () => {
    const query = new URLSearchParams(
      "username=demo&password=pw&hook_url=https%3A%2F%2Fp2p.basware.example%2Foci%2Freturn&Email=jan%40buyer.nl",
    );
    const entry = entryOf(parseOciEntry(query));
    expect(entry.credentials).toEqual({ username: "demo", password: "pw" });
    expect(entry.hookUrl).toEqual({
      href: "https://p2p.basware.example/oci/return",
      base: "https://p2p.basware.example/oci/return",
      query: [],
    });
    expect(entry.returnTarget).toBe("_top");
    expect(entry.charset).toBeNull();
    expect(findOciParam(entry, ["MAIL", "EMAIL"])).toBe("jan@buyer.nl");
    expect(entry.params.some(([name]) => name.toLowerCase() === "password")).toBe(false);
  });

  it.each([
    ["upper case", { HOOK_URL: HOOK, HTTP_CONTENT_CHARSET: "UTF-8", RETURNTARGET: "_top" }],
    ["lower case", { hook_url: HOOK, http_content_charset: "utf8", returntarget: "_top" }],
    ["mixed case", { Hook_Url: HOOK, Http_Content_Charset: "Utf-8", ReturnTarget: "_top" }],
  ])("matches parameter names case-insensitively (%s)", (_label, params) => {
    const entry = entryOf(parseOciEntry(params));
    expect(entry.hookUrl?.base).toBe("https://erp.example.com/sap/bc/bsp/sap/bbp_oci");
    expect(entry.charset).toBe("utf-8");
  });

  it("keeps OCI 3.0 ~OkCode/~TARGET/~CALLER for the return form and uses ~target as form target", () => {
    const entry = entryOf(
      parseOciEntry(new URLSearchParams({ HOOK_URL: HOOK, "~OkCode": "ADDI", "~target": "_top", "~CALLER": "CTLG" })),
    );
    expect(entry.okCode).toBe("ADDI");
    expect(entry.caller).toBe("CTLG");
    expect(entry.returnTarget).toBe("_top");
    expect(entry.legacyReturnFields).toEqual([
      ["~OkCode", "ADDI"],
      ["~target", "_top"],
      ["~CALLER", "CTLG"],
    ]);
  });

  it.each([
    ["UTF-8", "utf-8"],
    ["iso-8859-1", "iso-8859-1"],
    ["ISO8859-1", "iso-8859-1"],
    ["latin1", "iso-8859-1"],
    ["windows-1252", "iso-8859-1"],
    ["shift_jis", null],
  ])("maps http_content_charset %s to %s", (label, charset) => {
    const entry = entryOf(parseOciEntry({ HOOK_URL: HOOK, http_content_charset: label }));
    expect(entry.charset).toBe(charset);
    expect(entry.requestedCharset).toBe(label);
  });

  it("reads credentials and HOOK_URL under connection-specific names", () => {
    const entry = entryOf(
      parseOciEntry(
        { login: "buyer-1", pass: "pw", returnUrl: "https://erp.example.com/return" },
        { parameterNames: { username: "LOGIN", password: "PASS", hookUrl: "RETURNURL" } },
      ),
    );
    expect(entry.credentials).toEqual({ username: "buyer-1", password: "pw" });
    expect(entry.hookUrl?.base).toBe("https://erp.example.com/return");
    expect(entry.params.map(([name]) => name)).toEqual(["login", "returnUrl"]);
  });

  it("treats a missing username as no credentials rather than an error", () => {
    expect(entryOf(parseOciEntry({ HOOK_URL: HOOK, PASSWORD: "pw" })).credentials).toBeNull();
  });

  it.each<[string, Record<string, string>, OciEntry["function"]]>([
    ["VALIDATE with QUANTITY", { FUNCTION: "VALIDATE", PRODUCTID: "p_1", QUANTITY: "5" }, { name: "VALIDATE", productId: "p_1", quantity: 5 }],
    ["lower-case validate, comma decimal", { function: "validate", productid: "p_1", quantity: "2,5" }, { name: "VALIDATE", productId: "p_1", quantity: 2.5 }],
    ["VALIDATE without QUANTITY defaults to 1", { FUNCTION: "VALIDATE", PRODUCTID: "p_1" }, { name: "VALIDATE", productId: "p_1", quantity: 1 }],
    ["DETAIL", { FUNCTION: "DETAIL", PRODUCTID: "p_1" }, { name: "DETAIL", productId: "p_1" }],
    ["DETAILADD", { FUNCTION: "DETAILADD", PRODUCTID: "p_1" }, { name: "DETAILADD", productId: "p_1" }],
    ["SOURCING", { FUNCTION: "SOURCING", SEARCHSTRING: "kabelbinder", VENDOR: "100042" }, { name: "SOURCING", searchString: "kabelbinder", vendor: "100042" }],
    ["BACKGROUND_SEARCH", { FUNCTION: "BACKGROUND_SEARCH", SEARCHSTRING: "kabelbinder" }, { name: "BACKGROUND_SEARCH", searchString: "kabelbinder" }],
    ["Background-Search spelling", { FUNCTION: "Background-Search", SEARCHSTRING: "x" }, { name: "BACKGROUND_SEARCH", searchString: "x" }],
    ["QUANTITYCHECK", { FUNCTION: "QUANTITYCHECK", EXT_PRODUCT_ID: "p_1", QUANTITY: "3" }, { name: "QUANTITYCHECK", productId: "p_1", quantity: 3 }],
    ["QUANTITY_CHECK alias", { FUNCTION: "QUANTITY_CHECK", EXT_PRODUCT_ID: "p_1" }, { name: "QUANTITYCHECK", productId: "p_1", quantity: 1 }],
    ["QUANTITYCHECK with PRODUCTID", { FUNCTION: "QUANTITYCHECK", PRODUCTID: "p_2", QUANTITY: "5" }, { name: "QUANTITYCHECK", productId: "p_2", quantity: 5 }],
    [
      "DOWNLOAD alias with defaults",
      { FUNCTION: "download", REQUESTEDPAGE: "", LASTUPDATED: "" },
      { name: "DOWNLOADJSON", pageSize: 20, requestedPage: null, lastUpdated: null, transactionId: null },
    ],
    [
      "DOWNLOADJSON delta page",
      { FUNCTION: "DOWNLOADJSON", PAGESIZE: "50", REQUESTEDPAGE: "3", LASTUPDATED: "31122023235959", TRANSACTIONID: "12323231" },
      { name: "DOWNLOADJSON", pageSize: 50, requestedPage: 3, lastUpdated: new Date("2023-12-31T23:59:59Z"), transactionId: "12323231" },
    ],
    ["INITIALIZE (Secure OCI)", { FUNCTION: "INITIALIZE", SECURE_AUTH_METHOD: "get" }, { name: "INITIALIZE", authMethod: "GET" }],
    ["RETRIEVEOCI (Secure OCI)", { FUNCTION: "RETRIEVEOCI", SessionTransmissionId: "t-1" }, { name: "RETRIEVEOCI", sessionTransmissionId: "t-1" }],
  ])("reads FUNCTION: %s", (_label, params, expected) => {
    const needsHook = ["VALIDATE", "SOURCING", "BACKGROUND_SEARCH", "DETAILADD"].includes(expected?.name ?? "");
    const entry = entryOf(parseOciEntry(needsHook ? { HOOK_URL: HOOK, ...params } : params));
    expect(entry.function).toEqual(expected);
  });

  it.each<[string, Record<string, string> | URLSearchParams, string, string | undefined]>([
    ["missing HOOK_URL", { USERNAME: "u", PASSWORD: "p" }, "missing_hook_url", "HOOK_URL"],
    ["blank HOOK_URL", { HOOK_URL: "  " }, "missing_hook_url", "HOOK_URL"],
    ["VALIDATE without HOOK_URL", { FUNCTION: "VALIDATE", PRODUCTID: "p_1" }, "missing_hook_url", "HOOK_URL"],
    ["relative HOOK_URL", { HOOK_URL: "/sap/bc/bsp" }, "invalid_hook_url", "HOOK_URL"],
    ["javascript: HOOK_URL", { HOOK_URL: "javascript:alert(1)" }, "invalid_hook_url", "HOOK_URL"],
    ["HOOK_URL with userinfo", { HOOK_URL: "https://user:pw@erp.example.com/" }, "invalid_hook_url", "HOOK_URL"],
    ["unknown FUNCTION", { HOOK_URL: HOOK, FUNCTION: "CHECKOUT" }, "unknown_function", "FUNCTION"],
    ["DETAIL without PRODUCTID", { FUNCTION: "DETAIL" }, "missing_parameter", "PRODUCTID"],
    ["BACKGROUND_SEARCH without SEARCHSTRING", { HOOK_URL: HOOK, FUNCTION: "BACKGROUND_SEARCH" }, "missing_parameter", "SEARCHSTRING"],
    ["QUANTITY not a number", { HOOK_URL: HOOK, FUNCTION: "VALIDATE", PRODUCTID: "p", QUANTITY: "abc" }, "invalid_parameter", "QUANTITY"],
    ["QUANTITY zero", { HOOK_URL: HOOK, FUNCTION: "VALIDATE", PRODUCTID: "p", QUANTITY: "0" }, "invalid_parameter", "QUANTITY"],
    ["QUANTITY negative", { FUNCTION: "QUANTITYCHECK", EXT_PRODUCT_ID: "p", QUANTITY: "-1" }, "invalid_parameter", "QUANTITY"],
    ["LASTUPDATED 31 February", { FUNCTION: "DOWNLOADJSON", LASTUPDATED: "31022023000000" }, "invalid_parameter", "LASTUPDATED"],
    ["PAGESIZE zero", { FUNCTION: "DOWNLOADJSON", PAGESIZE: "0" }, "invalid_parameter", "PAGESIZE"],
    ["SECURE_AUTH_METHOD PUT", { FUNCTION: "INITIALIZE", SECURE_AUTH_METHOD: "PUT" }, "invalid_parameter", "SECURE_AUTH_METHOD"],
    [
      "HOOK_URL twice with different values",
      new URLSearchParams([
        ["HOOK_URL", HOOK],
        ["hook_url", "https://evil.example/"],
      ]),
      "duplicate_parameter",
      "HOOK_URL",
    ],
    ["returntarget with markup", { HOOK_URL: HOOK, returntarget: '"><script>' }, "invalid_parameter", "returntarget"],
    ["oversized value", { HOOK_URL: HOOK, NOTE: "x".repeat(5000) }, "invalid_parameter", "NOTE"],
  ])("rejects %s", (_label, params, code, field) => {
    const result = parseOciEntry(params);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ code, field });
  });

  it("accepts the same name twice when the values agree", () => {
    const params = new URLSearchParams([
      ["HOOK_URL", HOOK],
      ["hook_url", HOOK],
    ]);
    expect(entryOf(parseOciEntry(params)).hookUrl?.href).toBe(HOOK);
  });
});

describe("findOciParam", () => {
  const entry = { params: [["USER_EMAIL", " "], ["mail", "a@b.nl"], ["EMAIL", "c@d.nl"]] as const };

  it.each([
    ["first listed name with a value wins", ["email", "mail"], "c@d.nl"],
    ["blank values are skipped", ["user_email", "MAIL"], "a@b.nl"],
    ["no match", ["login"], null],
  ])("%s", (_label, names, expected) => {
    expect(findOciParam({ params: [...entry.params] }, names)).toBe(expected);
  });
});
