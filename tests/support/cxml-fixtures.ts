import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { punchoutConnections, users, type NewPunchoutConnection } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { CXML_VALIDATOR } from "./shared-dir";

let counter = 0;

/** The user a punchout connection's sessions run as: no password, never signs in. */
export async function createTechnicalUser(handle: DatabaseHandle, companyId: number, name: string): Promise<number> {
  const [user] = await handle.db
    .insert(users)
    .values({ email: `${name}@technical.test`, name: `Punchout ${name}`, role: "buyer", companyId, passwordHash: null })
    .returning({ id: users.id });
  return user!.id;
}

/** A cXML connection for `companyId` with a technical user; the secret is stored hashed like the seed does. */
export async function createCxmlConnection(
  handle: DatabaseHandle,
  companyId: number,
  options: {
    from: { domain: string; identity: string }[];
    sender: { domain: string; identity: string }[];
    to?: { domain: string; identity: string } | null;
    secret: string;
    environment?: "test" | "production";
    origins: string[];
    settings?: Record<string, unknown>;
    withTechnicalUser?: boolean;
  } & Partial<Pick<NewPunchoutConnection, "enabled" | "name" | "presetId">>,
) {
  const id = `${Date.now().toString(36)}${(counter++).toString(36)}`;
  const technicalUserId = options.withTechnicalUser === false ? null : await createTechnicalUser(handle, companyId, `punchout-${id}`);
  const [connection] = await handle.db
    .insert(punchoutConnections)
    .values({
      companyId,
      protocol: "cxml",
      name: options.name ?? `cXML ${id}`,
      presetId: options.presetId ?? "generic",
      enabled: options.enabled ?? true,
      environment: options.environment ?? "production",
      secretHash: await hashPassword(options.secret),
      cxmlFrom: options.from,
      cxmlTo: options.to ?? null,
      cxmlSender: options.sender,
      allowedReturnOrigins: options.origins,
      technicalUserId,
      settings: options.settings ?? {},
    })
    .returning();
  return connection!;
}

export async function disableConnection(handle: DatabaseHandle, id: number): Promise<void> {
  await handle.db.update(punchoutConnections).set({ enabled: false }).where(eq(punchoutConnections.id, id));
}

export const VALIDATOR = CXML_VALIDATOR;
const hasXmllint = spawnSync("sh", ["-c", "command -v xmllint"]).status === 0;
/** xmllint and the validator script are present (CI installs them; a missing validator fails there). */
export const validatorReady = hasXmllint && existsSync(VALIDATOR);

/** Runs ../shared/validators/validate-cxml.sh once over all documents; returns its exit code and output. */
export function validateCxmlBatch(documents: Record<string, string>): { status: number | null; output: string; files: number } {
  const dir = mkdtempSync(path.join(tmpdir(), "koppel-cxml-"));
  try {
    const files = Object.entries(documents).map(([name, xml]) => {
      const file = path.join(dir, `${name.replace(/[^\w.-]+/g, "_")}.xml`);
      writeFileSync(file, xml, "utf8");
      return file;
    });
    const run = spawnSync("sh", [VALIDATOR, ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    return { status: run.status, output: `${run.stdout}\n${run.stderr}`, files: files.length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HTML_ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** The POOM inside a cXML transfer page (cxml-base64 or cxml-urlencoded hidden field), plus the form's action/target. */
export function poomFromTransferPage(html: string): { xml: string; field: string; action: string; target: string } {
  const input = /<input type="hidden" name="(cxml-base64|cxml-urlencoded)" value="([^"]*)">/.exec(html);
  const form = /<form id="cxml-transfer" method="post" action="([^"]*)" target="([^"]*)"/.exec(html);
  if (!input || !form) throw new Error(`no cXML transfer form in: ${html.slice(0, 500)}`);
  const unescape = (text: string) => text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => HTML_ENTITIES[entity]!);
  const value = unescape(input[2]!);
  return {
    xml: input[1] === "cxml-base64" ? Buffer.from(value, "base64").toString("utf8") : value,
    field: input[1]!,
    action: unescape(form[1]!),
    target: form[2]!,
  };
}
