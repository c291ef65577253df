"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import {
  createCustomerAsStaff,
  inviteCustomerUser,
  removeAddress,
  resendInvitation,
  saveAddress,
  sendPasswordReset,
  setCustomerUserActive,
  setManagers,
  setPoNumberRequiredAsStaff,
  updateCustomerDetails,
  updateCustomerUserDetails,
} from "@/lib/admin/customers";
import { deactivateIdleCustomerUsers, idleDeactivationSchema, idleDeactivationState } from "@/lib/admin/idle-deactivation";
import { assignListToCustomer, unassignListFromCustomer } from "@/lib/admin/pricing";
import { assortmentSchema, setCustomerAssortment } from "@/lib/admin/assortment";
import { checkCustomerVatId } from "@/lib/admin/vat-checks";
import { addAddressFromOrder } from "@/lib/admin/order-ship-to";
import { publicBaseUrl } from "@/lib/admin/request-url";
import { customerMasterDataSchema } from "@/lib/admin/invoicing-settings";
import { addressSchema, checkbox, customerUserSchema, id, prioritySchema, updateCustomerUserSchema } from "@/lib/admin/schemas";

const refresh = (companyId: number) => revalidatePath(`/admin/customers/${companyId}`, "layout");

export const createCustomerAction = staffAction(customerMasterDataSchema, async (input, staff) => {
  const company = await createCustomerAsStaff(staff, input);
  redirect(`/admin/customers/${company.id}`);
});

export const updateCustomerAction = staffAction(
  z.object({ companyId: id }).and(customerMasterDataSchema),
  async ({ companyId, ...details }, staff) => {
    await updateCustomerDetails(staff, companyId, details);
    refresh(companyId);
  },
);

/** The customer's "PO number required on every order" (its company admin can set it too). */
export const setPoNumberRequiredAction = staffAction(z.object({ companyId: id, required: checkbox }), async ({ companyId, required }, staff) => {
  await setPoNumberRequiredAsStaff(staff, companyId, required);
  refresh(companyId);
});

export const saveAddressAction = staffAction(addressSchema, async ({ companyId, addressId, ...details }, staff) => {
  await saveAddress(staff, companyId, addressId, details);
  refresh(companyId);
});

/** A ship-to address an order under review named but the customer did not have: added, then back to that order. */
export const addAddressFromOrderAction = staffAction(addressSchema.and(z.object({ orderId: id })), async ({ companyId, addressId: _new, orderId, ...details }, staff) => {
  await addAddressFromOrder(staff, companyId, orderId, details);
  refresh(companyId);
  revalidatePath(`/admin/orders/${orderId}`);
  redirect(`/admin/orders/${orderId}`);
});

export const deleteAddressAction = staffAction(z.object({ companyId: id, addressId: id }), async ({ companyId, addressId }, staff) => {
  await removeAddress(staff, companyId, addressId);
  refresh(companyId);
});

export const setManagersAction = staffAction(
  z.object({
    companyId: id,
    managerIds: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map(Number))
      .pipe(z.array(z.number().int().positive()).max(50)),
  }),
  async ({ companyId, managerIds }, staff) => {
    await setManagers(staff, companyId, managerIds);
    refresh(companyId);
  },
);

export const inviteUserAction = staffAction(customerUserSchema, async (input, staff) => {
  await inviteCustomerUser(staff, input, { baseUrl: await publicBaseUrl(), now: new Date() });
  refresh(input.companyId);
});

export const updateUserAction = staffAction(updateCustomerUserSchema, async (input, staff) => {
  await updateCustomerUserDetails(staff, input);
  refresh(input.companyId);
});

export const setUserActiveAction = staffAction(z.object({ companyId: id, userId: id, active: checkbox }), async ({ companyId, userId, active }, staff) => {
  await setCustomerUserActive(staff, companyId, userId, active);
  refresh(companyId);
});

/** Access review: deactivates the idle users the list showed that are still idle now; answers how many and who was skipped why. */
export const deactivateIdleUsersAction = staffAction(idleDeactivationSchema.extend({ companyId: id }), async ({ companyId, ...input }, staff) => {
  const plan = await deactivateIdleCustomerUsers(staff, companyId, input, new Date());
  refresh(companyId);
  return idleDeactivationState(plan);
});

export const resendInvitationAction = staffAction(z.object({ companyId: id, userId: id }), async ({ companyId, userId }, staff) => {
  await resendInvitation(staff, companyId, userId, { baseUrl: await publicBaseUrl(), now: new Date() });
  refresh(companyId);
});

export const sendPasswordResetAction = staffAction(z.object({ companyId: id, userId: id }), async ({ companyId, userId }, staff) => {
  await sendPasswordReset(staff, companyId, userId, { baseUrl: await publicBaseUrl(), now: new Date() });
  refresh(companyId);
});

export const assignPriceListAction = staffAction(
  z.object({ companyId: id, priceListId: id, priority: prioritySchema }),
  async ({ companyId, priceListId, priority }, staff) => {
    await assignListToCustomer(staff, companyId, priceListId, priority);
    refresh(companyId);
  },
);

export const unassignPriceListAction = staffAction(z.object({ companyId: id, priceListId: id }), async ({ companyId, priceListId }, staff) => {
  await unassignListFromCustomer(staff, companyId, priceListId);
  refresh(companyId);
});

/** Whole catalogue or contract assortment only; answers with the contract assortment's size today (0: an empty shop). */
export const setAssortmentAction = staffAction(assortmentSchema, async ({ companyId, assortment }, staff) => {
  const change = await setCustomerAssortment(staff, companyId, assortment, new Date());
  refresh(companyId);
  return { status: "ok", data: { contractProducts: change.contractProducts } };
});

/** Checks the customer's VAT id at VIES now; the answer (whatever it is) is kept and shown. */
export const checkCustomerVatIdAction = staffAction(z.object({ companyId: id }), async ({ companyId }, staff) => {
  await checkCustomerVatId(staff, companyId, new Date());
  refresh(companyId);
});
