import assert from "node:assert/strict";
import type { Sql } from "postgres";

/** A product to order in a punchout test, with the net unit price the pricing module must send. */
export interface PricedFixture {
  sku: string;
  quantity: number;
  expectedPriceMinor: number;
}

/**
 * A Demo Facilities contract product (RC-DEMO, no own validity window) at its first quantity tier.
 * `offset` lets each spec take a different product so specs never depend on each other's carts.
 */
export async function pickTierProduct(sql: Sql, offset: number): Promise<PricedFixture> {
  const [tier] = await sql<{ sku: string; tiers: { minQuantity: number; priceMinor: number }[] }[]>`
    select p.sku, e.tiers from products p
    join price_list_entries e on e.product_id = p.id and e.kind = 'fixed' and e.valid_from is null and e.valid_to is null
    join price_lists l on l.id = e.price_list_id and l.code = 'RC-DEMO'
    where jsonb_array_length(e.tiers) > 0 and p.min_order_quantity = 1 and p.order_multiple = 1 and p.stock >= 50 and p.active
    order by p.id offset ${offset} limit 1`;
  assert.ok(tier, "the demo seed gives Demo Facilities tiered contract prices");
  const firstTier = [...tier.tiers].sort((a, b) => a.minQuantity - b.minQuantity)[0]!;
  return { sku: tier.sku, quantity: firstTier.minQuantity, expectedPriceMinor: firstTier.priceMinor };
}

/** A product none of Demo Facilities' price lists mentions, without list tiers: plain list price. */
export async function pickListPriceProduct(sql: Sql, offset: number): Promise<PricedFixture> {
  const [plain] = await sql<{ sku: string; list_price_minor: number }[]>`
    select p.sku, p.list_price_minor from products p
    where p.min_order_quantity = 1 and p.order_multiple = 1 and p.stock > 5 and p.active and p.list_price_tiers = '[]'::jsonb
      and not exists (select 1 from price_list_entries e join company_price_lists c on c.price_list_id = e.price_list_id
                      join companies co on co.id = c.company_id and co.name = 'Demo Facilities B.V.' where e.product_id = p.id)
    order by p.id offset ${offset} limit 1`;
  assert.ok(plain, "the demo seed has products priced at list price only");
  return { sku: plain.sku, quantity: 1, expectedPriceMinor: plain.list_price_minor };
}
