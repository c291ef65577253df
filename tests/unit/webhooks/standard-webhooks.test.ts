import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { orderJson, orderWebhookBody, type WebhookOrderFacts } from "@/lib/webhooks/order-payload";
import {
  classifyWebhookResponse,
  MAX_WEBHOOK_ATTEMPTS,
  nextWebhookAttemptDelayMs,
  signWebhook,
  webhookHeaders,
  webhookSecretFrom,
} from "@/lib/webhooks/standard-webhooks";

describe("Standard Webhooks signatures", () => {
  it("reproduce the specification's published test vector exactly", () => {
    expect(signWebhook("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, '{"test": 2432232314}')).toBe(
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
  });

  it("are accepted by the reference library a receiver uses, and refused once the body changes", () => {
    const secret = webhookSecretFrom(new Uint8Array(32).map((_, i) => i * 7));
    const at = new Date();
    const body = JSON.stringify({ type: "order.created", data: { order: { number: "K100001", note: "café – 1/2\"" } } });
    const headers = webhookHeaders(secret, "evt_123", at, body);
    expect(headers["webhook-id"]).toBe("evt_123");
    expect(headers["webhook-timestamp"]).toBe(String(Math.floor(at.getTime() / 1000)));
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace("K100001", "K100002"), headers)).toThrow();
    expect(() => new Webhook(webhookSecretFrom(new Uint8Array(32).fill(1))).verify(body, headers)).toThrow();
  });

  it("secrets are whsec_ and base64 of 24 to 64 random bytes", () => {
    expect(webhookSecretFrom(new Uint8Array(24))).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(() => webhookSecretFrom(new Uint8Array(23))).toThrow();
    expect(() => webhookSecretFrom(new Uint8Array(65))).toThrow();
  });
});

describe("delivery policy", () => {
  it.each<[string, Parameters<typeof classifyWebhookResponse>[0], ReturnType<typeof classifyWebhookResponse>]>([
    ["200", { httpStatus: 200 }, "delivered"],
    ["204", { httpStatus: 204 }, "delivered"],
    ["301: never followed, a failed attempt", { httpStatus: 301 }, "retry"],
    ["400", { httpStatus: 400 }, "retry"],
    ["401 (the receiver's secret is not ours yet)", { httpStatus: 401 }, "retry"],
    ["410 Gone: switch the endpoint off", { httpStatus: 410 }, "gone"],
    ["429", { httpStatus: 429 }, "retry"],
    ["503", { httpStatus: 503 }, "retry"],
    ["network error or timeout", { networkError: true }, "retry"],
  ])("%s", (_label, result, expected) => {
    expect(classifyWebhookResponse(result)).toBe(expected);
  });

  it("retries on the spec's schedule, about three days, then gives up", () => {
    const delays = Array.from({ length: MAX_WEBHOOK_ATTEMPTS }, (_, i) => nextWebhookAttemptDelayMs(i + 1));
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000, 86_400_000, null]);
    const total = delays.reduce<number>((sum, d) => sum + (d ?? 0), 0);
    expect(total / 86_400_000).toBeCloseTo(3.15, 2);
  });
});

describe("order payload", () => {
  const facts: WebhookOrderFacts = {
    order: {
      id: 7,
      orderNumber: "K100007",
      source: "cxml",
      status: "accepted",
      poNumber: "PO-4711",
      costCenter: "KP-100",
      requestedDeliveryDate: "2026-12-05",
      note: null,
      shipTo: { name: "Magazijn", street: "Stationsplein 1", postalCode: "1012 AB", city: "Amsterdam", countryCode: "NL" },
      billTo: null,
      currency: "EUR",
      subtotalMinor: 1050,
      deliveryChargeMinor: 0,
      vatMinor: 221,
      totalMinor: 1271,
      vatBreakdown: [{ vatRateBasisPoints: 2100, taxableMinor: 1050, vatMinor: 221 }],
      placedAt: new Date("2026-11-29T10:00:00Z"),
      erpReference: "SO-2026-0815",
    },
    customer: { id: 3, name: "Demo Facilities B.V.", kvkNumber: "12345678", vatId: null, erpCustomerNumber: "D-10042" },
    placedBy: null,
    lines: [
      { lineNumber: 1, sku: "KP-1", name: "Papier", unit: "PK", quantity: 2, unitPriceMinor: 425, lineTotalMinor: 850, vatRateBasisPoints: 2100, customerArticleNumber: "MAT-1", priceSource: { kind: "quote", quoteNumber: "Q2001" } },
      { lineNumber: 2, sku: "KP-2", name: "Tape", unit: "EA", quantity: 1, unitPriceMinor: 200, lineTotalMinor: 200, vatRateBasisPoints: 2100, customerArticleNumber: null, priceSource: { kind: "contract", priceListCode: "PL-1" } },
    ],
    shipments: [
      { shipmentNumber: "K100007-1", carrier: "PostNL", trackingNumber: "3SABC1", trackingUrl: null, lines: [{ lineNumber: 2, quantity: 1 }], createdAt: new Date("2026-11-30T08:00:00Z") },
    ],
    event: { kind: "status", status: "accepted", comment: null, at: new Date("2026-11-29T10:00:01Z") },
  };

  it("is the full order with its event, amounts in minor units and as decimals, and a link to it", () => {
    const body = JSON.parse(orderWebhookBody("order.created", facts, { at: new Date("2026-11-29T10:00:05Z"), adminUrl: "https://shop.example.nl" }));
    expect(body).toMatchObject({
      type: "order.created",
      timestamp: "2026-11-29T10:00:05.000Z",
      data: {
        order: {
          id: 7,
          number: "K100007",
          source: "cxml",
          poNumber: "PO-4711",
          erpReference: "SO-2026-0815",
          totalMinor: 1271,
          total: "12.71",
          customer: { name: "Demo Facilities B.V.", erpCustomerNumber: "D-10042" },
        },
        event: { kind: "status", status: "accepted", at: "2026-11-29T10:00:01.000Z" },
      },
      links: { self: "https://shop.example.nl/admin/orders/7", api: "https://shop.example.nl/admin/api/orders/K100007" },
    });
    expect(body.data.order.lines).toEqual([
      { lineNumber: 1, sku: "KP-1", customerArticleNumber: "MAT-1", name: "Papier", unit: "PK", quantity: 2, unitPriceMinor: 425, unitPrice: "4.25", lineTotalMinor: 850, vatRateBasisPoints: 2100, priceSource: "quote", quoteNumber: "Q2001" },
      { lineNumber: 2, sku: "KP-2", customerArticleNumber: null, name: "Tape", unit: "EA", quantity: 1, unitPriceMinor: 200, unitPrice: "2.00", lineTotalMinor: 200, vatRateBasisPoints: 2100, priceSource: "contract", priceListCode: "PL-1" },
    ]);
    expect(body.data.order.shipments).toEqual([
      { number: "K100007-1", carrier: "PostNL", trackingNumber: "3SABC1", trackingUrl: null, shippedAt: "2026-11-30T08:00:00.000Z", lines: [{ line: 2, sku: "KP-2", quantity: 1 }] },
    ]);
    expect(JSON.parse(orderWebhookBody("order.status_changed", facts, { at: new Date(), adminUrl: null })).links).toBeUndefined();
  });

  it("is the same order object the orders API answers with", () => {
    const body = JSON.parse(orderWebhookBody("order.created", facts, { at: new Date(), adminUrl: null }));
    expect(body.data.order).toEqual(JSON.parse(JSON.stringify(orderJson(facts))));
  });
});
