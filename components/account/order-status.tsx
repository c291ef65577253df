import { getTranslations } from "next-intl/server";
import { shownOrderStatus, type ShownOrderStatus } from "@/lib/orders/shown-status";

// What asks for attention stands out (waiting for an approver, lines still to come); a rejected order reads red.
const TONE: Partial<Record<ShownOrderStatus, string>> = {
  awaiting_approval: "rounded bg-amber-100 px-2 py-0.5 text-amber-900",
  partly_shipped: "rounded bg-amber-100 px-2 py-0.5 text-amber-900",
  rejected: "rounded bg-red-100 px-2 py-0.5 text-red-900",
};

/**
 * An order's status as the buyer reads it: "Partly shipped" while a shipped order still has
 * quantities to come (lib/orders/shown-status.ts), never a "Shipped" that promises everything.
 * `partlyShipped` from the order list (OrderListItem.partlyShipped), or on the order page whether
 * any line is still to ship (lib/orders/order-story.ts stillToShip).
 */
export async function OrderStatusLabel({ status, partlyShipped, testId }: { status: Parameters<typeof shownOrderStatus>[0]; partlyShipped: boolean; testId?: string }) {
  const t = await getTranslations("orders.statuses");
  const shown = shownOrderStatus(status, partlyShipped);
  return (
    <span className={TONE[shown] ?? ""} data-testid={testId} data-status={shown}>
      {t(shown)}
    </span>
  );
}
