import "server-only";
import { notFound } from "next/navigation";
import type { StaffUser } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { getCustomerOrThrow, getPriceListOrThrow } from "./access";

/** A positive integer id from a route segment, or the 404 page. */
export function idParam(value: string): number {
  const id = Number(value);
  if (!/^\d{1,10}$/.test(value) || !Number.isSafeInteger(id) || id <= 0 || id > 2_147_483_647) notFound();
  return id;
}

/** Runs an access-checked lookup; "not found" (including "not yours") becomes the 404 page. */
async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}

export const customerForPage = (staff: StaffUser, id: string) => orNotFound(() => getCustomerOrThrow(staff, idParam(id)));
export const priceListForPage = (staff: StaffUser, id: string) => orNotFound(() => getPriceListOrThrow(staff, idParam(id)));
