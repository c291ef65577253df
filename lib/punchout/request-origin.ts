/**
 * The origin the client actually used (Host / X-Forwarded-Host and -Proto), not the address the
 * server listens on: behind a proxy or on 127.0.0.1 `next start` reports http://localhost:<port>.
 */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host");
  if (!host) return url.origin;
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || url.protocol.replace(/:$/, "");
  return `${proto}://${host}`;
}

/** A 303 to a path on this site; relative, so it works whatever host name the client used. */
export function seeOther(path: string): Response {
  return new Response(null, { status: 303, headers: { location: path, "cache-control": "no-store" } });
}
