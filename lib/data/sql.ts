import "server-only";
import { getTableName, sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * A column as "table"."column". Drizzle leaves column names unqualified in queries without joins,
 * which silently rebinds them inside correlated subqueries (`where "price_list_id" = "id"` picks
 * the inner table's id). Every column inside a hand-written subquery goes through this.
 */
export function q(column: AnyColumn): SQL {
  return sql.raw(`"${getTableName(column.table)}"."${column.name}"`);
}

/** `text` with LIKE's wildcards and escape character escaped, to match literally inside a pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching `text` anywhere, literally. */
export const containsPattern = (text: string): string => `%${escapeLike(text)}%`;
