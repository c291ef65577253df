/**
 * Whether an account request may come from an existing customer's organisation: the same KvK
 * number or VAT id, or an e-mail address at a domain the customer's own users have. Staff see these
 * as "possibly existing customers"; the customer's company admins get such requests to decide
 * themselves (lib/account/join-requests.ts). Pure.
 */

export const MATCH_REASONS = ["kvk", "vat", "email_domain"] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

/** Mailbox providers anybody can use: the same domain says nothing about the organisation. */
const PUBLIC_MAIL_DOMAINS = new Set([
  "gmail.com", "googlemail.com", "hotmail.com", "hotmail.nl", "outlook.com", "outlook.nl", "live.com", "live.nl", "msn.com",
  "yahoo.com", "icloud.com", "me.com", "ziggo.nl", "kpnmail.nl", "planet.nl", "home.nl", "xs4all.nl", "hetnet.nl", "telfort.nl", "proton.me", "protonmail.com",
]);

/**
 * The domain of an address as a sign of the organisation, or null where it says nothing: a public
 * mailbox provider, or a reserved `.invalid` domain (punchout connections' technical users).
 */
export function organisationDomain(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at < 0) return null;
  const domain = email.slice(at + 1).trim().toLowerCase();
  return isOrganisationDomain(domain) ? domain : null;
}

export function isOrganisationDomain(domain: string): boolean {
  return domain !== "" && !PUBLIC_MAIL_DOMAINS.has(domain) && !domain.endsWith(".invalid");
}

export interface MatchableRequest {
  kvkNumber: string | null;
  vatId: string | null;
  email: string;
}

export interface MatchableCompany {
  kvkNumber: string | null;
  vatId: string | null;
  /** Organisation domains of the company's users (organisationDomain of each, nulls left out). */
  domains: readonly string[];
}

/** Why the request may come from the company; empty when nothing suggests it. */
export function matchReasons(request: MatchableRequest, company: MatchableCompany): MatchReason[] {
  const domain = organisationDomain(request.email);
  return [
    ...(request.kvkNumber && request.kvkNumber === company.kvkNumber ? (["kvk"] as const) : []),
    ...(request.vatId && request.vatId === company.vatId ? (["vat"] as const) : []),
    ...(domain && company.domains.includes(domain) ? (["email_domain"] as const) : []),
  ];
}
