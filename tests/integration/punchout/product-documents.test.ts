// Product documents on their way to procurement systems: a real transfer of a punchout cart through
// transferPunchoutCart for an OCI and a cXML connection, with documents stored by the data layer, their
// URLs resolving to the stored files, read in one statement for the whole cart.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import type { BuyerUser } from "@/lib/auth/guards";
import { addToCart } from "@/lib/cart/cart-service";
import { listProductDocumentsOf, readProductDocument } from "@/lib/data/product-documents";
import { createPunchoutSession, getActivePunchoutSession } from "@/lib/data/punchout-sessions";
import { getActiveUserById } from "@/lib/data/users";
import { hashToken } from "@/lib/punchout/browser-session";
import { attr, childElements, childText, directText, firstChild, parseCxml } from "@/lib/punchout/cxml/xml";
import { transferPunchoutCart } from "@/lib/punchout/transfer";
import { createCxmlConnection, poomFromTransferPage, validateCxmlBatch, validatorReady } from "../../support/cxml-fixtures";
import { addTestDocument, tinyPdf } from "../../support/document-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { createOciConnection } from "../../support/oci-fixtures";
import { useFreshDatabase } from "../../support/test-database";

// The real data layer, its one documents read counted.
vi.mock("@/lib/data/product-documents", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/data/product-documents")>();
  return { ...actual, listProductDocumentsOf: vi.fn(actual.listProductDocumentsOf) };
});

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
const NOW = new Date("2026-11-28T10:00:00Z");
const SHOP = "https://shop.example.nl";
const ORIGIN = "https://procurement.example.com";
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
/** Datasheet (every language), Dutch and English safety data sheet, manual. */
let documented: { id: number; sku: string };
/** A datasheet only. */
let datasheetOnly: { id: number; sku: string };
/** No documents. */
let bare: { id: number; sku: string };
let ociAttaching: number;
let ociPlain: number;
let cxmlAll: number;
const keys: Record<string, string> = {};


beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  documented = await createProduct(handle, category.id, { listPriceMinor: 1250, gtin: "8712345678906" });
  datasheetOnly = await createProduct(handle, category.id, { listPriceMinor: 800 });
  bare = await createProduct(handle, category.id, { listPriceMinor: 300 });
  keys["sds-nl"] = await addTestDocument(documented.id, "sds-nl", "safety_data_sheet", "nl", "Veiligheidsinformatieblad", NOW);
  keys["sds-en"] = await addTestDocument(documented.id, "sds-en", "safety_data_sheet", "en", "Safety data sheet", NOW);
  keys["productblad"] = await addTestDocument(documented.id, "productblad", "datasheet", null, "Productblad & maattabel", NOW);
  keys["handleiding"] = await addTestDocument(documented.id, "handleiding", "manual", "nl", "Handleiding", NOW);
  keys["datasheet-only"] = await addTestDocument(datasheetOnly.id, "datasheet-only", "datasheet", "nl", "Technisch blad", NOW);
  customer = await createCompanyWithBuyer(handle);
  const oci = (username: string, settings: Record<string, unknown>) => createOciConnection(handle, customer.company.id, { username, password: "p", origins: [ORIGIN], settings });
  ociAttaching = (await oci("oci-documents", { attachment: "primary" })).id;
  ociPlain = (await oci("oci-plain", {})).id;
  cxmlAll = (
    await createCxmlConnection(handle, customer.company.id, {
      from: [{ domain: "NetworkID", identity: "AN-DOCUMENTS" }],
      sender: [{ domain: "NetworkID", identity: "AN-DOCUMENTS" }],
      secret: "s",
      origins: [ORIGIN],
      settings: { attachments: "all", itemExtrinsics: [{ name: "GTIN", source: "gtin" }] },
    })
  ).id;
}, 120_000);
afterAll(() => fresh.dispose());
beforeEach(() => {
  vi.mocked(listProductDocumentsOf).mockClear();
});

let sessions = 0;

