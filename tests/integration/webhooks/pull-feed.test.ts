// Orders into an ERP that cannot be called (behind a firewall): a pull endpoint queues every order event
// like a push endpoint, out of the push worker's way; the ERP fetches the oldest, gets the same bytes
// until it acknowledges them by id, and reports its own number for the order back.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { orders, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { erpReferenceSchema, getOrderJsonForStaff, setErpReferenceForStaff } from "@/lib/admin/orders-api";
import { confirmOrderForStaff, confirmOrderSchema, listOrdersForStaff } from "@/lib/admin/purchase-orders";
import {
  acknowledgePullEvents,
  createEndpoint,
  fetchPullEvents,
  resendDelivery,
  rotateEndpointSecret,
  sendTestEvent,
  setEndpointEnabled,
  webhookEndpointSchema,
} from "@/lib/admin/webhooks";
import type { BuyerUser } from "@/lib/auth/guards";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { AppError } from "@/lib/errors";
import { deliverDueWebhooks } from "@/lib/webhooks/deliver-webhooks";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let admin: Awaited<ReturnType<typeof createStaff>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let product: { id: number; sku: string };
let feedId: number;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  product = await createProduct(handle, category.id, { listPriceMinor: 990 });
  customer = await createCompanyWithBuyer(handle);
  other = await createCompanyWithBuyer(handle);
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
}, 120_000);
afterAll(() => fresh.dispose());

async function order(who = customer, quantity = 2) {
  const buyer = who.buyer as unknown as BuyerUser;
  await addToCart(buyer, product.sku, quantity);
  return placeOrder(buyer, { shipToAddressId: who.shipTo.id, poNumber: "PO-PULL", costCenter: null, requestedDeliveryDate: null, note: null }, "nl", new Date());
}

/** A pull delivery waits at next_attempt_at 'infinity' (a JS Date cannot hold it: ask PostgreSQL). */
async function waitsForever(deliveryId: number): Promise<boolean> {
  const [row] = await handle.db
    .select({ never: sql<boolean>`${webhookDeliveries.nextAttemptAt} = 'infinity'::timestamptz` })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.id, deliveryId));
  return row!.never;
}

const failure = (work: Promise<unknown>) => work.then(() => null, (e: unknown) => e as AppError);
const fetchEvents = (limit = 50, endpointId = feedId) => fetchPullEvents(admin, endpointId, limit, new Date());

