import { describe, expect, it } from "vitest";
import { classifyAddress, isAddressLiteral, isPublicAddress, parseIPv4, parseIPv6, type AddressClass } from "@/lib/http/address-class";

/** Server-side request forgery guard: which addresses a photo URL may reach (only `public`). */
describe("classifyAddress", () => {
  it.each<[string, string, AddressClass]>([
    // IPv4
    ["a public address", "93.184.215.14", "public"],
    ["a public address next to 10/8", "11.0.0.1", "public"],
    ["0.0.0.0 (reaches the local machine)", "0.0.0.0", "unspecified"],
    ["0.0.0.0/8", "0.255.1.2", "unspecified"],
    ["RFC 1918 10/8", "10.0.0.1", "private"],
    ["RFC 1918 10/8 end", "10.255.255.255", "private"],
    ["RFC 1918 172.16/12 start", "172.16.0.1", "private"],
    ["RFC 1918 172.16/12 end", "172.31.255.254", "private"],
    ["just outside 172.16/12", "172.32.0.1", "public"],
    ["just below 172.16/12", "172.15.255.255", "public"],
    ["RFC 1918 192.168/16", "192.168.1.10", "private"],
    ["CGNAT 100.64/10 start", "100.64.0.1", "shared"],
    ["CGNAT 100.64/10 end", "100.127.255.255", "shared"],
    ["just outside CGNAT", "100.128.0.1", "public"],
    ["loopback", "127.0.0.1", "loopback"],
    ["loopback elsewhere in 127/8", "127.42.0.9", "loopback"],
    ["link-local", "169.254.1.1", "link_local"],
    ["cloud metadata", "169.254.169.254", "link_local"],
    ["multicast 224/4", "224.0.0.251", "multicast"],
    ["multicast end", "239.255.255.250", "multicast"],
    ["reserved 240/4", "240.0.0.1", "reserved"],
    ["broadcast", "255.255.255.255", "reserved"],
    ["IETF protocol assignments", "192.0.0.8", "reserved"],
    ["benchmarking 198.18/15", "198.19.0.1", "reserved"],
    ["TEST-NET-1", "192.0.2.1", "documentation"],
    ["TEST-NET-2", "198.51.100.7", "documentation"],
    ["TEST-NET-3", "203.0.113.9", "documentation"],
    // IPv6
    ["a public IPv6 address", "2606:4700:4700::1111", "public"],
    ["a public IPv6 address, long form", "2a00:1450:4001:0829:0000:0000:0000:200e", "public"],
    ["::1", "::1", "loopback"],
    ["::1 in brackets (a URL's host)", "[::1]", "loopback"],
    ["::1 written out", "0:0:0:0:0:0:0:1", "loopback"],
    ["::", "::", "unspecified"],
    ["unique-local fc00::/7 (fc)", "fc00::1", "unique_local"],
    ["unique-local fc00::/7 (fd)", "fd12:3456:789a::1", "unique_local"],
    ["link-local fe80::/10", "fe80::1", "link_local"],
    ["link-local with a zone", "fe80::1%eth0", "link_local"],
    ["link-local fe80::/10 end", "febf::1", "link_local"],
    ["site-local (deprecated)", "fec0::1", "private"],
    ["multicast ff00::/8", "ff02::1", "multicast"],
    ["documentation 2001:db8::/32", "2001:db8::1", "documentation"],
    ["Teredo 2001::/32", "2001:0:4136:e378::1", "reserved"],
    ["IPv4-compatible (deprecated)", "::7f00:1", "reserved"],
    ["discard 100::/64", "100::1", "reserved"],
    ["outside 2000::/3", "4000::1", "reserved"],
    // IPv4-mapped and other IPv6 forms carrying an IPv4 address: the IPv4 address decides.
    ["mapped loopback", "::ffff:127.0.0.1", "loopback"],
    ["mapped loopback, hex", "::ffff:7f00:1", "loopback"],
    ["mapped loopback, written out", "0:0:0:0:0:ffff:7f00:0001", "loopback"],
    ["mapped metadata", "::ffff:169.254.169.254", "link_local"],
    ["mapped RFC 1918", "::ffff:10.1.2.3", "private"],
    ["mapped 192.168", "[::ffff:c0a8:101]", "private"],
    ["mapped CGNAT", "::ffff:100.64.0.1", "shared"],
    ["mapped 0.0.0.0", "::ffff:0.0.0.0", "unspecified"],
    ["mapped multicast", "::ffff:224.0.0.1", "multicast"],
    ["mapped public", "::ffff:93.184.215.14", "public"],
    ["NAT64 of loopback", "64:ff9b::127.0.0.1", "loopback"],
    ["NAT64 of a public address", "64:ff9b::5db8:d70e", "public"],
    ["6to4 of RFC 1918", "2002:0a00:0001::1", "private"],
    ["6to4 of a public address", "2002:5db8:d70e::1", "public"],
    // Not addresses
    ["a host name", "localhost", "invalid"],
    ["octal-looking IPv4", "0177.0.0.1", "invalid"],
    ["short IPv4", "127.1", "invalid"],
    ["out-of-range IPv4", "256.0.0.1", "invalid"],
    ["two ::", "1::2::3", "invalid"],
    ["nine groups", "1:2:3:4:5:6:7:8:9", "invalid"],
  ])("%s: %s is %s", (_label, address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
    expect(isPublicAddress(address)).toBe(expected === "public");
  });

  it("parses the forms node's DNS and the URL parser give", () => {
    expect(parseIPv4("192.168.0.1")).toEqual([192, 168, 0, 1]);
    expect(parseIPv6("::ffff:192.168.0.1")?.slice(10)).toEqual([0xff, 0xff, 192, 168, 0, 1]);
    expect(parseIPv6("2001:db8::")).toEqual([0x20, 0x01, 0x0d, 0xb8, ...Array(12).fill(0)]);
    expect(isAddressLiteral("[::1]")).toBe(true);
    expect(isAddressLiteral("photos.example.com")).toBe(false);
  });
});
