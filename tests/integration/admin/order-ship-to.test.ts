// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { addresses, orders } from "@/db/schema";
import { orderShipToForAddress, unknownShipToState } from "@/lib/admin/order-ship-to";
import { getOrderForStaff } from "@/lib/admin/purchase-orders";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { createInvoiceCustomer, placeCxmlOrder, type InvoiceCustomer } from "../../support/invoice-fixtures";
import { useFreshDatabase } from "../../support/test-database";

/**
 * A cXML order held for "unknown_ship_to" is fixed from its order page: the customer's address form
 * filled in from the order's ShipTo, saved, back to the order, which then says the address is known.
 */
const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const { addAddressFromOrderAction } = await import("@/app/admin/customers/actions");

const NOW = new Date("2026-11-28T10:00:00Z");
let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: InvoiceCustomer;
let otherCustomer: InvoiceCustomer;
let manager: Awaited<ReturnType<typeof createStaff>>;
let otherManager: Awaited<ReturnType<typeof createStaff>>;
let heldOrderId: number;
let shipToId: string;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  const product = await createProduct(handle, category.id, { listPriceMinor: 1000, vatRateBasisPoints: 2100 });
  customer = await createInvoiceCustomer(handle, { name: "Gemeente Zeestad" });
  otherCustomer = await createInvoiceCustomer(handle, { name: "Ander B.V." });
  manager = await createStaff(handle, "account_manager", [customer.company.id, otherCustomer.company.id]);
  otherManager = await createStaff(handle, "account_manager", [otherCustomer.company.id]);
  // The order names the address the fixture made (ShipTo = customer.shipTo); the customer's own copy
  // has moved on since, so the intake knows no such address and holds the order.
  shipToId = customer.shipTo.externalId!;
  await handle.db.update(addresses).set({ externalId: "OLD-DOCK", postalCode: "9999 ZZ" }).where(eq(addresses.id, customer.shipTo.id));
  const placed = await placeCxmlOrder(handle, customer, [{ productId: product.id, sku: product.sku, quantity: 2, unitPriceMinor: 1000, vatRateBasisPoints: 2100 }], {
    orderId: "PO-STADHUIS",
    now: NOW,
  });
  heldOrderId = placed.orderId;
}, 60_000);
afterAll(() => fresh?.dispose());
beforeEach(() => {
  request.userId = manager.id;
});

function formOf(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  return form;
}

describe("an order held for an unknown ship-to address", () => {
  it("is held, and its page offers to add the address", async () => {
    const [order] = await handle.db.select().from(orders).where(eq(orders.id, heldOrderId));
    expect(order?.status).toBe("needs_review");
    expect(await unknownShipToState(await getOrderForStaff(manager, heldOrderId))).toEqual({ added: false });
  });

  it("fills in the customer's address form from the order's ShipTo, the addressID as external id", async () => {
    const source = await orderShipToForAddress(manager, customer.company.id, heldOrderId);
    expect(source.values).toEqual({
      id: null,
      kind: "ship_to",
      label: shipToId,
      name: "Magazijn",
      attention: null,
      street: customer.shipTo.street,
      postalCode: customer.shipTo.postalCode,
      city: customer.shipTo.city,
      countryCode: "NL",
      isDefault: false,
      externalId: shipToId,
    });
  });

  it("is not another manager's, nor another customer's address form's", async () => {
    await expect(orderShipToForAddress(otherManager, customer.company.id, heldOrderId)).rejects.toMatchObject({ code: "not_found" });
    await expect(orderShipToForAddress(manager, otherCustomer.company.id, heldOrderId)).rejects.toMatchObject({ code: "not_found" });

    request.userId = manager.id;
    const fields = { companyId: String(otherCustomer.company.id), orderId: String(heldOrderId), kind: "ship_to", label: "X", name: "X", street: "Straat 1", postalCode: "1012 AB", city: "Amsterdam", countryCode: "NL", externalId: shipToId };
    expect(await addAddressFromOrderAction({ status: "idle" }, formOf(fields))).toMatchObject({ status: "error", code: "not_found" });
    expect(await handle.db.select().from(addresses).where(eq(addresses.companyId, otherCustomer.company.id))).toHaveLength(2);
  });

  it("saves the address, returns to the order, which then says the address is known (the decision stays the manager's)", async () => {
    const { values } = await orderShipToForAddress(manager, customer.company.id, heldOrderId);
    const fields = {
      companyId: String(customer.company.id),
      orderId: String(heldOrderId),
      addressId: "",
      kind: values.kind,
      label: values.label,
      name: values.name,
      attention: values.attention ?? "",
      street: values.street,
      postalCode: values.postalCode,
      city: values.city,
      countryCode: values.countryCode,
      externalId: values.externalId ?? "",
    };
    expect(await runAction(() => addAddressFromOrderAction({ status: "idle" }, formOf(fields)))).toMatchObject({ redirect: `/admin/orders/${heldOrderId}` });
    const saved = (await handle.db.select().from(addresses).where(eq(addresses.companyId, customer.company.id))).find((a) => a.externalId === shipToId);
    expect(saved).toMatchObject({ kind: "ship_to", label: shipToId, postalCode: customer.shipTo.postalCode, isDefault: false });
    expect(await unknownShipToState(await getOrderForStaff(manager, heldOrderId))).toEqual({ added: true, label: shipToId });
    const [order] = await handle.db.select().from(orders).where(eq(orders.id, heldOrderId));
    expect(order?.status).toBe("needs_review");
  });
});
