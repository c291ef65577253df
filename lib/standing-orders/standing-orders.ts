import "server-only";
import { z } from "zod";
import { resolveShipTo, shipToChoice } from "@/lib/account/addresses";
import { costCenterChoice, resolveOrderCostCenter, type CostCenterChoice } from "@/lib/account/cost-centers";
import { poNumberRequired, resolveOrderPoNumber } from "@/lib/account/po-number";
import type { BuyerUser } from "@/lib/auth/guards";
import { priceCartLines } from "@/lib/cart/priced-cart";
import { productsOutsideAssortment } from "@/lib/catalog/priced-product";
import { addressSnapshot, orderLinesOf, orderTotalsOf } from "@/lib/checkout/place-order";
import { readDeliveryTerms } from "@/lib/data/supplier-profile";
import { getShipToAddress, isPoNumberRequired, listCompanyAddresses } from "@/lib/data/companies";
import { getVisibleFavoriteList, listFavoriteLines } from "@/lib/data/favorite-lists";
import { createOrder } from "@/lib/data/orders";
import { listActiveSuccessors } from "@/lib/data/product-relations";
import {
  deleteStandingOrder,
  getStandingOrder,
  getStandingOrderOfList,
  claimStandingOrderReminder,
  listDueStandingOrderIds,
  listStandingOrderRuns,
  listStandingOrdersToRemind,
  recordStandingOrderRunAlone,
  saveStandingOrder as storeStandingOrder,
  standingOrderOfOrder,
  updateStandingOrderState,
  type StandingOrderRunRecord,
  type StandingOrderRunView,
  type StandingOrderView,
} from "@/lib/data/standing-orders";
import { getRecipient } from "@/lib/data/account";
import { getActiveUserById, type UserRecord } from "@/lib/data/users";
import { AppError, isAppError } from "@/lib/errors";
import { canEditList } from "@/lib/favorites/favorites";
import { money } from "@/lib/format";
import { accountOrderLink, mailBaseUrl } from "@/lib/mail/base-url";
import { deliverQueuedMail, sendMail } from "@/lib/mail/send-mail";
import { standingOrderReminderMail, standingOrderRunMail } from "@/lib/mail/standing-order-mails";
import { notifyApprovalRequested } from "@/lib/orders/approvals";
import { approvalReasons } from "@/lib/orders/approval-rule";
import { orderConfirmationMailer } from "@/lib/orders/order-confirmation";
import { orderPoNumber } from "@/lib/orders/po-number";
import { addCalendarDays, calendarDate } from "@/lib/pricing/calendar-date";
import { startPollingWorker } from "@/lib/polling-worker";
import {
  isDue,
  MAX_INTERVAL_WEEKS,
  needsReminder,
  nextRunAfter,
  REMINDER_DAYS_AHEAD,
  runAfter,
  splitStandingLines,
  type StandingOrderPauseReason,
} from "./schedule";
import { productName } from "@/lib/catalog/product-name";

/**
 * Standing orders: a favorites list ordered every N weeks, as it stands on the day and at that day's
 * prices, in the name of the user who set it up (their order limit and the company's approvals
 * apply, as at checkout). Whoever may edit the list sets it up, pauses, skips or removes it; the
 * company sees it on the list. Not in punchout sessions (the procurement system orders there) and
 * not while staff view the shop as the customer (orders placed later would carry nobody's consent).
 */

const optionalText = (max: number) => z.string().trim().max(max).optional().transform((v) => v || null);

export const standingOrderSchema = z.object({
  listId: z.coerce.number().int().positive(),
  intervalWeeks: z.coerce.number().int().min(1).max(MAX_INTERVAL_WEEKS),
  nextRunOn: z.iso.date(),
  shipToAddressId: z.coerce.number().int().positive(),
  poNumber: optionalText(35),
  costCenter: optionalText(35),
  note: optionalText(1000),
});
export type StandingOrderInput = z.infer<typeof standingOrderSchema>;

type Manager = Pick<BuyerUser, "id" | "companyId" | "role" | "punchout" | "impersonatedBy">;

async function manageableList(user: Manager, listId: number) {
  if (user.punchout) throw new AppError("forbidden", "punchout_no_checkout");
  const list = await getVisibleFavoriteList(user.companyId, user.id, listId);
  if (!list) throw new AppError("not_found", "list_not_found");
  if (!canEditList(user, list)) throw new AppError("forbidden", "list_read_only");
  if (user.impersonatedBy) throw new AppError("forbidden", "not_while_viewing_as");
  return list;
}

