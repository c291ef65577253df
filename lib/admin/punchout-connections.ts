import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { PunchoutConnection } from "@/db/schema";
import type { StaffUser } from "@/lib/auth/guards";
import { hashPassword } from "@/lib/auth/password";
import { createTechnicalUser } from "@/lib/data/users";
import {
  createPunchoutConnection,
  getConnectionLabels,
  getOciConnectionByUsername,
  getPunchoutConnection,
  searchPunchoutConnections,
  updatePunchoutConnection,
  type ConnectionListRow,
} from "@/lib/data/punchout-connections";
import { AppError } from "@/lib/errors";
import { cxmlConnectionSettingsSchema } from "@/lib/punchout/cxml/connection-settings";
import { CXML_PRESETS } from "@/lib/punchout/cxml/presets";
import { ociConnectionSettingsSchema } from "@/lib/punchout/oci/connection-settings";
import { OCI_PRESETS } from "@/lib/punchout/oci/presets";
import { isValidOriginRule } from "@/lib/punchout/return-url";
import { canSeeCustomer, managerScope } from "./access";

/** Presets per protocol, as data: the form offers them, the settings start from them. */
export const CONNECTION_PRESETS = {
  oci: Object.entries(OCI_PRESETS).map(([id, preset]) => ({ id, label: preset.label, settings: preset.settings as Record<string, unknown> })),
  cxml: Object.entries(CXML_PRESETS).map(([id, preset]) => ({ id, label: preset.label, settings: preset.settings as Record<string, unknown> })),
} as const;

const credential = z.object({ domain: z.string().trim().min(1).max(100), identity: z.string().trim().min(1).max(200) });

const lines = (value: string) =>
  value
    .split(/[\r\n]+/)
    .map((line) => line.trim())
    .filter(Boolean);

/** "NetworkID:AN0123" per line → credentials. */
const credentialLines = z
  .string()
  .default("")
  .transform((value, ctx) =>
    lines(value).flatMap((line) => {
      const at = line.indexOf(":");
      const parsed = credential.safeParse({ domain: line.slice(0, at), identity: line.slice(at + 1) });
      if (at < 1 || !parsed.success) {
        ctx.addIssue({ code: "custom", message: "credential_format" });
        return [];
      }
      return [parsed.data];
    }),
  );

export const connectionFormSchema = z.object({
  name: z.string().trim().min(1).max(100),
  enabled: z.enum(["on"]).optional().transform((v) => v === "on"),
  environment: z.enum(["test", "production"]),
  username: z.string().trim().toLowerCase().max(100).optional().default(""),
  allowedReturnOrigins: z
    .string()
    .default("")
    .transform((value) => lines(value))
    .refine((rules) => rules.every(isValidOriginRule), { message: "origin_format" }),
  cxmlFrom: credentialLines,
  cxmlSender: credentialLines,
  cxmlTo: z.string().trim().default(""),
  settings: z
    .string()
    .trim()
    .default("{}")
    .transform((value, ctx) => {
      try {
        const parsed: unknown = JSON.parse(value || "{}");
        if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: "custom", message: "settings_json" });
      return {};
    }),
});
export type ConnectionForm = z.infer<typeof connectionFormSchema>;

export const newConnectionSchema = connectionFormSchema.extend({
  companyId: z.coerce.number().int().positive(),
  protocol: z.enum(["oci", "cxml"]),
  presetId: z.string().min(1),
});

/** Every connection this staff member may see (all for an admin, their customers' for a manager). */
export async function listConnectionsForStaff(staff: StaffUser): Promise<ConnectionListRow[]> {
  return (await searchPunchoutConnections({ managerId: managerScope(staff) })).items;
}

/** One page of the connections this staff member may see, searched (searchPunchoutConnections). */
export function searchConnectionsForStaff(staff: StaffUser, search: { query?: string; offset: number; limit: number }): Promise<{ items: ConnectionListRow[]; total: number }> {
  return searchPunchoutConnections({ managerId: managerScope(staff), ...search });
}

/** One customer's connections, for the customer's page (within the staff member's scope). */
export async function listCustomerConnectionsForStaff(staff: StaffUser, companyId: number): Promise<ConnectionListRow[]> {
  return (await searchPunchoutConnections({ managerId: managerScope(staff), companyId })).items;
}

export async function getConnectionForStaff(staff: StaffUser, id: number): Promise<PunchoutConnection> {
  const connection = await getPunchoutConnection(id);
  if (!connection || !(await canSeeCustomer(staff, connection.companyId))) throw new AppError("not_found", "connection_not_found");
  return connection;
}

