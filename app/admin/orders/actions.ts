"use server";

import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import {
  confirmOrderForStaff,
  confirmOrderSchema,
  orderSettingsSchema,
  replayOrderRequestForStaff,
  replaySchema,
  resendForStaff,
  resendSchema,
  shipOrderForStaff,
  shipOrderSchema,
  updateOrderSettingsForStaff,
} from "@/lib/admin/purchase-orders";

export const confirmOrderAction = staffAction(confirmOrderSchema, async (input, staff) => {
  await confirmOrderForStaff(staff, input);
  revalidatePath(`/admin/orders/${input.orderId}`);
});

export const shipOrderAction = staffAction(shipOrderSchema, async (input, staff) => {
  await shipOrderForStaff(staff, input);
  revalidatePath(`/admin/orders/${input.orderId}`);
});

export const resendMessageAction = staffAction(resendSchema, async (input, staff) => {
  await resendForStaff(staff, input);
  revalidatePath(`/admin/orders/${input.orderId}`);
});

export const updateOrderSettingsAction = staffAction(orderSettingsSchema, async (input, staff) => {
  await updateOrderSettingsForStaff(staff, input);
  revalidatePath(`/admin/orders/settings/${input.connectionId}`);
});

export const replayOrderRequestAction = staffAction(replaySchema, async ({ messageId }, staff) => {
  const { code } = await replayOrderRequestForStaff(staff, messageId);
  revalidatePath("/admin/messages");
  revalidatePath("/admin/orders");
  return { status: "ok", data: { code } };
});
