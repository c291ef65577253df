/**
 * Form posts to route handlers (server actions check this themselves): defence in depth next to the
 * SameSite session cookie, a browser's cross-site post is refused. A request without Origin (an old
 * browser, a tool) passes; the session cookie still has to be there.
 */
export function isCrossOriginPost(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  return origin !== new URL(request.url).origin && origin !== `${request.headers.get("x-forwarded-proto") ?? "http"}://${request.headers.get("host")}`;
}