export interface StandingOrderPanel {
  standingOrder: StandingOrderView | null;
  runs: StandingOrderRunView[];
  /** Whether this user may set it up or change it (the list's editors, outside punchout). */
  canManage: boolean;
  /** `label`: the address's short name and street, as a choice; `text`: the whole address, as the settings show it. */
  shipToOptions: { id: number; label: string; text: string }[];
  /** What a new standing order's form chooses beforehand (as the checkout does). */
  shipToDefaultId: number | null;
  /** What the form offers for the cost centre (as the checkout does). */
  costCenters: CostCenterChoice;
  /** The company requires a PO number on every order: the form's field is required (as at checkout). */
  poNumberRequired: boolean;
  today: string;
}

/** What the list page shows about the list's standing order (the list's visibility was checked by the page). */
export async function getStandingOrderPanel(user: Manager, list: { id: number; ownerUserId: number; shared: boolean; colleaguesMayEdit: boolean }, now: Date): Promise<StandingOrderPanel> {
  const [standingOrder, shipTos, costCenters, poRequired] = await Promise.all([
    getStandingOrderOfList(user.companyId, list.id),
    shipToChoice(user),
    costCenterChoice(user, now),
    poNumberRequired(user),
  ]);
  const runs = standingOrder ? await listStandingOrderRuns(standingOrder.id) : [];
  // The addresses this user may deliver to, and the standing order's own (shown, even when it is another's).
  const current = standingOrder?.shipToAddressId && !shipTos.options.some((a) => a.id === standingOrder.shipToAddressId)
    ? await getShipToAddress(user.companyId, standingOrder.shipToAddressId)
    : null;
  return {
    standingOrder,
    runs,
    canManage: !user.punchout && !user.impersonatedBy && canEditList(user, list),
    shipToOptions: [...shipTos.options, ...(current ? [current] : [])].map((a) => ({
      id: a.id,
      label: `${a.label} – ${a.street}, ${a.city}`,
      text: [a.name, a.attention, a.street, `${a.postalCode} ${a.city}`].filter(Boolean).join(", "),
    })),
    shipToDefaultId: shipTos.defaultId,
    costCenters,
    poNumberRequired: poRequired,
    today: calendarDate(now),
  };
}

/**
 * The standing order that placed an order (the order pages say so), with a link to its list when the
 * viewer can see that list (a colleague's private list stays unnamed as a link). The order's own
 * visibility is the caller's (the order pages check it).
 */
export async function standingOrderForOrder(viewer: Pick<BuyerUser, "id"> | null, orderId: number): Promise<{ listName: string; href: string | null } | null> {
  const origin = await standingOrderOfOrder(orderId);
  if (!origin) return null;
  const visible = viewer !== null && (origin.shared || origin.ownerUserId === viewer.id);
  return { listName: origin.listName, href: visible ? `/favorites/${origin.listId}` : null };
}

/** Sets it up or changes it; the user who saves it becomes the one the orders are placed as. */
export async function saveStandingOrder(user: Manager, input: StandingOrderInput, now: Date) {
  await manageableList(user, input.listId);
  if (input.nextRunOn < calendarDate(now)) throw new AppError("invalid_input", "standing_order_date_past", { fieldErrors: { nextRunOn: ["date_in_past"] } });
  // One the user may deliver to: whoever saves it becomes the one its orders are placed as.
  const shipTo = await resolveShipTo(user, input.shipToAddressId);
  if (!shipTo) throw new AppError("invalid_input", "unknown_address", { fieldErrors: { shipToAddressId: ["unknown_address"] } });
  // Every run's order must carry it when the company requires one, as at checkout.
  const poNumber = await resolveOrderPoNumber(user, input.poNumber).catch((error: unknown) => {
    if (isAppError(error) && error.code === "invalid_input") throw new AppError("invalid_input", error.message, { fieldErrors: { poNumber: [error.message] } });
    throw error;
  });
  const { costCenter } = await resolveOrderCostCenter(user, input.costCenter).catch((error: unknown) => {
    if (isAppError(error) && error.code === "invalid_input") throw new AppError("invalid_input", error.message, { fieldErrors: { costCenter: [error.message] } });
    throw error;
  });
  return storeStandingOrder({ ...input, poNumber, costCenter, companyId: user.companyId, ownerUserId: user.id }, now);
}

async function manageableStandingOrder(user: Manager, listId: number) {
  await manageableList(user, listId);
  const standingOrder = await getStandingOrderOfList(user.companyId, listId);
  if (!standingOrder) throw new AppError("not_found", "standing_order_not_found");
  return standingOrder;
}

