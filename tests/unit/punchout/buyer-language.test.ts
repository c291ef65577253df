import { describe, expect, it } from "vitest";
import { sessionLocale, shopLocaleOf } from "@/lib/punchout/buyer-language";

describe("shopLocaleOf: the buyer system's language → the shop's", () => {
  it.each([
    // OCI LANGUAGE: ISO 639-1, SAP mostly upper case, sometimes lower case or padded.
    { language: "EN", expected: "en" },
    { language: "en", expected: "en" },
    { language: "NL", expected: "nl" },
    { language: " nl ", expected: "nl" },
    // SAP's one-letter language key (sy-langu) when SRM fills the parameter from the system field.
    { language: "E", expected: "en" },
    { language: "N", expected: "nl" },
    // cXML xml:lang and other language tags: the primary subtag decides.
    { language: "en-US", expected: "en" },
    { language: "en_GB", expected: "en" },
    { language: "nl-BE", expected: "nl" },
    { language: "ENG", expected: "en" },
    { language: "nld", expected: "nl" },
    // Languages we do not have, and nothing: the session keeps the browser's language.
    { language: "DE", expected: null },
    { language: "de", expected: null },
    { language: "D", expected: null },
    { language: "fr-FR", expected: null },
    { language: "english", expected: null },
    { language: "e n", expected: null },
    { language: "constructor", expected: null },
    { language: "", expected: null },
    { language: "   ", expected: null },
    { language: null, expected: null },
    { language: undefined, expected: null },
    { language: `en-${"x".repeat(40)}`, expected: null },
  ])("$language → $expected", ({ language, expected }) => {
    expect(shopLocaleOf(language)).toBe(expected);
  });
});

describe("sessionLocale: the connection's setting decides whether the buyer system's language counts", () => {
  it.each([
    ["buyer_system", "EN", "en"],
    ["buyer_system", "en-US", "en"],
    ["buyer_system", "de", null],
    ["browser", "EN", null],
    ["browser", "nl-NL", null],
    ["nl", "en-US", "nl"],
    ["en", null, "en"],
  ] as const)("%s with %s → %s", (setting, sent, expected) => {
    expect(sessionLocale(setting, sent)).toBe(expected);
  });
});
