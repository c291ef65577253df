/** Documents produced by our builders, shared by the builder tests and the DTD validation run. */
import { buildConfirmationRequest } from "@/lib/punchout/cxml/build-confirmation-request";
import { buildPunchOutOrderMessage, type OrderMessageInput } from "@/lib/punchout/cxml/build-order-message";
import { buildProfileResponse } from "@/lib/punchout/cxml/build-profile-response";
import { buildStatusResponse, CXML_STATUS_TEXT, type CxmlStatusCode } from "@/lib/punchout/cxml/build-response";
import { buildPunchOutSetupResponse } from "@/lib/punchout/cxml/build-setup-response";
import { buildShipNoticeRequest } from "@/lib/punchout/cxml/build-ship-notice-request";
import { parseCxmlConnectionSettings } from "@/lib/punchout/cxml/connection-settings";
import { DUTCH_READERS_DOCUMENTS, punchoutDocument } from "../document-fixture";
import { cart, DEFAULT_SETTINGS, item, NOW, SUPPLIER_PARTIES } from "./helpers";

export const SPECIAL = `Kabel & stekker <"A"> 'B' — Größe Ü ß é ø 漢字 😀`;

export function poomInput(overrides: Partial<OrderMessageInput> = {}): OrderMessageInput {
  return {
    payloadId: "1732781200789.5522.f00d@shop.example.nl",
    timestamp: NOW,
    header: SUPPLIER_PARTIES,
    deploymentMode: "production",
    buyerCookie: "b7c3f0e2-5d1a-4c1e-9a57-0c2f1d9e8a11",
    cart: cart([item()]),
    settings: DEFAULT_SETTINGS,
    lang: "nl-NL",
    ...overrides,
  };
}

const richSettings = parseCxmlConnectionSettings({
  unitMap: { PK: "PA" },
  classification: { domain: "eCl@ss", source: "attributes.eclass", fallbackCode: "00000000" },
  itemExtrinsics: [
    { name: "GTIN", source: "gtin" },
    { name: "Color", source: "attributes.color" },
    { name: "ImageURL", source: "imageUrl" },
    { name: "Missing", source: "attributes.nope" },
  ],
  shortNameMaxLength: 40,
});

const order = { orderId: "4500012345", orderDate: "2025-11-29T08:59:30+01:00", payloadId: "1732867200000.77.po4500012345@buyer.example.com" };
const outbound = (payloadId: string) => ({
  payloadId,
  timestamp: NOW,
  header: SUPPLIER_PARTIES,
  senderSharedSecret: "s3cr3t & <more>",
  deploymentMode: "production" as const,
});

