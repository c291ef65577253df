// "Mail me when it is back in stock": who may ask, and the ERP's stock report (PUT /admin/api/stock)
// that brings a product back answering every open wish with exactly one mail.
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { companies, mailOutbox, products, stockAlerts, users } from "@/db/schema";
import { putStockViaApi, stockPutSchema } from "@/lib/admin/stock-api";
import { notifyBackInStock, setStockAlert, stockAlertState } from "@/lib/catalog/stock-alerts";
import { answerStockAlerts } from "@/lib/data/stock-alerts";
import { AppError } from "@/lib/errors";
import { backInStockMail } from "@/lib/mail/back-in-stock-mail";
import { setMailTransportForTests } from "@/lib/mail/send-mail";
import { addCompanyUser } from "../../support/account-fixtures";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

type Buyer = Awaited<ReturnType<typeof addCompanyUser>>;
type Product = Awaited<ReturnType<typeof createProduct>>;

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: Awaited<ReturnType<typeof createStaff>>;
let customer: Awaited<ReturnType<typeof createCompanyWithBuyer>>;
let categoryId: number;
const LINK_BASE = "http://localhost:3000/products/";

// Every stock report carries a later moment than the one before (an equal or older asOf is "stale").
let clock = new Date("2026-11-30T08:00:00Z").getTime();
const tick = () => new Date((clock += 60_000));

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  // Outbox only: nothing is delivered, so every queued mail stays visible.
  setMailTransportForTests(null);
  categoryId = (await createCategory(handle)).id;
  admin = await createStaff(handle, "admin");
  customer = await createCompanyWithBuyer(handle);
}, 120_000);
afterAll(async () => {
  setMailTransportForTests(undefined);
  await fresh.dispose();
});

let product: Product;
beforeEach(async () => {
  product = await createProduct(handle, categoryId, { stock: 0 });
});

const buyer = (locale: "nl" | "en" = "nl") => addCompanyUser(handle, customer, "buyer", { locale });
/** A person in another company (their own company, so it can be deactivated on its own). */
const otherCompanyBuyer = async () => (await createCompanyWithBuyer(handle)).buyer;
const technicalUser = async () => {
  const user = await buyer();
  const email = `oci-${user.id}@technical.koppel.invalid`;
  await handle.db.update(users).set({ email }).where(eq(users.id, user.id));
  return { ...user, email };
};
const ask = (user: { id: number; email: string }, sku = product.sku, now = tick()) => setStockAlert(user, { sku, want: true }, now);
const withdraw = (user: { id: number; email: string }, sku = product.sku) => setStockAlert(user, { sku, want: false }, tick());
const report = (items: { sku: string; stock: number; asOf?: string }[], options: { dryRun?: boolean; applyValidOnly?: boolean } = {}, now = tick()) =>
  putStockViaApi(admin, stockPutSchema.parse({ items, ...options }), now);
const reload = async (p: { id: number }) => (await handle.db.select().from(products).where(eq(products.id, p.id)))[0]!;
const stateOf = async (user: { id: number; email: string } | null, p: { id: number } = product) => stockAlertState(user, await reload(p));
/** The back-in-stock mails about a product (its SKU is in every one). */
const mailsAbout = async (p: { sku: string }) =>
  (await handle.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "back_in_stock")).orderBy(mailOutbox.id)).filter((m) => m.bodyText.includes(`(${p.sku})`));