export async function pauseStandingOrder(user: Manager, listId: number, now: Date): Promise<void> {
  const standingOrder = await manageableStandingOrder(user, listId);
  await updateStandingOrderState(user.companyId, standingOrder.id, { active: false, pausedReason: null }, now);
}

/** Resumes at the next scheduled day that has not passed (a paused standing order does not catch up). */
export async function resumeStandingOrder(user: Manager, listId: number, now: Date): Promise<void> {
  const standingOrder = await manageableStandingOrder(user, listId);
  const today = calendarDate(now);
  const next = standingOrder.nextRunOn < today ? nextRunAfter(standingOrder.nextRunOn, standingOrder.intervalWeeks, today) : standingOrder.nextRunOn;
  await updateStandingOrderState(user.companyId, standingOrder.id, { active: true, pausedReason: null, nextRunOn: next }, now);
}

/** Leaves out the next order: the one after it becomes the next. */
export async function skipNextStandingOrder(user: Manager, listId: number, now: Date): Promise<void> {
  const standingOrder = await manageableStandingOrder(user, listId);
  if (!standingOrder.active) throw new AppError("conflict", "standing_order_paused");
  await updateStandingOrderState(user.companyId, standingOrder.id, { nextRunOn: runAfter(standingOrder.nextRunOn, standingOrder.intervalWeeks) }, now);
}

export async function removeStandingOrder(user: Manager, listId: number): Promise<void> {
  const standingOrder = await manageableStandingOrder(user, listId);
  await deleteStandingOrder(user.companyId, standingOrder.id);
}

export type StandingOrderRunResult = { outcome: StandingOrderRunRecord["outcome"]; orderNumber: string | null } | { outcome: "not_due" };

/**
 * One run of one standing order, for its scheduled day: places the order (or records why not) and
 * moves it to its next day, in one transaction; mails the owner the outcome (a placed order: its
 * order confirmation, queued in that transaction). Safe to call twice or from two processes: the
 * second finds it no longer due, or loses the transaction's guard.
 */