/** A punchout session of the connection as its shop user, with the three products in the cart. */
async function shopperWithCart(connectionId: number, protocol: "oci" | "cxml"): Promise<BuyerUser> {
  const token = `documents-session-${sessions++}`;
  await createPunchoutSession({
    connectionId,
    companyId: customer.company.id,
    userId: customer.user.id,
    protocol,
    status: "active",
    sessionTokenHash: hashToken(token),
    returnUrl: protocol === "oci" ? `${ORIGIN}/sap/bc/bsp/sap/bbp_oci` : `${ORIGIN}/cxml-return`,
    returnParameters: protocol === "oci" ? [["sap-client", "100"]] : [],
    buyerCookie: protocol === "cxml" ? "documents-cookie" : null,
    context: protocol === "cxml" ? { header: { from: [{ domain: "NetworkID", identity: "AN-DOCUMENTS" }], to: [{ domain: "NetworkID", identity: "KOPPEL" }] }, deploymentMode: "production" } : {},
    expiresAt: new Date(NOW.getTime() + 3_600_000),
  });
  const session = (await getActivePunchoutSession(hashToken(token), NOW))!;
  const { passwordHash: _hash, ...user } = (await getActiveUserById(session.userId))!;
  const shopper: BuyerUser = {
    ...user,
    companyId: user.companyId!,
    companyName: user.companyName!,
    punchout: { sessionId: session.id, connectionName: session.connectionName, presetId: session.presetId, protocol: session.protocol, operation: session.operation },
    impersonatedBy: null,
  };
  for (const product of [documented, datasheetOnly, bare]) await addToCart(shopper, product.sku, 2);
  return shopper;
}

const HTML_ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const unescapeHtml = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => HTML_ENTITIES[entity]!);

/** The OCI form fields of a transfer page, by name. */
function ociFields(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((match) => [unescapeHtml(match[1]!), unescapeHtml(match[2]!)]));
}

const documentUrl = (sku: string, label: string, fileName: string) => `${SHOP}/product-documents/${encodeURIComponent(sku)}/${keys[label]}/${fileName}`;

/** The stored file behind a document URL, as the public route would find it. */
async function fileBehind(url: string) {
  const [, sku, key, fileName] = /^https:\/\/shop\.example\.nl\/product-documents\/([^/]+)\/([0-9a-f]{24})\/([^/]+)$/.exec(url) ?? [];
  expect(sku, url).toBeDefined();
  const file = await readProductDocument(decodeURIComponent(sku!), key!);
  return file ? { fileName: file.fileName, pdf: file.bytes.subarray(0, 5).toString("latin1"), requestedName: decodeURIComponent(fileName!) } : null;
}

describe("OCI transfer with attachment 'primary'", () => {
  it("sends each line's safety data sheet, else its datasheet, as an absolute URL that finds the stored file; a line without documents has none", async () => {
    const shopper = await shopperWithCart(ociAttaching, "oci");
    const page = await transferPunchoutCart(shopper, "transfer", "nl", NOW, { baseUrl: SHOP });
    const fields = ociFields(page.body.toString("utf8"));
    expect(fields.get("NEW_ITEM-VENDORMAT[1]")).toBe(documented.sku);
    expect(fields.get("NEW_ITEM-ATTACHMENT[1]")).toBe(documentUrl(documented.sku, "sds-nl", "sds-nl.pdf"));
    expect(fields.get("NEW_ITEM-ATTACHMENT_TITLE[1]")).toBe("Veiligheidsinformatieblad");
    expect(fields.get("NEW_ITEM-ATTACHMENT[2]")).toBe(documentUrl(datasheetOnly.sku, "datasheet-only", "datasheet-only.pdf"));
    expect(fields.get("NEW_ITEM-ATTACHMENT_TITLE[2]")).toBe("Technisch blad");
    expect(fields.has("NEW_ITEM-VENDORMAT[3]")).toBe(true);
    expect([...fields.keys()].filter((name) => name.endsWith("[3]") && name.includes("ATTACHMENT"))).toEqual([]);
    expect([...fields.keys()].some((name) => name.startsWith("NEW_ITEM-ATTACHMENT_PURPOSE"))).toBe(false);
    expect(await fileBehind(fields.get("NEW_ITEM-ATTACHMENT[1]")!)).toEqual({ fileName: "sds-nl.pdf", pdf: "%PDF-", requestedName: "sds-nl.pdf" });

    // The three lines' documents in one read, not one per line.
    expect(vi.mocked(listProductDocumentsOf)).toHaveBeenCalledTimes(1);
    expect([...vi.mocked(listProductDocumentsOf).mock.calls[0]![0]].sort()).toEqual([documented.id, datasheetOnly.id, bare.id].sort());
  });

  it("an English reader gets the English safety data sheet", async () => {
    const shopper = await shopperWithCart(ociAttaching, "oci");
    const fields = ociFields((await transferPunchoutCart(shopper, "transfer", "en", NOW, { baseUrl: SHOP })).body.toString("utf8"));
    expect(fields.get("NEW_ITEM-ATTACHMENT[1]")).toBe(documentUrl(documented.sku, "sds-en", "sds-en.pdf"));
    expect(fields.get("NEW_ITEM-ATTACHMENT_TITLE[1]")).toBe("Safety data sheet");
  });
});

