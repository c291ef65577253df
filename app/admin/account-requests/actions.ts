"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { approveAccountRequest, approveAccountRequestSchema, rejectAccountRequest } from "@/lib/admin/account-requests";
import { publicBaseUrl } from "@/lib/admin/request-url";
import { id } from "@/lib/admin/schemas";
import { checkAccountRequestVatId } from "@/lib/admin/vat-checks";

// Both change the open-request count in the admin navigation, so the whole /admin layout is refreshed;
// the review page then shows the outcome (and a confirmation) instead of the forms.

export const approveAccountRequestAction = staffAction(
  z.object({ requestId: id }).and(approveAccountRequestSchema),
  async ({ requestId, ...input }, staff) => {
    await approveAccountRequest(staff, requestId, input, { baseUrl: await publicBaseUrl(), now: new Date() });
    revalidatePath("/admin", "layout");
    redirect(`/admin/account-requests/${requestId}?done=approved`);
  },
);

export const rejectAccountRequestAction = staffAction(
  z.object({ requestId: id, reason: z.string().max(5000).optional().default("") }),
  async ({ requestId, reason }, staff) => {
    await rejectAccountRequest(staff, requestId, reason, new Date());
    revalidatePath("/admin", "layout");
    redirect(`/admin/account-requests/${requestId}?done=rejected`);
  },
);

/** Checks the request's VAT id at VIES before deciding; the answer is kept and shown on the page. */
export const checkRequestVatIdAction = staffAction(z.object({ requestId: id }), async ({ requestId }, staff) => {
  await checkAccountRequestVatId(staff, requestId, new Date());
  revalidatePath(`/admin/account-requests/${requestId}`);
});
