import { punchoutConnections, users } from "../schema";
import type { Db } from "../client";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The demo connections documented in the README (demo origins: localhost and 127.0.0.1, any port). */
export const DEMO_PUNCHOUT = {
  oci: { username: "demo-oci", password: "demo-oci-secret" },
  cxml: {
    from: { domain: "NetworkID", identity: "AN-DEMO-BUYER" },
    to: { domain: "NetworkID", identity: "KOPPEL" },
    sender: { domain: "NetworkID", identity: "AN-DEMO-BUYER" },
    sharedSecret: "demo-cxml-secret",
  },
  technicalUser: { email: "punchout-demo@technical.koppel.invalid", name: "Punchout Demo Facilities" },
  allowedReturnOrigins: ["http://localhost:*", "http://127.0.0.1:*"],
} as const;

export const DEMO_PUNCHOUT_SECRETS = [DEMO_PUNCHOUT.oci.password, DEMO_PUNCHOUT.cxml.sharedSecret] as const;

/**
 * A technical user (no password: it can only be used through punchout) and one OCI and one cXML
 * connection for the demo customer. `secretHashes` are the hashes of DEMO_PUNCHOUT_SECRETS.
 */
export async function insertDemoPunchout(tx: Tx, companyId: number, secretHashes: readonly string[], now: Date): Promise<void> {
  const [technical] = await tx
    .insert(users)
    .values({ email: DEMO_PUNCHOUT.technicalUser.email, name: DEMO_PUNCHOUT.technicalUser.name, role: "buyer", companyId, passwordHash: null, createdAt: now })
    .returning({ id: users.id });
  const common = {
    companyId,
    enabled: true,
    environment: "test" as const,
    allowedReturnOrigins: [...DEMO_PUNCHOUT.allowedReturnOrigins],
    technicalUserId: technical!.id,
    createdAt: now,
    updatedAt: now,
  };
  await tx.insert(punchoutConnections).values([
    {
      ...common,
      protocol: "oci",
      name: "SAP SRM (demo)",
      presetId: "sap-srm",
      username: DEMO_PUNCHOUT.oci.username,
      secretHash: secretHashes[0]!,
      settings: { defaultCharset: "utf-8" },
    },
    {
      ...common,
      protocol: "cxml",
      name: "Ariba-style cXML (demo)",
      presetId: "generic",
      secretHash: secretHashes[1]!,
      cxmlFrom: [DEMO_PUNCHOUT.cxml.from],
      cxmlTo: DEMO_PUNCHOUT.cxml.to,
      cxmlSender: [DEMO_PUNCHOUT.cxml.sender],
      // Explicit although these are the defaults: create, inspect and edit are all allowed
      // (operationAllowed "edit"), the cart goes back as cxml-base64, and a UserEmail of one of
      // Demo Facilities' users shops as that user, anyone else as the technical user.
      settings: { transactions: ["PunchOutSetupRequest", "OrderRequest"], operationAllowed: "edit", poomEncoding: "cxml-base64", targetFrame: "_top", userMapping: "match-email" },
    },
  ]);
}