describe("OCI transfer of a connection that attaches nothing (the default)", () => {
  it("sends no attachment field, and does not read the documents at all", async () => {
    const shopper = await shopperWithCart(ociPlain, "oci");
    const fields = ociFields((await transferPunchoutCart(shopper, "transfer", "nl", NOW, { baseUrl: SHOP })).body.toString("utf8"));
    expect(fields.get("NEW_ITEM-VENDORMAT[1]")).toBe(documented.sku);
    expect([...fields.keys()].filter((name) => name.includes("ATTACHMENT"))).toEqual([]);
    expect(vi.mocked(listProductDocumentsOf)).not.toHaveBeenCalled();
  });
});

describe("cXML transfer with attachments 'all'", () => {
  it("lists every document as AttachmentReference in the reader's order, DTD-valid, read in one statement", async () => {
    const shopper = await shopperWithCart(cxmlAll, "cxml");
    const { xml } = poomFromTransferPage((await transferPunchoutCart(shopper, "transfer", "en", NOW, { baseUrl: SHOP })).body.toString("utf8"));
    const parsed = parseCxml(xml);
    if (!parsed.ok) expect.fail(parsed.error.message);
    const [first, second, third] = childElements(parsed.value.payload!, "ItemIn").map((itemIn) => firstChild(itemIn, "ItemDetail")!);
    const references = (detail: typeof first) => childElements(detail!, "AttachmentReference");
    // English reader: datasheet (every language), the English then the Dutch safety data sheet, the manual.
    expect(references(first).map((reference) => childText(reference, "InternalID"))).toEqual([keys.productblad, keys["sds-en"], keys["sds-nl"], keys.handleiding]);
    const [datasheet, sdsEn] = references(first);
    expect(attr(datasheet!, "length")).toBe(String(tinyPdf("productblad").byteLength));
    expect(childText(datasheet!, "Name")).toBe("productblad.pdf");
    expect(attr(firstChild(datasheet!, "Name")!, "xml:lang")).toBe("en");
    expect(directText(firstChild(datasheet!, "Description")!)).toBe("Productblad & maattabel");
    expect(childText(datasheet!, "URL")).toBe(documentUrl(documented.sku, "productblad", "productblad.pdf"));
    expect(attr(firstChild(sdsEn!, "Description")!, "xml:lang")).toBe("en");
    expect(await fileBehind(childText(sdsEn!, "URL")!)).toMatchObject({ fileName: "sds-en.pdf", pdf: "%PDF-" });
    // Before the Extrinsic, as the DTD orders them.
    expect(childElements(first!).map((e) => e.name).slice(-6)).toEqual(["LeadTime", ...Array(4).fill("AttachmentReference"), "Extrinsic"]);
    expect(references(second).map((reference) => childText(reference, "Name"))).toEqual(["datasheet-only.pdf"]);
    expect(references(third)).toEqual([]);
    expect(vi.mocked(listProductDocumentsOf)).toHaveBeenCalledTimes(1);

    // The official DTD, as for every POOM the shop sends (in CI a missing validator fails, never skips).
    if (validatorReady || (Boolean(process.env.CI) && process.env.CI !== "false")) {
      expect(validatorReady, "xmllint and ../shared/validators/validate-cxml.sh are required").toBe(true);
      const result = validateCxmlBatch({ "poom-with-documents": xml });
      expect(result.status, result.output).toBe(0);
      expect(result.output).toMatch(/: OK \(DTD /);
    }
  });

  it("a cancel reads no documents", async () => {
    const shopper = await shopperWithCart(cxmlAll, "cxml");
    const { xml } = poomFromTransferPage((await transferPunchoutCart(shopper, "cancel", "nl", NOW, { baseUrl: SHOP })).body.toString("utf8"));
    expect(xml).not.toContain("AttachmentReference");
    expect(vi.mocked(listProductDocumentsOf)).not.toHaveBeenCalled();
  });
});
