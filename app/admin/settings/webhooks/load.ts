import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";

/**
 * The webhook pages' access check: lib/admin/webhooks throws "not found" for anybody but an admin
 * (and for an endpoint that does not exist); the page then answers with the same 404.
 */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}
