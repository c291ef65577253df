import type { Locale } from "@/lib/i18n/locales";
import { CXML_PRESETS } from "@/lib/punchout/cxml/presets";
import { OCI_PRESETS } from "@/lib/punchout/oci/presets";

/**
 * The names account managers see for a connection's protocol and preset, in the UI language. The
 * presets' own `label` is English; most are brand names ("SAP SRM", "Coupa") and read the same in
 * every language, so only the presets with generic words get a name per language here. Pure: used on
 * the server and in the browser.
 */

type Protocol = "oci" | "cxml";

const LOCALIZED: Readonly<Record<`${Protocol}:${string}`, Record<Locale, string>>> = {
  "oci:generic-oci-4": { nl: "Algemeen OCI 4.0", en: "Generic OCI 4.0" },
  "oci:exact": { nl: "Exact (Globe/Synergy via OCI-uitbreiding)", en: "Exact (Globe/Synergy via OCI add-on)" },
  "cxml:ghx": { nl: "GHX (zorg)", en: "GHX (healthcare)" },
  "cxml:afas": { nl: "AFAS Profit (alleen cXML-inkooporders)", en: "AFAS Profit (cXML orders only)" },
  "cxml:generic": { nl: "Algemeen cXML-inkoopsysteem", en: "Generic cXML buyer" },
};

const LABELS: Readonly<Record<Protocol, Readonly<Record<string, { label: string }>>>> = { oci: OCI_PRESETS, cxml: CXML_PRESETS };

/**
 * A preset's name in the UI language: its localized name, else its (brand) label; a preset id that
 * no longer exists (a connection keeps the id it was created with) is shown as the id.
 */
export function presetName(protocol: Protocol, presetId: string, locale: Locale): string {
  const localized = LOCALIZED[`${protocol}:${presetId}`];
  if (localized) return localized[locale];
  return Object.hasOwn(LABELS[protocol], presetId) ? LABELS[protocol][presetId]!.label : presetId;
}

/** The presets of a protocol as the "new connection" form offers them: id and name in the UI language. */
export function presetOptions(protocol: Protocol, locale: Locale): { id: string; label: string }[] {
  return Object.keys(LABELS[protocol]).map((id) => ({ id, label: presetName(protocol, id, locale) }));
}

/** The protocol as it is spelled: "OCI", "cXML". */
export function protocolName(protocol: Protocol): string {
  return protocol === "oci" ? "OCI" : "cXML";
}