export async function runStandingOrder(standingOrderId: number, now: Date): Promise<StandingOrderRunResult> {
  const standingOrder = await getStandingOrder(standingOrderId);
  const today = calendarDate(now);
  if (!standingOrder || !standingOrder.active || !isDue(standingOrder.nextRunOn, today)) return { outcome: "not_due" };
  const runOn = standingOrder.nextRunOn;
  const base = { standingOrderId, runOn, skippedLines: [] };
  const owner = await getActiveUserById(standingOrder.ownerUserId);
  const stop = (pausedReason: StandingOrderPauseReason) => recordStandingOrderRunAlone({ ...base, outcome: "paused", nextRunOn: null, pausedReason }, now);
  // An owner who left (or whose company was switched off) cannot be the one an order is placed as.
  if (!owner || owner.companyId !== standingOrder.companyId) {
    await stop("owner_inactive");
    return { outcome: "paused", orderNumber: null };
  }
  const person = { id: owner.id, email: owner.email, name: owner.name, locale: owner.locale };
  const links = async (orderNumber: string | null) => {
    const shop = await mailBaseUrl();
    return {
      listLink: `${shop}/favorites/${standingOrder.listId}`,
      orderLink: orderNumber ? accountOrderLink(shop, orderNumber) : null,
    };
  };
  // Removed meanwhile, or limited to others than its owner: it stops rather than deliver where they may not.
  const shipTo = standingOrder.shipToAddressId ? await resolveShipTo({ ...owner, companyId: standingOrder.companyId }, standingOrder.shipToAddressId) : null;
  if (!shipTo) {
    await stop("no_ship_to");
    await mailOwner(person, { listName: standingOrder.listName, runOn, outcome: "paused", orderNumber: null, subtotal: null, skipped: [], nextRunOn: null, pausedReason: "no_ship_to", ...(await links(null)) }, now);
    return { outcome: "paused", orderNumber: null };
  }
  const nextRunOn = nextRunAfter(runOn, standingOrder.intervalWeeks, today);
  const { priced, skipped } = await plannedOrder(standingOrder, owner, now);
  if (!priced) {
    await recordStandingOrderRunAlone({ ...base, outcome: "nothing_orderable", nextRunOn, skippedLines: skipped }, now);
    await mailOwner(person, { listName: standingOrder.listName, runOn, outcome: "nothing_orderable", orderNumber: null, subtotal: null, skipped, nextRunOn, pausedReason: null, ...(await links(null)) }, now);
    return { outcome: "nothing_orderable", orderNumber: null };
  }
  // The company's cost centres may have changed since it was set up: the run follows the checkout's rules.
  const costCenter = await resolveOrderCostCenter({ id: owner.id, companyId: standingOrder.companyId, role: owner.role }, standingOrder.costCenter).catch((error: unknown) => {
    if (isAppError(error)) return null;
    throw error;
  });
  if (!costCenter) {
    await stop("cost_center");
    await mailOwner(person, { listName: standingOrder.listName, runOn, outcome: "paused", orderNumber: null, subtotal: null, skipped: [], nextRunOn: null, pausedReason: "cost_center", ...(await links(null)) }, now);
    return { outcome: "paused", orderNumber: null };
  }
  // Set up before the company required a PO number, without one: it stops until the owner gives it one.
  if ((await isPoNumberRequired(standingOrder.companyId)) && orderPoNumber(standingOrder.poNumber) === null) {
    await stop("po_number");
    await mailOwner(person, { listName: standingOrder.listName, runOn, outcome: "paused", orderNumber: null, subtotal: null, skipped: [], nextRunOn: null, pausedReason: "po_number", ...(await links(null)) }, now);
    return { outcome: "paused", orderNumber: null };
  }
  const subtotalMinor = priced.totals.subtotalMinor;
  const [billTo] = await listCompanyAddresses(standingOrder.companyId, "bill_to");
  const runLinks = await links(null);
  const confirmation = await orderConfirmationMailer(await getRecipient(owner.id), { source: "web", costCenterId: costCenter.costCenterId, companyId: standingOrder.companyId });
  const created = await createOrder({
    approval: { at: now, reasons: (budget) => approvalReasons({ orderLimitMinor: owner.orderLimitMinor, subtotalMinor, budget }) },
    order: {
      companyId: standingOrder.companyId,
      userId: owner.id,
      source: "web",
      poNumber: standingOrder.poNumber,
      ...costCenter,
      requestedDeliveryDate: null,
      note: standingOrder.note,
      shipTo: addressSnapshot(shipTo),
      billTo: billTo ? addressSnapshot(billTo) : null,
      ...orderTotalsOf(priced),
    },
    lines: orderLinesOf(priced.lines),
    standingOrderRun: { ...base, nextRunOn, skippedLines: skipped, at: now },
    // Placed, the owner's one mail is the order confirmation, carrying what the run mail would say.
    mail: (stored) =>
      confirmation && stored.status === "placed"
        ? confirmation(stored, { kind: "standing_order", listName: standingOrder.listName, runOn, skipped, nextRunOn, listLink: runLinks.listLink })
        : null,
  });
  const { status } = created;
  // Held for credit review, the order was still placed: the run says so, and its mail that it is held.
  const outcome = status === "needs_review" ? "placed" : status;
  if (status === "awaiting_approval") {
    await notifyApprovalRequested(
      { id: owner.id, name: owner.name, companyId: standingOrder.companyId, companyName: owner.companyName ?? "", orderLimitMinor: owner.orderLimitMinor },
      { ...created, poNumber: standingOrder.poNumber, costCenter: costCenter.costCenter, subtotalMinor, currency: priced.currency },
      now,
    ).catch((error: unknown) => console.error(`[koppel] approval request mail for ${created.orderNumber} failed`, error));
  }
  if (status === "placed" && confirmation) {
    await deliverQueuedMail().catch((error: unknown) => console.error(`[koppel] delivering the confirmation of ${created.orderNumber} failed`, error));
    return { outcome, orderNumber: created.orderNumber };
  }
  await mailOwner(
    person,
    {
      listName: standingOrder.listName,
      runOn,
      outcome,
      creditHold: status === "needs_review",
      orderNumber: created.orderNumber,
      subtotal: (locale) => money(priced.totals.subtotalMinor, locale, priced.currency),
      skipped,
      nextRunOn,
      pausedReason: null,
      ...(await links(created.orderNumber)),
    },
    now,
  );
  return { outcome, orderNumber: created.orderNumber };
}

