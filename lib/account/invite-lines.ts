import { z } from "zod";
import { delimitedFields, delimitedRows } from "@/lib/delimited-lines";
import { parseMoneyInput } from "./money-input";

/**
 * Parses a pasted or uploaded list of colleagues to invite, one per line:
 * `e-mail;name;role;order limit;language` (separated by tabs as Excel copies them, semicolons or
 * commas). Only the e-mail address and the name are required; the role defaults to buyer, the
 * order limit to none, the language to the inviting admin's. Pure: no I/O.
 *
 * - a first line whose first field names the column (e-mail, e-mailadres, email address, mail…) is a
 *   header and skipped; any other line without an address is reported, never dropped;
 * - every other line comes back, valid or not, so the report can name each one;
 * - an address twice in the list is a problem of the second line (nobody is invited twice).
 */

export const MAX_INVITE_LINES = 200;

export type InviteRole = "buyer" | "approver" | "company_admin";
export type InviteProblem = "email_invalid" | "name_missing" | "name_too_long" | "role_unknown" | "limit_invalid" | "language_unknown" | "duplicate_email";

export type InviteLine =
  | { lineNumber: number; kind: "invite"; email: string; name: string; role: InviteRole; orderLimitMinor: number | null; locale: "nl" | "en" }
  | { lineNumber: number; kind: "invalid"; email: string; problem: InviteProblem; firstLine?: number };

export type InviteParse = { ok: true; lines: InviteLine[]; headerSkipped: boolean } | { ok: false; error: "empty" } | { ok: false; error: "too_many_lines"; count: number };

// The words people type in either language for the three roles: the Users page's own (inkoper,
// fiatteur, beheerder; buyer, approver, company admin), which its help text lists, and other common
// ones (koper and goedkeurder were that help text's words before: lists made with them still work).
const ROLES: Record<string, InviteRole> = {
  buyer: "buyer",
  koper: "buyer",
  inkoper: "buyer",
  besteller: "buyer",
  approver: "approver",
  goedkeurder: "approver",
  fiatteur: "approver",
  company_admin: "company_admin",
  "company admin": "company_admin",
  admin: "company_admin",
  beheerder: "company_admin",
};

const LANGUAGES: Record<string, "nl" | "en"> = { nl: "nl", nederlands: "nl", dutch: "nl", en: "en", engels: "en", english: "en" };

const email = z.email().max(200);

const HEADER = /^(e-?mail(adres|address)?|e-?mail[ -]?(adres|address)|mail(adres)?|adres|address)$/i;

export function parseInviteLines(input: string, defaultLocale: "nl" | "en"): InviteParse {
  const rows = delimitedRows(input);
  if (rows.length === 0) return { ok: false, error: "empty" };
  let headerSkipped = false;
  const lines: InviteLine[] = [];
  const firstLineOf = new Map<string, number>();
  for (const [index, { raw, lineNumber }] of rows.entries()) {
    const [address = "", name = "", roleText = "", limitText = "", languageText = ""] = delimitedFields(raw);
    if (index === 0 && HEADER.test(address)) {
      headerSkipped = true;
      continue;
    }
    if (lines.length >= MAX_INVITE_LINES) return { ok: false, error: "too_many_lines", count: rows.length - (headerSkipped ? 1 : 0) };
    const lowered = address.toLowerCase();
    const invalid = (problem: InviteProblem, firstLine?: number): InviteLine => ({ lineNumber, kind: "invalid", email: address, problem, ...(firstLine ? { firstLine } : {}) });
    if (!email.safeParse(lowered).success) {
      lines.push(invalid("email_invalid"));
      continue;
    }
    const first = firstLineOf.get(lowered);
    if (first !== undefined) {
      lines.push(invalid("duplicate_email", first));
      continue;
    }
    firstLineOf.set(lowered, lineNumber);
    if (!name) {
      lines.push(invalid("name_missing"));
      continue;
    }
    if ([...name].length > 100) {
      lines.push(invalid("name_too_long"));
      continue;
    }
    const role = roleText === "" ? "buyer" : ROLES[roleText.toLowerCase().replace(/\s+/g, " ")];
    if (!role) {
      lines.push(invalid("role_unknown"));
      continue;
    }
    const orderLimitMinor = parseMoneyInput(limitText);
    if (orderLimitMinor === undefined) {
      lines.push(invalid("limit_invalid"));
      continue;
    }
    const locale = languageText === "" ? defaultLocale : LANGUAGES[languageText.toLowerCase()];
    if (!locale) {
      lines.push(invalid("language_unknown"));
      continue;
    }
    lines.push({ lineNumber, kind: "invite", email: lowered, name, role, orderLimitMinor, locale });
  }
  if (lines.length === 0) return { ok: false, error: "empty" };
  return { ok: true, lines, headerSkipped };
}
