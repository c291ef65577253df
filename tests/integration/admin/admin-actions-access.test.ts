// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, priceListEntries, users } from "@/db/schema";
import type { ActionState } from "@/lib/actions/safe-action";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/** Every exported server action under app/admin, found on disk so a new one cannot slip through untested. */
function adminActionFiles(dir = "app/admin"): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? adminActionFiles(full) : name === "actions.ts" ? [full] : [];
  });
}

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let listId: number;
let productId: number;
let actions: { name: string; action: Action }[];

/** A form that would be valid for most admin actions and aims at the buyer's OWN company and list. */
function formAimedAtOwnCompany(): FormData {
  const form = new FormData();
  const fields: Record<string, string> = {
    companyId: String(customer.company.id),
    priceListId: String(listId),
    productId: String(productId),
    userId: String(customer.user.id),
    addressId: String(customer.shipTo.id),
    keyId: "1",
    id: "1",
    name: "Overgenomen B.V.",
    email: "attacker@example.test",
    role: "company_admin",
    locale: "nl",
    countryCode: "NL",
    paymentTermsDays: "60",
    deliveryTerms: "EXW",
    active: "true",
    kind: "fixed",
    value: "0,01",
    tiers: "",
    validFrom: "",
    validTo: "",
    code: "HACK-1",
    currency: "EUR",
    priority: "1",
    minutes: "60",
    path: "/",
    label: "Nieuw",
    street: "Straat 1",
    postalCode: "1234 AB",
    city: "Utrecht",
    managerIds: "1",
    expectedUpdatedAt: "",
  };
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}

/** Everything an admin action could change, as one comparable value. */
async function fingerprint(): Promise<string> {
  const tables = [
    "companies",
    "addresses",
    "users",
    "price_lists",
    "price_list_entries",
    "company_price_lists",
    "account_manager_customers",
    "price_audit_log",
    "view_as_sessions",
    "view_as_events",
    "user_tokens",
    "mail_outbox",
    "staff_api_keys",
    "punchout_connections",
  ];
  const parts: string[] = [];
  for (const table of tables) {
    const [row] = await handle.query<{ digest: string | null }>(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${table} t`);
    parts.push(`${table}:${row?.digest}`);
  }
  return parts.join("\n");
}

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  customer = await createCompanyWithBuyer(handle, "company_admin");
  other = await createCompanyWithBuyer(handle);
  const category = await createCategory(handle);
  productId = (await createProduct(handle, category.id)).id;
  listId = (await createPriceList(handle, customer.company.id, [{ productId, kind: "fixed", priceMinor: 500 }])).id;
  actions = [];
  for (const file of adminActionFiles()) {
    const module = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === "function") actions.push({ name: `${file}#${name}`, action: value as Action });
    }
  }
}, 60_000);
afterAll(() => fresh?.dispose());

describe("every /admin server action refuses non-staff", () => {
  it("finds the admin actions (customers, price lists, view-as, API keys …)", () => {
    const names = actions.map((a) => a.name);
    expect(names.length).toBeGreaterThanOrEqual(20);
    for (const expected of ["updateCustomerAction", "inviteUserAction", "saveEntryAction", "assignPriceListAction", "startViewAsAction", "createApiKeyAction"]) {
      expect(names.some((n) => n.endsWith(`#${expected}`))).toBe(true);
    }
  });

  it.each([
    ["a buyer", () => customer.user.id],
    ["an approver of another company", () => other.user.id],
    ["an anonymous visitor", () => null],
  ])("as %s: every action answers not_found and changes nothing", async (_who, userId) => {
    request.userId = userId();
    request.cookies.clear();
    const before = await fingerprint();
    for (const { name, action } of actions) {
      const outcome = await runAction(() => action({ status: "idle" }, formAimedAtOwnCompany()));
      expect(outcome, name).toEqual({ state: { status: "error", code: "not_found", message: "not_found" } });
    }
    expect(await fingerprint()).toBe(before);
  });

  it("the same forms do work for an account manager of that customer (the refusal is about the user, not the input)", async () => {
    const manager = await createStaff(handle, "account_manager", [customer.company.id]);
    request.userId = manager.id;
    const byName = (suffix: string) => actions.find((a) => a.name.endsWith(`#${suffix}`))!.action;
    expect(await runAction(() => byName("updateCustomerAction")({ status: "idle" }, formAimedAtOwnCompany()))).toEqual({ state: { status: "ok" } });
    const [company] = await handle.db.select().from(companies).where(eq(companies.id, customer.company.id));
    expect(company).toMatchObject({ name: "Overgenomen B.V.", paymentTermsDays: 60 });
    expect(await runAction(() => byName("saveEntryAction")({ status: "idle" }, formAimedAtOwnCompany()))).toMatchObject({
      state: { status: "error", code: "conflict", message: "entry_changed_meanwhile" },
    });
    const form = formAimedAtOwnCompany();
    form.delete("expectedUpdatedAt");
    expect(await runAction(() => byName("saveEntryAction")({ status: "idle" }, form))).toEqual({ state: { status: "ok" } });
    const [entry] = await handle.db.select().from(priceListEntries).where(eq(priceListEntries.priceListId, listId));
    expect(entry).toMatchObject({ priceMinor: 1 });
  });

  it("an account manager is refused for customers that are not theirs, even with valid forms", async () => {
    const manager = await createStaff(handle, "account_manager", [other.company.id]);
    request.userId = manager.id;
    const before = await fingerprint();
    // Creating a customer or a price list is not aimed at an existing customer (both start out as the creator's own);
    // API keys are personal; exit/record only act on the manager's own view-as session.
    const tried = actions.filter((a) => !/api-keys|connections|messages|#create(Customer|PriceList)Action|view-as\/actions.ts#(exit|record)/.test(a.name));
    for (const { name, action } of tried) {
      const outcome = await runAction(() => action({ status: "idle" }, formAimedAtOwnCompany()));
      if ("redirect" in outcome) throw new Error(`${name} redirected to ${outcome.redirect}`);
      expect(outcome.state.status, name).toBe("error");
      expect(["not_found", "forbidden", "invalid_input", "conflict"], name).toContain((outcome.state as { code: string }).code);
    }
    expect(await fingerprint()).toBe(before);
  });

  it("deactivating a staff member takes effect at once: the next action is refused", async () => {
    const admin = await createStaff(handle, "admin");
    request.userId = admin.id;
    const update = actions.find((a) => a.name.endsWith("#updateCustomerAction"))!.action;
    expect((await update({ status: "idle" }, formAimedAtOwnCompany())).status).toBe("ok");
    await handle.db.update(users).set({ active: false }).where(eq(users.id, admin.id));
    expect(await update({ status: "idle" }, formAimedAtOwnCompany())).toMatchObject({ status: "error", code: "not_found" });
  });
});
