"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { costCenterSchema, saveCostCenter, setCostCenterRequired, setUserDefaultCostCenter } from "@/lib/account/cost-centers";
import { moneyField } from "@/lib/account/money-input";
import { buyerAction } from "@/lib/actions/safe-action";

/**
 * The company admin's cost centres (lib/account/cost-centers.ts checks the role). Field errors are
 * message keys of costCenters.form.errors (components/account/cost-center-forms.tsx).
 */

const MAX_ID = 2_147_483_647;

/** Empty: a new cost centre (or, for a user's default, none). */
const costCenterId = z
  .string()
  .optional()
  .transform((v) => (v ? Number(v) : null))
  .pipe(z.number().int().positive().max(MAX_ID).nullable());

/** "7.500", "7500,00", "" (no budget) → minor units or null; a budget is more than zero. */
const budget = moneyField.refine((minor) => minor !== 0, "budget_not_positive");

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

/** The checked users of the "Only these users" list: none, one value or several. */
const userIds = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.coerce.number<string>().int().positive().max(MAX_ID)).max(1000));

export const saveCostCenterAction = buyerAction(
  z
    .object({
      costCenterId,
      code: z.string().trim().min(1, "code_invalid").max(35, "code_invalid"),
      name: z.string().trim().min(1, "name_invalid").max(100, "name_invalid"),
      budget,
      budgetPeriod: z.enum(costCenterSchema.shape.budgetPeriod.options, "period_invalid"),
      active: checkbox,
      /** Everybody at the company, or only the checked users. */
      usedBy: z.enum(["everybody", "some"], "used_by_invalid").default("everybody"),
      userIds,
    })
    .superRefine((input, ctx) => {
      if (input.usedBy === "some" && input.userIds.length === 0) ctx.addIssue({ code: "custom", path: ["userIds"], message: "choose_users" });
    }),
  async ({ costCenterId, code, name, budget, budgetPeriod, active, usedBy, userIds }, user) => {
    // The add form has no "active" box: a new cost centre is in use straight away.
    await saveCostCenter(
      user,
      costCenterId,
      { code, name, budgetMinor: budget, budgetPeriod, active: costCenterId === null ? true : active, userIds: usedBy === "some" ? [...new Set(userIds)] : [] },
      new Date(),
    );
    revalidatePath("/account/cost-centers");
    revalidatePath("/account/users");
    revalidatePath("/checkout");
    return costCenterId === null ? { status: "ok", message: "cost_center_added", data: { code } } : { status: "ok", message: "cost_center_saved" };
  },
);

export const setCostCenterRequiredAction = buyerAction(z.object({ required: checkbox }), async ({ required }, user) => {
  await setCostCenterRequired(user, required);
  revalidatePath("/account/cost-centers");
  revalidatePath("/checkout");
  return { status: "ok", message: required ? "cost_center_required_on" : "cost_center_required_off" };
});

/** The users page: the cost centre the checkout chooses for one of the company's users ("" clears it). */
export const setDefaultCostCenterAction = buyerAction(
  z.object({ userId: z.coerce.number().int().positive().max(MAX_ID), costCenterId }),
  async ({ userId, costCenterId }, user) => {
    await setUserDefaultCostCenter(user, userId, costCenterId, new Date());
    revalidatePath("/account/users");
    revalidatePath("/checkout");
    return { status: "ok", message: "cost_center_default_saved" };
  },
);
