/** An address on one line (", "), or one part per line for a label or a mail ("\n"). */
export function addressText(
  address: { name: string; attention?: string | null; street: string; postalCode: string; city: string; countryCode: string },
  separator = ", ",
): string {
  return [address.name, address.attention, address.street, `${address.postalCode} ${address.city}`, address.countryCode]
    .filter(Boolean)
    .join(separator);
}
