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

export type ImageUrlProblem = "image_url_invalid";
export type ImageUrlReason = "empty" | "too_long" | "syntax" | "scheme" | "credentials";

export type ParsedImageUrl = { ok: true; url: URL } | { ok: false; problem: ImageUrlProblem; reason: ImageUrlReason };

/** An http(s) URL without user name or password, at most MAX_IMAGE_URL_LENGTH long (also each redirect's target). */
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
