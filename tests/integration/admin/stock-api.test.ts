// Stock levels from the supplier's ERP: by SKU, all rows or none, and an older report never overwrites a newer one.
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { products } from "@/db/schema";
import { putStockViaApi, stockPutSchema } from "@/lib/admin/stock-api";
import { AppError } from "@/lib/errors";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: Awaited<ReturnType<typeof createStaff>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let a: { id: number; sku: string };
let b: { id: number; sku: string };
const NOW = new Date("2026-11-29T10:00:00Z");

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  a = await createProduct(handle, category.id, { stock: 10 });
  b = await createProduct(handle, category.id, { stock: 5 });
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager");
}, 120_000);
afterAll(() => fresh.dispose());

const put = (body: unknown, staff = admin, now = NOW) => putStockViaApi(staff, stockPutSchema.parse(body), now);
const levels = async () =>
  Object.fromEntries((await handle.db.select({ sku: products.sku, stock: products.stock }).from(products).where(inArray(products.id, [a.id, b.id]))).map((r) => [r.sku, r.stock]));

describe("PUT /admin/api/stock", () => {
  it("sets levels by SKU and reports each row", async () => {
    const result = await put({ items: [{ sku: a.sku, stock: 42 }, { sku: b.sku, stock: 5 }] });
    expect(result).toEqual({
      status: "applied",
      counts: { updated: 1, unchanged: 1, stale: 0, unknown_sku: 0, invalid: 0 },
      rows: [
        { sku: a.sku, outcome: "updated" },
        { sku: b.sku, outcome: "unchanged" },
      ],
    });
    expect(await levels()).toEqual({ [a.sku]: 42, [b.sku]: 5 });
    const [row] = await handle.db.select({ asOf: products.stockAsOf }).from(products).where(eq(products.id, a.id));
    expect(row!.asOf).toEqual(NOW);
  });

  it("refuses the whole batch for an unknown SKU (422 in the route), unless applyValidOnly; dryRun writes nothing", async () => {
    const refused = await put({ items: [{ sku: a.sku, stock: 1 }, { sku: "NOPE-1", stock: 3 }] }, admin, new Date(NOW.getTime() + 500));
    expect(refused.status).toBe("rejected");
    expect(refused.rows).toEqual([
      { sku: a.sku, outcome: "updated" },
      { sku: "NOPE-1", outcome: "unknown_sku" },
    ]);
    expect(await levels()).toEqual({ [a.sku]: 42, [b.sku]: 5 });
    const dry = await put({ items: [{ sku: a.sku, stock: 2 }], dryRun: true }, admin, new Date(NOW.getTime() + 1000));
    expect(dry).toMatchObject({ status: "dry_run", counts: { updated: 1 } });
    expect(await levels()).toEqual({ [a.sku]: 42, [b.sku]: 5 });
    const partial = await put({ items: [{ sku: a.sku, stock: 7 }, { sku: "NOPE-1", stock: 3 }], applyValidOnly: true }, admin, new Date(NOW.getTime() + 2000));
    expect(partial).toMatchObject({ status: "applied", counts: { updated: 1, unknown_sku: 1 } });
    expect(await levels()).toEqual({ [a.sku]: 7, [b.sku]: 5 });
  });

  it("an older report than the stored one is stale and changes nothing; a newer one wins", async () => {
    const stale = await put({ items: [{ sku: a.sku, stock: 999, asOf: "2026-11-29T09:00:00Z" }] });
    expect(stale.rows).toEqual([{ sku: a.sku, outcome: "stale" }]);
    expect((await levels())[a.sku]).toBe(7);
    const newer = await put({ items: [{ sku: a.sku, stock: 11, asOf: "2026-11-29T11:30:00+01:00" }] });
    expect(newer.rows).toEqual([{ sku: a.sku, outcome: "updated" }]);
    // The same report again (a retry): stale, idempotent.
    expect((await put({ items: [{ sku: a.sku, stock: 11, asOf: "2026-11-29T11:30:00+01:00" }] })).rows).toEqual([{ sku: a.sku, outcome: "stale" }]);
    expect((await levels())[a.sku]).toBe(11);
  });

  it("admins only; a SKU twice in one batch is refused before anything is read", async () => {
    const error = await put({ items: [{ sku: a.sku, stock: 1 }] }, manager).then(() => null, (e: unknown) => e);
    expect((error as AppError).code).toBe("not_found");
    const twice = await put({ items: [{ sku: a.sku, stock: 1 }, { sku: a.sku, stock: 2 }] }).then(() => null, (e: unknown) => e);
    expect((twice as AppError).message).toBe("duplicate_sku");
    expect(stockPutSchema.safeParse({ items: [] }).success).toBe(false);
    expect(stockPutSchema.safeParse({ items: "all" }).success).toBe(false);
  });

  it("a row the ERP got wrong is that row's problem, said at its field: the batch is refused, or with applyValidOnly the others applied", async () => {
    const before = await levels();
    const body = {
      items: [
        { sku: a.sku, stock: 7 },
        { sku: b.sku, stock: -2 },
        { sku: "NOPE-3", stock: 2.5 },
        { sku: a.sku.toLowerCase() + "-x", stock: 1, asOf: "2026-11-29T10:00:00" },
        { sku: "NOPE-4", qty: 3 },
        { stock: 3 },
      ],
    };
    const refused = await put(body, admin, new Date(NOW.getTime() + 86_400_000));
    expect(refused).toEqual({
      status: "rejected",
      counts: { updated: 1, unchanged: 0, stale: 0, unknown_sku: 0, invalid: 5 },
      rows: [
        { sku: a.sku, outcome: "updated" },
        { sku: b.sku, outcome: "invalid", problems: [{ field: "stock", problem: "stock_negative" }] },
        { sku: "NOPE-3", outcome: "invalid", problems: [{ field: "stock", problem: "whole_number" }] },
        { sku: a.sku.toLowerCase() + "-x", outcome: "invalid", problems: [{ field: "asOf", problem: "datetime_with_offset" }] },
        // A misspelt field is refused, not dropped: "stock" is missing and "qty" unknown.
        { sku: "NOPE-4", outcome: "invalid", problems: expect.arrayContaining([{ field: "stock", problem: "required" }, { field: "qty", problem: "unknown_field" }]) },
        { sku: "", outcome: "invalid", problems: [{ field: "sku", problem: "required" }] },
      ],
    });
    expect(await levels()).toEqual(before);
    const applied = await put({ ...body, applyValidOnly: true }, admin, new Date(NOW.getTime() + 86_400_000));
    expect(applied).toMatchObject({ status: "applied", counts: { updated: 1, invalid: 5 } });
    expect(await levels()).toEqual({ ...before, [a.sku]: 7 });
  });
});