/** What a run would order now: the list's orderable lines priced for the owner (null: nothing orderable), and what it skips. */
async function plannedOrder(standingOrder: StandingOrderView, owner: UserRecord, now: Date) {
  const listLines = await listFavoriteLines(standingOrder.listId);
  const outside = await productsOutsideAssortment({ companyId: standingOrder.companyId, assortment: owner.companyAssortment }, listLines.map((line) => line.product), now);
  const { order: orderable, skipped } = splitStandingLines(
    listLines.map((line) => ({
      ...line,
      sku: line.product.sku,
      name: productName(line.product, owner.locale),
      quantity: line.defaultQuantity,
      active: line.product.active,
      inAssortment: !outside.has(line.product.id),
      rules: line.product,
    })),
  );
  // A read only when a line's product is out of the shop: the mail and the run name its successor.
  const gone = listLines.filter((line) => !line.product.active);
  if (gone.length > 0) {
    const successors = await listActiveSuccessors(gone.map((line) => line.product.id));
    const bySku = new Map(gone.flatMap((line) => (successors.has(line.product.id) ? [[line.product.sku, successors.get(line.product.id)!] as const] : [])));
    for (const line of skipped) {
      const successor = line.reason === "unavailable" ? bySku.get(line.sku) : undefined;
      if (successor) line.successor = { sku: successor.sku, name: productName(successor, owner.locale) };
    }
  }
  const priced =
    orderable.length === 0
      ? null
      : await priceCartLines(
          orderable.map((line) => ({ lineId: line.lineId, quantity: line.quantity, product: line.product })),
          {
            companyId: standingOrder.companyId,
            locale: owner.locale,
            now,
            companyKeepsArticleNumbers: owner.companyKeepsArticleNumbers,
            delivery: await readDeliveryTerms(standingOrder.companyId),
            assortment: owner.companyAssortment,
          },
        );
  return { priced, skipped };
}

/**
 * Reminds owners two days ahead of each run (REMINDER_DAYS_AHEAD): what it will order and roughly for
 * how much at today's prices, with the list's page to skip or change it. Once per run: the claim is a
 * guarded update, so only one process mails.
 */
export async function remindUpcomingStandingOrders(now: Date, limit = 20): Promise<number> {
  const today = calendarDate(now);
  let reminded = 0;
  for (const id of await listStandingOrdersToRemind(today, addCalendarDays(today, REMINDER_DAYS_AHEAD), limit)) {
    const standingOrder = await getStandingOrder(id);
    if (!standingOrder || !needsReminder(standingOrder.nextRunOn, standingOrder.remindedFor, today)) continue;
    if (!(await claimStandingOrderReminder(id, standingOrder.nextRunOn))) continue;
    const owner = await getActiveUserById(standingOrder.ownerUserId);
    // An owner who left is not mailed; the run itself stops the standing order.
    if (!owner || owner.companyId !== standingOrder.companyId) continue;
    const { priced } = await plannedOrder(standingOrder, owner, now);
    const mail = standingOrderReminderMail(
      { id: owner.id, email: owner.email, name: owner.name, locale: owner.locale },
      {
        listName: standingOrder.listName,
        runOn: standingOrder.nextRunOn,
        lineCount: priced?.lines.length ?? 0,
        subtotal: (locale) => money(priced?.totals.subtotalMinor ?? 0, locale, priced?.currency ?? "EUR"),
        listLink: `${await mailBaseUrl()}/favorites/${standingOrder.listId}`,
      },
    );
    await sendMail(mail, now).catch((error: unknown) => console.error(`[koppel] standing order reminder for "${standingOrder.listName}" failed`, error));
    reminded++;
  }
  return reminded;
}

/** The outcome mail; a mail that cannot be queued never undoes the run (the list page shows it too). */
async function mailOwner(to: Parameters<typeof standingOrderRunMail>[0], facts: Parameters<typeof standingOrderRunMail>[1], now: Date): Promise<void> {
  await sendMail(standingOrderRunMail(to, facts), now).catch((error: unknown) => console.error(`[koppel] standing order mail for "${facts.listName}" failed`, error));
}

/** One round of the scheduler: every standing order due today (or missed), one by one. Returns how many ran. */
export async function runDueStandingOrders(now: Date = new Date(), limit = 20): Promise<number> {
  const due = await listDueStandingOrderIds(calendarDate(now), limit);
  let ran = 0;
  for (const id of due) {
    try {
      const result = await runStandingOrder(id, now);
      if (result.outcome !== "not_due") ran++;
    } catch (error) {
      // Another process ran it first (the transaction's guard), or the list changed under it: next round.
      if (isAppError(error) && error.code === "conflict") continue;
      console.error(`[koppel] standing order ${id} failed`, error);
    }
  }
  return ran;
}

/** Starts the in-process scheduler once per process (lib/startup.ts); a round is two indexed reads when nothing is due. */
export function startStandingOrderWorker(intervalMs = 15_000): void {
  startPollingWorker(
    "standing orders",
    async () => {
      const now = new Date();
      await runDueStandingOrders(now);
      await remindUpcomingStandingOrders(now);
    },
    intervalMs,
  );
}
