import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { carts, mailOutbox, punchoutConnections, punchoutSessions, users } from "@/db/schema";
import type { createCompanyWithBuyer } from "./fixtures";

let counter = 0;

type Customer = Awaited<ReturnType<typeof createCompanyWithBuyer>>;

/** Another user of the same company, as the session user object the shop works with. */
export async function addCompanyUser(
  handle: DatabaseHandle,
  customer: Customer,
  role: "buyer" | "approver" | "company_admin",
  options: { orderLimitMinor?: number | null; passwordHash?: string | null; locale?: "nl" | "en" } = {},
) {
  const id = `${Date.now().toString(36)}${(counter++).toString(36)}`;
  const [user] = await handle.db
    .insert(users)
    .values({
      email: `${role}-${id}@example.test`,
      name: `${role} ${id}`,
      role,
      companyId: customer.company.id,
      orderLimitMinor: options.orderLimitMinor ?? null,
      passwordHash: options.passwordHash ?? null,
      locale: options.locale ?? "nl",
    })
    .returning();
  return { ...user!, companyId: customer.company.id, companyName: customer.company.name, punchout: null, impersonatedBy: null };
}

export async function outboxTo(handle: DatabaseHandle, email: string) {
  return handle.db.select().from(mailOutbox).where(eq(mailOutbox.toEmail, email.toLowerCase()));
}

/** A punchout session with its own cart for a user, as the OCI/cXML entry would open it. */
export async function openPunchoutSession(handle: DatabaseHandle, user: { id: number; companyId: number }, operation: "create" | "edit" | "inspect" = "create") {
  const [connection] = await handle.db
    .insert(punchoutConnections)
    .values({
      companyId: user.companyId,
      name: `Test connection ${counter++}`,
      protocol: "oci",
      presetId: "generic-oci",
      username: `oci-${Date.now().toString(36)}-${counter++}`,
      secretHash: "scrypt$1$1$1$x$y",
      allowedReturnOrigins: ["http://localhost:*"],
    })
    .returning();
  const [session] = await handle.db
    .insert(punchoutSessions)
    .values({
      connectionId: connection!.id,
      companyId: user.companyId,
      userId: user.id,
      protocol: "oci",
      status: "active",
      operation,
      returnUrl: "http://localhost:8080/hook",
      expiresAt: new Date(Date.now() + 3600_000),
    })
    .returning();
  const [cart] = await handle.db.insert(carts).values({ userId: user.id, companyId: user.companyId, punchoutSessionId: session!.id }).returning();
  return { sessionId: session!.id, cartId: cart!.id, operation };
}

/** The session user as guards.getCurrentUser returns it inside that punchout session. */
export function inPunchout<U extends object>(user: U, session: { sessionId: number; operation: "create" | "edit" | "inspect" }) {
  return {
    ...user,
    punchout: { sessionId: session.sessionId, operation: session.operation, connectionName: "Test", presetId: "generic-oci", protocol: "oci" as const },
  };
}
