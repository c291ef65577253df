"use server";

import { z } from "zod";
import type { ActionState } from "@/lib/actions/safe-action";
import { MIN_PASSWORD_LENGTH, setPasswordWithLink } from "@/lib/admin/set-password";
import { isAppError } from "@/lib/errors";

const schema = z
  .object({
    token: z.string().min(20).max(100),
    password: z.string().min(MIN_PASSWORD_LENGTH, "too_short").max(200, "too_long"),
    confirm: z.string().max(200),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "mismatch" });

/** Public: whoever holds the single-use link (the invited or resetting user) chooses the password. */
export async function setPasswordAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    return { status: "error", code: "invalid_input", message: parsed.error.issues[0]?.message ?? "invalid_input" };
  }
  try {
    const { email } = await setPasswordWithLink(parsed.data.token, parsed.data.password, new Date());
    return { status: "ok", data: { email } };
  } catch (error) {
    if (isAppError(error)) return { status: "error", code: error.code, message: error.message };
    throw error;
  }
}