describe("pull endpoints", () => {
  it("are admins' alone to make; they have no URL and no secret to show", async () => {
    expect((await failure(createEndpoint(manager, { delivery: "pull", name: "ERP" })))?.code).toBe("not_found");
    // A push endpoint still needs its URL; a pull endpoint takes none.
    expect(webhookEndpointSchema.safeParse({ delivery: "push", name: "ERP" }).success).toBe(false);
    expect(webhookEndpointSchema.parse({ delivery: "pull", name: "AFAS", url: "https://ignored.example" })).toEqual({ delivery: "pull", name: "AFAS" });
    const created = await createEndpoint(admin, { delivery: "pull", name: "AFAS via middleware" });
    expect(created.secret).toBeNull();
    feedId = created.id;
    const [stored] = await handle.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, feedId));
    expect(stored).toMatchObject({ delivery: "pull", url: null, enabled: true });
    expect((await failure(rotateEndpointSecret(admin, feedId, new Date())))?.code).toBe("conflict");
  });

  it("queue every order event, which the push worker never claims", async () => {
    const placed = await order();
    const queued = await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, feedId));
    expect(queued).toHaveLength(1);
    expect(queued[0]).toMatchObject({ eventType: "order.created", status: "pending", attempts: 0, body: null, orderId: placed.id });
    expect(await waitsForever(queued[0]!.id)).toBe(true);
    expect(await deliverDueWebhooks({ now: () => new Date(Date.now() + 60_000) })).toBe(0);
    expect((await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, feedId)))[0]).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("hand out the oldest events with the same id and bytes until acknowledged, the order as at the first fetch", async () => {
    const first = await fetchEvents();
    expect(first.hasMore).toBe(false);
    expect(first.events).toHaveLength(1);
    const created = first.events[0]!;
    expect(created).toMatchObject({ id: expect.stringMatching(/^evt_[0-9a-f]{32}$/), type: "order.created", data: { order: { status: "placed", poNumber: "PO-PULL", erpReference: null } } });
    const orderId = (created.data as { order: { id: number } }).order.id;
    // The order moves on: a new event; the first one still reads as it was first fetched.
    await confirmOrderForStaff(admin, confirmOrderSchema.parse({ orderId }));
    const again = await fetchEvents();
    expect(again.events.map((e) => e.type)).toEqual(["order.created", "order.status_changed"]);
    expect(again.events[0]).toEqual(created);
    expect(again.events[1]).toMatchObject({ data: { order: { status: "confirmed" }, event: { status: "confirmed" } } });
    const rows = await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, feedId)).orderBy(webhookDeliveries.id);
    expect(rows.map((row) => row.attempts)).toEqual([2, 1]);
    // A smaller page says there is more.
    const page = await fetchEvents(1);
    expect(page.events.map((e) => e.id)).toEqual([created.id]);
    expect(page.hasMore).toBe(true);
    // Only what was handed out counts as fetched.
    expect((await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, feedId)).orderBy(webhookDeliveries.id)).map((row) => row.attempts)).toEqual([3, 1]);
  });

  it("acknowledge by id, answering every id, harmless to repeat; another endpoint's ids are unknown", async () => {
    const [created, changed] = (await fetchEvents()).events;
    const elsewhere = await createEndpoint(admin, { delivery: "pull", name: "Second ERP" });
    await order();
    const foreign = (await fetchEvents(50, elsewhere.id)).events[0]!;
    const ack = await acknowledgePullEvents(admin, feedId, [created!.id, created!.id, foreign.id, "evt_nonsense"], new Date());
    expect(ack.results).toEqual([
      { id: created!.id, outcome: "acknowledged" },
      { id: foreign.id, outcome: "unknown" },
      { id: "evt_nonsense", outcome: "unknown" },
    ]);
    expect(ack.counts).toEqual({ acknowledged: 1, already_acknowledged: 0, not_queued: 0, unknown: 2 });
    expect((await acknowledgePullEvents(admin, feedId, [created!.id], new Date())).results).toEqual([{ id: created!.id, outcome: "already_acknowledged" }]);
    const rest = await fetchEvents();
    expect(rest.events[0]!.id).toBe(changed!.id);
    expect(rest.events.map((e) => e.id)).not.toContain(created!.id);
    // The other endpoint's queue is untouched by this acknowledgement.
    expect((await fetchEvents(50, elsewhere.id)).events.map((e) => e.id)).toContain(foreign.id);
  });

  it("a switched-off endpoint refuses fetching; its queue is dropped, and Resend brings an event back to be fetched", async () => {
    await setEndpointEnabled(admin, feedId, false, new Date());
    expect((await failure(fetchEvents()))?.code).toBe("conflict");
    expect((await failure(acknowledgePullEvents(admin, feedId, ["evt_x"], new Date())))?.code).toBe("conflict");
    await setEndpointEnabled(admin, feedId, true, new Date());
    expect((await fetchEvents()).events).toEqual([]);
    const [dropped] = await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.status, "failed"));
    expect(dropped).toBeDefined();
    expect((await acknowledgePullEvents(admin, feedId, [dropped!.eventId], new Date())).results[0]!.outcome).toBe("not_queued");
    await resendDelivery(admin, feedId, dropped!.id, new Date());
    const [back] = await handle.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, dropped!.id));
    expect(back).toMatchObject({ status: "pending", attempts: 0 });
    expect(await waitsForever(back!.id)).toBe(true);
    expect((await fetchEvents()).events.map((e) => e.id)).toEqual([dropped!.eventId]);
    await acknowledgePullEvents(admin, feedId, [dropped!.eventId], new Date());
  });

  it("take the test event to be fetched; a push endpoint is not a feed; managers get not found", async () => {
    await sendTestEvent(admin, feedId);
    expect((await fetchEvents()).events).toMatchObject([{ type: "webhook.test", data: { endpoint: "AFAS via middleware" } }]);
    expect(await deliverDueWebhooks({ now: () => new Date(Date.now() + 60_000) })).toBe(0);
    const push = await createEndpoint(admin, { delivery: "push", name: "Push", url: "http://127.0.0.1:9/never" });
    expect((await failure(fetchEvents(50, push.id)))?.code).toBe("not_found");
    expect((await failure(fetchPullEvents(manager, feedId, 50, new Date())))?.code).toBe("not_found");
    await setEndpointEnabled(admin, push.id, false, new Date());
  });
});