const wishesOf = (p: { id: number }) => handle.db.select().from(stockAlerts).where(eq(stockAlerts.productId, p.id)).orderBy(stockAlerts.id);

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("asking to be mailed", () => {
  it("is offered to a signed-in person while out of stock, open once asked, withdrawn again; never anonymous or in stock", async () => {
    const user = await buyer();
    expect(await stateOf(null)).toBe("none");
    expect(await stateOf(user)).toBe("offer");
    expect(await ask(user)).toBe("stock_alert_set");
    expect(await stateOf(user)).toBe("open");
    // Another user of the same company has not asked.
    expect(await stateOf(await buyer())).toBe("offer");
    // Asking twice keeps one wish.
    await ask(user);
    expect(await wishesOf(product)).toHaveLength(1);
    expect(await withdraw(user)).toBe("stock_alert_removed");
    expect(await stateOf(user)).toBe("offer");
    expect(await wishesOf(product)).toHaveLength(0);
    // Withdrawing what is not there is harmless.
    expect(await withdraw(user)).toBe("stock_alert_removed");

    const inStock = await createProduct(handle, categoryId, { stock: 3 });
    expect(await stateOf(user, inStock)).toBe("none");
  });

  it("is refused for a product in stock (nothing to wait for), an unknown or inactive product", async () => {
    const user = await buyer();
    const inStock = await createProduct(handle, categoryId, { stock: 1 });
    const refused = await appError(ask(user, inStock.sku));
    expect([refused.code, refused.message]).toEqual(["conflict", "stock_alert_in_stock"]);
    expect(await wishesOf(inStock)).toHaveLength(0);

    expect((await appError(ask(user, "NO-SUCH-SKU"))).code).toBe("not_found");
    const gone = await createProduct(handle, categoryId, { stock: 0, active: false });
    expect((await appError(ask(user, gone.sku))).code).toBe("not_found");
    expect(await wishesOf(gone)).toHaveLength(0);
  });

  it("is neither offered to nor accepted from a technical (punchout) user: nobody reads an .invalid mailbox", async () => {
    const technical = await technicalUser();
    expect(await stateOf(technical)).toBe("none");
    const refused = await appError(ask(technical));
    expect([refused.code, refused.message]).toEqual(["forbidden", "stock_alert_no_mailbox"]);
    expect(await wishesOf(product)).toHaveLength(0);
  });

  it("is offered again once the product of an answered wish is out of stock again", async () => {
    const user = await buyer();
    await ask(user);
    await report([{ sku: product.sku, stock: 2 }]);
    await report([{ sku: product.sku, stock: 0 }]);
    expect(await stateOf(user)).toBe("offer");
  });
});

