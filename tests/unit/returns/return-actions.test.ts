import { beforeEach, describe, expect, it, vi } from "vitest";

// The return forms' actions (app/(shop)/account/returns/actions.ts, app/admin/returns/actions.ts): a
// form submitted before hydration is replayed by React with its own `$ACTION_…` fields, which are
// not the form's and must not fail the per-line schemas. The lib they call is mocked (it has tests).
const lib = vi.hoisted(() => ({ requestReturn: vi.fn(), completeReturnForStaff: vi.fn() }));
vi.mock("@/lib/returns/buyer-returns", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/returns/buyer-returns")>()), requestReturn: lib.requestReturn }));
vi.mock("@/lib/admin/returns", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/admin/returns")>()), completeReturnForStaff: lib.completeReturnForStaff }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { url });
  },
}));
const buyer = { id: 7, companyId: 3, companyName: "Acme", role: "buyer", name: "Bea", email: "bea@example.com", impersonatedBy: null };
const staff = { id: 9, role: "account_manager", name: "Max", email: "max@example.com" };
vi.mock("@/lib/auth/guards", () => ({ getCurrentUser: async () => buyer, getStaffUser: async () => staff, isBuyer: () => true }));

const { requestReturnAction } = await import("@/app/(shop)/account/returns/actions");
const { completeReturnAction } = await import("@/app/admin/returns/actions");

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

// What React adds when it replays a form submitted before hydration (names longer than a line field may be).
const replay: [string, string][] = [
  ["$ACTION_REF_1", ""],
  ["$ACTION_1:0", JSON.stringify({ id: "7f0c0a8e5b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8", bound: "$@1" })],
  ["$ACTION_1:1", "[]"],
];

beforeEach(() => {
  vi.clearAllMocks();
  lib.requestReturn.mockResolvedValue({ returnNumber: "R5001" });
  lib.completeReturnForStaff.mockResolvedValue({ creditNotes: ["C2026-00001"] });
});

describe("return forms replayed by React", () => {
  it.each([
    { label: "as typed", extra: [] as [string, string][] },
    { label: "replayed after hydration", extra: replay },
  ])("the buyer's request reaches the lib with only the form's fields ($label)", async ({ extra }) => {
    await expect(requestReturnAction({ status: "idle" }, form([["orderId", "12"], ["quantity_1", "2"], ["reason_1", "damaged"], ["comment", ""], ...extra]))).rejects.toMatchObject({
      url: "/account/returns/R5001?requested=1",
    });
    const input = lib.requestReturn.mock.calls[0]![1] as Record<string, unknown>;
    expect(input).toEqual({ orderId: 12, comment: null, quantity_1: "2", reason_1: "damaged" });
  });

  it.each([
    { label: "as typed", extra: [] as [string, string][] },
    { label: "replayed after hydration", extra: replay },
  ])("staff's goods-received form reaches the lib with only the form's fields ($label)", async ({ extra }) => {
    const state = await completeReturnAction({ status: "idle" }, form([["returnId", "4"], ["received_1", "1"], ["note", "one broken"], ...extra]));
    expect(state).toEqual({ status: "ok" });
    expect(lib.completeReturnForStaff.mock.calls[0]![1]).toEqual({ returnId: 4, note: "one broken", received_1: "1" });
  });

  it("a field of the form that is too long is still refused", async () => {
    const state = await requestReturnAction({ status: "idle" }, form([["orderId", "12"], ["quantity_1", "2".repeat(41)], ["reason_1", "damaged"]]));
    expect(state).toMatchObject({ status: "error", code: "invalid_input" });
    expect(lib.requestReturn).not.toHaveBeenCalled();
  });
});
