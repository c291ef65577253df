/**
 * Track & trace links built from the carrier and tracking number staff type when they record a
 * shipment, so nobody has to copy a link from the carrier's portal. Pure. The carriers Dutch and
 * Belgian suppliers ship with; a carrier that is not known here (a haulier, own transport) gets no
 * link unless staff paste one. PostNL's page needs the recipient's country and postcode with the
 * barcode; the others take the number alone.
 */

export const KNOWN_CARRIERS = ["PostNL", "DHL", "DPD", "GLS", "UPS"] as const;
export type KnownCarrier = (typeof KNOWN_CARRIERS)[number];

/** "postnl", "Post NL", "DHL Parcel", "dpd" → the carrier; anything else: null. */
export function knownCarrier(name: string): KnownCarrier | null {
  const compact = name.toLowerCase().replace(/[^a-z]/g, "");
  if (compact.startsWith("postnl")) return "PostNL";
  if (compact.startsWith("dhl")) return "DHL";
  if (compact.startsWith("dpd")) return "DPD";
  if (compact.startsWith("gls")) return "GLS";
  if (compact.startsWith("ups")) return "UPS";
  return null;
}

/** The carrier's tracking page for this number, or null (unknown carrier, PostNL without a postcode). */
export function trackingUrlFor(carrier: string, trackingNumber: string, shipTo: { postalCode: string; countryCode: string }): string | null {
  const known = knownCarrier(carrier);
  const code = encodeURIComponent(trackingNumber.trim().replace(/\s+/g, ""));
  if (!known || !code) return null;
  switch (known) {
    case "PostNL": {
      const postcode = shipTo.postalCode.replace(/\s+/g, "").toUpperCase();
      const country = shipTo.countryCode.toUpperCase();
      if (!postcode || !/^[A-Z]{2}$/.test(country)) return null;
      return `https://jouw.postnl.nl/track-and-trace/${code}-${country}-${encodeURIComponent(postcode)}`;
    }
    case "DHL":
      return `https://www.dhl.com/nl-nl/home/tracking/tracking-parcel.html?submit=1&tracking-id=${code}`;
    case "DPD":
      return `https://tracking.dpd.de/status/nl_NL/parcel/${code}`;
    case "GLS":
      return `https://gls-group.com/NL/nl/pakket-volgen?match=${code}`;
    case "UPS":
      return `https://www.ups.com/track?loc=nl_NL&tracknum=${code}`;
  }
}
