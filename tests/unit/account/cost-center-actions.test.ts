import { beforeEach, describe, expect, it, vi } from "vitest";
import { AppError } from "@/lib/errors";

// The cost centre actions' form handling (app/(shop)/account/cost-centers/actions.ts): who may use a
// cost centre, and a user's default cost centre. The lib they call is mocked; it has tests of its own.
const lib = vi.hoisted(() => ({ saveCostCenter: vi.fn(), setUserDefaultCostCenter: vi.fn(), setCostCenterRequired: vi.fn() }));
vi.mock("@/lib/account/cost-centers", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/account/cost-centers")>()), ...lib }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const admin = { id: 7, companyId: 3, companyName: "Acme", role: "company_admin", name: "Admin", email: "admin@example.com", impersonatedBy: null };
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => admin, getStaffUser: async () => null, isBuyer: () => true }));

const { saveCostCenterAction, setDefaultCostCenterAction } = await import("@/app/(shop)/account/cost-centers/actions");

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

const base: [string, string][] = [
  ["code", "MKT"],
  ["name", "Marketing"],
  ["budget", ""],
  ["budgetPeriod", "month"],
];

beforeEach(() => {
  vi.clearAllMocks();
  lib.saveCostCenter.mockResolvedValue({ id: 1 });
  lib.setUserDefaultCostCenter.mockResolvedValue(undefined);
});

describe("saveCostCenterAction: who may use it", () => {
  it("saves nobody named for everybody, even with boxes still checked", async () => {
    const state = await saveCostCenterAction({ status: "idle" }, form([...base, ["usedBy", "everybody"], ["userIds", "12"]]));
    expect(state).toEqual({ status: "ok", message: "cost_center_added", data: { code: "MKT" } });
    expect(lib.saveCostCenter.mock.calls[0]![2]).toMatchObject({ userIds: [], active: true });
  });

  it("treats a form without the choice as everybody", async () => {
    await saveCostCenterAction({ status: "idle" }, form(base));
    expect(lib.saveCostCenter.mock.calls[0]![2]).toMatchObject({ userIds: [] });
  });

  it("saves the checked users, one value or several", async () => {
    await saveCostCenterAction({ status: "idle" }, form([...base, ["usedBy", "some"], ["userIds", "12"]]));
    await saveCostCenterAction({ status: "idle" }, form([...base, ["costCenterId", "4"], ["usedBy", "some"], ["userIds", "12"], ["userIds", "15"], ["userIds", "12"]]));
    expect(lib.saveCostCenter.mock.calls[0]![2]).toMatchObject({ userIds: [12] });
    expect(lib.saveCostCenter.mock.calls[1]![1]).toBe(4);
    expect(lib.saveCostCenter.mock.calls[1]![2]).toMatchObject({ userIds: [12, 15] });
  });

  it("refuses only these users with nobody checked", async () => {
    const state = await saveCostCenterAction({ status: "idle" }, form([...base, ["usedBy", "some"]]));
    expect(state).toMatchObject({ status: "error", code: "invalid_input", fieldErrors: { userIds: ["choose_users"] } });
    expect(lib.saveCostCenter).not.toHaveBeenCalled();
  });

  it("refuses an unknown choice and user ids that are no ids", async () => {
    expect(await saveCostCenterAction({ status: "idle" }, form([...base, ["usedBy", "all"]]))).toMatchObject({ fieldErrors: { usedBy: ["used_by_invalid"] } });
    expect(await saveCostCenterAction({ status: "idle" }, form([...base, ["usedBy", "some"], ["userIds", "x"]]))).toMatchObject({ status: "error", code: "invalid_input" });
    expect(lib.saveCostCenter).not.toHaveBeenCalled();
  });

  it("reports a user of another company on the users field", async () => {
    lib.saveCostCenter.mockRejectedValue(new AppError("invalid_input", "unknown_user", { field: "userIds" }));
    const state = await saveCostCenterAction({ status: "idle" }, form([...base, ["usedBy", "some"], ["userIds", "99"]]));
    expect(state).toMatchObject({ status: "error", message: "unknown_user", details: { field: "userIds" } });
  });
});

describe("setDefaultCostCenterAction", () => {
  it("sets and clears a user's default cost centre", async () => {
    expect(await setDefaultCostCenterAction({ status: "idle" }, form([["userId", "12"], ["costCenterId", "4"]]))).toEqual({ status: "ok", message: "cost_center_default_saved" });
    await setDefaultCostCenterAction({ status: "idle" }, form([["userId", "12"], ["costCenterId", ""]]));
    expect(lib.setUserDefaultCostCenter.mock.calls.map((call) => call.slice(0, 3))).toEqual([
      [admin, 12, 4],
      [admin, 12, null],
    ]);
  });

  it("reports a cost centre the user may not use, and refuses a missing user", async () => {
    lib.setUserDefaultCostCenter.mockRejectedValue(new AppError("invalid_input", "cost_center_not_for_user", { field: "costCenterId" }));
    expect(await setDefaultCostCenterAction({ status: "idle" }, form([["userId", "12"], ["costCenterId", "4"]]))).toMatchObject({
      status: "error",
      message: "cost_center_not_for_user",
      details: { field: "costCenterId" },
    });
    expect(await setDefaultCostCenterAction({ status: "idle" }, form([["costCenterId", "4"]]))).toMatchObject({ status: "error", code: "invalid_input" });
  });
});
