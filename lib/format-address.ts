export function addressText(address: { name: string; attention?: string | null; street: string; postalCode: string; city: string; countryCode: string }): string {
  return [address.name, address.attention, address.street, `${address.postalCode} ${address.city}`, address.countryCode]
    .filter(Boolean)
    .join(", ");
}
