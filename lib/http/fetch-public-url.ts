import "server-only";
import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { parseImageUrl, usesWebPort } from "@/lib/catalog/remote-image";
import { classifyAddress, isAddressLiteral } from "./address-class";

/**
 * GET of a URL a user gave us (a product photo's address), guarded against server-side request
 * forgery: each hop's host is resolved, every address it resolves to must be public
 * (lib/http/address-class.ts), its port must be a usual web port (IMAGE_URL_PORTS: 80/8080 for http,
 * 443/8443 for https), and the connection goes to exactly the address that was checked (a `lookup`
 * that answers with it), so a DNS answer that changes between check and connect (rebinding) cannot
 * reach the shop's network. Over https the certificate is verified by Node's default checks against
 * the URL's host name (sent as SNI), not the pinned address. Redirects are followed by the same rules,
 * the body is read up to a limit (whatever Content-Length claims) and the whole fetch has one deadline.
 */

export type FetchProblem =
  | "image_url_invalid"
  | "image_url_not_allowed"
  | "image_url_port_not_allowed"
  | "image_fetch_failed"
  | "image_fetch_status"
  | "image_too_large"
  | "image_type_not_allowed";

export class FetchPublicUrlError extends Error {
  constructor(
    readonly problem: FetchProblem,
    readonly details: { status?: number; reason?: string } = {},
  ) {
    super(problem);
    this.name = "FetchPublicUrlError";
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface FetchPublicUrlOptions {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /**
   * Hosts (as written in the URL) or addresses that may be reached although not public, on any port.
   * For tests and development only (PRODUCT_IMAGE_FETCH_ALLOW_HOSTS); empty in production.
   */
  allowHosts?: readonly string[];
  /**
   * PEM certificates to trust for https instead of Node's default roots (the TLS connection's `ca`):
   * for tests' self-signed servers and a private PKI. Verification itself always stays on; unset, the
   * public roots are trusted.
   */
  trustedCertificates?: readonly string[];
  /** Refuses an answer by its Content-Type before the body is read. */
  acceptContentType?: (contentType: string | null) => boolean;
  /** DNS; replaceable in tests. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
}

export interface FetchedUrl {
  bytes: Uint8Array;
  contentType: string | null;
  /** Where the bytes came from, after redirects. */
  url: URL;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

async function systemResolve(hostname: string): Promise<ResolvedAddress[]> {
  const answers = await dnsLookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
}

/** The addresses to connect to for `url`'s host, all of them allowed, or a FetchPublicUrlError. */
async function checkedAddresses(url: URL, options: FetchPublicUrlOptions): Promise<ResolvedAddress[]> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const allowed = new Set((options.allowHosts ?? []).map((entry) => entry.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1")).filter(Boolean));
  let addresses: ResolvedAddress[];
  if (isAddressLiteral(host)) {
    addresses = [{ address: host, family: host.includes(":") ? 6 : 4 }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolve)(host);
    } catch {
      throw new FetchPublicUrlError("image_fetch_failed", { reason: "dns" });
    }
  }
  if (addresses.length === 0) throw new FetchPublicUrlError("image_fetch_failed", { reason: "dns" });
  // Every answer must be allowed: a name that also points inside is refused, whichever answer a connect would pick.
  const isAllowed = (address: string) => allowed.has(host) || allowed.has(address.toLowerCase());
  if (!addresses.every(({ address }) => classifyAddress(address) === "public" || isAllowed(address))) throw new FetchPublicUrlError("image_url_not_allowed");
  // Only the usual web ports, unless the host (or every address it has) is one the allow list opens.
  if (!usesWebPort(url) && !addresses.every(({ address }) => isAllowed(address))) throw new FetchPublicUrlError("image_url_port_not_allowed");
  return addresses;
}

/** A lookup that answers only with the checked address: the socket connects where the check looked. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) (callback as (error: null, addresses: ResolvedAddress[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}

function get(url: URL, pinned: ResolvedAddress, signal: AbortSignal, trustedCertificates?: readonly string[]): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const tls = url.protocol === "https:";
    const client = tls ? https : http;
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    const request = client.request(url, {
      method: "GET",
      agent: false,
      lookup: pinnedLookup(pinned),
      // The lookup changes where the socket connects, not whom TLS talks to: SNI and the certificate
      // check use the URL's host name (an address literal is checked as an IP and sends no SNI).
      ...(tls && !isAddressLiteral(host) ? { servername: host } : {}),
      ...(tls && trustedCertificates ? { ca: [...trustedCertificates] } : {}),
      signal,
      headers: { accept: "image/*,*/*;q=0.5", "accept-encoding": "identity", "user-agent": "Koppel product photo import" },
    });
    request.once("response", resolve);
    request.once("error", reject);
    request.end();
  });
}

