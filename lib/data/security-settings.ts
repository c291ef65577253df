import "server-only";
import { eq } from "drizzle-orm";
import { securitySettings } from "@/db/schema";
import { database } from "./database";

/** Whether every staff member must use two-step verification (no settings row yet: no). */
export async function isStaffTwoStepRequired(): Promise<boolean> {
  const db = await database();
  const [row] = await db.select({ required: securitySettings.staffTwoStepRequired }).from(securitySettings).where(eq(securitySettings.id, 1));
  return row?.required ?? false;
}

export async function setStaffTwoStepRequired(required: boolean, userId: number, now: Date): Promise<void> {
  const db = await database();
  await db
    .insert(securitySettings)
    .values({ id: 1, staffTwoStepRequired: required, updatedAt: now, updatedByUserId: userId })
    .onConflictDoUpdate({ target: securitySettings.id, set: { staffTwoStepRequired: required, updatedAt: now, updatedByUserId: userId } });
}
