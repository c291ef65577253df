import { describe, expect, it } from "vitest";
import { clientAddressFrom } from "@/lib/auth/client-address";

describe("clientAddressFrom", () => {
  it.each([
    ["no proxy header", null, 1, null],
    ["one address (the socket's, written by next start, or the proxy's)", "203.0.113.7", 1, "203.0.113.7"],
    ["one proxy: the entry it appended, not the one the client sent before it", "198.51.100.9, 203.0.113.7", 1, "203.0.113.7"],
    ["two proxies (CDN, then load balancer): the second entry from the right", "198.51.100.9, 203.0.113.7, 10.0.0.2", 2, "203.0.113.7"],
    ["more hops configured than entries: the leftmost", "203.0.113.7", 3, "203.0.113.7"],
    ["zero hops is read as one (next start always writes the header)", "198.51.100.9, 203.0.113.7", 0, "203.0.113.7"],
    ["surrounding blanks", "  10.0.0.1 , 2001:db8::1 ", 1, "2001:db8::1"],
    ["an empty header", "", 1, null],
    ["blanks only", "   ", 1, null],
    ["a trailing empty entry gives no address", "203.0.113.7, ", 1, null],
    ["a header too long for an address is cut (a throttle key, not an address check)", "x".repeat(500), 1, "x".repeat(64)],
  ])("%s", (_case, header, hops, expected) => {
    const headers = new Headers(header === null ? {} : { "x-forwarded-for": header });
    expect(clientAddressFrom(headers, hops)).toBe(expected);
  });
});
