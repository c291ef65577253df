import { describe, expect, it } from "vitest";
import { connectionTestReturnPath, connectionTestReturnUrl, isConnectionTestReturn, readConnectionTestMark } from "@/lib/punchout/connection-test";

const SHOP = "https://shop.example.nl";

describe("connection test sessions", () => {
  it.each([
    ["a test session to its own return path", { connectionTest: { staffId: 4 } }, `${SHOP}/admin/connections/7/test/received`, SHOP, true],
    ["a test session, APP_URL with a trailing slash", { connectionTest: { staffId: 4 } }, `${SHOP}/admin/connections/7/test/received`, `${SHOP}/`, true],
    ["a test session to another connection's return path", { connectionTest: { staffId: 4 } }, `${SHOP}/admin/connections/8/test/received`, SHOP, false],
    ["a test session to another origin", { connectionTest: { staffId: 4 } }, "https://evil.example/admin/connections/7/test/received", SHOP, false],
    ["a test session transferred from another origin than it started on", { connectionTest: { staffId: 4 } }, `${SHOP}/admin/connections/7/test/received`, "https://other.example", false],
    ["a test session without a known origin", { connectionTest: { staffId: 4 } }, `${SHOP}/admin/connections/7/test/received`, undefined, false],
    ["a test session to the path with a query", { connectionTest: { staffId: 4 } }, `${SHOP}/admin/connections/7/test/received?x=1`, SHOP, false],
    ["a buyer's session to the test path", {}, `${SHOP}/admin/connections/7/test/received`, SHOP, false],
    ["a session whose mark is not a staff id", { connectionTest: { staffId: "4" } }, `${SHOP}/admin/connections/7/test/received`, SHOP, false],
    ["a session whose mark is not an object", { connectionTest: true }, `${SHOP}/admin/connections/7/test/received`, SHOP, false],
  ])("%s", (_case, context, returnUrl, baseUrl, allowed) => {
    expect(isConnectionTestReturn({ returnUrl, context }, 7, baseUrl)).toBe(allowed);
  });

  it("reads the mark", () => {
    expect(readConnectionTestMark({ connectionTest: { staffId: 12 } })).toEqual({ staffId: 12 });
    expect(readConnectionTestMark({ caller: "CTLG" })).toBeNull();
    expect(connectionTestReturnPath(3)).toBe("/admin/connections/3/test/received");
    expect(connectionTestReturnUrl(3, "http://localhost:3000")).toBe("http://localhost:3000/admin/connections/3/test/received");
  });
});
