import { describe, expect, it } from "vitest";
import { knownCarrier, trackingUrlFor } from "@/lib/orders/tracking-url";

const utrecht = { postalCode: "3511 AB", countryCode: "NL" };

describe("track & trace links from carrier and number", () => {
  it.each([
    ["PostNL", "3SKOPP 123456", utrecht, "https://jouw.postnl.nl/track-and-trace/3SKOPP123456-NL-3511AB"],
    ["post nl", "3SABC", { postalCode: "2000", countryCode: "be" }, "https://jouw.postnl.nl/track-and-trace/3SABC-BE-2000"],
    // PostNL's page needs the postcode: without one, no link rather than a page that cannot find the parcel.
    ["PostNL", "3SABC", { postalCode: "", countryCode: "NL" }, null],
    ["DHL Parcel", "JVGL0123", utrecht, "https://www.dhl.com/nl-nl/home/tracking/tracking-parcel.html?submit=1&tracking-id=JVGL0123"],
    ["dpd", "0123 4567 8901 23", utrecht, "https://tracking.dpd.de/status/nl_NL/parcel/01234567890123"],
    ["GLS", "ZX81", utrecht, "https://gls-group.com/NL/nl/pakket-volgen?match=ZX81"],
    ["UPS", "1Z999AA10123456784", utrecht, "https://www.ups.com/track?loc=nl_NL&tracknum=1Z999AA10123456784"],
    // Something in a number that would break out of the URL is encoded, not passed on.
    ["UPS", "1Z&x=<y>", utrecht, "https://www.ups.com/track?loc=nl_NL&tracknum=1Z%26x%3D%3Cy%3E"],
    ["Eigen vervoer", "RIT-12", utrecht, null],
    ["DHL", "   ", utrecht, null],
  ] as const)("%s %s → %s", (carrier, number, shipTo, expected) => {
    expect(trackingUrlFor(carrier, number, shipTo)).toBe(expected);
  });

  it.each([
    ["PostNL", "PostNL"],
    ["Post-NL", "PostNL"],
    ["DHL Express", "DHL"],
    ["DPD Predict", "DPD"],
    ["gls", "GLS"],
    ["UPS Standard", "UPS"],
    ["Van Dijk Transport", null],
    ["", null],
  ])("%j is %j", (name, carrier) => {
    expect(knownCarrier(name)).toBe(carrier);
  });
});
