/** `<ProfileResponse>` (PROTOCOLS.md §2.4): which requests we accept and where. */
import { renderResponseDocument } from "@/lib/punchout/cxml/build-response";
import { el, formatCxmlTimestamp } from "@/lib/punchout/cxml/xml";

export interface CxmlProfileOption {
  name: string;
  value: string;
}

export interface CxmlProfileTransaction {
  /** Transaction@requestName: "PunchOutSetupRequest", "OrderRequest", "ProfileRequest", … */
  requestName: string;
  url: string;
  options?: readonly CxmlProfileOption[];
}

export interface ProfileResponseInput {
  payloadId: string;
  timestamp: Date;
  /** When these services became available (must not be in the future). */
  effectiveDate: Date;
  lastRefresh?: Date;
  options?: readonly CxmlProfileOption[];
  transactions: readonly CxmlProfileTransaction[];
  lang?: string;
}

const option = (o: CxmlProfileOption) => el("Option", { name: o.name }, o.value);

/** Status 200 + ProfileResponse (Option*, Transaction+ each with URL, Option*). */
export function buildProfileResponse(input: ProfileResponseInput): string {
  if (input.transactions.length === 0) throw new RangeError("ProfileResponse needs at least one Transaction");
  for (const t of input.transactions) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(t.requestName)) throw new RangeError(`Invalid requestName "${t.requestName}"`);
  }
  return renderResponseDocument(
    { payloadId: input.payloadId, timestamp: input.timestamp, code: 200, lang: input.lang },
    el(
      "ProfileResponse",
      {
        effectiveDate: formatCxmlTimestamp(input.effectiveDate),
        lastRefresh: input.lastRefresh ? formatCxmlTimestamp(input.lastRefresh) : null,
      },
      (input.options ?? []).map(option),
      input.transactions.map((t) =>
        el("Transaction", { requestName: t.requestName }, el("URL", null, t.url), (t.options ?? []).map(option)),
      ),
    ),
  );
}
