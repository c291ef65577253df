"use server";

import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { replayMessageForStaff } from "@/lib/admin/message-replay";
import { replaySchema } from "@/lib/admin/purchase-orders";

/**
 * Replays a logged OrderRequest and answers what it did (lib/admin/message-replay.ts), as flat
 * action data: the outcome, the order it concerns, or the cXML status and reason of a refusal.
 */
export const replayMessageAction = staffAction(replaySchema, async ({ messageId }, staff) => {
  const outcome = await replayMessageForStaff(staff, messageId);
  revalidatePath("/admin/messages");
  revalidatePath("/admin/orders");
  const data: Record<string, string | number> = { outcome: outcome.kind };
  if ("order" in outcome && outcome.order) Object.assign(data, { orderId: outcome.order.id, orderNumber: outcome.order.number });
  if ("code" in outcome) data.code = outcome.code;
  if ("reason" in outcome) data.reason = outcome.reason;
  return { status: "ok", data };
});