describe("the ERP's number for an order", () => {
  it("is validated: empty clears it, control characters and overlong numbers are refused", () => {
    expect(erpReferenceSchema.parse({ erpReference: "  " })).toEqual({ erpReference: null });
    expect(erpReferenceSchema.parse({ erpReference: " SO-1 " })).toEqual({ erpReference: "SO-1" });
    expect(erpReferenceSchema.safeParse({ erpReference: "SO\u00001" }).success).toBe(false);
    expect(erpReferenceSchema.safeParse({ erpReference: "x".repeat(101) }).success).toBe(false);
    expect(erpReferenceSchema.safeParse({}).success).toBe(false);
  });

  it("is reported back by order number, shown in the order JSON and later events, searchable, and changes nothing when repeated", async () => {
    const placed = await order();
    const first = await setErpReferenceForStaff(admin, { orderNumber: placed.orderNumber }, "VO-2026-0815", new Date("2026-11-29T12:00:00Z"));
    expect(first).toEqual({ orderNumber: placed.orderNumber, erpReference: "VO-2026-0815", previous: null, changed: true });
    const repeat = await setErpReferenceForStaff(admin, { orderNumber: placed.orderNumber }, "VO-2026-0815", new Date("2026-11-29T13:00:00Z"));
    expect(repeat.changed).toBe(false);
    const [row] = await handle.db.select({ at: orders.erpReferenceAt }).from(orders).where(eq(orders.id, placed.id));
    expect(row!.at).toEqual(new Date("2026-11-29T12:00:00Z"));
    expect((await getOrderJsonForStaff(manager, placed.orderNumber)).order).toMatchObject({ number: placed.orderNumber, erpReference: "VO-2026-0815", poNumber: "PO-PULL" });
    expect((await listOrdersForStaff(admin, { search: "2026-0815" })).map((o) => o.orderNumber)).toEqual([placed.orderNumber]);
    await confirmOrderForStaff(admin, confirmOrderSchema.parse({ orderId: placed.id }));
    const events = (await fetchEvents()).events.filter((e) => (e.data as { order?: { number: string } }).order?.number === placed.orderNumber);
    // order.created was first fetched only now, after the ERP number was set: both carry it.
    expect(events.map((e) => (e.data as { order: { erpReference: string } }).order.erpReference)).toEqual(["VO-2026-0815", "VO-2026-0815"]);
    const cleared = await setErpReferenceForStaff(manager, { orderId: placed.id }, null, new Date());
    expect(cleared).toMatchObject({ previous: "VO-2026-0815", erpReference: null, changed: true });
  });

  it("is not found for staff who may not see the customer, nor for an unknown order", async () => {
    const foreign = await order(other);
    expect((await failure(setErpReferenceForStaff(manager, { orderNumber: foreign.orderNumber }, "X", new Date())))?.code).toBe("not_found");
    expect((await failure(getOrderJsonForStaff(manager, foreign.orderNumber)))?.code).toBe("not_found");
    expect((await failure(getOrderJsonForStaff(admin, "K999999999")))?.code).toBe("not_found");
    const [row] = await handle.db.select({ ref: orders.erpReference }).from(orders).where(eq(orders.id, foreign.id));
    expect(row!.ref).toBeNull();
  });
});