async function readLimited(response: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) {
      response.destroy();
      throw new FetchPublicUrlError("image_too_large");
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

async function fetchWithin(start: URL, options: FetchPublicUrlOptions, signal: AbortSignal): Promise<FetchedUrl> {
  let url = start;
  for (let redirects = 0; ; redirects++) {
    const [pinned] = await checkedAddresses(url, options);
    const response = await get(url, pinned!, signal, options.trustedCertificates);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECT_STATUSES.has(status) && location) {
      response.destroy();
      if (redirects >= options.maxRedirects) throw new FetchPublicUrlError("image_fetch_failed", { reason: "redirects" });
      let target: URL;
      try {
        target = new URL(location, url);
      } catch {
        throw new FetchPublicUrlError("image_url_invalid", { reason: "redirect" });
      }
      const parsed = parseImageUrl(target.href);
      if (!parsed.ok) throw new FetchPublicUrlError("image_url_invalid", { reason: "redirect" });
      url = parsed.url;
      continue;
    }
    if (status < 200 || status > 299) {
      response.destroy();
      throw new FetchPublicUrlError("image_fetch_status", { status });
    }
    const contentType = response.headers["content-type"] ?? null;
    if (options.acceptContentType && !options.acceptContentType(contentType)) {
      response.destroy();
      throw new FetchPublicUrlError("image_type_not_allowed");
    }
    // A declared length over the limit is refused unread; a missing or false one is caught while reading.
    if (Number(response.headers["content-length"] ?? 0) > options.maxBytes) {
      response.destroy();
      throw new FetchPublicUrlError("image_too_large");
    }
    return { bytes: await readLimited(response, options.maxBytes), contentType, url };
  }
}

/**
 * A failed TLS handshake or certificate check (untrusted, self-signed, expired, for another name; no
 * TLS spoken: EPROTO "wrong version number"), by Node's and OpenSSL's error codes.
 */
function isTlsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^ERR_TLS_|^ERR_SSL_|^EPROTO$|CERT|SELF_SIGNED|^UNABLE_TO_/.test(code);
}

/** Fetches `url` (already checked by parseImageUrl) or throws a FetchPublicUrlError (reason "tls" for a certificate that does not verify). */
export async function fetchPublicUrl(url: URL, options: FetchPublicUrlOptions): Promise<FetchedUrl> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const deadline = new Promise<never>((_, reject) =>
    controller.signal.addEventListener("abort", () => reject(new FetchPublicUrlError("image_fetch_failed", { reason: "timeout" })), { once: true }),
  );
  deadline.catch(() => undefined);
  try {
    // The race also bounds DNS, which an AbortSignal does not stop.
    return await Promise.race([fetchWithin(url, options, controller.signal), deadline]);
  } catch (error) {
    if (timedOut) throw new FetchPublicUrlError("image_fetch_failed", { reason: "timeout" });
    if (error instanceof FetchPublicUrlError) throw error;
    throw new FetchPublicUrlError("image_fetch_failed", { reason: isTlsError(error) ? "tls" : "network" });
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/**
 * PRODUCT_IMAGE_FETCH_ALLOW_HOSTS: comma-separated hosts or addresses a photo URL may reach although
 * they are not public (e.g. `127.0.0.1` for the end-to-end tests' image server). For tests and
 * development only; unset, nothing private is reached. Read per call so a test can set it.
 */
export function allowedPrivateHostsFromEnv(): string[] {
  return (process.env.PRODUCT_IMAGE_FETCH_ALLOW_HOSTS ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}
