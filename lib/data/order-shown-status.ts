import "server-only";
import { and, eq, not, sql, type SQL } from "drizzle-orm";
import { orderLines, orderShipments, orders } from "@/db/schema";
import type { ShownOrderStatus } from "@/lib/orders/shown-status";
import { q } from "./sql";

/**
 * "Partly shipped" in SQL (lib/orders/shown-status.ts), for lists, filters and CSV files of orders.
 *
 * Whether a shipped order still has quantities to ship: a line ordered beyond what its shipments
 * (order_shipments.lines, `{ lineNumber, quantity }` per shipment) carried. A correlated subquery on the
 * order's own rows (order_lines and order_shipments indexed by order), so a list page stays one query;
 * orders that are not shipped never run it.
 */
export const partlyShipped = sql<boolean>`(${q(orders.status)} = 'shipped' and exists (
  select 1 from ${orderLines} ol
  left join (
    select (shipped_line ->> 'lineNumber')::int as line_number, sum((shipped_line ->> 'quantity')::int) as quantity
    from ${orderShipments} s, jsonb_array_elements(s.lines) shipped_line
    where s.order_id = ${q(orders.id)}
    group by 1
  ) shipped on shipped.line_number = ol.line_number
  where ol.order_id = ${q(orders.id)} and ol.quantity > coalesce(shipped.quantity, 0)
))`;

/** The status as people read it: "partly_shipped" for a shipped order with quantities still to come. */
export const shownStatus = sql<ShownOrderStatus>`(case when ${partlyShipped} then 'partly_shipped' else ${q(orders.status)}::text end)`;

/** Orders that read as `status`: "Shipped" finds the orders shipped in full, "Partly shipped" the others. */
export function shownStatusIs(status: ShownOrderStatus): SQL {
  if (status === "partly_shipped") return partlyShipped;
  if (status === "shipped") return and(eq(orders.status, "shipped"), not(partlyShipped))!;
  return eq(orders.status, status);
}
