import { describe, expect, it } from "vitest";
import { isReturnUrlAllowed } from "@/lib/punchout/return-url";

const RULES = ["https://erp.example.com", "http://localhost:*", "https://srm.example.com:8443", "http://[::1]:*"];

describe("isReturnUrlAllowed", () => {
  it.each<[string, string, boolean]>([
    ["allowed origin with path and query", "https://erp.example.com/sap/bc/bsp/sap/bbp_oci?sap-client=100", true],
    ["any-port rule, explicit port", "http://localhost:3999/hook", true],
    ["any-port rule, default port", "http://localhost/hook", true],
    ["upper-case scheme and host", "HTTPS://ERP.EXAMPLE.COM/hook", true],
    ["explicit default port 443", "https://erp.example.com:443/hook", true],
    ["explicit allowed non-default port", "https://srm.example.com:8443/oci", true],
    ["IPv6 loopback, any port", "http://[::1]:8080/hook", true],
    ["different port", "https://erp.example.com:444/hook", false],
    ["allowed port rule, default port used", "https://srm.example.com/oci", false],
    ["http instead of https", "http://erp.example.com/hook", false],
    ["https instead of http on localhost", "https://localhost:3999/hook", false],
    ["allowed host as subdomain of attacker", "http://localhost.evil.com:3999/", false],
    ["allowed host as prefix", "https://erp.example.com.evil.com/", false],
    ["subdomain of allowed host", "https://sub.erp.example.com/", false],
    ["trailing-dot host", "https://erp.example.com./", false],
    ["userinfo before the allowed host", "http://evil.com@localhost:3999/", false],
    ["allowed host as userinfo", "http://localhost:3999@evil.com/", false],
    ["backslash trick", "https://evil.com\\@erp.example.com/", false],
    ["javascript: URL", "javascript:alert(document.cookie)", false],
    ["data: URL", "data:text/html,<script>alert(1)</script>", false],
    ["protocol-relative URL", "//erp.example.com/hook", false],
    ["not a URL", "erp.example.com", false],
    ["empty string", "", false],
  ])("%s → %s", (_label, url, allowed) => {
    expect(isReturnUrlAllowed(url, RULES)).toBe(allowed);
  });

  it.each<[string, string[], string, boolean]>([
    ["upper-case rule with trailing slash", ["HTTPS://ERP.EXAMPLE.COM/"], "https://erp.example.com/x", true],
    ["rule with explicit default port", ["https://erp.example.com:443"], "https://erp.example.com/x", true],
    ["rule with a path is not an origin", ["https://erp.example.com/sap"], "https://erp.example.com/sap", false],
    ["wildcard host rule is not supported", ["https://*.example.com"], "https://erp.example.com/", false],
    ["garbage rule", ["*"], "https://erp.example.com/", false],
    ["javascript: rule", ["javascript:alert(1)"], "javascript:alert(1)", false],
    ["empty allowlist", [], "https://erp.example.com/", false],
  ])("rule: %s", (_label, rules, url, allowed) => {
    expect(isReturnUrlAllowed(url, rules)).toBe(allowed);
  });
});
