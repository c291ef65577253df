/**
 * What kind of network address an outgoing request on a user's behalf (a product photo's URL) would
 * reach. Only `public` may be fetched: everything else is the shop's own machine, its network or the
 * cloud's metadata service (169.254.169.254), the classic server-side request forgery targets. Pure:
 * addresses in, a class out (RFC 6890 special-purpose registries, IPv4 and IPv6).
 */

export type AddressClass =
  | "public"
  | "invalid"
  | "unspecified"
  | "loopback"
  | "private"
  | "link_local"
  | "shared"
  | "unique_local"
  | "multicast"
  | "documentation"
  | "reserved";

/** Four bytes of a dotted-quad IPv4 address in its canonical form (no octal, hex or short forms), or null. */
export function parseIPv4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const bytes = parts.map((part) => (/^(0|[1-9][0-9]{0,2})$/.test(part) ? Number(part) : NaN));
  return bytes.every((byte) => byte >= 0 && byte <= 255) ? bytes : null;
}

/** Sixteen bytes of an IPv6 address (`::` shorthand, an IPv4 tail, a zone and brackets allowed), or null. */
export function parseIPv6(text: string): number[] | null {
  let rest = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const zone = rest.indexOf("%");
  if (zone >= 0) rest = rest.slice(0, zone);
  const lastColon = rest.lastIndexOf(":");
  if (lastColon < 0) return null;
  const tail = rest.slice(lastColon + 1);
  if (tail.includes(".")) {
    const v4 = parseIPv4(tail);
    if (!v4) return null;
    rest = `${rest.slice(0, lastColon + 1)}${((v4[0]! << 8) | v4[1]!).toString(16)}:${((v4[2]! << 8) | v4[3]!).toString(16)}`;
  }
  const halves = rest.split("::");
  if (halves.length > 2) return null;
  const groupsOf = (part: string) => (part === "" ? [] : part.split(":"));
  const head = groupsOf(halves[0]!);
  const back = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (halves.length === 1 ? head.length !== 8 : head.length + back.length > 7) return null;
  const groups = [...head, ...Array<string>(8 - head.length - back.length).fill("0"), ...back];
  if (!groups.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return null;
  return groups.flatMap((group) => {
    const value = parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

/** True when the first `bits` bits of `bytes` equal those of `prefix`. */
function inPrefix(bytes: number[], prefix: number[], bits: number): boolean {
  for (let bit = 0; bit < bits; bit += 8) {
    const mask = bits - bit >= 8 ? 0xff : (0xff << (8 - (bits - bit))) & 0xff;
    if (((bytes[bit / 8] ?? 0) & mask) !== ((prefix[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

const IPV4_RANGES: [number[], number, AddressClass][] = [
  [[0, 0, 0, 0], 8, "unspecified"], // "this network"; 0.0.0.0 reaches the local machine on Linux
  [[10, 0, 0, 0], 8, "private"],
  [[100, 64, 0, 0], 10, "shared"], // carrier-grade NAT
  [[127, 0, 0, 0], 8, "loopback"],
  [[169, 254, 0, 0], 16, "link_local"], // incl. 169.254.169.254, the cloud metadata service
  [[172, 16, 0, 0], 12, "private"],
  [[192, 0, 0, 0], 24, "reserved"], // IETF protocol assignments
  [[192, 0, 2, 0], 24, "documentation"],
  [[192, 88, 99, 0], 24, "reserved"], // 6to4 relay anycast
  [[192, 168, 0, 0], 16, "private"],
  [[198, 18, 0, 0], 15, "reserved"], // benchmarking
  [[198, 51, 100, 0], 24, "documentation"],
  [[203, 0, 113, 0], 24, "documentation"],
  [[224, 0, 0, 0], 4, "multicast"],
  [[240, 0, 0, 0], 4, "reserved"], // incl. 255.255.255.255
];

function classifyIPv4(bytes: number[]): AddressClass {
  return IPV4_RANGES.find(([prefix, bits]) => inPrefix(bytes, prefix, bits))?.[2] ?? "public";
}

const v6 = (text: string) => parseIPv6(text)!;

function classifyIPv6(bytes: number[]): AddressClass {
  if (bytes.every((byte) => byte === 0)) return "unspecified";
  if (inPrefix(bytes, v6("::1"), 128)) return "loopback";
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) reach the IPv4 address they carry.
  if (inPrefix(bytes, v6("::ffff:0:0"), 96) || inPrefix(bytes, v6("64:ff9b::"), 96)) return classifyIPv4(bytes.slice(12));
  // 6to4 (2002:a.b.c.d::/48) likewise.
  if (inPrefix(bytes, v6("2002::"), 16)) return classifyIPv4(bytes.slice(2, 6));
  if (inPrefix(bytes, v6("fc00::"), 7)) return "unique_local";
  if (inPrefix(bytes, v6("fe80::"), 10)) return "link_local";
  if (inPrefix(bytes, v6("fec0::"), 10)) return "private"; // deprecated site-local
  if (inPrefix(bytes, v6("ff00::"), 8)) return "multicast";
  if (inPrefix(bytes, v6("2001:db8::"), 32)) return "documentation";
  // Teredo (2001::/32) and the rest of the IETF block (2001::/23: ORCHID, AMT …) carry or reach other networks.
  if (inPrefix(bytes, v6("2001::"), 23)) return "reserved";
  // Global unicast is 2000::/3; everything else (IPv4-compatible ::a.b.c.d, discard 100::/64 …) is not the internet.
  return inPrefix(bytes, v6("2000::"), 3) ? "public" : "reserved";
}

/** The class of an IPv4 or IPv6 address as text (`[…]` brackets allowed); a host name is `invalid`. */
export function classifyAddress(text: string): AddressClass {
  const v4 = parseIPv4(text);
  if (v4) return classifyIPv4(v4);
  const bytes = parseIPv6(text);
  return bytes ? classifyIPv6(bytes) : "invalid";
}

export function isPublicAddress(text: string): boolean {
  return classifyAddress(text) === "public";
}

/** An IPv4 or IPv6 literal (what a URL's host may be instead of a name). */
export function isAddressLiteral(text: string): boolean {
  return parseIPv4(text) !== null || parseIPv6(text) !== null;
}
