// Staff set a customer's assortment (whole catalogue / contract assortment only) on its pricing tab:
// who may, where the change is recorded, how many products the contract assortment holds today (the
// same validity rules as the shop and the pricing module), and what the catalogue export does with it.
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, priceAuditLog, priceLists, products } from "@/db/schema";
import type { ActionState } from "@/lib/actions/safe-action";
import { assortmentAtAGlance, assortmentCard, assortmentSummary } from "@/lib/admin/assortment";
import { catalogExportSchema, exportCustomerCatalog, type CatalogExportInput } from "@/lib/admin/catalog-export";
import { smallestValidQuantity } from "@/lib/cart/quantity-rules";
import { listActiveProductIds, listProductsByIds } from "@/lib/data/catalog";
import { countContractAssortment, listContractAssortmentIds } from "@/lib/data/customer-assortment";
import { listPriceAudit } from "@/lib/data/price-audit";
import { listContractCandidates } from "@/lib/data/prices";
import { AppError } from "@/lib/errors";
import { addCalendarDays, calendarDate } from "@/lib/pricing/calendar-date";
import { resolvePrice } from "@/lib/pricing/resolve-price";
import { createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCategory, createCompanyWithBuyer, createPriceList, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// The export route words its refusal with the real Dutch messages (as for a Dutch member of staff).
vi.mock("next-intl/server", async () => {
  const [{ createTranslator }, { default: messages }] = await Promise.all([import("next-intl"), import("@/lib/i18n/messages/admin.nl.json")]);
  return {
    getLocale: async () => "nl",
    getTranslations: async (arg: string | { namespace: string }) =>
      createTranslator({ locale: "nl", messages, namespace: (typeof arg === "string" ? arg : arg.namespace) as never }),
  };
});

const { setAssortmentAction } = await import("@/app/admin/customers/actions");
const exportRoute = await import("@/app/admin/customers/[id]/catalog/export/route");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let other: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let empty: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let otherManager: Awaited<ReturnType<typeof createStaff>>;
let admin: Awaited<ReturnType<typeof createStaff>>;
/** The products the customer's contract assortment holds today, and those it must not. */
const p = {} as Record<"plain" | "untilToday" | "fromTomorrow" | "entryEnded" | "listEnded" | "listUpcoming" | "otherCurrency" | "inactive" | "otherCustomers" | "noEntry", { id: number; sku: string }>;

// The action decides by the wall clock, so the windows are laid around today's calendar day (Europe/Amsterdam).
const today = calendarDate(new Date());
const yesterday = addCalendarDays(today, -1);
const tomorrow = addCalendarDays(today, 1);

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle);
  for (const key of Object.keys({ plain: 0, untilToday: 0, fromTomorrow: 0, entryEnded: 0, listEnded: 0, listUpcoming: 0, otherCurrency: 0, inactive: 0, otherCustomers: 0, noEntry: 0 }) as (keyof typeof p)[]) {
    p[key] = await createProduct(handle, category.id, { listPriceMinor: 1000 });
  }
  await handle.db.update(products).set({ active: false }).where(eq(products.id, p.inactive.id));
  customer = await createCompanyWithBuyer(handle, "company_admin");
  other = await createCompanyWithBuyer(handle);
  empty = await createCompanyWithBuyer(handle);
  const fixed = { kind: "fixed" as const, priceMinor: 800 };
  await createPriceList(handle, customer.company.id, [
    { productId: p.plain.id, ...fixed },
    { productId: p.untilToday.id, ...fixed, validTo: today },
    { productId: p.fromTomorrow.id, ...fixed, validFrom: tomorrow },
    { productId: p.entryEnded.id, ...fixed, validTo: yesterday },
    { productId: p.inactive.id, ...fixed },
  ]);
  await createPriceList(handle, customer.company.id, [{ productId: p.listEnded.id, ...fixed }], { validTo: yesterday, priority: 20 });
  await createPriceList(handle, customer.company.id, [{ productId: p.listUpcoming.id, ...fixed }], { validFrom: tomorrow, priority: 30 });
  const usd = await createPriceList(handle, customer.company.id, [{ productId: p.otherCurrency.id, ...fixed }], { priority: 40 });
  await handle.db.update(priceLists).set({ currency: "USD" }).where(eq(priceLists.id, usd.id));
  await createPriceList(handle, other.company.id, [{ productId: p.otherCustomers.id, ...fixed }]);
  // An empty customer's only list starts tomorrow: a contract assortment that is empty today.
  await createPriceList(handle, empty.company.id, [{ productId: p.plain.id, ...fixed }], { validFrom: tomorrow });
  manager = await createStaff(handle, "account_manager", [customer.company.id, empty.company.id]);
  otherManager = await createStaff(handle, "account_manager", [other.company.id]);
  admin = await createStaff(handle, "admin");
}, 120_000);
afterAll(() => fresh?.dispose());

