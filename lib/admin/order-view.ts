import { productName } from "@/lib/catalog/product-name";
import { unitQuantity } from "@/lib/catalog/unit-names";
import { dateText } from "@/lib/format";
import type { Locale } from "@/lib/i18n/locales";
import type { CreditHoldAmounts } from "@/lib/orders/credit";
import { historyComment, reasonDetail } from "@/lib/orders/history-comment";
import { historyEventKind, shipmentEvent, type StoryEvent } from "@/lib/orders/order-story";

/**
 * What the admin order page (app/admin/orders/[id]) shows beyond the stored values, worked out from
 * getOrderForStaff's data (lib/admin/purchase-orders.ts). Pure: no Next, no database; the page hands in
 * its message function and money format where words come out, so these read the same in tests.
 */

/** db/schema/orders.ts ORDER_STATUSES, repeated: pure code imports nothing from db/. */
type Status = "awaiting_approval" | "rejected" | "placed" | "needs_review" | "accepted" | "confirmed" | "shipped" | "cancelled";

/** A purchase-order line reason (db/schema/purchase-orders.ts PurchaseOrderLineReason). */
export interface Reason {
  code: string;
  detail?: string | null;
}

/** The page's words: its messages (namespace purchaseOrders) and amounts in the order's currency. */
export interface OrderWords {
  // A method, so a translator typed to its message keys (next-intl's createTranslator in tests) fits too.
  text(key: string, values?: Record<string, string | number>): string;
  amount: (minor: number) => string;
  locale: Locale;
}

export interface BuyerContact {
  role: string | null;
  name: string | null;
  email: string | null;
}

/**
 * What the page reads of a purchase order's stored cXML header (lib/punchout/cxml-order.ts): why the
 * order as a whole waits for review, and the orderer's Contact (the end user first), named for an
 * order placed by nobody with an account here. A web order (no header) has neither.
 */
export function purchaseOrderHeader(header: Record<string, unknown> | null | undefined): { reasons: Reason[]; buyerContact: BuyerContact | null } {
  if (!header) return { reasons: [], buyerContact: null };
  const contacts = (header as { contacts?: BuyerContact[] }).contacts ?? [];
  return {
    reasons: (header as { reasons?: Reason[] }).reasons ?? [],
    buyerContact: contacts.find((c) => c.role === "endUser" && (c.name || c.email)) ?? contacts.find((c) => c.name || c.email) ?? null,
  };
}

/**
 * The buyer's dates come as cXML sent them ("2026-11-28T10:59:00+01:00"): their calendar date in the
 * page's format; a value that holds none is shown as sent. Null: no date.
 */
export function documentDateText(value: string | null, locale: Locale): string | null {
  const day = /^\d{4}-\d{2}-\d{2}/.exec(value ?? "")?.[0];
  return day && !Number.isNaN(Date.parse(`${day}T12:00:00Z`)) ? dateText(day, locale) : value;
}

/** A PO line's quantity (kept as the buyer sent it) with its unit in words where we know the code. */
export function buyerQuantityText(quantity: string, unitOfMeasure: string | null, locale: Locale): string {
  const number = Number(quantity);
  if (!unitOfMeasure) return quantity;
  return Number.isFinite(number) ? unitQuantity(number, unitOfMeasure, locale) : `${quantity} ${unitOfMeasure}`;
}

/** The order's line (after a confirmation: its confirmed quantity, price and delivery date). */
export interface OrderedLine {
  lineNumber: number;
  quantity: number;
  unitPriceMinor: number;
  confirmedDeliveryDate: string | null;
}

/** The buyer's line as the purchase order sent it. */
export interface BuyerLine {
  lineNumber: number;
  quantity: string;
  buyerUnitPriceMinor: number | null;
  ourUnitPriceMinor: number | null;
}

export type LineConfirmation<L extends OrderedLine = OrderedLine> =
  /** Confirmed at 0: taken out of the order. */
  | { rejected: true }
  | { rejected: false; ordered: L; quantityChanged: boolean; priceChanged: boolean };

/** Confirmed or shipped: the supplier decided on the order and its lines hold what was confirmed. */
const isDecided = (status: Status): boolean => status === "confirmed" || status === "shipped";

/**
 * What the confirmation made of a buyer's line. The order's lines carry the confirmed values; a line
 * confirmed at 0 was taken out of the order (lib/data/purchase-orders.ts changePurchaseOrderStatus), so
 * a buyer's line without an order line in a decided order is one we rejected. Null: not decided yet.
 * The price compared is the buyer's, or ours where the buyer sent none.
 */
