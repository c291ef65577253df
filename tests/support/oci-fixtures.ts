import type { DatabaseHandle } from "@/db/client";
import { punchoutConnections, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";

/**
 * An OCI connection of `companyId` by USERNAME, its PASSWORD stored hashed like the seed does, with a
 * technical user to run its sessions as (unless `withTechnicalUser` is false: background functions only).
 */
export async function createOciConnection(
  handle: DatabaseHandle,
  companyId: number,
  options: { username: string; password: string; origins: string[]; settings?: Record<string, unknown>; withTechnicalUser?: boolean },
) {
  let technicalUserId: number | null = null;
  if (options.withTechnicalUser !== false) {
    const [user] = await handle.db
      .insert(users)
      .values({ email: `${options.username}@technical.test`, name: `Punchout ${options.username}`, role: "buyer", companyId, passwordHash: null })
      .returning({ id: users.id });
    technicalUserId = user!.id;
  }
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
