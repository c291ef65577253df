import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/admin.en.json";
import nl from "@/lib/i18n/messages/admin.nl.json";
import invoicingEn from "@/lib/i18n/messages/invoicing.en.json";
import invoicingNl from "@/lib/i18n/messages/invoicing.nl.json";
import { kvkPeppolIdMismatch } from "@/lib/admin/peppol-kvk";
import { validateVatId } from "@/lib/einvoice/identifiers";
import { countryOptions, CUSTOMER_COUNTRIES } from "@/lib/i18n/countries";

function texts(node: unknown, prefix = ""): [string, string][] {
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    value && typeof value === "object" ? texts(value, `${prefix}${key}.`) : [[`${prefix}${key}`, String(value)] as [string, string]],
  );
}

describe("kvkPeppolIdMismatch (scheme 0106 is the KvK number)", () => {
  const base = { countryCode: "NL", kvkNumber: "68750110", peppolScheme: "0106", peppolId: "68750110" };
  it.each<[string, Partial<typeof base> & Record<string, string | null>, string | null]>([
    ["the KvK number", {}, null],
    ["the KvK number written with spaces and the scheme prefix", { kvkNumber: "6875 0110", peppolId: "0106:6875 0110" }, null],
    ["another number", { peppolId: "12345678" }, "68750110"],
    ["another number, KvK typed with a dot", { kvkNumber: "6875.0110", peppolId: "12345678" }, "68750110"],
    ["another scheme", { peppolScheme: "9944", peppolId: "NL857426199B01" }, null],
    ["no Peppol id yet", { peppolId: "" }, null],
    ["no KvK number to compare with", { kvkNumber: "" }, null],
    ["a KvK number that is itself wrong", { kvkNumber: "1234", peppolId: "12345678" }, null],
    ["a Belgian customer", { countryCode: "BE", kvkNumber: "0412345614", peppolId: "12345678" }, null],
    ["a lower-case country", { countryCode: "nl", peppolId: "12345678" }, "68750110"],
  ])("%s → %s", (_what, changes, expected) => {
    expect(kvkPeppolIdMismatch({ ...base, ...changes })).toBe(expected);
  });
});

describe("examples in the staff texts", () => {
  it("every Dutch VAT number shown as an example passes the check the forms apply", () => {
    const examples = [nl, en, invoicingNl, invoicingEn].flatMap((messages) =>
      texts(messages).flatMap(([key, text]) => [...text.matchAll(/NL\d{9}B\d{2}/g)].map((match) => [key, match[0]] as const)),
    );
    expect(examples.length).toBeGreaterThan(0);
    for (const [key, vatId] of examples) expect([key, validateVatId(vatId)]).toEqual([key, null]);
  });

  it("English texts write example amounts with a decimal point (4.20), not the Dutch comma", () => {
    // ruleNumbers says both are accepted, naming each on purpose.
    const dutch = texts(en).filter(([key, text]) => key !== "admin.csv.ruleNumbers" && /\d,\d{2}(?!\d)/.test(text));
    expect(dutch).toEqual([]);
  });
});

describe("countryOptions", () => {
  it("offers the register's countries, named and sorted in the UI language", () => {
    const dutch = countryOptions("nl");
    expect(dutch.map((c) => c.code).sort()).toEqual([...CUSTOMER_COUNTRIES].sort());
    expect(dutch.find((c) => c.code === "NL")?.name).toBe("Nederland");
    expect(countryOptions("en").find((c) => c.code === "DE")?.name).toBe("Germany");
    const names = dutch.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "nl-NL")));
  });

  it("keeps an existing customer's country outside the list, once, and survives a code that is no region", () => {
    const options = countryOptions("en", ["US", "NL", "", "Z9"]);
    expect(options.filter((c) => c.code === "US")).toEqual([{ code: "US", name: "United States" }]);
    expect(options.filter((c) => c.code === "NL")).toHaveLength(1);
    expect(options.some((c) => c.code === "")).toBe(false);
    expect(options.find((c) => c.code === "Z9")).toBeDefined();
  });
});
