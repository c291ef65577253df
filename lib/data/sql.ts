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

/** The SQLSTATE of a database error (postgres.js and PGlite both expose `code`; drizzle wraps the driver's error in `cause`). */
function postgresErrorCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    if (typeof e === "object" && "code" in e && typeof (e as { code: unknown }).code === "string") return (e as { code: string }).code;
    e = typeof e === "object" && "cause" in e ? (e as { cause: unknown }).cause : null;
  }
  return null;
}

/** unique_violation: another writer got there first. */
export const isUniqueViolation = (error: unknown): boolean => postgresErrorCode(error) === "23505";

/** foreign_key_violation: a row points at one that is gone (or is being removed). */
export const isForeignKeyViolation = (error: unknown): boolean => postgresErrorCode(error) === "23503";