beforeEach(async () => {
  request.userId = null;
  await handle.db.update(companies).set({ assortment: "all" });
  await handle.db.delete(priceAuditLog);
});

function form(fields: Record<string, string | number>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, String(value));
  return data;
}

const setAs = (userId: number | null, fields: Record<string, string | number>) => {
  request.userId = userId;
  return runAction(() => setAssortmentAction({ status: "idle" } as ActionState, form(fields)));
};

const assortmentOf = async (companyId: number) =>
  (await handle.db.select({ assortment: companies.assortment }).from(companies).where(eq(companies.id, companyId)))[0]!.assortment;

const auditRows = () => handle.db.select().from(priceAuditLog).where(eq(priceAuditLog.action, "assortment_changed"));

describe("the contract assortment's size", () => {
  it("counts only active products with a valid entry in a valid list of the customer's, in the product's currency, on the day", async () => {
    expect(await listContractAssortmentIds(customer.company.id, today)).toEqual([p.plain.id, p.untilToday.id]);
    expect(await countContractAssortment(customer.company.id, today)).toBe(2);
    // Tomorrow the entry and the list that start then count, the one that ended today no longer does.
    expect(await listContractAssortmentIds(customer.company.id, tomorrow)).toEqual([p.plain.id, p.fromTomorrow.id, p.listUpcoming.id]);
    // Yesterday the entry and the list that ended then still counted.
    expect(await countContractAssortment(customer.company.id, yesterday)).toBe(4);
    expect(await countContractAssortment(empty.company.id, today)).toBe(0);
  });

  it("is exactly the set the pricing module prices by contract (what the export used to compute product by product)", async () => {
    const ids = await listActiveProductIds();
    const [rows, candidates] = await Promise.all([listProductsByIds(ids), listContractCandidates(customer.company.id, ids)]);
    for (const day of [yesterday, today, tomorrow]) {
      const now = new Date(`${day}T12:00:00+01:00`);
      const byPricing = rows
        .filter((row) => resolvePrice({ product: row, candidates: candidates.get(row.id) ?? [], quantity: smallestValidQuantity(row), now }).source.kind.startsWith("contract"))
        .map((row) => row.id)
        .sort((a, b) => a - b);
      expect(await listContractAssortmentIds(customer.company.id, day), day).toEqual(byPricing);
    }
  });

  it("the pages' summary: the count whatever is set, the empty-shop warning only when the contract assortment is set and empty", async () => {
    const now = new Date();
    expect(await assortmentSummary({ id: empty.company.id, assortment: "all" }, now)).toEqual({ assortment: "all", contractProducts: 0, emptyShop: false });
    expect(await assortmentSummary({ id: empty.company.id, assortment: "contract" }, now)).toEqual({ assortment: "contract", contractProducts: 0, emptyShop: true });
    expect(await assortmentSummary({ id: customer.company.id, assortment: "contract" }, now)).toEqual({ assortment: "contract", contractProducts: 2, emptyShop: false });
    // The overview counts only for contract customers.
    expect(await assortmentAtAGlance({ id: customer.company.id, assortment: "all" }, now)).toEqual({ assortment: "all", contractProducts: null, emptyShop: false });
    expect(await assortmentAtAGlance({ id: empty.company.id, assortment: "contract" }, now)).toEqual({ assortment: "contract", contractProducts: 0, emptyShop: true });
  });

  it("the pricing tab names the customer's punchout connections limited to the contract on their own", async () => {
    const own = await createCompanyWithBuyer(handle);
    const limited = await createCxmlConnection(handle, own.company.id, { name: "Coupa contract", from: [{ domain: "NetworkID", identity: "AN-CARD-1" }], sender: [{ domain: "NetworkID", identity: "AN-CARD-1" }], secret: "s", origins: [], settings: { assortment: "contract" } });
    await createCxmlConnection(handle, own.company.id, { name: "Ariba", from: [{ domain: "NetworkID", identity: "AN-CARD-2" }], sender: [{ domain: "NetworkID", identity: "AN-CARD-2" }], secret: "s", origins: [], settings: { assortment: "customer" } });
    await createCxmlConnection(handle, empty.company.id, { name: "Elsewhere", from: [{ domain: "NetworkID", identity: "AN-CARD-3" }], sender: [{ domain: "NetworkID", identity: "AN-CARD-3" }], secret: "s", origins: [], settings: { assortment: "contract" } });
    const card = await assortmentCard({ id: own.company.id, assortment: "all" }, new Date());
    expect(card.contractOnlyConnections).toEqual([{ id: limited.id, name: "Coupa contract", protocol: "cxml" }]);
  });
});

