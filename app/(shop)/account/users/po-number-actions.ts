"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { setCompanyPoNumberRequired } from "@/lib/account/po-number";
import { buyerAction } from "@/lib/actions/safe-action";

/**
 * The company admin requires a PO number on every order of the company (or stops requiring it).
 * Who may is checked in lib/account/po-number.ts, on every call: a buyer or approver posting this
 * form is refused (company_admin_only), and so is staff viewing the shop as the customer.
 */
export const setPoNumberRequiredAction = buyerAction(
  z.object({ required: z.string().optional().transform((v) => v === "on") }),
  async ({ required }, admin) => {
    await setCompanyPoNumberRequired(admin, required);
    revalidatePath("/account/users");
    revalidatePath("/account");
    revalidatePath("/checkout");
    return { status: "ok", message: required ? "po_number_required_on" : "po_number_required_off" };
  },
);
