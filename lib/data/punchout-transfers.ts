import "server-only";
import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { cartLines, punchoutSessions, punchoutTransferLines, punchoutTransfers } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { database } from "./database";

export interface TransferSnapshotLine {
  reference: string;
  lineNumber: number;
  productId: number;
  sku: string;
  description: string;
  quantity: number;
  unit: string;
  unitPriceMinor: number;
  priceBasisQuantity: number;
  vatRateBasisPoints: number;
  /** The quote line whose price the line carried (null: priced as usual). */
  quoteLineId: number | null;
}

const SNAPSHOT_COLUMNS = {
  reference: punchoutTransferLines.reference,
  lineNumber: punchoutTransferLines.lineNumber,
  productId: punchoutTransferLines.productId,
  sku: punchoutTransferLines.sku,
  description: punchoutTransferLines.description,
  quantity: punchoutTransferLines.quantity,
  unit: punchoutTransferLines.unit,
  unitPriceMinor: punchoutTransferLines.unitPriceMinor,
  priceBasisQuantity: punchoutTransferLines.priceBasisQuantity,
  vatRateBasisPoints: punchoutTransferLines.vatRateBasisPoints,
  quoteLineId: punchoutTransferLines.quoteLineId,
} satisfies Record<keyof TransferSnapshotLine, PgColumn>;

/**
 * The snapshot lines as ONE JSON parameter (json_to_recordset) instead of a multi-row VALUES list:
 * for a 500-line cart drizzle assembled 5,000 parameters in ~25 ms of CPU, a fifth of the transfer.
 * `json`, not `jsonb`: the text is read once, in order; building a jsonb value first cost PostgreSQL
 * ~5 ms more per 500 lines (15 → 9 ms for the insert).
 */
function insertSnapshotLines(transferId: number, lines: TransferSnapshotLine[]): SQL {
  const entries = Object.entries(SNAPSHOT_COLUMNS);
  const names = sql.join(entries.map(([, column]) => sql.identifier(column.name)), sql`, `);
  const fields = sql.join(entries.map(([key]) => sql`"x".${sql.identifier(key)}`), sql`, `);
  const record = sql.join(entries.map(([key, column]) => sql`${sql.identifier(key)} ${sql.raw(column.getSQLType())}`), sql`, `);
  return sql`insert into ${punchoutTransferLines} (${sql.identifier(punchoutTransferLines.transferId.name)}, ${names})
    select ${transferId}, ${fields} from json_to_recordset(${JSON.stringify(lines)}::json) as "x"(${record})`;
}

/**
 * Ends a punchout session with its cart: stores the immutable transfer snapshot (empty for a
 * cancel), empties the cart and marks the session transferred/cancelled – all in one transaction.
 * A session that is no longer active (double click, second tab) raises a conflict and writes nothing.
 */
export async function recordPunchoutTransfer(input: {
  sessionId: number;
  companyId: number;
  cartId: number;
  outcome: "transferred" | "cancelled";
  currency: string;
  totalMinor: number;
  lines: TransferSnapshotLine[];
}): Promise<{ transferId: number }> {
  const db = await database();
  return db.transaction(async (tx) => {
    const ended = await tx
      .update(punchoutSessions)
      .set({ status: input.outcome, endedAt: sql`now()` })
      .where(and(eq(punchoutSessions.id, input.sessionId), eq(punchoutSessions.status, "active")))
      .returning({ id: punchoutSessions.id });
    if (ended.length !== 1) throw new AppError("conflict", "punchout_session_not_active");
    const [transfer] = await tx
      .insert(punchoutTransfers)
      .values({ sessionId: input.sessionId, companyId: input.companyId, currency: input.currency, totalMinor: input.totalMinor })
      .returning({ id: punchoutTransfers.id });
    if (input.lines.length) await tx.execute(insertSnapshotLines(transfer!.id, input.lines));
    await tx.delete(cartLines).where(eq(cartLines.cartId, input.cartId));
    return { transferId: transfer!.id };
  });
}

export async function listTransferLines(transferId: number) {
  const db = await database();
  return db.select().from(punchoutTransferLines).where(eq(punchoutTransferLines.transferId, transferId)).orderBy(punchoutTransferLines.lineNumber);
}

/**
 * Snapshot lines of one customer by their reference (cXML SupplierPartAuxiliaryID), for rebuilding
 * a cart on edit/inspect. Another customer's references never resolve.
 */
export async function findTransferLinesByReference(
  companyId: number,
  references: string[],
): Promise<Map<string, { productId: number; sku: string; quantity: number; quoteLineId: number | null }>> {
  if (references.length === 0) return new Map();
  const db = await database();
  const rows = await db
    .select({
      reference: punchoutTransferLines.reference,
      productId: punchoutTransferLines.productId,
      sku: punchoutTransferLines.sku,
      quantity: punchoutTransferLines.quantity,
      quoteLineId: punchoutTransferLines.quoteLineId,
    })
    .from(punchoutTransferLines)
    .innerJoin(punchoutTransfers, eq(punchoutTransfers.id, punchoutTransferLines.transferId))
    .where(and(eq(punchoutTransfers.companyId, companyId), inArray(punchoutTransferLines.reference, references)));
  return new Map(rows.map(({ reference, ...line }) => [reference, line]));
}