export function confirmedLine<L extends OrderedLine>(line: BuyerLine, ordered: L | undefined, decided: boolean): LineConfirmation<L> | null {
  if (!ordered) return decided ? { rejected: true } : null;
  return {
    rejected: false,
    ordered,
    quantityChanged: ordered.quantity !== Number(line.quantity),
    priceChanged: ordered.unitPriceMinor !== (line.buyerUnitPriceMinor ?? line.ourUnitPriceMinor),
  };
}

/** A buyer's line in the lines table once its confirmation shows. */
export interface ConfirmedRow<L extends OrderedLine = OrderedLine> {
  confirmation: LineConfirmation<L>;
  /** What the confirmation changed is struck through where the buyer's value stands (all of a rejected line). */
  struck: { line: boolean; quantity: boolean; price: boolean };
}

/**
 * The lines table's "As confirmed" column, by buyer line number: shown once the order is decided and
 * the confirmation changed, rejected or dated at least one line (null: no column, nothing struck).
 */
export function confirmationColumn<L extends OrderedLine>(status: Status, lines: readonly L[], purchaseLines: readonly BuyerLine[]): Map<number, ConfirmedRow<L>> | null {
  if (!isDecided(status)) return null;
  const byLine = new Map(lines.map((line) => [line.lineNumber, line]));
  const rows = new Map(
    purchaseLines.map((line) => {
      // Decided: every line is confirmed or rejected, never null.
      const confirmation = confirmedLine(line, byLine.get(line.lineNumber), true)!;
      const rejected = confirmation.rejected;
      const struck = {
        line: rejected,
        quantity: rejected || confirmation.quantityChanged,
        // No buyer price: "none" stands there, nothing to strike.
        price: (rejected || confirmation.priceChanged) && line.buyerUnitPriceMinor !== null,
      };
      return [line.lineNumber, { confirmation, struck }] as const;
    }),
  );
  const changed = [...rows.values()].some(({ confirmation: c }) => c.rejected || c.quantityChanged || c.priceChanged || c.ordered.confirmedDeliveryDate !== null);
  return changed ? rows : null;
}

/** On an order under review nothing is chosen beforehand: one press on "Send" must not confirm what the review is about. */
export function isUnderReview(status: Status, headerReasons: readonly Reason[], purchaseLines: readonly { reasons: readonly Reason[] }[]): boolean {
  return status === "needs_review" || headerReasons.length > 0 || purchaseLines.some((line) => line.reasons.length > 0);
}

/** The order's lines for the confirmation form, each with the delivery date the buyer asked for it (else the order's). */
export function responseFormLines(
  lines: readonly { lineNumber: number; sku: string; quantity: number; unitPriceMinor: number }[],
  purchaseLines: readonly { lineNumber: number; requestedDeliveryDate: string | null }[],
  orderRequestedDeliveryDate: string | null,
) {
  const requested = new Map(purchaseLines.map((line) => [line.lineNumber, line.requestedDeliveryDate]));
  return lines.map(({ lineNumber, sku, quantity, unitPriceMinor }) => ({
    lineNumber,
    sku,
    quantity,
    unitPriceMinor,
    requestedDeliveryDate: requested.get(lineNumber) || orderRequestedDeliveryDate,
  }));
}

/** The lines the ship form offers: those with something still to ship, with their SKU and name. */
export function linesToShip(
  progress: readonly { lineNumber: number; openToShip: number }[],
  lines: readonly { lineNumber: number; sku: string; name: string }[],
): { lineNumber: number; openToShip: number; sku: string | undefined; name: string | undefined }[] {
  const byLine = new Map(lines.map((line) => [line.lineNumber, line]));
  return progress
    .filter((line) => line.openToShip > 0)
    .map(({ lineNumber, openToShip }) => ({ lineNumber, openToShip, sku: byLine.get(lineNumber)?.sku, name: byLine.get(lineNumber)?.name }));
}

const creditHoldText = ({ owedMinor, orderMinor, limitMinor }: CreditHoldAmounts, { text, amount }: OrderWords) =>
  text("detail.creditHold", { limit: amount(limitMinor), owed: amount(owedMinor), order: amount(orderMinor) });

/** A SKU we took out of the shop, with the successor an admin named (lib/admin/purchase-orders.ts discontinuedOfUnknownLines). */
export type Discontinued = ReadonlyMap<string, { successor: { sku: string; nameNl: string; nameEn: string } | null }>;

