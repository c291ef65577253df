import { describe, expect, it } from "vitest";
import {
  allocateReturnCredit,
  checkReturnLines,
  holdsGoods,
  mayCancelReturn,
  mayCompleteReturn,
  mayDecideReturn,
  RETURN_REASON_CODES,
  RETURN_WINDOW_DAYS,
  returnableQuantities,
  returnDeadline,
  type CreditAllocation,
  type ExistingReturn,
  type InvoicedLine,
  type ReturnedLine,
  type ReturnRequestProblem,
  type ReturnStatus,
} from "@/lib/returns/return-rules";

const STATUSES: ReturnStatus[] = ["requested", "approved", "completed", "rejected", "cancelled"];

describe("returnDeadline", () => {
  it("is thirty days", () => {
    expect(RETURN_WINDOW_DAYS).toBe(30);
  });

  it.each<[string | null, string | null]>([
    // Nothing shipped yet: no window at all (not an open-ended one).
    [null, null],
    ["2026-11-28", "2026-12-28"],
    // Across a month end, a year end and a leap day: calendar days.
    ["2026-01-31", "2026-03-02"],
    ["2026-12-15", "2027-01-14"],
    ["2028-02-01", "2028-03-02"],
    // Across the switch to summer time (29 March 2026) the day does not shift.
    ["2026-03-20", "2026-04-19"],
    ["2026-10-20", "2026-11-19"],
  ])("last shipped %s → last day %s", (lastShippedOn, deadline) => {
    expect(returnDeadline(lastShippedOn)).toBe(deadline);
  });
});

describe("holdsGoods and who may act in which state", () => {
  it.each<[ReturnStatus, { holds: boolean; cancel: boolean; decide: boolean; complete: boolean }]>([
    ["requested", { holds: true, cancel: true, decide: true, complete: false }],
    ["approved", { holds: true, cancel: false, decide: false, complete: true }],
    ["completed", { holds: true, cancel: false, decide: false, complete: false }],
    ["rejected", { holds: false, cancel: false, decide: false, complete: false }],
    ["cancelled", { holds: false, cancel: false, decide: false, complete: false }],
  ])("%s", (status, may) => {
    expect({ holds: holdsGoods(status), cancel: mayCancelReturn(status), decide: mayDecideReturn(status), complete: mayCompleteReturn(status) }).toEqual(may);
  });

  it("covers every status and reason the schema knows", () => {
    expect(RETURN_REASON_CODES).toEqual(["damaged", "defective", "wrong_item", "wrong_quantity", "not_needed", "other"]);
    expect(STATUSES.filter(holdsGoods)).toEqual(["requested", "approved", "completed"]);
  });
});

describe("returnableQuantities", () => {
  // An order of 10 × line 1, 4 × line 2 and 2 × line 3.
  const lines = [
    { lineNumber: 1, quantity: 10 },
    { lineNumber: 2, quantity: 4 },
    { lineNumber: 3, quantity: 2 },
  ];
  const ret = (status: ReturnStatus, ...returned: [number, number][]): ExistingReturn => ({
    status,
    lines: returned.map(([orderLineNumber, quantity]) => ({ orderLineNumber, quantity })),
  });
  const ship = (...shipped: [number, number][]) => shipped.map(([lineNumber, quantity]) => ({ lineNumber, quantity }));

  it.each<[string, { lineNumber: number; quantity: number }[], ExistingReturn[], [number, number][]]>([
    ["nothing shipped: nothing returnable, every line listed", [], [], [[1, 0], [2, 0], [3, 0]]],
    ["everything shipped at once", ship([1, 10], [2, 4], [3, 2]), [], [[1, 10], [2, 4], [3, 2]]],
    ["a partial shipment: only what shipped", ship([1, 3]), [], [[1, 3], [2, 0], [3, 0]]],
    ["several shipments of one line add up", ship([1, 3], [2, 1], [1, 4], [2, 1]), [], [[1, 7], [2, 2], [3, 0]]],
    ["shipped more than ordered: capped at the ordered quantity", ship([1, 8], [1, 5], [3, 9]), [], [[1, 10], [2, 0], [3, 2]]],
    ["a shipment line of no order line is ignored", ship([1, 2], [9, 5]), [], [[1, 2], [2, 0], [3, 0]]],
    ["an open request holds its goods", ship([1, 10], [2, 4]), [ret("requested", [1, 3])], [[1, 7], [2, 4], [3, 0]]],
    ["an approved return holds its goods", ship([1, 10], [2, 4]), [ret("approved", [1, 3], [2, 4])], [[1, 7], [2, 0], [3, 0]]],
    // Goods refused on inspection were still sent back once: the reported quantity counts, not what was credited.
    ["a completed return counts what was reported", ship([1, 10]), [ret("completed", [1, 6])], [[1, 4], [2, 0], [3, 0]]],
    ["a rejected return holds nothing", ship([1, 10]), [ret("rejected", [1, 10])], [[1, 10], [2, 0], [3, 0]]],
    ["a withdrawn (cancelled) return holds nothing", ship([1, 10]), [ret("cancelled", [1, 10])], [[1, 10], [2, 0], [3, 0]]],
    [
      "several returns add up; rejected and cancelled ones are skipped",
      ship([1, 10], [2, 4]),
      [ret("completed", [1, 2]), ret("requested", [1, 3], [2, 1]), ret("rejected", [1, 5], [2, 3]), ret("cancelled", [2, 3]), ret("approved", [2, 1])],
      [[1, 5], [2, 2], [3, 0]],
    ],
    // Returned more than shipped (cannot happen through checkReturnLines, but never below zero).
    ["never below zero", ship([1, 2]), [ret("requested", [1, 2]), ret("completed", [1, 1])], [[1, 0], [2, 0], [3, 0]]],
    // Returns count against what shipped, capped: shipped 12 of 10, returned 3 → 7, not 9.
    ["the cap applies before the returns are subtracted", ship([1, 12]), [ret("requested", [1, 3])], [[1, 7], [2, 0], [3, 0]]],
  ])("%s", (_, shipped, returns, expected) => {
    expect([...returnableQuantities({ lines, shipped, returns })]).toEqual(expected);
  });
});

