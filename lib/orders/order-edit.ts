import { z } from "zod";
import { checkQuantity, type QuantityRules } from "@/lib/cart/quantity-rules";
import { deliveryChargeByRate } from "@/lib/pricing/delivery-charge";
import { summarizeVat, type VatSummary } from "@/lib/pricing/vat";
import { parseQuickOrderText } from "@/lib/quick-order/parse-lines";

/**
 * Staff change a web order after it was placed ("order wijzigen"; ANCHORS.md §1.10): another
 * quantity on a line, a line removed, lines added — until anything of it ships or is invoiced.
 * Pure: the rules and the new totals; lib/data/order-edit.ts applies them under the order's lock.
 *
 * - Lines keep the price they were ordered at (the contract price of that day, tiers included);
 *   added lines get the customer's price now. A quote's line keeps its quoted quantity.
 * - The delivery charge agreed at checkout stays as it was.
 * - At least one line remains (taking everything away is a cancellation).
 */

/** Before anything ships or is invoiced; an order still at the customer's approver is theirs to change. */
export const EDITABLE_ORDER_STATUSES = ["placed", "needs_review", "confirmed"] as const;
export const MAX_ADDED_LINES = 50;

export const editOrderSchema = z.object({
  orderId: z.coerce.number().int().positive(),
  reason: z.string().trim().min(1, "reason_required").max(500),
  /** Per current line number the new quantity ("0": remove); lines not named keep theirs. */
  quantities: z.record(z.string().regex(/^\d{1,4}$/), z.coerce.number().int().min(0).max(1_000_000)),
  /** Lines to add, as quick order takes them ("SKU;quantity" per line). */
  additions: z.string().max(20_000).optional().transform((v) => v?.trim() ?? ""),
  /**
   * For a customer limited to its contract assortment: the account manager's explicit yes to adding
   * products outside it (staff decide; without it such an addition is refused and named).
   */
  allowOutsideAssortment: z.union([z.boolean(), z.literal("on")]).optional().transform((v) => v === true || v === "on"),
});
export type EditOrderInput = z.infer<typeof editOrderSchema>;

/** The form posts `quantity_<lineNumber>` fields; everything else as named. */
export function editOrderFormInput(raw: unknown): unknown {
  if (typeof raw !== "object" || raw === null) return raw;
  const quantities: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const match = /^quantity_(\d{1,4})$/.exec(key);
    if (match && typeof value === "string" && value.trim() !== "") quantities[match[1]!] = value.trim();
  }
  const { orderId, reason, additions, allowOutsideAssortment } = raw as Record<string, unknown>;
  return { orderId, reason, additions, quantities, allowOutsideAssortment };
}

export const editOrderFormSchema = z.preprocess(editOrderFormInput, editOrderSchema);

export interface EditableLine {
  lineNumber: number;
  productId: number | null;
  sku: string;
  quantity: number;
  unitPriceMinor: number;
  vatRateBasisPoints: number;
  /** A line priced at a quote: its quantity is the quote's. */
  fromQuote: boolean;
  /** The product's quantity rules now (null: the product is gone). */
  rules: QuantityRules | null;
}

export type AdditionRequest = { sku: string; quantity: number };

/** An added line priced for the customer (lib/admin/order-edit.ts). */
export interface PricedAddition {
  productId: number;
  sku: string;
  name: string;
  unit: string;
  quantity: number;
  unitPriceMinor: number;
  listPriceMinor: number;
  vatRateBasisPoints: number;
  rules: QuantityRules;
}

export type EditProblem =
  | { kind: "unknown_line"; lineNumber: number }
  | { kind: "quote_line"; lineNumber: number; sku: string }
  | { kind: "quantity_rule"; sku: string; quantity: number; suggested: number }
  | { kind: "unknown_sku"; sku: string }
  | { kind: "invalid_addition"; line: number }
  | { kind: "too_many_additions" }
  | { kind: "already_on_order"; sku: string; lineNumber: number }
  | { kind: "no_lines_left" }
  | { kind: "nothing_changed" };

/** The quick-order text of the additions: one request per SKU as typed (repeats add up), or the lines it could not read. */
export function parseAdditions(text: string): { requests: AdditionRequest[]; problems: EditProblem[] } {
  if (!text) return { requests: [], problems: [] };
  const parsed = parseQuickOrderText(text);
  if (!parsed.ok) return { requests: [], problems: parsed.error === "empty" ? [] : [{ kind: "too_many_additions" }] };
  const bySku = new Map<string, number>();
  const problems: EditProblem[] = [];
  for (const line of parsed.lines) {
    if (line.kind === "invalid") problems.push({ kind: "invalid_addition", line: line.lineNumber });
    if (line.kind !== "item") continue;
    bySku.set(line.code, (bySku.get(line.code) ?? 0) + line.quantity);
  }
  if (bySku.size > MAX_ADDED_LINES) problems.push({ kind: "too_many_additions" });
  return { requests: [...bySku].map(([sku, quantity]) => ({ sku, quantity })), problems };
}

export interface ChangeSummary {
  changed: { lineNumber: number; sku: string; from: number; to: number }[];
  removed: { lineNumber: number; sku: string; quantity: number }[];
  added: { lineNumber: number; sku: string; quantity: number }[];
}