describe("setting the assortment", () => {
  it("the customer's account manager sets it; the price history records who, old → new and the size, for the customer", async () => {
    expect(await setAs(manager.id, { companyId: customer.company.id, assortment: "contract" })).toEqual({ state: { status: "ok", data: { contractProducts: 2 } } });
    expect(await assortmentOf(customer.company.id)).toBe("contract");
    const [row, ...more] = await auditRows();
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      actorUserId: manager.id,
      actorName: manager.name,
      source: "editor",
      companyId: customer.company.id,
      priceListId: null,
      priceListCode: "",
      productId: null,
      oldValue: { assortment: "all" },
      newValue: { assortment: "contract", products: 2 },
    });
    // In the customer's history as the manager sees it (the page a reviewer opens).
    const history = await listPriceAudit({ companyId: customer.company.id, managerId: manager.id }, { offset: 0, limit: 50 });
    expect(history.items.map((item) => item.id)).toContain(row!.id);
    // …and not in another manager's view of the shop-wide log.
    expect((await listPriceAudit({ managerId: otherManager.id }, { offset: 0, limit: 50 })).items.map((item) => item.id)).not.toContain(row!.id);

    expect(await setAs(manager.id, { companyId: customer.company.id, assortment: "all" })).toMatchObject({ state: { status: "ok" } });
    expect(await assortmentOf(customer.company.id)).toBe("all");
    expect((await auditRows()).map((r) => [r.oldValue, r.newValue])).toEqual([
      [{ assortment: "all" }, { assortment: "contract", products: 2 }],
      [{ assortment: "contract" }, { assortment: "all" }],
    ]);
  });

  it("setting what is already set records nothing", async () => {
    expect(await setAs(manager.id, { companyId: customer.company.id, assortment: "all" })).toMatchObject({ state: { status: "ok" } });
    expect(await auditRows()).toEqual([]);
  });

  it("an empty contract assortment may be set (a list may start tomorrow); the answer says 0 so the page warns", async () => {
    expect(await setAs(manager.id, { companyId: empty.company.id, assortment: "contract" })).toEqual({ state: { status: "ok", data: { contractProducts: 0 } } });
    expect(await assortmentOf(empty.company.id)).toBe("contract");
    expect((await auditRows())[0]!.newValue).toEqual({ assortment: "contract", products: 0 });
  });

  it("an admin may set it for any customer", async () => {
    expect(await setAs(admin.id, { companyId: other.company.id, assortment: "contract" })).toEqual({ state: { status: "ok", data: { contractProducts: 1 } } });
    expect(await assortmentOf(other.company.id)).toBe("contract");
  });

  it.each([
    ["another customer's account manager", () => otherManager.id],
    ["a company admin of the customer itself", () => customer.user.id],
    ["an anonymous visitor", () => null],
  ])("%s is refused as not found, and nothing is written", async (_who, userId) => {
    expect(await setAs(userId(), { companyId: customer.company.id, assortment: "contract" })).toEqual({
      state: { status: "error", code: "not_found", message: userId() === otherManager.id ? "customer_not_found" : "not_found" },
    });
    expect(await assortmentOf(customer.company.id)).toBe("all");
    expect(await auditRows()).toEqual([]);
  });

  it.each([
    ["an unknown assortment", { assortment: "everything" }, "assortment"],
    ["no assortment", {}, "assortment"],
    ["no customer", { companyId: "", assortment: "contract" }, "companyId"],
  ])("%s is a form error naming the field; nothing is written", async (_what, fields, field) => {
    const outcome = await setAs(manager.id, { companyId: customer.company.id, ...fields });
    expect(outcome).toMatchObject({ state: { status: "error", code: "invalid_input" } });
    expect(Object.keys((outcome as { state: { fieldErrors: Record<string, string[]> } }).state.fieldErrors)).toEqual([field]);
    expect(await assortmentOf(customer.company.id)).toBe("all");
    expect(await auditRows()).toEqual([]);
  });

  it("all or nothing: when the history cannot be written, the assortment stays as it was", async () => {
    await handle.query(`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit refused'; end $$`);
    await handle.query(`create trigger refuse_audit before insert on price_audit_log for each row execute function refuse_audit()`);
    try {
      const failed = await setAs(manager.id, { companyId: customer.company.id, assortment: "contract" }).then(
        () => null,
        (error: Error) => error,
      );
      // drizzle wraps the database's error ("Failed query: …") with it as the cause.
      expect(String((failed?.cause as Error | undefined)?.message)).toMatch(/audit refused/);
      expect(await assortmentOf(customer.company.id)).toBe("all");
    } finally {
      await handle.query(`drop trigger refuse_audit on price_audit_log`);
      await handle.query(`drop function refuse_audit()`);
    }
  });
});

