"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { z } from "zod";
import { buyerAction } from "@/lib/actions/safe-action";
import { buyerReportAction, idList } from "@/lib/actions/report-action";
import { getCurrentUser, isBuyer } from "@/lib/auth/guards";
import {
  addListToCart,
  addProductToList,
  createList,
  deleteList,
  listSaveTargets,
  moveListLine,
  removeListLine,
  updateList,
  updateListLine,
} from "@/lib/favorites/favorites";
import { toLocale } from "@/lib/i18n/locales";
import {
  pauseStandingOrder,
  removeStandingOrder,
  resumeStandingOrder,
  saveStandingOrder,
  skipNextStandingOrder,
  standingOrderSchema,
} from "@/lib/standing-orders/standing-orders";
import { buyerMustSetUpTwoStep } from "@/lib/two-step/required";

const id = z.coerce.number().int().positive();
const listName = z.string().trim().min(1).max(80);
const note = z.string().trim().max(500).optional().transform((v) => v || null);
const checkbox = z.string().optional().transform((v) => v === "on" || v === "1" || v === "true");

export const createListAction = buyerAction(z.object({ name: listName, shared: checkbox, colleaguesMayEdit: checkbox }), async (input, user) => {
  const list = await createList(user, input, new Date());
  redirect(`/favorites/${list.id}`);
});

export const updateListAction = buyerAction(z.object({ listId: id, name: listName, shared: checkbox, colleaguesMayEdit: checkbox }), async ({ listId, ...input }, user) => {
  await updateList(user, listId, input, new Date());
  revalidatePath("/favorites", "layout");
  return { status: "ok", message: "list_saved" };
});

export const deleteListAction = buyerAction(z.object({ listId: id }), async ({ listId }, user) => {
  await deleteList(user, listId);
  revalidatePath("/favorites", "layout");
  redirect("/favorites");
});

export const addToListAction = buyerAction(
  z.object({
    sku: z.string().trim().min(1).max(64),
    listId: z.union([z.literal("new"), id]).optional(),
    newListName: z.string().trim().max(80).optional().transform((v) => v || null),
    quantity: z.string().optional().transform((v) => (v ? Number(v) : null)).pipe(z.number().int().min(1).max(100_000).nullable()),
    note,
  }),
  async ({ sku, listId, newListName, quantity, note }, user) => {
    const saved = await addProductToList(
      user,
      { listId: typeof listId === "number" ? listId : null, newListName: listId === "new" || listId === undefined ? newListName : null, sku, quantity, note },
      new Date(),
    );
    revalidatePath("/favorites", "layout");
    return { status: "ok", message: "saved_to_list", data: { listId: saved.listId, listName: saved.listName } };
  },
);

export const updateLineAction = buyerAction(
  z.object({ listId: id, lineId: id, quantity: z.coerce.number().int().min(1).max(100_000), note }),
  async ({ listId, lineId, quantity, note }, user) => {
    await updateListLine(user, listId, lineId, { quantity, note }, new Date());
    revalidatePath(`/favorites/${listId}`);
    return { status: "ok", message: "line_saved" };
  },
);

export const removeLineAction = buyerAction(z.object({ listId: id, lineId: id }), async ({ listId, lineId }, user) => {
  await removeListLine(user, listId, lineId, new Date());
  revalidatePath(`/favorites/${listId}`);
});

export const moveLineAction = buyerAction(z.object({ listId: id, lineId: id, direction: z.enum(["up", "down"]) }), async ({ listId, lineId, direction }, user) => {
  await moveListLine(user, listId, lineId, direction, new Date());
  revalidatePath(`/favorites/${listId}`);
});

export const addListToCartAction = buyerReportAction(
  z.object({ listId: id, mode: z.enum(["all", "selected"]), lineIds: idList }),
  async ({ listId, mode, lineIds }, user) => {
    return addListToCart(user, listId, mode === "all" ? null : lineIds, toLocale(await getLocale()));
  },
  { answersCart: true },
);

/** The lists the signed-in buyer can save to (loaded when the "Save to list" control of a product card or cart line opens). */
export async function loadEditableListsAction(): Promise<{ id: number; name: string; shared: boolean }[]> {
  const user = await getCurrentUser();
  // Nothing while the company's required two-step verification is not on (like buyerAction).
  if (!isBuyer(user) || buyerMustSetUpTwoStep(user)) return [];
  return listSaveTargets(user);
}

// Standing orders (lib/standing-orders): the list's editors set one up, pause, resume, skip or remove it.
export const saveStandingOrderAction = buyerAction(standingOrderSchema, async (input, user) => {
  await saveStandingOrder(user, input, new Date());
  revalidatePath(`/favorites/${input.listId}`);
  return { status: "ok", message: "standing_order_saved" };
});

export const changeStandingOrderAction = buyerAction(
  z.object({ listId: id, change: z.enum(["pause", "resume", "skip", "remove"]) }),
  async ({ listId, change }, user) => {
    const now = new Date();
    if (change === "pause") await pauseStandingOrder(user, listId, now);
    else if (change === "resume") await resumeStandingOrder(user, listId, now);
    else if (change === "skip") await skipNextStandingOrder(user, listId, now);
    else await removeStandingOrder(user, listId);
    revalidatePath(`/favorites/${listId}`);
    return { status: "ok", message: `standing_order_${change}` };
  },
);
