interface OriginRule {
  protocol: string;
  hostname: string;
  /** "" = the scheme's default port, "*" = any port. */
  port: string;
}

const ORIGIN_RULE = /^(https?):\/\/([^\s/?#@:[\]\\]+|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?\/?$/i;

function parseOriginRule(rule: string): OriginRule | null {
  const match = ORIGIN_RULE.exec(rule.trim());
  if (!match) return null;
  const [, scheme, host, port] = match;
  try {
    // Let the WHATWG parser normalise case, IDN, IPv6 and default ports exactly as it does for the URL.
    const url = new URL(`${scheme}://${host}${port && port !== "*" ? `:${port}` : ""}`);
    return { protocol: url.protocol, hostname: url.hostname, port: port === "*" ? "*" : url.port };
  } catch {
    return null;
  }
}

/**
 * Whether a buyer-supplied return URL (OCI `HOOK_URL`, cXML `BrowserFormPost`) points at one of the
 * connection's allowed origins. A rule is `scheme://host[:port]`; `:*` allows any port
 * (`http://localhost:*`). Scheme, host and port must match exactly after WHATWG URL parsing, so
 * `http://localhost.evil.com`, `http://evil.com@localhost` (userinfo is refused outright) and
 * `javascript:` never pass. Rules that do not parse match nothing. (PROTOCOLS.md §5, return URL validation)
 */
export function isReturnUrlAllowed(url: string, allowedOrigins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return false;
  if (parsed.username !== "" || parsed.password !== "") return false;
  return allowedOrigins.some((text) => {
    const rule = parseOriginRule(text);
    return (
      rule !== null &&
      rule.protocol === parsed.protocol &&
      rule.hostname === parsed.hostname &&
      (rule.port === "*" || rule.port === parsed.port)
    );
  });
}

/** Whether an allowed-origin rule as typed by an account manager is well-formed (`https://buyer.example`, `http://localhost:*`). */
export function isValidOriginRule(rule: string): boolean {
  return parseOriginRule(rule) !== null;
}