/** name → XML, every one of which must be DTD-valid. */
export function generatedDocuments(): Record<string, string> {
  const docs: Record<string, string> = {
    "poom-empty-cart": buildPunchOutOrderMessage(poomInput({ cart: cart([]) })),
    "poom-one-line": buildPunchOutOrderMessage(poomInput()),
    "poom-200-lines": buildPunchOutOrderMessage(
      poomInput({
        cart: cart(
          Array.from({ length: 200 }, (_, i) =>
            item({ lineReference: `cart:1;line:${i + 1}`, sku: `ART-${String(i).padStart(5, "0")}`, quantity: (i % 7) + 1, unitPriceMinor: 100 + i }),
          ),
        ),
      }),
    ),
    "poom-special-characters": buildPunchOutOrderMessage(
      poomInput({
        buyerCookie: ` ${SPECIAL} `,
        cart: cart([
          item({
            sku: `SKU&<>"'`,
            lineReference: `ref&<x>"y"'z'`,
            description: SPECIAL,
            longText: `${SPECIAL}\nzweite Zeile\tmit Tab`,
            manufacturerName: SPECIAL,
            manufacturerPartNumber: "M&M<1>",
            attributes: { color: "grün & blau" },
            imageUrl: "https://shop.example.com/product-images/SKU%26%3C%3E/0123456789abcdef01234567.jpg",
          }),
        ]),
        settings: richSettings,
        shipping: { amountMinor: 750, description: "Verzendkosten & handling" },
        tax: { amountMinor: 2917, description: "BTW 21%" },
        shipTo: {
          addressId: "NL-AMS-01",
          addressIdDomain: null,
          isoCountryCode: "NL",
          name: "Müller & Söhne BV",
          deliverTo: ["Jane <Doe>"],
          street: ["Keizersgracht 1"],
          city: "Amsterdam",
          municipality: null,
          state: null,
          postalCode: "1015 AA",
          country: "Nederland",
          countryCode: "NL",
          email: "jane@example.com",
          phone: "+31 20 1234567",
        },
      }),
    ),
    "poom-long-texts": buildPunchOutOrderMessage(
      poomInput({
        cart: cart([item({ description: "Lang ".repeat(2000), longText: "Omschrijving ".repeat(20_000), lineReference: "r".repeat(5000) })]),
        settings: richSettings,
      }),
    ),
    "poom-per-pack-pricing": buildPunchOutOrderMessage(
      poomInput({ cart: cart([item({ unit: "EA", quantity: 250, unitPriceMinor: 1999, priceBasisQuantity: 100 }), item({ quantity: 3, unspsc: null, gtin: null, manufacturerName: null, manufacturerPartNumber: null })]) }),
    ),
    "poom-buyer-part-ids": buildPunchOutOrderMessage(
      poomInput({
        cart: cart([
          item({ buyerPartNumber: "MAT-0004711" }),
          item({ sku: "ART-20002", lineReference: "cart:8842;line:2" }),
          item({ sku: "ART-30003", lineReference: "cart:8842;line:3", buyerPartNumber: "KD-5555/ä" }),
        ]),
        settings: richSettings,
      }),
    ),
    // Product documents as ItemDetail/AttachmentReference, between LeadTime and the Extrinsics.
    "poom-attachments-all": buildPunchOutOrderMessage(
      poomInput({
        cart: cart([
          item({ documents: DUTCH_READERS_DOCUMENTS }),
          item({ sku: "ART-20002", lineReference: "cart:8842;line:2", documents: [] }),
          item({
            sku: "ART-30003",
            lineReference: "cart:8842;line:3",
            leadTimeDays: Number.NaN,
            documents: [punchoutDocument({ title: SPECIAL, fileName: "special-chars.pdf", url: "https://shop.example.nl/product-documents/A%26B/0123456789abcdef01234567/special-chars.pdf", language: null })],
          }),
        ]),
        settings: { ...richSettings, attachments: "all" },
      }),
    ),
    "poom-attachments-primary": buildPunchOutOrderMessage(
      poomInput({ cart: cart([item({ documents: DUTCH_READERS_DOCUMENTS })]), settings: { ...DEFAULT_SETTINGS, attachments: "primary" } }),
    ),
    "setup-response": buildPunchOutSetupResponse({
      payloadId: "1732780800456.9812.c1d2e3@shop.example.nl",
      timestamp: NOW,
      startPageUrl: "https://shop.example.nl/punchout/start?token=abc&lang=nl",
    }),
    "profile-response": buildProfileResponse({
      payloadId: "profile@shop",
      timestamp: NOW,
      effectiveDate: new Date("2025-01-01T00:00:00Z"),
      lastRefresh: NOW,
      options: [{ name: "Locale", value: "nl-NL" }],
      transactions: [
        { requestName: "PunchOutSetupRequest", url: "https://shop.example.nl/api/punchout/cxml/setup", options: [{ name: "operations", value: "create edit inspect" }] },
        { requestName: "OrderRequest", url: "https://shop.example.nl/api/cxml/order" },
        { requestName: "ProfileRequest", url: "https://shop.example.nl/api/cxml/profile" },
      ],
    }),
    "confirmation-accept": buildConfirmationRequest({
      ...outbound("conf-accept@shop"),
      type: "accept",
      noticeDate: NOW,
      confirmId: "SO-1",
      order,
    }),
    "confirmation-detail": buildConfirmationRequest({
      ...outbound("conf-detail@shop"),
      type: "detail",
      operation: "update",
      noticeDate: NOW,
      confirmId: "SO-2",
      order,
      total: { amountMinor: 13890, currency: "EUR" },
      comments: "Line 2 partly backordered & split",
      items: [
        { lineNumber: 1, quantity: "10", unitOfMeasure: "PK", statuses: [{ type: "accept", quantity: 10, deliveryDate: new Date("2025-12-02T11:00:00Z") }] },
        {
          lineNumber: 2,
          quantity: "2.5",
          unitOfMeasure: "EA",
          statuses: [
            { type: "accept", quantity: "1.5", unitPrice: { amountMinor: 400, currency: "EUR" }, shipmentDate: NOW },
            { type: "backordered", quantity: 1, deliveryDate: new Date("2025-12-08T11:00:00Z"), comments: "Ships in 7 days" },
          ],
        },
      ],
    }),
    "confirmation-reject": buildConfirmationRequest({
      ...outbound("conf-reject@shop"),
      type: "reject",
      noticeDate: NOW,
      order: { ...order, orderDate: null },
      comments: "Unknown article ART-99999",
    }),
    "ship-notice": buildShipNoticeRequest({
      ...outbound("asn@shop"),
      shipmentId: "SHP-2025-000555",
      noticeDate: NOW,
      shipmentDate: NOW,
      deliveryDate: new Date("2025-12-02T11:00:00Z"),
      shipmentType: "actual",
      fulfillmentType: "partial",
      comments: "Partial shipment, line 2 follows.",
      tracking: [{ carrierDomain: "companyName", carrierName: "PostNL", trackingNumber: "3SABCD0123456789", trackingUrl: "https://tracking.example/3S?x=1&y=2" }],
      portions: [
        {
          order,
          items: [
            { lineNumber: 1, quantity: 10, unitOfMeasure: "PK", supplierPartId: "ART-10001", supplierPartAuxiliaryId: "cart:8842;line:1" },
            { lineNumber: 2, quantity: "1", unitOfMeasure: "EA" },
          ],
        },
      ],
    }),
    "ship-notice-delete": buildShipNoticeRequest({
      ...outbound("asn-delete@shop"),
      shipmentId: "SHP-2025-000555",
      operation: "delete",
      noticeDate: NOW,
      previousPayloadId: "asn@shop",
      portions: [],
    }),
  };
  for (const code of Object.keys(CXML_STATUS_TEXT).map(Number) as CxmlStatusCode[]) {
    docs[`status-${code}`] = buildStatusResponse({ payloadId: `status-${code}@shop`, timestamp: NOW, code, message: code === 200 ? undefined : `Detail for ${code} & <co>` });
  }
  return docs;
}
