/**
 * Checks a parsed cXML Header against one connection's expected credentials (PROTOCOLS.md §2.2,
 * §5): domains case-insensitive, identities exact, SharedSecret verified by the caller's hash check.
 */
import type { CxmlCredential, CxmlHeader } from "@/lib/punchout/cxml/parse-header";
import type { CxmlDeploymentMode } from "@/lib/punchout/cxml/xml";

export interface CxmlCredentialRef {
  domain: string;
  identity: string;
}

export interface ExpectedCxmlCredentials {
  /** Accepted buyer credentials; any one of them in Header/From matches. */
  from: readonly CxmlCredentialRef[];
  /** Our own identities; when given, Header/To must contain one of them. */
  to?: readonly CxmlCredentialRef[];
  /** Accepted Sender credentials (buyer system or hub); the SharedSecret must sit on the matching one. */
  sender: readonly CxmlCredentialRef[];
  /** Credentials exist per mode; a test document must not reach production and vice versa. */
  deploymentMode: CxmlDeploymentMode;
}

export type CxmlCredentialFailure = "from" | "to" | "sender" | "secret-missing" | "secret" | "deployment-mode";

export type CxmlCredentialCheck =
  | { ok: true }
  | {
      ok: false;
      /** For logs only; the message sent to the buyer stays generic. */
      failure: CxmlCredentialFailure;
      code: 401 | 403;
      message: string;
    };

// Plain comparison: identities are public (they travel in every document between the parties and name
// the connection to look up, PROTOCOLS.md §2.2); only the SharedSecret is compared in constant time, by
// the caller's hash check.
const matches = (sent: CxmlCredential, expected: CxmlCredentialRef): boolean =>
  sent.identity === expected.identity && sent.domain.toLowerCase() === expected.domain.toLowerCase();

const anyMatch = (sent: readonly CxmlCredential[], expected: readonly CxmlCredentialRef[]): CxmlCredential | undefined =>
  sent.find((credential) => expected.some((ref) => matches(credential, ref)));

/**
 * The SharedSecret `verifyCxmlCredentials` will hand to `verifySecret`: the one on the matching
 * Sender credential, else the first one sent. Callers with an asynchronous hash check (scrypt)
 * verify this value first and pass the result in through a synchronous closure.
 */
export function sharedSecretToVerify(header: Pick<CxmlHeader, "sender">, expected: Pick<ExpectedCxmlCredentials, "sender">): string | null {
  const sender = anyMatch(header.sender, expected.sender);
  return (sender ?? header.sender.find((c) => c.sharedSecret !== null))?.sharedSecret ?? null;
}

/**
 * Whether the identities (From, To, Sender) fit a connection, ignoring the secret and the mode:
 * used to pick the connection a request is meant for before its secret is checked.
 */
export function identitiesMatch(header: Pick<CxmlHeader, "from" | "to" | "sender">, expected: Omit<ExpectedCxmlCredentials, "deploymentMode">): boolean {
  return (
    anyMatch(header.from, expected.from) !== undefined &&
    (expected.to === undefined || anyMatch(header.to, expected.to) !== undefined) &&
    anyMatch(header.sender, expected.sender) !== undefined
  );
}

const credentialText = (credentials: readonly CxmlCredentialRef[]): string =>
  credentials.length ? credentials.map((c) => `${c.domain}:${c.identity}`).join(", ") : "none";

/**
 * For the log only: which part of the Header keeps it from a connection whose From identity it
 * sent, with what was sent and what the connection expects ("from: sent NetworkID:AN01; expected
 * DUNS:AN01"). A customer who typed another domain (or our To identity, or their Sender) than the one
 * agreed is refused with the generic 401; this is what the account manager needs to tell them.
 * Identities are public (they travel in every document), so naming them in the log gives nothing away;
 * the SharedSecret is never part of it. Null when the identities all fit.
 */
export function describeIdentityMismatch(
  header: Pick<CxmlHeader, "from" | "to" | "sender">,
  expected: Omit<ExpectedCxmlCredentials, "deploymentMode">,
): { failure: "from" | "to" | "sender"; detail: string } | null {
  const part = (failure: "from" | "to" | "sender", sent: readonly CxmlCredential[], wanted: readonly CxmlCredentialRef[]) => ({
    failure,
    detail: `${failure}: sent ${credentialText(sent)}; expected ${credentialText(wanted)}`,
  });
  if (anyMatch(header.from, expected.from) === undefined) return part("from", header.from, expected.from);
  if (expected.to !== undefined && anyMatch(header.to, expected.to) === undefined) return part("to", header.to, expected.to);
  if (anyMatch(header.sender, expected.sender) === undefined) return part("sender", header.sender, expected.sender);
  return null;
}

/**
 * Verifies From, To (optional), Sender and the Sender's SharedSecret, then the deployment mode.
 * `verifySecret` compares the plain secret with the stored hash (hash policy lives with the caller)
 * and is called whenever a secret was sent, even if an identity already failed, so timing does not
 * reveal which part was wrong. Answer failures with the returned cXML code and a generic text.
 */
export function verifyCxmlCredentials(
  header: Pick<CxmlHeader, "from" | "to" | "sender" | "deploymentMode">,
  expected: ExpectedCxmlCredentials,
  verifySecret: (plain: string) => boolean,
): CxmlCredentialCheck {
  const fromOk = anyMatch(header.from, expected.from) !== undefined;
  const toOk = expected.to === undefined || anyMatch(header.to, expected.to) !== undefined;
  const sender = anyMatch(header.sender, expected.sender);
  const secret = sharedSecretToVerify(header, expected);
  const secretOk = secret !== null && secret !== "" && verifySecret(secret);

  const fail = (failure: CxmlCredentialFailure): CxmlCredentialCheck => ({
    ok: false,
    failure,
    code: 401,
    message: "Credentials not recognized",
  });
  if (!fromOk) return fail("from");
  if (!toOk) return fail("to");
  if (!sender) return fail("sender");
  if (!secret) return fail("secret-missing");
  if (!secretOk) return fail("secret");
  if (header.deploymentMode !== expected.deploymentMode) {
    return {
      ok: false,
      failure: "deployment-mode",
      code: 403,
      message: `deploymentMode "${header.deploymentMode}" is not accepted with these credentials`,
    };
  }
  return { ok: true };
}