describe("catalogue export and the assortment", () => {
  const input = (overrides: Partial<CatalogExportInput> = {}): CatalogExportInput => catalogExportSchema.parse({ format: "cif", supplierId: "AN01000000042", ...overrides });
  const cifSkus = (text: string) => {
    const lines = text.split("\r\n");
    return lines.slice(lines.indexOf("DATA") + 1, lines.indexOf("ENDOFDATA")).map((row) => row.split(",")[1]!.replaceAll('"', ""));
  };

  it("the contract scope is the contract assortment of the day: valid entries and lists in the product's currency only", async () => {
    const file = await exportCustomerCatalog(manager, customer.company.id, input(), { now: new Date(), shopUrl: null });
    const text = await new Response(file.body).text();
    expect(file.itemCount).toBe(2);
    expect(cifSkus(text)).toEqual([p.plain.sku, p.untilToday.sku]);
    expect(text).toContain("ITEMCOUNT: 2\r\n");
  });

  it("an export of the whole assortment stays open to a customer that sees the whole catalogue", async () => {
    const file = await exportCustomerCatalog(manager, customer.company.id, input({ scope: "all" }), { now: new Date(), shopUrl: null });
    expect(file.itemCount).toBe((await listActiveProductIds()).length);
  });

  it("for a contract-assortment customer the whole assortment is refused (409 with the reason), its contract products still export", async () => {
    await handle.db.update(companies).set({ assortment: "contract" }).where(eq(companies.id, customer.company.id));
    const refused = await exportCustomerCatalog(manager, customer.company.id, input({ scope: "all" }), { now: new Date(), shopUrl: null }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: "conflict", message: "assortment_contract_only" });

    request.userId = manager.id;
    const download = (scope: string) =>
      exportRoute.GET(new Request(`http://localhost/admin/customers/${customer.company.id}/catalog/export?format=cif&scope=${scope}&supplierId=AN01`), {
        params: Promise.resolve({ id: String(customer.company.id) }),
      });
    const response = await download("all");
    expect(response.status).toBe(409);
    expect(await response.text()).toBe("Deze klant ziet alleen het contractassortiment; exporteer daarom alleen de artikelen met een contractprijs.");
    const allowed = await download("contract");
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("x-item-count")).toBe("2");
    await allowed.body?.cancel();
    // Someone else's customer stays a 404, refusal or not.
    request.userId = otherManager.id;
    expect((await download("all")).status).toBe(404);
  });
});
