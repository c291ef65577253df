import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";

describe("clientAddress", () => {
  it.each([
    ["no proxy header", null, null],
    ["one address", "203.0.113.7", "203.0.113.7"],
    ["the client's, not the proxies' after it", "203.0.113.7, 10.0.0.2, 10.0.0.1", "203.0.113.7"],
    ["surrounding blanks", "  2001:db8::1 ,10.0.0.1", "2001:db8::1"],
    ["an empty header", "", null],
    ["blanks only", "   ", null],
    ["a header too long for an address is cut (a throttle key, not an address check)", "x".repeat(500), "x".repeat(64)],
  ])("%s", (_case, header, expected) => {
    const headers = new Headers(header === null ? {} : { "x-forwarded-for": header });
    expect(clientAddress(headers)).toBe(expected);
  });
});
