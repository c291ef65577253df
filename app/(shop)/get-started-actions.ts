"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getCurrentUser, isBuyer } from "@/lib/auth/guards";
import { dismissGetStarted } from "@/lib/data/get-started";

/**
 * "Hide" on the home page's "Get started" panel: stored on the user, so it stays away on every
 * device. Only the customer user's own sign-in puts it away: not a punchout session, not staff
 * viewing the shop as the customer (the panel is not shown to either). A plain form post, so it
 * works before hydration too.
 */
export async function dismissGetStartedAction(): Promise<void> {
  const user = await getCurrentUser();
  if (!isBuyer(user) || user.punchout || user.impersonatedBy) redirect("/");
  await dismissGetStarted(user.id, new Date());
  revalidatePath("/");
  redirect("/");
}
