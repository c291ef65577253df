// Orders into the supplier's own systems: every order event is queued for every enabled endpoint in the
// transaction that writes it (trigger), delivered signed per Standard Webhooks to a real HTTP receiver
// on 127.0.0.1, retried on failure with the same webhook-id, and stopped by 410 Gone.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import {
  createEndpoint,
  getEndpointForAdmin,
  listDeliveriesForAdmin,
  resendDelivery,
  rotateEndpointSecret,
  sendTestEvent,
  setEndpointEnabled,
} from "@/lib/admin/webhooks";
import type { BuyerUser } from "@/lib/auth/guards";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { AppError } from "@/lib/errors";
import { decideOrder } from "@/lib/orders/approvals";
import { handleCxmlOrder } from "@/lib/punchout/cxml-order";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver-webhooks";
import { signWebhook } from "@/lib/webhooks/standard-webhooks";
import { addCompanyUser } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let admin: Awaited<ReturnType<typeof createStaff>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let product: { id: number; sku: string };

/** The supplier's ERP middleware: records every call, answers what the test says. */
const received: { headers: Record<string, string>; body: string }[] = [];
let answer = 200;
let server: Server;
let receiverUrl = "";

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  product = await createProduct(handle, category.id, { listPriceMinor: 1250 });
  customer = await createCompanyWithBuyer(handle);
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(answer, answer === 302 ? { location: "http://127.0.0.1:1/elsewhere" } : {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/koppel/orders`;
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await fresh.dispose();
});
beforeEach(() => {
  received.length = 0;
  answer = 200;
});

const buyer = () => customer.buyer as unknown as BuyerUser;

/**
 * One worker round "now". PostgreSQL stamps a queued delivery in microseconds, a JS Date counts
 * milliseconds: a round within the same millisecond as the enqueue would find it not yet due.
 */
const deliver = (options: Parameters<typeof deliverDueWebhooks>[0] = {}) => deliverDueWebhooks({ now: () => new Date(Date.now() + 1), ...options });
const checkout = { shipToAddressId: 0, poNumber: "PO-WH-1", costCenter: "KP-7", requestedDeliveryDate: null, note: null };

async function order(user: BuyerUser = buyer(), quantity = 2) {
  await addToCart(user, product.sku, quantity);
  return placeOrder(user, { ...checkout, shipToAddressId: customer.shipTo.id }, "nl", new Date());
}

async function deliveriesOf(endpointId: number) {
  return handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId)).orderBy(webhookDeliveries.id);
}

describe("order webhooks", () => {
  let endpointId: number;
  let secret: string;

  it("queue nothing while no endpoint exists", async () => {
    await order();
    expect(await handle.db.select().from(webhookDeliveries)).toHaveLength(0);
  });

  it("are admins' alone to set up; the secret comes once, in the Standard Webhooks format", async () => {
    const refused = await createEndpoint(manager, { delivery: "push", name: "ERP", url: receiverUrl }).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("not_found");
    const created = await createEndpoint(admin, { delivery: "push", name: "Exact via middleware", url: receiverUrl });
    endpointId = created.id;
    secret = created.secret!;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    const [stored] = await handle.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
    expect(stored!.secretEncrypted).not.toContain(secret.slice(6, 20));
    expect(await getEndpointForAdmin(admin, endpointId)).not.toHaveProperty("secretEncrypted");
  });

  it("deliver a checkout as order.created, signed so the receiver's library verifies it, with the whole order", async () => {
    const placed = await order(buyer(), 3);
    const [queued] = await deliveriesOf(endpointId);
    expect(queued).toMatchObject({ eventType: "order.created", status: "pending", attempts: 0 });
    expect(await deliver()).toBe(1);
    expect(received).toHaveLength(1);
    const call = received[0]!;
    expect(call.headers["content-type"]).toBe("application/json");
    expect(call.headers["webhook-id"]).toBe(queued!.eventId);
    const body = new Webhook(secret).verify(call.body, call.headers) as Record<string, any>;
    expect(body.type).toBe("order.created");
    expect(body.data.order).toMatchObject({ number: placed.orderNumber, source: "web", status: "placed", poNumber: "PO-WH-1", costCenter: "KP-7", totalMinor: 4538, customer: { name: customer.company.name } });
    expect(body.data.order.lines).toEqual([expect.objectContaining({ sku: product.sku, quantity: 3, unitPriceMinor: 1250, priceSource: "list" })]);
    expect(body.data.order.placedBy).toEqual({ name: customer.user.name, email: customer.user.email });
    expect((await deliveriesOf(endpointId))[0]).toMatchObject({ status: "delivered", lastHttpStatus: 200, attempts: 1 });
  });

  it("deliver every later step of the order as order.status_changed (approval)", async () => {
    const limited = await addCompanyUser(handle, customer, "buyer", { orderLimitMinor: 100 });
    const approver = await addCompanyUser(handle, customer, "approver");
    const placed = await order(limited as unknown as BuyerUser, 1);
    expect(placed.status).toBe("awaiting_approval");
    await decideOrder(approver, { orderNumber: placed.orderNumber, decision: "approve", comment: "ok" }, new Date());
    await deliver();
    const types = received.map((call) => JSON.parse(call.body) as { type: string; data: { order: { number: string }; event: { status: string; comment: string | null } } });
    expect(types.map((t) => [t.type, t.data.order.number, t.data.event.status, t.data.event.comment])).toEqual([
      ["order.created", placed.orderNumber, "awaiting_approval", null],
      ["order.status_changed", placed.orderNumber, "placed", "ok"],
    ]);
  });

  it("deliver orders from procurement systems too (the cXML intake writes its order in one statement)", async () => {
    const FROM = { domain: "NetworkID", identity: "AN-WEBHOOK-BUYER" };
    await createCxmlConnection(handle, customer.company.id, { from: [FROM], sender: [FROM], to: null, secret: "wh-secret", origins: [] });
    const xml = `<?xml version="1.0" encoding="UTF-8"?><cXML payloadID="wh-1@buyer" timestamp="2026-11-29T10:00:00+01:00"><Header>
<From><Credential domain="NetworkID"><Identity>AN-WEBHOOK-BUYER</Identity></Credential></From><To><Credential domain="NetworkID"><Identity>KOPPEL</Identity></Credential></To>
<Sender><Credential domain="NetworkID"><Identity>AN-WEBHOOK-BUYER</Identity><SharedSecret>wh-secret</SharedSecret></Credential><UserAgent>IT</UserAgent></Sender></Header>
<Request deploymentMode="production"><OrderRequest><OrderRequestHeader orderID="PO-CXML-WH" orderDate="2026-11-29T10:00:00+01:00" type="new"><Total><Money currency="EUR">25.00</Money></Total></OrderRequestHeader>
<ItemOut quantity="2" lineNumber="1"><ItemID><SupplierPartID>${product.sku}</SupplierPartID></ItemID><ItemDetail><UnitPrice><Money currency="EUR">12.50</Money></UnitPrice><Description xml:lang="nl">x</Description><UnitOfMeasure>EA</UnitOfMeasure></ItemDetail></ItemOut>
</OrderRequest></Request></cXML>`;
    const answered = await handleCxmlOrder({ bytes: new TextEncoder().encode(xml), truncated: false }, { remoteAddress: "203.0.113.8", now: new Date(), baseUrl: "https://shop.example.nl", contentType: "text/xml" });
    expect(answered.cxmlCode).toBe(200);
    await deliver();
    expect(received).toHaveLength(1);
    expect(JSON.parse(received[0]!.body).data.order).toMatchObject({ source: "cxml", poNumber: "PO-CXML-WH", status: "needs_review" });
  });

  it("retry a failed call with the same webhook-id and body, a new timestamp and signature; a redirect is not followed", async () => {
    answer = 503;
    await order();
    const t0 = new Date(Date.now() + 1); // see deliver()
    await deliverDueWebhooks({ now: () => t0 });
    const [failed] = (await deliveriesOf(endpointId)).slice(-1);
    expect(failed).toMatchObject({ status: "pending", attempts: 1, lastHttpStatus: 503 });
    expect(failed!.nextAttemptAt.getTime()).toBe(t0.getTime() + 5_000);
    // Not due yet: nothing is sent.
    expect(await deliverDueWebhooks({ now: () => new Date(t0.getTime() + 4_000) })).toBe(0);
    answer = 302;
    await deliverDueWebhooks({ now: () => new Date(t0.getTime() + 6_000) });
    expect((await deliveriesOf(endpointId)).at(-1)).toMatchObject({ status: "pending", attempts: 2, lastHttpStatus: 302 });
    answer = 204;
    await deliverDueWebhooks({ now: () => new Date(t0.getTime() + 6_000 + 300_000) });
    expect(received).toHaveLength(3);
    expect(new Set(received.map((call) => call.headers["webhook-id"])).size).toBe(1);
    expect(new Set(received.map((call) => call.body)).size).toBe(1);
    expect(new Set(received.map((call) => call.headers["webhook-timestamp"])).size).toBe(3);
    // Each attempt signs its own timestamp (the reference library would refuse these simulated times as too new).
    for (const call of received) {
      expect(call.headers["webhook-signature"]).toBe(signWebhook(secret, call.headers["webhook-id"]!, Number(call.headers["webhook-timestamp"]), call.body));
    }
    expect((await deliveriesOf(endpointId)).at(-1)).toMatchObject({ status: "delivered", attempts: 3, lastHttpStatus: 204 });
  });

  it("a receiver that answers 410 Gone switches the endpoint off: nothing more is queued or sent; Resend after switching on", async () => {
    answer = 410;
    await order();
    await deliver();
    expect((await getEndpointForAdmin(admin, endpointId))).toMatchObject({ enabled: false, disabledReason: "gone" });
    const gone = (await deliveriesOf(endpointId)).at(-1)!;
    expect(gone).toMatchObject({ status: "failed", lastHttpStatus: 410 });
    const before = (await deliveriesOf(endpointId)).length;
    await order();
    expect(await deliveriesOf(endpointId)).toHaveLength(before);

    answer = 200;
    await setEndpointEnabled(admin, endpointId, true, new Date());
    await resendDelivery(admin, endpointId, gone.id, new Date());
    await deliver();
    expect(received.map((call) => call.headers["webhook-id"])).toEqual([gone.eventId, gone.eventId]);
    expect((await deliveriesOf(endpointId)).at(-1)).toMatchObject({ status: "delivered" });
  });

  it("a test event and a rotated secret: the receiver verifies with the new secret, not the old one", async () => {
    const { secret: rotated } = await rotateEndpointSecret(admin, endpointId, new Date());
    await sendTestEvent(admin, endpointId);
    await deliver();
    const call = received.at(-1)!;
    expect(new Webhook(rotated).verify(call.body, call.headers)).toMatchObject({ type: "webhook.test", data: { endpoint: "Exact via middleware" } });
    expect(() => new Webhook(secret).verify(call.body, call.headers)).toThrow();
    const log = await listDeliveriesForAdmin(admin, endpointId, 1);
    expect(log.items[0]).toMatchObject({ eventType: "webhook.test", status: "delivered" });
    expect(log.items.some((item) => item.orderNumber !== null)).toBe(true);
  });

  it("an unreachable receiver is a failed attempt, retried later", async () => {
    const unreachable = await createEndpoint(admin, { delivery: "push", name: "Down", url: "http://127.0.0.1:9/nothing" });
    await order();
    await deliver({ timeoutMs: 2_000 });
    const [attempt] = await deliveriesOf(unreachable.id);
    expect(attempt).toMatchObject({ status: "pending", attempts: 1, lastHttpStatus: null });
    expect(attempt!.lastError).toMatch(/fetch failed|ECONNREFUSED/);
    await setEndpointEnabled(admin, unreachable.id, false, new Date());
    expect((await deliveriesOf(unreachable.id))[0]).toMatchObject({ status: "failed" });
    // The reason is a code the pages translate, with who switched it off.
    expect(await getEndpointForAdmin(admin, unreachable.id)).toMatchObject({ enabled: false, disabledReason: "switched_off", disabledBy: admin.id, disabledByName: admin.name });
    await setEndpointEnabled(admin, unreachable.id, true, new Date());
    expect(await getEndpointForAdmin(admin, unreachable.id)).toMatchObject({ enabled: true, disabledReason: null, disabledBy: null });
    await setEndpointEnabled(admin, unreachable.id, false, new Date());
  });
});