describe("a stock report that brings the product back", () => {
  it("mails every open wish once, in the user's language with the product's name in it, and marks it answered", async () => {
    const nl = await buyer("nl");
    const en = await buyer("en");
    const elsewhere = await otherCompanyBuyer();
    for (const user of [nl, en, elsewhere]) await ask(user);
    // Wishes for a product still out of stock in the same report stay open.
    const stillOut = await createProduct(handle, categoryId, { stock: 0 });
    await ask(nl, stillOut.sku);

    const at = tick();
    const result = await report([
      { sku: product.sku, stock: 5 },
      { sku: stillOut.sku, stock: 0 },
    ], {}, at);
    expect(result.rows).toEqual([
      { sku: product.sku, outcome: "updated" },
      { sku: stillOut.sku, outcome: "unchanged" },
    ]);

    const mails = await mailsAbout(product);
    expect(mails).toHaveLength(3);
    const link = `${LINK_BASE}${encodeURIComponent(product.sku)}`;
    const byUser = new Map(mails.map((m) => [m.userId, m]));
    expect(byUser.get(nl.id)).toMatchObject({ toEmail: nl.email, toName: nl.name, subject: `Weer op voorraad: ${product.nameNl}`, sentAt: null, createdAt: at });
    expect(byUser.get(nl.id)!.bodyText).toContain(`${product.nameNl} (${product.sku}) is weer op voorraad.`);
    expect(byUser.get(nl.id)!.bodyText).toContain(`Bekijken en bestellen: ${link}`);
    expect(byUser.get(en.id)).toMatchObject({ toEmail: en.email, toName: en.name, subject: `Back in stock: ${product.nameEn}` });
    expect(byUser.get(en.id)!.bodyText).toContain(`${product.nameEn} (${product.sku}) is back in stock.`);
    expect(byUser.get(en.id)!.bodyText).toContain(`View and order: ${link}`);
    expect(byUser.get(en.id)!.bodyText).not.toContain(product.nameNl);
    expect(byUser.get(elsewhere.id)).toMatchObject({ toEmail: elsewhere.email, subject: `Weer op voorraad: ${product.nameNl}` });

    expect((await wishesOf(product)).map((w) => w.notifiedAt)).toEqual([at, at, at]);
    expect(await mailsAbout(stillOut)).toHaveLength(0);
    expect((await wishesOf(stillOut))[0]!.notifiedAt).toBeNull();
    // In stock now: nothing to offer.
    expect(await stateOf(nl)).toBe("none");

    // A second report (5 → 7) is "updated" too, but every wish is answered: nobody is mailed again.
    expect((await report([{ sku: product.sku, stock: 7 }])).rows).toEqual([{ sku: product.sku, outcome: "updated" }]);
    // Nor after going out of stock and coming back, as long as nobody asked again.
    await report([{ sku: product.sku, stock: 0 }]);
    await report([{ sku: product.sku, stock: 4 }]);
    expect(await mailsAbout(product)).toHaveLength(3);
    expect((await wishesOf(product)).map((w) => w.notifiedAt)).toEqual([at, at, at]);
  });

  it("stock reported 0 → 0, or a stale report, mails nobody and leaves the wishes open", async () => {
    const user = await buyer();
    await ask(user);
    const first = tick();
    expect((await report([{ sku: product.sku, stock: 0 }], {}, first)).rows).toEqual([{ sku: product.sku, outcome: "unchanged" }]);
    // Older than the stored level: changes nothing (the product stays out of stock), mails nobody.
    const older = new Date(first.getTime() - 60_000).toISOString();
    expect((await report([{ sku: product.sku, stock: 5, asOf: older }])).rows).toEqual([{ sku: product.sku, outcome: "stale" }]);
    expect((await reload(product)).stock).toBe(0);
    expect(await mailsAbout(product)).toHaveLength(0);
    expect((await wishesOf(product))[0]!.notifiedAt).toBeNull();
    expect(await stateOf(user)).toBe("open");
  });

  it("a dryRun or a rejected batch mails nobody and leaves the wishes open; applyValidOnly applies and mails", async () => {
    const user = await buyer();
    await ask(user);
    expect(await report([{ sku: product.sku, stock: 5 }], { dryRun: true })).toMatchObject({ status: "dry_run", rows: [{ sku: product.sku, outcome: "updated" }] });
    const rejected = await report([
      { sku: product.sku, stock: 5 },
      { sku: "NOPE-404", stock: 1 },
    ]);
    expect(rejected).toMatchObject({ status: "rejected", rows: [{ sku: product.sku, outcome: "updated" }, { sku: "NOPE-404", outcome: "unknown_sku" }] });
    expect((await reload(product)).stock).toBe(0);
    expect(await mailsAbout(product)).toHaveLength(0);
    expect(await stateOf(user)).toBe("open");

    const partial = await report([
      { sku: product.sku, stock: 5 },
      { sku: "NOPE-404", stock: 1 },
    ], { applyValidOnly: true });
    expect(partial.status).toBe("applied");
    expect((await mailsAbout(product)).map((m) => m.userId)).toEqual([user.id]);
  });

  it("does not mail about an inactive product: the wish stays open", async () => {
    const user = await buyer();
    await ask(user);
    await handle.db.update(products).set({ active: false }).where(eq(products.id, product.id));
    expect((await report([{ sku: product.sku, stock: 5 }])).rows).toEqual([{ sku: product.sku, outcome: "updated" }]);
    expect(await mailsAbout(product)).toHaveLength(0);
    expect((await wishesOf(product))[0]!.notifiedAt).toBeNull();
  });

  it("a report that takes a product out of stock mails nobody, even with wishes open", async () => {
    const user = await buyer();
    await ask(user);
    expect(await notifyBackInStock([product.sku], tick())).toBe(0);
    // Back through another way than a stock report (an admin's edit): no mails went out then.
    await handle.db.update(products).set({ stock: 2 }).where(eq(products.id, product.id));
    expect((await report([{ sku: product.sku, stock: 0 }])).rows).toEqual([{ sku: product.sku, outcome: "updated" }]);
    expect(await mailsAbout(product)).toHaveLength(0);
    expect(await stateOf(user)).toBe("open");
  });

  it("a product reactivated while in stock: only an applied report that changes its level answers the wish", async () => {
    const user = await buyer("en");
    await ask(user);
    await handle.db.update(products).set({ active: false }).where(eq(products.id, product.id));
    await report([{ sku: product.sku, stock: 5 }]);
    await handle.db.update(products).set({ active: true }).where(eq(products.id, product.id));
    // Due now (in stock, for sale, wish open), but none of these reports changes the level.
    const lastApplied = tick();
    expect((await report([{ sku: product.sku, stock: 5 }], {}, lastApplied)).rows).toEqual([{ sku: product.sku, outcome: "unchanged" }]);
    const older = new Date(lastApplied.getTime() - 1000).toISOString();
    expect((await report([{ sku: product.sku, stock: 8, asOf: older }])).rows).toEqual([{ sku: product.sku, outcome: "stale" }]);
    expect((await report([{ sku: product.sku, stock: 6 }], { dryRun: true })).status).toBe("dry_run");
    expect((await report([{ sku: product.sku, stock: 6 }, { sku: "NOPE-405", stock: 1 }])).status).toBe("rejected");
    expect(await mailsAbout(product)).toHaveLength(0);
    expect((await wishesOf(product))[0]!.notifiedAt).toBeNull();

    expect((await report([{ sku: product.sku, stock: 6 }])).rows).toEqual([{ sku: product.sku, outcome: "updated" }]);
    expect((await mailsAbout(product)).map((m) => [m.userId, m.subject])).toEqual([[user.id, `Back in stock: ${product.nameEn}`]]);
  });

  it("answers a deactivated user's wish without a mail; the others are mailed", async () => {
    const gone = await buyer();
    const stays = await buyer();
    await ask(gone);
    await ask(stays);
    await handle.db.update(users).set({ active: false }).where(eq(users.id, gone.id));
    const at = tick();
    await report([{ sku: product.sku, stock: 5 }], {}, at);
    expect((await mailsAbout(product)).map((m) => m.toEmail)).toEqual([stays.email]);
    expect((await wishesOf(product)).map((w) => [w.userId, w.notifiedAt])).toEqual([
      [gone.id, at],
      [stays.id, at],
    ]);
  });

  it("answers the wish of a user whose company was deactivated (they cannot sign in) without a mail", async () => {
    const closed = await createCompanyWithBuyer(handle);
    const stays = await buyer();
    await ask(closed.buyer);
    await ask(stays);
    await handle.db.update(companies).set({ active: false }).where(eq(companies.id, closed.company.id));
    const at = tick();
    await report([{ sku: product.sku, stock: 5 }], {}, at);
    expect((await mailsAbout(product)).map((m) => m.toEmail)).toEqual([stays.email]);
    expect((await wishesOf(product)).map((w) => w.notifiedAt)).toEqual([at, at]);
  });

  it("does not mail a withdrawn wish", async () => {
    const changedMind = await buyer();
    const stays = await buyer();
    await ask(changedMind);
    await ask(stays);
    await withdraw(changedMind);
    await report([{ sku: product.sku, stock: 5 }]);
    expect((await mailsAbout(product)).map((m) => m.userId)).toEqual([stays.id]);
  });

  it("asking again after being mailed opens the wish again: mailed again the next time it comes back", async () => {
    const user = await buyer("en");
    await ask(user);
    await report([{ sku: product.sku, stock: 5 }]);
    expect(await mailsAbout(product)).toHaveLength(1);
    // Answered wishes cannot be withdrawn (only open ones), and it is in stock: asking is refused.
    expect((await appError(ask(user))).message).toBe("stock_alert_in_stock");
    await report([{ sku: product.sku, stock: 0 }]);
    expect(await stateOf(user)).toBe("offer");
    const again = tick();
    await ask(user, product.sku, again);
    expect(await stateOf(user)).toBe("open");
    expect(await wishesOf(product)).toMatchObject([{ userId: user.id, createdAt: again, notifiedAt: null }]);
    await report([{ sku: product.sku, stock: 3 }]);
    const mails = await mailsAbout(product);
    expect(mails.map((m) => [m.userId, m.subject])).toEqual([
      [user.id, `Back in stock: ${product.nameEn}`],
      [user.id, `Back in stock: ${product.nameEn}`],
    ]);
    expect(await wishesOf(product)).toHaveLength(1);
  });

  it("notifyBackInStock with no SKUs, or SKUs without open wishes, queues nothing", async () => {
    expect(await notifyBackInStock([], tick())).toBe(0);
    await handle.db.update(products).set({ stock: 9 }).where(eq(products.id, product.id));
    expect(await notifyBackInStock([product.sku, "NOPE-1"], tick())).toBe(0);
  });
});

