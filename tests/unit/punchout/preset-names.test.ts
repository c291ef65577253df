import { describe, expect, it } from "vitest";
import { LOCALES } from "@/lib/i18n/locales";
import { CXML_PRESETS } from "@/lib/punchout/cxml/presets";
import { OCI_PRESETS } from "@/lib/punchout/oci/presets";
import { presetName, presetOptions, protocolName } from "@/lib/punchout/preset-names";

describe("presetName", () => {
  it.each([
    ["oci", "generic-oci-4", "nl", "Algemeen OCI 4.0"],
    ["oci", "generic-oci-4", "en", "Generic OCI 4.0"],
    ["oci", "exact", "nl", "Exact (Globe/Synergy via OCI-uitbreiding)"],
    ["cxml", "ghx", "nl", "GHX (zorg)"],
    ["cxml", "ghx", "en", "GHX (healthcare)"],
    ["cxml", "generic", "nl", "Algemeen cXML-inkoopsysteem"],
    ["cxml", "generic", "en", "Generic cXML buyer"],
    ["cxml", "afas", "nl", "AFAS Profit (alleen cXML-inkooporders)"],
    // Brand names read the same in every language.
    ["oci", "sap-srm", "nl", "SAP SRM"],
    ["oci", "sap-srm", "en", "SAP SRM"],
    ["cxml", "ariba", "nl", "SAP Ariba / SAP Business Network"],
    ["oci", "ivalua", "nl", "Ivalua (OCI)"],
    ["cxml", "ivalua", "nl", "Ivalua"],
    // A preset that no longer exists (connections keep their id) and ids of the other protocol: the id.
    ["oci", "retired-preset", "nl", "retired-preset"],
    ["oci", "ghx", "nl", "ghx"],
    ["cxml", "toString", "en", "toString"],
  ] as const)("%s %s in %s is %s", (protocol, id, locale, name) => {
    expect(presetName(protocol, id, locale)).toBe(name);
  });

  it("names no preset with English generic words in Dutch", () => {
    const english = /\b(generic|healthcare|only|buyer|add-on|orders)\b/i;
    const dutch = [...presetOptions("oci", "nl"), ...presetOptions("cxml", "nl")].map((p) => p.label);
    expect(dutch.filter((label) => english.test(label))).toEqual([]);
  });

  it("offers every preset of each protocol, with a name in every language", () => {
    for (const locale of LOCALES) {
      expect(presetOptions("oci", locale).map((p) => p.id)).toEqual(Object.keys(OCI_PRESETS));
      expect(presetOptions("cxml", locale).map((p) => p.id)).toEqual(Object.keys(CXML_PRESETS));
      expect([...presetOptions("oci", locale), ...presetOptions("cxml", locale)].every((p) => p.label.trim() !== "" && p.label !== p.id)).toBe(true);
    }
  });
});

describe("protocolName", () => {
  it.each([
    ["oci", "OCI"],
    ["cxml", "cXML"],
  ] as const)("%s is spelled %s", (protocol, name) => {
    expect(protocolName(protocol)).toBe(name);
  });
});