export interface EditPlan<A extends PricedAddition = PricedAddition> {
  /** Current lines to update (new quantity and amount) or delete. */
  updates: { lineNumber: number; quantity: number; lineTotalMinor: number }[];
  deletes: number[];
  /** Added lines, numbered after the highest current line number. */
  inserts: (A & { lineNumber: number; lineTotalMinor: number })[];
  totals: VatSummary;
  summary: ChangeSummary;
}

/**
 * The order after the change, or every problem with it (all of them, so the form can name each).
 * `additions` are the requests that matched a product, priced; `unknownSkus` those that did not.
 */
export function planOrderEdit<A extends PricedAddition>(input: {
  lines: EditableLine[];
  quantities: Record<string, number>;
  additions: A[];
  unknownSkus: string[];
  parseProblems: EditProblem[];
  deliveryChargeMinor: number;
}): { ok: true; plan: EditPlan<A> } | { ok: false; problems: EditProblem[] } {
  const problems: EditProblem[] = [...input.parseProblems, ...input.unknownSkus.map((sku) => ({ kind: "unknown_sku" as const, sku }))];
  const byNumber = new Map(input.lines.map((line) => [line.lineNumber, line]));
  const summary: ChangeSummary = { changed: [], removed: [], added: [] };
  const updates: EditPlan<A>["updates"] = [];
  const deletes: number[] = [];
  for (const [key, quantity] of Object.entries(input.quantities)) {
    const line = byNumber.get(Number(key));
    if (!line) {
      problems.push({ kind: "unknown_line", lineNumber: Number(key) });
      continue;
    }
    if (quantity === line.quantity) continue;
    if (line.fromQuote) {
      problems.push({ kind: "quote_line", lineNumber: line.lineNumber, sku: line.sku });
      continue;
    }
    if (quantity === 0) {
      deletes.push(line.lineNumber);
      summary.removed.push({ lineNumber: line.lineNumber, sku: line.sku, quantity: line.quantity });
      continue;
    }
    const check = line.rules ? checkQuantity(quantity, line.rules) : ({ ok: true } as const);
    if (!check.ok) {
      problems.push({ kind: "quantity_rule", sku: line.sku, quantity, suggested: check.suggestedQuantity });
      continue;
    }
    updates.push({ lineNumber: line.lineNumber, quantity, lineTotalMinor: line.unitPriceMinor * quantity });
    summary.changed.push({ lineNumber: line.lineNumber, sku: line.sku, from: line.quantity, to: quantity });
  }
  let next = Math.max(0, ...input.lines.map((line) => line.lineNumber));
  const inserts: EditPlan<A>["inserts"] = [];
  for (const addition of input.additions) {
    // One line per product: more of it is a change of that line's quantity (at its price).
    const existing = input.lines.find((line) => line.productId === addition.productId);
    if (existing) {
      problems.push({ kind: "already_on_order", sku: addition.sku, lineNumber: existing.lineNumber });
      continue;
    }
    const check = checkQuantity(addition.quantity, addition.rules);
    if (!check.ok) {
      problems.push({ kind: "quantity_rule", sku: addition.sku, quantity: addition.quantity, suggested: check.suggestedQuantity });
      continue;
    }
    next += 1;
    inserts.push({ ...addition, lineNumber: next, lineTotalMinor: addition.unitPriceMinor * addition.quantity });
    summary.added.push({ lineNumber: next, sku: addition.sku, quantity: addition.quantity });
  }
  const remaining = input.lines.length - deletes.length + inserts.length;
  if (problems.length === 0 && remaining === 0) problems.push({ kind: "no_lines_left" });
  if (problems.length === 0 && updates.length + deletes.length + inserts.length === 0) problems.push({ kind: "nothing_changed" });
  if (problems.length > 0) return { ok: false, problems };

  const updated = new Map(updates.map((update) => [update.lineNumber, update]));
  const goods = [
    ...input.lines
      .filter((line) => !deletes.includes(line.lineNumber))
      .map((line) => ({ netMinor: updated.get(line.lineNumber)?.lineTotalMinor ?? line.unitPriceMinor * line.quantity, vatRateBasisPoints: line.vatRateBasisPoints })),
    ...inserts.map((line) => ({ netMinor: line.lineTotalMinor, vatRateBasisPoints: line.vatRateBasisPoints })),
  ];
  const totals = summarizeVat([...goods, ...deliveryChargeByRate(input.deliveryChargeMinor, goods)]);
  return { ok: true, plan: { updates, deletes, inserts, totals, summary } };
}

/** The change as the order history and the mails tell it, one line per change ("SKU: 5 → 3"). */
export function describeChange(summary: ChangeSummary, locale: "nl" | "en"): string[] {
  const en = locale === "en";
  return [
    ...summary.changed.map((c) => `${c.sku}: ${c.from} → ${c.to}`),
    ...summary.removed.map((r) => (en ? `${r.sku}: removed (${r.quantity})` : `${r.sku}: verwijderd (${r.quantity})`)),
    ...summary.added.map((a) => (en ? `${a.sku}: added (${a.quantity})` : `${a.sku}: toegevoegd (${a.quantity})`)),
  ];
}
