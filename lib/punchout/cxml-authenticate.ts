import "server-only";
import type { PunchoutConnection } from "@/db/schema";
import { dummyPasswordHash, verifyPassword } from "@/lib/auth/password";
import { punchoutSecretCache } from "@/lib/auth/verified-secret-cache";
import { clearLoginFailures, recordLoginFailure, type ThrottleStatus } from "@/lib/data/login-throttle";
import { cxmlAuthState } from "@/lib/data/punchout-connections";
import type { CxmlHeader } from "./cxml/parse-header";
import type { CxmlDocument } from "./cxml/xml";
import {
  describeIdentityMismatch,
  identitiesMatch,
  sharedSecretToVerify,
  verifyCxmlCredentials,
  type CxmlCredentialFailure,
  type ExpectedCxmlCredentials,
} from "./cxml/verify-credentials";

export type CxmlAuthentication =
  | { ok: true; connection: PunchoutConnection }
  | {
      ok: false;
      /** The connection the identities pointed at, if any (for the log only). */
      connection: PunchoutConnection | null;
      code: 401 | 403;
      /** Buyer-facing Status text: generic for credential failures. */
      message: string;
      /** For the log only. */
      reason: CxmlCredentialFailure | "throttled" | "disabled";
      /** For the log only: what was sent against what the connection expects (identities, deploymentMode; never a secret). */
      detail?: string;
    };

/** A connection and the scrypt hash its cXML SharedSecret is checked against. */
export interface CxmlCredentialCandidate {
  connection: PunchoutConnection;
  secretHash: string;
}

/**
 * What a request is authenticated against: the throttle status of its keys and the candidate
 * connections (those with one of the Header's From identities), read together (one statement).
 * The document is there for a loader that reads what its request needs in the same statement.
 */
export type CxmlAuthLoader = (
  keys: string[],
  fromIdentities: string[],
  now: Date,
  document: CxmlDocument,
) => Promise<{ throttle: ThrottleStatus; candidates: CxmlCredentialCandidate[] }>;

/** Setup/profile requests: the cXML connections with their setup SharedSecret. */
const setupCandidates: CxmlAuthLoader = async (keys, fromIdentities, now) => {
  const { throttle, connections } = await cxmlAuthState(keys, fromIdentities, now);
  return { throttle, candidates: connections.map((connection) => ({ connection, secretHash: connection.secretHash })) };
};

export function expectedCredentials(connection: PunchoutConnection): ExpectedCxmlCredentials {
  return {
    from: connection.cxmlFrom,
    to: connection.cxmlTo ? [connection.cxmlTo] : undefined,
    sender: connection.cxmlSender,
    deploymentMode: connection.environment,
  };
}

const NOT_RECOGNISED = "Credentials not recognized";

/**
 * Finds the cXML connection a request's Header belongs to and checks it (PROTOCOLS.md §2.2, §5):
 * From/To/Sender identities (domains case-insensitive, identities exact) pick the connection, the
 * Sender's SharedSecret is checked against the connection's scrypt hash (a secret that verified in the
 * last minutes is recognised from memory: punchoutSecretCache), then the deploymentMode
 * must equal the connection's environment. Unknown senders and wrong secrets get the same 401 and
 * take the same time (a dummy hash is checked when no connection matches); failures count towards
 * the same per-sender/per-IP throttling as OCI logins.
 */
export async function authenticateCxmlRequest(
  document: CxmlDocument,
  header: CxmlHeader,
  context: { remoteAddress: string | null; now: Date },
  load: CxmlAuthLoader = setupCandidates,
): Promise<CxmlAuthentication> {
  const senderIdentity = (header.sender[0]?.identity ?? "").toLowerCase().slice(0, 100);
  const keys = [`cxml:sender:${senderIdentity}`, ...(context.remoteAddress ? [`cxml:ip:${context.remoteAddress}`] : [])];
  const fromIdentities = [...new Set(header.from.map((credential) => credential.identity))];
  const { throttle, candidates: connections } = await load(keys, fromIdentities, context.now, document);
  if (throttle.blocked) {
    return { ok: false, connection: null, code: 401, message: "Too many failed attempts; try again in 15 minutes", reason: "throttled" };
  }

  // Enabled before disabled; a test and a production connection may share identities: the one for
  // this deploymentMode first.
  const rank = ({ connection: c }: CxmlCredentialCandidate) => Number(c.enabled) * 2 + Number(c.environment === header.deploymentMode);
  const candidates = connections.filter(({ connection }) => identitiesMatch(header, expectedCredentials(connection))).sort((a, b) => rank(b) - rank(a));

  let chosen: PunchoutConnection | null = candidates[0]?.connection ?? null;
  // None fits in full, but one has the From identity that was sent (the loader reads only those): the
  // customer's system is set up with another domain, To or Sender than agreed. Still refused; the log
  // names that connection and what differs, so its account manager sees the attempt and what to fix.
  // Only when those connections are one customer's: an identity two customers share (under different
  // domains) must not put one's documents in the other's log.
  const oneCustomer = new Set(connections.map(({ connection }) => connection.companyId)).size === 1;
  const nearMiss =
    chosen || !oneCustomer
      ? null
      : ([...connections].sort((a, b) => rank(b) - rank(a)).find(({ connection }) => describeIdentityMismatch(header, expectedCredentials(connection))) ?? null);
  let secretOk = false;
  for (const candidate of candidates) {
    const secret = sharedSecretToVerify(header, expectedCredentials(candidate.connection));
    // A secret that verified recently is answered from memory (see verified-secret-cache.ts).
    if (secret && (await punchoutSecretCache.verify(secret, candidate.secretHash, context.now.getTime()))) {
      chosen = candidate.connection;
      secretOk = true;
      break;
    }
  }
  if (candidates.length === 0) {
    // Same work as for a known sender, so timing does not tell which senders exist.
    await verifyPassword(header.sender.find((c) => c.sharedSecret)?.sharedSecret ?? "", await dummyPasswordHash());
  }
  if (nearMiss) {
    await recordLoginFailure(keys, context.now);
    const mismatch = describeIdentityMismatch(header, expectedCredentials(nearMiss.connection))!;
    return { ok: false, connection: nearMiss.connection, code: 401, message: NOT_RECOGNISED, reason: mismatch.failure, detail: mismatch.detail };
  }

  const check = chosen
    ? verifyCxmlCredentials(header, expectedCredentials(chosen), () => secretOk)
    : ({ ok: false, failure: "sender", code: 401, message: NOT_RECOGNISED } as const);
  if (!check.ok) {
    if (check.failure !== "deployment-mode") await recordLoginFailure(keys, context.now);
    // A mix-up of test and production: name both sides (a document without deploymentMode counts as production).
    const detail = check.failure === "deployment-mode" && chosen ? `deployment-mode: sent ${header.deploymentMode}; connection is ${chosen.environment}` : undefined;
    return { ok: false, connection: chosen, code: check.code, message: check.message, reason: check.failure, ...(detail ? { detail } : {}) };
  }
  if (!chosen!.enabled) {
    return { ok: false, connection: chosen, code: 401, message: NOT_RECOGNISED, reason: "disabled" };
  }
  // Failures recorded between the status read and now are cleared by the next success.
  if (throttle.withFailures.has(keys[0]!)) await clearLoginFailures([keys[0]!]);
  return { ok: true, connection: chosen! };
}
