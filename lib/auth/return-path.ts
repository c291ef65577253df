/** Only parsed against, never contacted: a relative path keeps this origin, anything else does not. */
const PROBE_ORIGIN = "http://return-path.invalid";

/**
 * Where to send a browser back to after signing in (login `callbackUrl`) or switching the language
 * (`returnTo`): a path on this site, or "/". A prefix check is not enough, as browsers read URLs:
 * they drop tabs and newlines and take "\" for "/", so "/\t/evil.example" and "/\evil.example" are
 * the protocol-relative "//evil.example" (an open redirect into a look-alike sign-in page). The value
 * is therefore parsed the way a browser parses it and given back normalised — and refused when even
 * that starts with "//" ("/.//evil.example" normalises to it). Pure.
 */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2000) return "/";
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return "/";
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === PROBE_ORIGIN && !path.startsWith("//") ? path : "/";
}

/**
 * Where a sign-in leads: the page asked for (safeReturnPath), or — when none was, "/" — the back
 * office for staff. The shop's header has no way to /admin, so an account manager who signed in on
 * the shop's own sign-in page was left on the shop's front page. Pure.
 */
export function afterSignInPath(requested: unknown, role: string | null | undefined): string {
  const path = safeReturnPath(requested);
  return path === "/" && (role === "account_manager" || role === "admin") ? "/admin" : path;
}
