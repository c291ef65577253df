import { z } from "zod";
import type { SessionField } from "./cxml/connection-settings";
import type { CxmlAddress, CxmlContact, CxmlExtrinsic } from "./cxml/parse-common";
import type { CxmlSetupItem } from "./cxml/parse-setup-request";

/** A setup line that did not become a cart line (product gone, unknown SKU, unusable quantity). */
export interface UnmatchedSetupItem {
  supplierPartId: string;
  supplierPartAuxiliaryId: string | null;
  quantity: string;
  reason: "unknown_product" | "quantity";
}

/**
 * What a cXML punchout session remembers of its PunchOutSetupRequest (punchout_sessions.context):
 * the Header parties to mirror in the PunchOutOrderMessage, everything the buyer sent that later
 * steps or an account manager may need, and the outcome of rebuilding an edit/inspect cart.
 */
export interface CxmlSessionContext {
  /** From/To of the setup request (no secrets); the POOM mirrors them. */
  header: { from: { domain: string; identity: string }[]; to: { domain: string; identity: string }[]; userAgent: string };
  deploymentMode: "production" | "test";
  timestamp: string | null;
  extrinsics: CxmlExtrinsic[];
  /** Extrinsics mapped per connection (email, uniqueName, costCenter…). */
  sessionFields: Partial<Record<SessionField, string>>;
  contacts: CxmlContact[];
  shipTo: CxmlAddress | null;
  selectedItem: { supplierPartId: string; supplierPartAuxiliaryId: string | null } | null;
  supplierSetupUrl: string | null;
  /** ItemOut lines as sent (edit/inspect). */
  items: CxmlSetupItem[];
  unmatchedItems: UnmatchedSetupItem[];
  /** Where the StartPage lands: "/", a product page or "/cart". */
  landing: string;
  /** cXML@xml:lang as sent ("en-US"): the StartPage sets the shop language from it (lib/punchout/buyer-language.ts). */
  language?: string | null;
}

const credential = z.object({ domain: z.string().min(1), identity: z.string().min(1) });

/** The part of the stored context the transfer relies on, checked on the way out of the database. */
const transferContextSchema = z.object({
  header: z.object({ from: z.array(credential).min(1), to: z.array(credential).min(1) }),
  deploymentMode: z.enum(["production", "test"]),
  shipTo: z.custom<CxmlAddress>((value) => value === null || (typeof value === "object" && value !== null)).nullable().default(null),
  unmatchedItems: z.array(z.unknown()).default([]),
  landing: z.string().default("/"),
});

export type CxmlTransferContext = z.output<typeof transferContextSchema>;

export function readCxmlSessionContext(context: Record<string, unknown>): CxmlTransferContext {
  return transferContextSchema.parse(context);
}
