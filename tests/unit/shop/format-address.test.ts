import { describe, expect, it } from "vitest";
import { addressText, countryName } from "@/lib/format-address";

// Addresses as people read them: in a mail or on the order page the country is named in the
// reader's language, not given as its ISO code.

const address = { name: "Demo Facilities B.V.", attention: null, street: "Stationsplein 12", postalCode: "3511 ED", city: "Utrecht", countryCode: "NL" };

describe("addressText", () => {
  it.each([
    ["nl", "NL", "Nederland"],
    ["en", "NL", "Netherlands"],
    ["nl", "BE", "België"],
    ["en", "DE", "Germany"],
  ] as const)("names the country in the reader's language (%s, %s)", (locale, code, name) => {
    expect(countryName(code, locale)).toBe(name);
    expect(addressText({ ...address, countryCode: code }, "\n", locale).split("\n").at(-1)).toBe(name);
  });

  it("keeps the code without a locale, and leaves out what is empty", () => {
    expect(addressText(address)).toBe("Demo Facilities B.V., Stationsplein 12, 3511 ED Utrecht, NL");
    expect(addressText({ ...address, attention: "Facilitaire dienst", countryCode: "" }, ", ", "nl")).toBe("Demo Facilities B.V., Facilitaire dienst, Stationsplein 12, 3511 ED Utrecht");
  });

  it("gives an unknown code as it is", () => {
    expect(countryName("not a code", "nl")).toBe("not a code");
  });
});