describe("two stock reports at once", () => {
  it("mail each wish exactly once (rows locked, SKIP LOCKED)", async () => {
    const mailFor = (alert: Parameters<Parameters<typeof answerStockAlerts>[1]>[0]) =>
      backInStockMail(alert, { sku: alert.sku, productName: alert.locale === "en" ? alert.nameEn : alert.nameNl, link: `${LINK_BASE}${alert.sku}` });
    const people = await Promise.all(Array.from({ length: 12 }, (_, i) => buyer(i % 2 ? "en" : "nl")));
    // Several rounds: a product each, every person waiting for it, answered by three calls at once.
    for (let round = 0; round < 5; round++) {
      const item = await createProduct(handle, categoryId, { stock: 0 });
      for (const person of people) await ask(person, item.sku);
      await handle.db.update(products).set({ stock: 5 }).where(eq(products.id, item.id));
      const now = tick();
      const queued = await Promise.all([answerStockAlerts([item.sku], mailFor, now), answerStockAlerts([item.sku], mailFor, now), answerStockAlerts([item.sku], mailFor, now)]);
      expect(queued.reduce((a, b) => a + b, 0)).toBe(people.length);
      const mails = await mailsAbout(item);
      expect(mails.map((m) => m.userId).sort((a, b) => a! - b!)).toEqual(people.map((p) => p.id).sort((a, b) => a - b));
      const wishes = await handle.db
        .select()
        .from(stockAlerts)
        .where(and(eq(stockAlerts.productId, item.id), inArray(stockAlerts.userId, people.map((p) => p.id))));
      expect(wishes.every((w) => w.notifiedAt?.getTime() === now.getTime())).toBe(true);
    }
  });
});
