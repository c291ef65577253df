"use server";

import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import { changeWebOrderForStaff } from "@/lib/admin/order-edit";
import { editOrderFormSchema } from "@/lib/orders/order-edit";
import { erpReferenceSchema, setErpReferenceForStaff } from "@/lib/admin/orders-api";
import { id } from "@/lib/admin/schemas";
import {
  confirmOrderForStaff,
  confirmOrderSchema,
  cancelWebOrderForStaff,
  cancelWebOrderSchema,
  invoiceOrderForStaff,
  invoiceOrderSchema,
  invoiceShipmentForStaff,
  invoiceShipmentSchema,
  missedConfirmationSchema,
  orderSettingsSchema,
  resendForStaff,
  resendSchema,
  sendMissedConfirmationForStaff,
  shipOrderForStaff,
  shipOrderSchema,
  updateOrderSettingsForStaff,
} from "@/lib/admin/purchase-orders";

export const confirmOrderAction = staffAction(confirmOrderSchema, async (input, staff) => {
  const { queued } = await confirmOrderForStaff(staff, input);
  revalidatePath(`/admin/orders/${input.orderId}`);
  // The success line says what was decided and whether a response is on its way to the buyer's system.
  return { status: "ok", data: { decision: input.decision ?? "accept", queued: String(queued) } };
});

export const cancelWebOrderAction = staffAction(cancelWebOrderSchema, async (input, staff) => {
  await cancelWebOrderForStaff(staff, input);
  revalidatePath(`/admin/orders/${input.orderId}`);
});

export const changeOrderAction = staffAction(editOrderFormSchema, async (input, staff) => {
  await changeWebOrderForStaff(staff, input);
  revalidatePath(`/admin/orders/${input.orderId}`);
});

export const shipOrderAction = staffAction(shipOrderSchema, async (input, staff) => {
  const shipment = await shipOrderForStaff(staff, input);
  revalidatePath(`/admin/orders/${input.orderId}`);
  if (shipment.invoice.status === "issued") revalidatePath("/admin/invoices");
  const invoice = shipment.invoice;
  return {
    status: "ok",
    data: {
      shipmentNumber: shipment.shipmentNumber,
      autoInvoice: invoice.status,
      ...(invoice.status === "issued" ? { invoiceNumber: invoice.invoice.number } : {}),
      ...(invoice.status === "failed" ? { invoiceError: invoice.error, invoiceDetail: invoice.detail ?? "" } : {}),
    },
  };
});

export const invoiceOrderAction = staffAction(invoiceOrderSchema, async (input, staff) => {
  const invoice = await invoiceOrderForStaff(staff, input);
  revalidatePath(`/admin/orders/${input.orderId}`);
  revalidatePath("/admin/invoices");
  return { status: "ok", data: { invoiceId: invoice.id, invoiceNumber: invoice.number } };
});

export const invoiceShipmentAction = staffAction(invoiceShipmentSchema, async (input, staff) => {
  const invoice = await invoiceShipmentForStaff(staff, input);
  revalidatePath(`/admin/orders/${input.orderId}`);
  revalidatePath("/admin/invoices");
  return { status: "ok", data: { invoiceId: invoice.id, invoiceNumber: invoice.number } };
});

export const resendMessageAction = staffAction(resendSchema, async (input, staff) => {
  await resendForStaff(staff, input);
  revalidatePath(`/admin/orders/${input.orderId}`);
});

export const sendMissedConfirmationAction = staffAction(missedConfirmationSchema, async (input, staff) => {
  await sendMissedConfirmationForStaff(staff, input);
  revalidatePath(`/admin/orders/${input.orderId}`);
});

export const updateOrderSettingsAction = staffAction(orderSettingsSchema, async (input, staff) => {
  await updateOrderSettingsForStaff(staff, input);
  revalidatePath(`/admin/orders/settings/${input.connectionId}`);
});

export const setErpReferenceAction = staffAction(erpReferenceSchema.extend({ orderId: id }), async ({ orderId, erpReference }, staff) => {
  await setErpReferenceForStaff(staff, { orderId }, erpReference, new Date());
  revalidatePath(`/admin/orders/${orderId}`);
});