/** A connection with its customer's name, for its page (which names and links the customer). */
export async function getConnectionWithCustomerForStaff(staff: StaffUser, id: number): Promise<PunchoutConnection & { companyName: string }> {
  const connection = await getConnectionForStaff(staff, id);
  const label = (await getConnectionLabels([id])).get(id);
  return { ...connection, companyName: label?.companyName ?? "" };
}

/** A random secret for the buyer system; only its hash is stored, the plain value is shown once. */
function newSecret(): string {
  return randomBytes(18).toString("base64url");
}

function validateSettings(protocol: "oci" | "cxml", settings: Record<string, unknown>): void {
  const result = (protocol === "oci" ? ociConnectionSettingsSchema : cxmlConnectionSettingsSchema).safeParse(settings);
  if (!result.success) {
    throw new AppError("invalid_input", "settings_invalid", { field: "settings", detail: z.prettifyError(result.error).slice(0, 500) });
  }
}

function validateProtocolFields(protocol: "oci" | "cxml", form: ConnectionForm): { to: { domain: string; identity: string } | null } {
  if (protocol === "oci") {
    if (!/^[a-z0-9._@-]{3,100}$/.test(form.username)) throw new AppError("invalid_input", "username_format", { field: "username" });
    return { to: null };
  }
  if (form.cxmlFrom.length === 0) throw new AppError("invalid_input", "from_required", { field: "cxmlFrom" });
  const [domain, ...identity] = form.cxmlTo.split(":");
  return { to: domain && identity.length ? { domain: domain.trim(), identity: identity.join(":").trim() } : null };
}

export async function createConnection(staff: StaffUser, input: z.infer<typeof newConnectionSchema>): Promise<{ id: number; secret: string }> {
  if (!(await canSeeCustomer(staff, input.companyId))) throw new AppError("not_found", "customer_not_found");
  const preset = CONNECTION_PRESETS[input.protocol].find((p) => p.id === input.presetId);
  if (!preset) throw new AppError("invalid_input", "preset_unknown", { field: "presetId" });
  // The preset is the starting point; what the manager typed overrides it key by key.
  const settings = { ...preset.settings, ...input.settings };
  validateSettings(input.protocol, settings);
  const { to } = validateProtocolFields(input.protocol, input);
  if (input.protocol === "oci" && (await getOciConnectionByUsername(input.username))) {
    throw new AppError("conflict", "username_taken", { field: "username" });
  }
  const secret = newSecret();
  const technicalUser = await createTechnicalUser(input.companyId, `Punchout ${input.name}`);
  const connection = await createPunchoutConnection({
    companyId: input.companyId,
    protocol: input.protocol,
    name: input.name,
    presetId: input.presetId,
    enabled: input.enabled,
    environment: input.environment,
    username: input.protocol === "oci" ? input.username : null,
    secretHash: await hashPassword(secret),
    cxmlFrom: input.protocol === "cxml" ? input.cxmlFrom : [],
    cxmlSender: input.protocol === "cxml" ? input.cxmlSender : [],
    cxmlTo: to,
    allowedReturnOrigins: input.allowedReturnOrigins,
    technicalUserId: technicalUser.id,
    settings,
  });
  return { id: connection.id, secret };
}

export async function updateConnection(staff: StaffUser, id: number, form: ConnectionForm): Promise<void> {
  const connection = await getConnectionForStaff(staff, id);
  validateSettings(connection.protocol, form.settings);
  const { to } = validateProtocolFields(connection.protocol, form);
  if (connection.protocol === "oci" && form.username !== connection.username && (await getOciConnectionByUsername(form.username))) {
    throw new AppError("conflict", "username_taken", { field: "username" });
  }
  await updatePunchoutConnection(id, {
    name: form.name,
    enabled: form.enabled,
    environment: form.environment,
    username: connection.protocol === "oci" ? form.username : null,
    allowedReturnOrigins: form.allowedReturnOrigins,
    cxmlFrom: connection.protocol === "cxml" ? form.cxmlFrom : [],
    cxmlSender: connection.protocol === "cxml" ? form.cxmlSender : [],
    cxmlTo: to,
    settings: form.settings,
  });
}

/** Replaces the password / shared secret; the old one stops working at once. */
export async function rotateConnectionSecret(staff: StaffUser, id: number): Promise<string> {
  await getConnectionForStaff(staff, id);
  const secret = newSecret();
  await updatePunchoutConnection(id, { secretHash: await hashPassword(secret) });
  return secret;
}
