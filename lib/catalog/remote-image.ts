/**
 * Product photos taken from a URL (a PIM export, the old shop's CDN): the rules a URL and the answer
 * must meet before the bytes go through processProductImage like an upload. Pure: the fetch itself,
 * with its address checks, is lib/http/fetch-public-url.ts.
 */

/** Longer is not a photo's address (and not something to put in an error message). */
export const MAX_IMAGE_URL_LENGTH = 2048;
/** The whole fetch, redirects and body included. */
export const IMAGE_FETCH_TIMEOUT_MS = 15_000;
/** A CDN or a PIM's download link redirects once or twice; more is a loop or a detour. */
export const MAX_IMAGE_REDIRECTS = 3;

/**
 * The ports a photo's URL and each redirect's target may use, per scheme (the port written, or the
 * scheme's default): the usual web ports only, as OWASP's SSRF cheat sheet advises. Any other port
 * would let an admin's URL aim the shop's server at another service of a public host that trusts the
 * shop's address (SMTP on 25, Redis on 6379, a database, SSH) or scan a host's ports through the
 * answers' differences. Private addresses are refused whatever the port (lib/http/address-class.ts);
 * hosts in PRODUCT_IMAGE_FETCH_ALLOW_HOSTS (tests' servers on random ports) are exempt.
 *
 * 8080 (http) and 8443 (https) are allowed too: they are IANA's http-alt and https-alt, where image
 * origins, PIM servers and self-hosted CDNs that cannot bind 80/443 commonly serve (a PIM export link
 * on :8080 is an address admins paste). They speak HTTP, so a request there is the same credential-
 * less GET a web server on 80/443 would get, not a cross-protocol attack; each stays tied to its own
 * scheme (no https on 8080, no http on 8443), which keeps the list at four (scheme, port) pairs.
 */
export const IMAGE_URL_PORTS: Readonly<Record<"http:" | "https:", readonly number[]>> = { "http:": [80, 8080], "https:": [443, 8443] };

/** The port a URL connects to: the one written, else its scheme's default (URL drops a written default). */
export function portOfUrl(url: URL): number {
  if (url.port !== "") return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}

/** Whether an http(s) URL uses one of its scheme's IMAGE_URL_PORTS. */
export function usesWebPort(url: URL): boolean {
  const ports = url.protocol === "http:" || url.protocol === "https:" ? IMAGE_URL_PORTS[url.protocol] : [];
  return ports.includes(portOfUrl(url));
}

export type ImageUrlProblem = "image_url_invalid";
export type ImageUrlReason = "empty" | "too_long" | "syntax" | "scheme" | "credentials";

export type ParsedImageUrl = { ok: true; url: URL } | { ok: false; problem: ImageUrlProblem; reason: ImageUrlReason };

/**
 * An http(s) URL without user name or password, at most MAX_IMAGE_URL_LENGTH long (also each
 * redirect's target). Its port is checked by the fetch (usesWebPort), which knows the allowed hosts.
 */
export function parseImageUrl(text: string): ParsedImageUrl {
  const trimmed = text.trim();
  const refuse = (reason: ImageUrlReason): ParsedImageUrl => ({ ok: false, problem: "image_url_invalid", reason });
  if (trimmed === "") return refuse("empty");
  if (trimmed.length > MAX_IMAGE_URL_LENGTH) return refuse("too_long");
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return refuse("syntax");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return refuse("scheme");
  if (url.username !== "" || url.password !== "") return refuse("credentials");
  if (url.hostname === "" || url.href.length > MAX_IMAGE_URL_LENGTH) return refuse(url.hostname === "" ? "syntax" : "too_long");
  url.hash = "";
  return { ok: true, url };
}

/** The form's text: one URL per line, blank lines skipped, the same URL twice once. */
export function imageUrlsFromText(text: string): string[] {
  return [...new Set(text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== ""))];
}

/**
 * Whether an answer's Content-Type may be a photo: an image type (but not SVG, which can carry script),
 * a generic binary type, or none (many CDNs and PIM downloads say octet-stream). What the bytes really
 * are is processProductImage's call; this only spares reading an HTML error page.
 */
export function mayBeImageContentType(contentType: string | null): boolean {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "") return true;
  if (type === "image/svg+xml" || type.startsWith("image/svg")) return false;
  return type.startsWith("image/") || type === "application/octet-stream" || type === "binary/octet-stream";
}

/** The stored photo's original name: the URL's last path segment ("photo.jpg"), else its host. */
export function imageNameOfUrl(url: URL): string {
  const segment = url.pathname.split("/").filter(Boolean).pop() ?? "";
  let name = segment;
  try {
    name = decodeURIComponent(segment);
  } catch {
    // A malformed escape: keep the segment as written.
  }
  return (name.trim() || url.hostname).slice(0, 255);
}
