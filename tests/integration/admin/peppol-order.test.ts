// An order as a Peppol BIS Ordering 3 UBL Order for the supplier's ERP: built from the order as
// stored, valid against the official validator, only for staff who manage the customer.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { DEMO_SUPPLIER_PROFILE } from "@/db/seed/demo-invoicing";
import { peppolOrderForStaff } from "@/lib/admin/peppol-order";
import type { BuyerUser } from "@/lib/auth/guards";
import { addToCart } from "@/lib/cart/cart-service";
import { placeOrder } from "@/lib/checkout/place-order";
import { upsertSupplierProfile } from "@/lib/data/supplier-profile";
import { AppError } from "@/lib/errors";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { PEPPOL_ORDER_VALIDATOR } from "../../support/shared-dir";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let orderId: number;
let manager: Awaited<ReturnType<typeof createStaff>>;
let otherManager: Awaited<ReturnType<typeof createStaff>>;
const dir = mkdtempSync(path.join(tmpdir(), "koppel-ubl-order-"));

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  const pack = await createProduct(handle, category.id, { listPriceMinor: 425, unit: "PK", gtin: "8712345678906" });
  const piece = await createProduct(handle, category.id, { listPriceMinor: 1999, unit: "EA" });
  const customer = await createCompanyWithBuyer(handle);
  manager = await createStaff(handle, "account_manager", [customer.company.id]);
  otherManager = await createStaff(handle, "account_manager", []);
  const buyer = customer.buyer as unknown as BuyerUser;
  await addToCart(buyer, pack.sku, 10);
  await addToCart(buyer, piece.sku, 3);
  const placed = await placeOrder(buyer, { shipToAddressId: customer.shipTo.id, poNumber: "PO-UBL-1", costCenter: "KP-9", requestedDeliveryDate: "2026-12-10", note: null }, "nl", new Date("2026-11-29T10:00:00Z"));
  orderId = placed.id;
}, 120_000);
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await fresh.dispose();
});

describe("UBL order for the ERP", () => {
  it("needs our company's master data first, and says so", async () => {
    const error = await peppolOrderForStaff(manager, orderId).then(() => null, (e: unknown) => e);
    expect((error as AppError).message).toBe("supplier_profile_missing");
  });

  it.skipIf(!existsSync(PEPPOL_ORDER_VALIDATOR))("is the order as stored and passes the official Peppol BIS Ordering validator", async () => {
    await upsertSupplierProfile(DEMO_SUPPLIER_PROFILE, new Date());
    const { filename, xml } = await peppolOrderForStaff(manager, orderId);
    expect(filename).toMatch(/^order-K\d+\.xml$/);
    expect(xml).toContain("<cbc:CustomerReference>PO-UBL-1</cbc:CustomerReference>");
    expect(xml).toContain("<cbc:AccountingCost>KP-9</cbc:AccountingCost>");
    expect(xml).toContain('<cbc:Quantity unitCode="XPK">10</cbc:Quantity>');
    expect(xml).toContain('<cbc:ID schemeID="0160">8712345678906</cbc:ID>');
    expect(xml).toContain('<cbc:LineExtensionAmount currencyID="EUR">102.47</cbc:LineExtensionAmount>');
    const file = path.join(dir, filename);
    writeFileSync(file, xml, "utf8");
    const run = spawnSync("sh", [PEPPOL_ORDER_VALIDATOR, "order", file], { encoding: "utf8" });
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
  }, 30_000);

  it("is not found for staff who do not manage the customer", async () => {
    const error = await peppolOrderForStaff(otherManager, orderId).then(() => null, (e: unknown) => e);
    expect((error as AppError).code).toBe("not_found");
  });
});
