"use server";

import { revalidatePath } from "next/cache";
import { staffAction } from "@/lib/actions/safe-action";
import {
  creditNoteSchema,
  issueCreditNoteForStaff,
  markPaidForStaff,
  markPaidSchema,
  resendDeliveryForStaff,
  resendSchema,
} from "@/lib/admin/invoices";

export const issueCreditNoteAction = staffAction(creditNoteSchema, async (input, staff) => {
  const credit = await issueCreditNoteForStaff(staff, input);
  revalidatePath("/admin/invoices", "layout");
  return { status: "ok", data: { id: credit.id, number: credit.number } };
});

export const resendDeliveryAction = staffAction(resendSchema, async (input, staff) => {
  await resendDeliveryForStaff(staff, input);
  revalidatePath(`/admin/invoices/${input.invoiceId}`);
});

export const markPaidAction = staffAction(markPaidSchema, async (input, staff) => {
  await markPaidForStaff(staff, input);
  revalidatePath("/admin/invoices", "layout");
});
