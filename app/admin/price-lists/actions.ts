"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { createPriceListAsStaff, deletePriceListAsStaff, removeEntryFromEditor, saveEntryFromEditor, updatePriceListHeader } from "@/lib/admin/pricing";
import { id, priceListCodeSchema, priceListHeaderSchema } from "@/lib/admin/schemas";

const refresh = (priceListId: number) => revalidatePath(`/admin/price-lists/${priceListId}`, "layout");

export const createPriceListAction = staffAction(z.object({ code: priceListCodeSchema }).and(priceListHeaderSchema), async ({ code, ...header }, staff) => {
  const list = await createPriceListAsStaff(staff, code, header);
  redirect(`/admin/price-lists/${list.id}`);
});

export const updatePriceListAction = staffAction(z.object({ priceListId: id }).and(priceListHeaderSchema), async ({ priceListId, ...header }, staff) => {
  await updatePriceListHeader(staff, priceListId, header);
  refresh(priceListId);
});

export const deletePriceListAction = staffAction(z.object({ priceListId: id }), async ({ priceListId }, staff) => {
  await deletePriceListAsStaff(staff, priceListId);
  revalidatePath("/admin/price-lists");
  redirect("/admin/price-lists");
});

const entryFields = {
  priceListId: id,
  productId: id,
  expectedUpdatedAt: z.string().max(40).optional(),
};

/** One grid row: the fields as typed; lib/admin parses them with the same rules as CSV import. */
export const saveEntryAction = staffAction(
  z.object({
    ...entryFields,
    kind: z.string().max(20),
    value: z.string().max(40),
    tiers: z.string().max(1000).default(""),
    validFrom: z.string().max(20).default(""),
    validTo: z.string().max(20).default(""),
  }),
  async ({ priceListId, productId, expectedUpdatedAt, ...fields }, staff) => {
    await saveEntryFromEditor(staff, { priceListId, productId, expectedUpdatedAt, fields }, new Date());
    refresh(priceListId);
  },
);

export const removeEntryAction = staffAction(z.object(entryFields), async ({ priceListId, productId, expectedUpdatedAt }, staff) => {
  await removeEntryFromEditor(staff, { priceListId, productId, expectedUpdatedAt });
  refresh(priceListId);
});
