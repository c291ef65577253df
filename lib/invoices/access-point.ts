import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * The hand-over to a Peppol access point (AP). Koppel builds the UBL document; the AP wraps it in
 * an SBDH, looks up the receiver in the SMP and transports it (AS4). The default sender writes
 * the document and a small JSON envelope into an outbox folder, which an AP's folder connector
 * (or an operator) picks up; with PEPPOL_AP_URL set the document is POSTed to that AP instead.
 */

export interface ParticipantId {
  /** ICD/EAS scheme, e.g. 0106 (KvK), 0190 (OIN), 9944 (NL VAT). */
  scheme: string;
  id: string;
}

export interface AccessPointMessage {
  invoiceNumber: string;
  documentXml: string;
  senderId: ParticipantId;
  receiverId: ParticipantId;
  documentType: "invoice" | "credit_note";
  profile: "peppol" | "nlcius";
}

export interface AccessPointSender {
  readonly name: string;
  send(message: AccessPointMessage): Promise<{ messageId: string }>;
}

/** A failed hand-over; `retryable` false means trying again with the same document cannot help (4xx). */
export class AccessPointError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
    this.name = "AccessPointError";
  }
}

const CUSTOMIZATION: Record<AccessPointMessage["profile"], string> = {
  peppol: "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0",
  nlcius: "urn:cen.eu:en16931:2017#compliant#urn:fdc:nen.nl:nlcius:v1.0",
};

/**
 * Peppol document type identifier (scheme busdox-docid-qns): root namespace::local name ##
 * CustomizationID :: UBL version — what the AP puts in the SBDH and looks up in the receiver's SMP.
 */
export function peppolDocumentTypeId(message: Pick<AccessPointMessage, "documentType" | "profile">): string {
  const root = message.documentType === "credit_note" ? "CreditNote" : "Invoice";
  return `urn:oasis:names:specification:ubl:schema:xsd:${root}-2::${root}##${CUSTOMIZATION[message.profile]}::2.1`;
}

/** Peppol process identifier (scheme cenbii-procid-ubl) of BIS Billing 3.0. */
export const PEPPOL_BILLING_PROCESS_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0";

/** Participant identifier in the Peppol notation `iso6523-actorid-upis::<scheme>:<id>`. */
export function participantId(party: ParticipantId): string {
  return `iso6523-actorid-upis::${party.scheme}:${party.id}`;
}

/** `F2026-00001.xml`, `F2026-00001-nlcius.xml`: the same names as the downloads (render-invoice-file.ts). */
export function ublFileName(invoiceNumber: string, profile: AccessPointMessage["profile"]): string {
  // Invoice numbers are F2026-00001 style; anything else must never leave the folder.
  const safe = invoiceNumber.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\./, "_");
  return `${safe}${profile === "nlcius" ? "-nlcius" : ""}.xml`;
}

/**
 * Writes `<number>.xml` plus `<number>.json` (the routing envelope an AP needs) into `dir`. Both are
 * written to a temporary name and renamed, so a folder watcher never sees half a file; the JSON is
 * renamed last and marks the pair complete. A resend overwrites the pair with a new message id.
 */
export function outboxFolderSender(dir: string, clock: () => Date = () => new Date()): AccessPointSender {
  return {
    name: "outbox-folder",
    async send(message) {
      const folder = path.resolve(dir);
      await mkdir(folder, { recursive: true });
      const xmlName = ublFileName(message.invoiceNumber, message.profile);
      const xmlPath = path.join(folder, xmlName);
      const jsonPath = xmlPath.replace(/\.xml$/, ".json");
      const messageId = randomUUID();
      const envelope = {
        messageId,
        invoiceNumber: message.invoiceNumber,
        file: xmlName,
        sender: participantId(message.senderId),
        receiver: participantId(message.receiverId),
        documentTypeId: peppolDocumentTypeId(message),
        processId: PEPPOL_BILLING_PROCESS_ID,
        documentType: message.documentType,
        profile: message.profile,
        createdAt: clock().toISOString(),
      };
      const temp = `.${messageId}.tmp`;
      await writeFile(path.join(folder, `${temp}.xml`), message.documentXml, "utf8");
      await rename(path.join(folder, `${temp}.xml`), xmlPath);
      await writeFile(path.join(folder, `${temp}.json`), `${JSON.stringify(envelope, null, 2)}\n`, "utf8");
      await rename(path.join(folder, `${temp}.json`), jsonPath);
      // The file's name, not its path on the server: the id is shown to staff on the invoice page.
      return { messageId: `${messageId} (${xmlName})` };
    },
  };
}

function readMessageId(body: string, headers: Headers): string | null {
  const fromHeader = headers.get("x-message-id");
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    for (const key of ["messageId", "message_id", "id"]) {
      const value = parsed[key];
      if ((typeof value === "string" && value.trim() !== "") || typeof value === "number") return String(value);
    }
  } catch {
    // Not JSON: fall back to the header.
  }
  return fromHeader?.trim() || null;
}

/**
 * POSTs the UBL document to an access point's submission API with a bearer token. The routing data
 * travels in headers (X-Peppol-Sender/Receiver/Document-Type/Process); the AP answers with the
 * message id as JSON (`messageId`, `message_id` or `id`) or in an `X-Message-Id` header.
 * 5xx, 408, 429 and network errors are retryable; any other non-2xx is permanent.
 */
export function httpAccessPointSender(
  url: string,
  token: string | undefined,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): AccessPointSender {
  const send = options.fetch ?? fetch;
  return {
    name: "http",
    async send(message) {
      let response: Response;
      try {
        response = await send(url, {
          method: "POST",
          headers: {
            "content-type": "application/xml; charset=UTF-8",
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            "x-peppol-sender": participantId(message.senderId),
            "x-peppol-receiver": participantId(message.receiverId),
            "x-peppol-document-type": peppolDocumentTypeId(message),
            "x-peppol-process": PEPPOL_BILLING_PROCESS_ID,
            "x-invoice-number": message.invoiceNumber,
          },
          body: message.documentXml,
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
          redirect: "error",
        });
      } catch (failure) {
        throw new AccessPointError(`access point not reachable: ${failure instanceof Error ? failure.message : String(failure)}`, true);
      }
      const body = (await response.text().catch(() => "")).slice(0, 10_000);
      if (!response.ok) {
        const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
        throw new AccessPointError(`access point answered HTTP ${response.status}: ${body.slice(0, 300)}`, retryable, response.status);
      }
      const messageId = readMessageId(body, response.headers);
      // Accepted but unidentifiable: resending could deliver twice, so this is not retried.
      if (!messageId) throw new AccessPointError(`access point answered HTTP ${response.status} without a message id`, false, response.status);
      return { messageId };
    },
  };
}

const holder = globalThis as unknown as { __koppelAccessPoint?: AccessPointSender };

/** The configured sender: the HTTP access point when PEPPOL_AP_URL is set, else the outbox folder. */
export function accessPointSender(): AccessPointSender {
  holder.__koppelAccessPoint ??= env.PEPPOL_AP_URL
    ? httpAccessPointSender(env.PEPPOL_AP_URL, env.PEPPOL_AP_TOKEN)
    : outboxFolderSender(env.PEPPOL_OUTBOX_DIR);
  return holder.__koppelAccessPoint;
}

/** Tests point the delivery at a temporary folder or a fake access point; undefined restores the configured one. */
export function setAccessPointSenderForTests(sender: AccessPointSender | undefined): void {
  holder.__koppelAccessPoint = sender;
}
