import type { DatabaseHandle } from "@/db/client";
import { punchoutConnections } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { createTechnicalUser } from "./cxml-fixtures";

/**
 * An OCI connection of `companyId` by USERNAME, its PASSWORD stored hashed like the seed does, with a
 * technical user to run its sessions as (unless `withTechnicalUser` is false: background functions only).
 */
export async function createOciConnection(
  handle: DatabaseHandle,
  companyId: number,
  options: { username: string; password: string; origins: string[]; settings?: Record<string, unknown>; withTechnicalUser?: boolean },
) {
  const technicalUserId = options.withTechnicalUser === false ? null : await createTechnicalUser(handle, companyId, options.username);
  const [connection] = await handle.db
    .insert(punchoutConnections)
    .values({
      companyId,
      name: `OCI ${options.username}`,
      protocol: "oci",
      presetId: "generic-oci",
      username: options.username,
      secretHash: await hashPassword(options.password),
      allowedReturnOrigins: options.origins,
      technicalUserId,
      settings: options.settings ?? {},
    })
    .returning();
  return connection!;
}