describe("checkReturnLines", () => {
  const returnable = new Map([
    [1, 5],
    [2, 0],
    [3, 2],
  ]);
  const req = (...requested: [number, number][]): ReturnedLine[] => requested.map(([orderLineNumber, quantity]) => ({ orderLineNumber, quantity }));

  it.each<[string, ReturnedLine[], ReturnRequestProblem | null]>([
    ["no lines", [], { problem: "no_lines" }],
    ["within what is returnable", req([1, 3]), null],
    ["exactly what is returnable, on several lines", req([1, 5], [3, 2]), null],
    ["one more than returnable", req([1, 6]), { problem: "quantity_too_high", orderLineNumber: 1, max: 5 }],
    ["a line with nothing returnable", req([2, 1]), { problem: "quantity_too_high", orderLineNumber: 2, max: 0 }],
    ["the first offending line is named", req([1, 2], [3, 3], [1, 9]), { problem: "quantity_too_high", orderLineNumber: 3, max: 2 }],
    ["a line the order does not have", req([1, 1], [7, 1]), { problem: "line_unknown", orderLineNumber: 7 }],
  ])("%s", (_, requested, problem) => {
    expect(checkReturnLines(requested, returnable)).toEqual(problem);
  });
});

describe("allocateReturnCredit", () => {
  const inv = (invoiceId: number, lineId: string, orderLineNumber: number, open: number): InvoicedLine => ({ invoiceId, lineId, orderLineNumber, open });
  const got = (...received: [number, number][]): ReturnedLine[] => received.map(([orderLineNumber, quantity]) => ({ orderLineNumber, quantity }));

  it.each<[string, ReturnedLine[], InvoicedLine[], CreditAllocation]>([
    ["nothing received, nothing credited", [], [inv(1, "1", 1, 5)], { credits: [], uncovered: [] }],
    ["one invoice covers it", got([1, 2]), [inv(10, "1", 1, 5)], { credits: [{ invoiceId: 10, lines: [{ lineId: "1", quantity: 2 }] }], uncovered: [] }],
    [
      "lines of one invoice go onto one credit note",
      got([1, 2], [2, 1]),
      [inv(10, "1", 1, 5), inv(10, "2", 2, 3)],
      { credits: [{ invoiceId: 10, lines: [{ lineId: "1", quantity: 2 }, { lineId: "2", quantity: 1 }] }], uncovered: [] },
    ],
    [
      "the newest invoice first, whatever order they come in",
      got([1, 2]),
      [inv(10, "1", 1, 5), inv(11, "1", 1, 5)],
      { credits: [{ invoiceId: 11, lines: [{ lineId: "1", quantity: 2 }] }], uncovered: [] },
    ],
    [
      "split across two invoices: the newest is used up first, then the older",
      got([1, 7]),
      [inv(11, "1", 1, 4), inv(10, "1", 1, 5)],
      {
        credits: [
          { invoiceId: 11, lines: [{ lineId: "1", quantity: 4 }] },
          { invoiceId: 10, lines: [{ lineId: "1", quantity: 3 }] },
        ],
        uncovered: [],
      },
    ],
    [
      "a partially credited invoice offers only what is open",
      got([1, 4]),
      [inv(10, "1", 1, 5), inv(11, "1", 1, 1)],
      {
        credits: [
          { invoiceId: 11, lines: [{ lineId: "1", quantity: 1 }] },
          { invoiceId: 10, lines: [{ lineId: "1", quantity: 3 }] },
        ],
        uncovered: [],
      },
    ],
    [
      "a fully credited invoice (open 0 or less) is skipped",
      got([1, 2]),
      [inv(10, "1", 1, 5), inv(11, "1", 1, 0), inv(12, "1", 1, -1)],
      { credits: [{ invoiceId: 10, lines: [{ lineId: "1", quantity: 2 }] }], uncovered: [] },
    ],
    [
      "what no invoice covers is uncovered; what they do cover is still allocated",
      got([1, 6], [2, 1]),
      [inv(10, "1", 1, 4)],
      { credits: [{ invoiceId: 10, lines: [{ lineId: "1", quantity: 4 }] }], uncovered: [{ orderLineNumber: 1, quantity: 2 }, { orderLineNumber: 2, quantity: 1 }] },
    ],
    ["not invoiced at all", got([3, 2]), [], { credits: [], uncovered: [{ orderLineNumber: 3, quantity: 2 }] }],
    [
      "each order line only takes its own invoice lines",
      got([2, 2]),
      [inv(11, "1", 1, 9), inv(10, "2", 2, 2)],
      { credits: [{ invoiceId: 10, lines: [{ lineId: "2", quantity: 2 }] }], uncovered: [] },
    ],
    [
      "two lines over two invoices: one credit per invoice, newest first, each with its lines",
      got([1, 5], [2, 3]),
      [inv(10, "1", 1, 3), inv(10, "2", 2, 3), inv(11, "1", 1, 2), inv(11, "2", 2, 1)],
      {
        credits: [
          { invoiceId: 11, lines: [{ lineId: "1", quantity: 2 }, { lineId: "2", quantity: 1 }] },
          { invoiceId: 10, lines: [{ lineId: "1", quantity: 3 }, { lineId: "2", quantity: 2 }] },
        ],
        uncovered: [],
      },
    ],
    [
      "an order line on two lines of one invoice: both used, on one credit note",
      got([1, 4]),
      [inv(10, "1", 1, 3), inv(10, "2", 1, 3)],
      { credits: [{ invoiceId: 10, lines: [{ lineId: "1", quantity: 3 }, { lineId: "2", quantity: 1 }] }], uncovered: [] },
    ],
  ])("%s", (_, received, invoiced, allocation) => {
    expect(allocateReturnCredit(received, invoiced)).toEqual(allocation);
  });

  it("does not change its input", () => {
    const invoiced = [inv(10, "1", 1, 5), inv(11, "1", 1, 5)];
    const copy = structuredClone(invoiced);
    allocateReturnCredit(got([1, 7]), invoiced);
    expect(invoiced).toEqual(copy);
  });

  it("never credits more than was received, nor more than is open per invoice line", () => {
    const invoiced = [inv(10, "1", 1, 3), inv(11, "1", 1, 2), inv(12, "1", 1, 4), inv(12, "2", 2, 1)];
    for (let one = 0; one <= 11; one++) {
      for (let two = 0; two <= 2; two++) {
        const received = got([1, one], [2, two]).filter((line) => line.quantity > 0);
        const { credits, uncovered } = allocateReturnCredit(received, invoiced);
        const credited = (orderLine: number) =>
          credits.flatMap((c) => c.lines.map((l) => ({ ...l, invoiceId: c.invoiceId }))).filter((l) => invoiced.find((i) => i.invoiceId === l.invoiceId && i.lineId === l.lineId)!.orderLineNumber === orderLine);
        for (const [orderLine, quantity] of [[1, one], [2, two]] as const) {
          const sum = credited(orderLine).reduce((s, l) => s + l.quantity, 0);
          const left = uncovered.find((u) => u.orderLineNumber === orderLine)?.quantity ?? 0;
          expect(sum + left).toBe(quantity);
        }
        for (const credit of credits) {
          for (const line of credit.lines) {
            expect(line.quantity).toBeGreaterThan(0);
            expect(line.quantity).toBeLessThanOrEqual(invoiced.find((i) => i.invoiceId === credit.invoiceId && i.lineId === line.lineId)!.open);
          }
        }
        expect(credits.map((c) => c.invoiceId)).toEqual([...credits.map((c) => c.invoiceId)].sort((a, b) => b - a));
      }
    }
  });
});
