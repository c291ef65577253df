import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { useFreshDatabase } from "../../support/test-database";

// Migration 0012: whole messages are stored lz4-compressed where the server has lz4 (Debian's
// PostgreSQL does), and the migration is a no-op where it has pglz alone (PGlite).
const LARGE_COLUMNS = [
  ["protocol_messages", "payload"],
  ["purchase_order_documents", "raw_document"],
  ["purchase_order_documents", "response_xml"],
] as const;

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
}, 60_000);
afterAll(() => fresh?.dispose());

async function serverHasLz4(): Promise<boolean> {
  const [row] = await handle.query<{ lz4: boolean }>(
    "select 'lz4' = any(enumvals) as lz4 from pg_settings where name = 'default_toast_compression'",
  );
  return row!.lz4;
}

describe("compression of stored messages", () => {
  it("uses lz4 for the message columns exactly when the server supports it", async () => {
    const expected = (await serverHasLz4()) ? "l" : "";
    for (const [table, column] of LARGE_COLUMNS) {
      const [row] = await handle.query<{ compression: string }>(
        "select attcompression::text as compression from pg_attribute where attrelid = $1::regclass and attname = $2",
        [table, column],
      );
      expect({ table, column, compression: row!.compression }).toEqual({ table, column, compression: expected });
    }
  });

  it("stores and reads back a 350 kB message unchanged", async () => {
    const payload = Array.from({ length: 5_000 }, (_, i) => `<ItemIn lineNumber="${i + 1}"><SupplierPartID>SKU-${i}</SupplierPartID></ItemIn>`).join("");
    const [inserted] = await handle.query<{ id: number }>(
      "insert into protocol_messages (protocol, direction, type, status, payload) values ('cxml', 'outbound', 'test', 'ok', $1) returning id",
      [payload],
    );
    const [row] = await handle.query<{ payload: string; compression: string | null }>(
      "select payload, pg_column_compression(payload) as compression from protocol_messages where id = $1",
      [inserted!.id],
    );
    expect(row!.payload).toBe(payload);
    expect(row!.compression).toBe((await serverHasLz4()) ? "lz4" : "pglz");
  });
});
