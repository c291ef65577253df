// Named prepared statements run on a pool of their own that plans each of them once (db/client.ts,
// DatabaseHandle.preparedClient): PostgreSQL would plan the hot-path ones anew on every execution.
import type { Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, setDatabaseForTests, type DatabaseHandle } from "@/db/client";
import { database, preparedDatabase } from "@/lib/data/database";
import { listProductsByIds } from "@/lib/data/catalog";
import { orderAuthState } from "@/lib/data/purchase-orders";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase, withDatabase } from "../../support/test-database";

const baseUrl = process.env.KOPPEL_TEST_PG_URL;

describe.runIf(baseUrl)("the prepared-statement pool (PostgreSQL)", () => {
  let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
  // One connection per pool, so the pool's session that ran the statements is the one asked.
  let single: DatabaseHandle;

  beforeAll(async () => {
    fresh = await useFreshDatabase();
    const [{ name }] = (await fresh.handle.query<{ name: string }>("select current_database() as name")) as [{ name: string }];
    single = await openDatabase({ url: withDatabase(baseUrl!, name), maxConnections: 1 });
    setDatabaseForTests(single);
  }, 120_000);
  afterAll(async () => {
    await single.close();
    await fresh.dispose();
  });

  const setting = async (db: Awaited<ReturnType<typeof database>>) =>
    ((await db.execute("select current_setting('plan_cache_mode') as mode")) as unknown as { mode: string }[])[0]!.mode;

  it("plans generically there, and only there", async () => {
    expect(await setting(await preparedDatabase())).toBe("force_generic_plan");
    expect(await setting(await database())).toBe("auto");
  });

  it("an OrderRequest's authentication and intake read is planned once, not per request", async () => {
    const customer = await createCompanyWithBuyer(single);
    await createCxmlConnection(single, customer.company.id, {
      from: [{ domain: "NetworkID", identity: "AN-PLANS" }],
      sender: [{ domain: "NetworkID", identity: "AN-PLANS" }],
      secret: "s",
      origins: [],
    });
    const product = await createProduct(single, (await createCategory(single)).id);
    for (let i = 0; i < 8; i++) {
      const state = await orderAuthState(["cxml:sender:an-plans"], ["AN-PLANS"], new Date(), {
        payloadId: `plans-${i}@buyer`,
        buyerOrderId: `PO-${i}`,
        references: [`REF-${i}`],
        skus: [product.sku],
        contactEmail: customer.user.email,
      });
      expect(state.candidates[0]!.intake!.products.map((p) => p.id)).toEqual([product.id]);
    }
    await listProductsByIds([product.id]);
    const plans = await (single.preparedClient as Sql).unsafe<{ generic: number; custom: number; statement: string }[]>(
      `select generic_plans::int as generic, custom_plans::int as custom, statement from pg_prepared_statements
        where statement like '%"login_throttle"%' and statement like '%"snapshot"%'`,
    );
    // Without the pool's setting PostgreSQL made a custom plan for each of the eight (0.9 ms each).
    expect(plans.map(({ generic, custom }) => ({ generic, custom }))).toEqual([{ generic: 8, custom: 0 }]);
    const byIds = await (single.preparedClient as Sql).unsafe<{ generic: number }[]>(
      `select generic_plans::int as generic from pg_prepared_statements where statement like '%"products"."id" = any(%'`,
    );
    expect(byIds).toEqual([{ generic: 1 }]);
  });
});
