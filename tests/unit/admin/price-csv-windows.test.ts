import { describe, expect, it } from "vitest";
import { contractCustomersLeftEmpty, coversDay, type ContractReachInput } from "@/lib/admin/price-csv/contract-reach";
import { readHeader, readPriceRows } from "@/lib/admin/price-csv/read-price-rows";

describe("CSV lines outside the price list's own window", () => {
  const { columns } = readHeader({ line: 1, fields: ["sku", "value", "valid_from", "valid_to"] });
  const products = new Map([["A", { id: 1, listPriceMinor: 1000, currency: "EUR", costMinor: null }]]);
  const warningsOf = (validFrom: string, validTo: string, listWindow: { validFrom: string | null; validTo: string | null } | undefined) =>
    readPriceRows(columns, [{ line: 2, fields: ["A", "5", validFrom, validTo] }], products, { currency: "EUR", listWindow }).warnings.map((w) => w.code);

  it.each<[string, string, string, { validFrom: string | null; validTo: string | null } | undefined, string[]]>([
    ["starts after the list's end", "2027-01-01", "", { validFrom: null, validTo: "2026-12-31" }, ["after_list_end"]],
    ["starts on the list's last day (it applies that day)", "2026-12-31", "", { validFrom: null, validTo: "2026-12-31" }, []],
    ["Dutch date after the end", "01-02-2027", "", { validFrom: "2026-01-01", validTo: "2026-12-31" }, ["after_list_end"]],
    ["ends before the list starts", "", "2025-12-31", { validFrom: "2026-01-01", validTo: null }, ["before_list_start"]],
    ["ends on the list's first day", "", "2026-01-01", { validFrom: "2026-01-01", validTo: null }, []],
    ["no own window", "", "", { validFrom: "2026-01-01", validTo: "2026-12-31" }, []],
    ["an open-ended list", "2030-01-01", "", { validFrom: null, validTo: null }, []],
    ["no list window given", "2030-01-01", "", undefined, []],
  ])("%s → %j", (_what, validFrom, validTo, listWindow, expected) => {
    expect(warningsOf(validFrom, validTo, listWindow)).toEqual(expected);
  });

  it("a line with such a warning is still valid (applied, like the other warnings)", () => {
    const result = readPriceRows(columns, [{ line: 2, fields: ["A", "5", "2027-01-01", ""] }], products, {
      currency: "EUR",
      listWindow: { validFrom: null, validTo: "2026-12-31" },
    });
    expect(result.valid.map((row) => row.sku)).toEqual(["A"]);
    expect(result.warnings).toEqual([{ line: 2, sku: "A", code: "after_list_end" }]);
  });
});

describe("coversDay", () => {
  it.each<[string | null, string | null, string, boolean]>([
    [null, null, "2026-11-28", true],
    ["2026-11-28", null, "2026-11-28", true],
    ["2026-11-29", null, "2026-11-28", false],
    [null, "2026-11-28", "2026-11-28", true],
    [null, "2026-11-27", "2026-11-28", false],
  ])("%s … %s on %s → %s", (validFrom, validTo, day, expected) => {
    expect(coversDay({ validFrom, validTo }, day)).toBe(expected);
  });
});

describe("contract-only customers an import leaves with an empty shop", () => {
  const day = "2026-11-28";
  const open = { validFrom: null, validTo: null };
  const base: ContractReachInput = {
    day,
    list: open,
    existing: [
      { productId: 1, ...open, eligible: true },
      { productId: 2, ...open, eligible: true },
    ],
    incoming: [],
    activeProductIds: new Set(),
    replaceAll: false,
    customers: [
      { companyId: 10, name: "Gemeente Waterland", hasOtherContractProducts: false },
      { companyId: 11, name: "Breed B.V.", hasOtherContractProducts: true },
    ],
  };
  const waterland = [{ companyId: 10, name: "Gemeente Waterland" }];

  it.each<[string, Partial<ContractReachInput>, ReturnType<typeof contractCustomersLeftEmpty>]>([
    ["an upsert that keeps today's entries", { incoming: [{ productId: 3, entry: open }], activeProductIds: new Set([3]) }, null],
    ["replacing with a product priced today", { replaceAll: true, incoming: [{ productId: 3, entry: open }], activeProductIds: new Set([3]) }, null],
    [
      "replacing with lines that start next month",
      { replaceAll: true, incoming: [{ productId: 3, entry: { validFrom: "2026-12-01", validTo: null } }], activeProductIds: new Set([3]) },
      { listEmpty: false, customers: waterland },
    ],
    [
      "replacing with an inactive product only",
      { replaceAll: true, incoming: [{ productId: 3, entry: open }], activeProductIds: new Set() },
      { listEmpty: false, customers: waterland },
    ],
    ["replacing with nothing: the list is empty", { replaceAll: true }, { listEmpty: true, customers: waterland }],
    [
      "updating today's entries to windows that ended",
      {
        incoming: [
          { productId: 1, entry: { validFrom: null, validTo: "2026-11-27" } },
          { productId: 2, entry: { validFrom: null, validTo: "2026-11-27" } },
        ],
        activeProductIds: new Set([1, 2]),
      },
      { listEmpty: false, customers: waterland },
    ],
    ["an existing entry of an inactive product does not count", { existing: [{ productId: 1, ...open, eligible: false }] }, { listEmpty: false, customers: waterland }],
    [
      "a list that does not hold today prices nothing, whatever its lines",
      { list: { validFrom: "2027-01-01", validTo: null }, incoming: [{ productId: 3, entry: open }], activeProductIds: new Set([3]) },
      { listEmpty: false, customers: waterland },
    ],
    [
      "customers with products from another list are not named",
      { replaceAll: true, customers: [{ companyId: 11, name: "Breed B.V.", hasOtherContractProducts: true }] },
      null,
    ],
  ])("%s", (_what, changes, expected) => {
    expect(contractCustomersLeftEmpty({ ...base, ...changes })).toEqual(expected);
  });
});
