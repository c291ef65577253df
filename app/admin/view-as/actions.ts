"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/safe-action";
import { id } from "@/lib/admin/schemas";
import { exitViewAs, recordPageView, startViewAs, VIEW_AS_DURATIONS } from "@/lib/admin/view-as";
import { getCurrentUser } from "@/lib/auth/guards";

/** Opens the shop as one customer user, time-boxed; the manager never needs the user's password. */
export const startViewAsAction = staffAction(
  z.object({
    userId: id,
    minutes: z.coerce.number().pipe(z.union(VIEW_AS_DURATIONS.map((m) => z.literal(m)))),
    reason: z.string().trim().max(200).optional().transform((v) => v || null),
  }),
  async (input, staff) => {
    await startViewAs(staff, input, new Date());
    redirect("/");
  },
);

export const exitViewAsAction = staffAction(z.object({}), async (_input, staff) => {
  const ended = await exitViewAs(staff, new Date());
  redirect(ended ? `/admin/customers/${ended.companyId}/users` : "/admin");
});

/** Called by the view-as banner for every page the staff member opens as the customer. */
export const recordViewAsPageViewAction = staffAction(
  z.object({ path: z.string().startsWith("/").max(500) }),
  async ({ path }) => {
    await recordPageView(await getCurrentUser(), path, new Date());
  },
);