function reasonOf(reason: Reason, words: OrderWords, discontinued: Discontinued): string {
  const { text, amount, locale } = words;
  // A SKU we took out of the shop is no unknown product: say so, and what replaces it.
  const gone = reason.code === "unknown_product" && reason.detail ? discontinued.get(reason.detail) : undefined;
  if (gone) {
    const { successor } = gone;
    return `${text("reason.discontinued")} (${reason.detail})${successor ? ` – ${text("detail.replacedBy", { sku: successor.sku, name: productName(successor, locale) })}` : ""}`;
  }
  // Stored details hold amounts in a fixed form (lib/orders/history-comment.ts): said here in the page's money format.
  const shown = reasonDetail(reason);
  if (shown?.kind === "credit") return creditHoldText(shown.amounts, words);
  // Said in full words ("Bedragen in USD; wij factureren in EUR"), the amounts in the page's money format.
  if (shown?.kind === "currencies") return text("detail.currencies", { theirs: shown.theirs.join(", "), ours: shown.ours });
  if (shown?.kind === "totals") return text("detail.totalMismatch", { total: amount(shown.totalMinor), lines: amount(shown.linesMinor) });
  const extra =
    shown?.kind === "prices"
      ? `${amount(shown.buyerMinor)} ${reason.code === "price_higher" ? ">" : "<"} ${amount(shown.ourMinor)}`
      : shown?.kind === "quantity"
        ? text(`detail.quantityRule.${shown.rule}`, { quantity: shown.quantity, suggested: shown.suggested })
        : shown?.kind === "quote"
          ? text(`detail.quoteLapsed.${shown.why}`, { quote: shown.quoteNumber })
          : shown?.text;
  return `${text(`reason.${reason.code}`)}${extra ? ` (${extra})` : ""}`;
}

/** Why a line or order waits for review, in the viewer's words; "none" without a reason. */
export function reasonText(reasons: readonly Reason[], words: OrderWords, discontinued: Discontinued): string {
  return reasons.length ? reasons.map((reason) => reasonOf(reason, words, discontinued)).join("; ") : words.text("detail.none");
}

/** What the order flow stored for itself, in the viewer's words; a comment a person typed stays as typed. */
function commentText(comment: string, words: OrderWords): string | null {
  const { text } = words;
  const shown = historyComment(comment);
  if (shown.kind === "review_reasons") return shown.codes.map((code) => text(`reason.${code}`)).join("; ");
  if (shown.kind === "credit_hold") return creditHoldText(shown.amounts, words);
  if (shown.kind === "buyer_update") return text("detail.buyerUpdate", { version: shown.version, payloadId: shown.payloadId });
  // Its label says it ("Confirmed with changes").
  if (shown.kind === "confirmed_with_changes") return null;
  return shown.text;
}

export interface HistoryEvent extends StoryEvent {
  id: number;
  createdAt: Date;
}

/** A history entry as the page lists it: "<date> · <label> · <by> · <comment>", the last two where there are. */
export interface HistoryEntry {
  id: number;
  createdAt: Date;
  label: string;
  by: string | null;
  comment: string | null;
}

export function historyEntries(
  detail: {
    order: { source: string };
    events: readonly HistoryEvent[];
    lines: readonly { lineNumber: number; quantity: number }[];
    shipments: readonly { shipmentNumber: string; lines: readonly { lineNumber: number; quantity: number }[] }[];
  },
  words: OrderWords,
): HistoryEntry[] {
  const { text } = words;
  return detail.events.map((event, index) => {
    // Placed (or held) straight after "awaiting approval": the customer's approver approved it, they did not place it.
    const kind = historyEventKind(event, detail.events[index - 1], detail.order.source);
    const approval = kind === "approved" || kind === "approved_held";
    // A shipment says "Partly shipped" while something was still to come, as the buyer's page does.
    const shipment = kind === "status" && event.status === "shipped" ? shipmentEvent(event.comment, detail.lines, detail.shipments) : null;
    const withChanges = event.comment !== null && historyComment(event.comment).kind === "confirmed_with_changes";
    const label =
      event.kind === "changed"
        ? text("detail.changedEvent")
        : event.kind === "confirmation_sent"
          ? text("detail.confirmationSentEvent")
          : shipment?.partial
            ? text("detail.partlyShipped")
            : withChanges
              ? text("detail.confirmedWithChanges")
              : text(`status.${event.status}`);
    return {
      id: event.id,
      createdAt: event.createdAt,
      label,
      by: event.userName ? (approval ? text("detail.approvedBy", { name: event.userName }) : event.userName) : null,
      comment: shipment ? shipment.comment : event.comment ? commentText(event.comment, words) : null,
    };
  });
}
