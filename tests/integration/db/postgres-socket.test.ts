import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";

// PostgreSQL runs on every machine of ours (CI included) with Debian's socket directory.
const baseUrl = process.env.KOPPEL_TEST_PG_URL;
const SOCKET_DIR = "/var/run/postgresql";

describe.runIf(baseUrl && existsSync(`${SOCKET_DIR}/.s.PGSQL.5432`))("PostgreSQL over its Unix socket", () => {
  it("connects through the socket named by ?host=, not TCP", async () => {
    const url = new URL(baseUrl!);
    url.pathname = "/postgres";
    url.searchParams.set("host", SOCKET_DIR);
    const handle = await openDatabase({ url: url.toString(), maxConnections: 1 });
    try {
      // inet_server_addr() is null exactly for a Unix-socket connection.
      const [row] = await handle.query<{ addr: string | null; db: string }>("select inet_server_addr()::text as addr, current_database() as db");
      expect(row).toEqual({ addr: null, db: "postgres" });
      expect(await handle.withAdvisoryLock(4711, async () => "locked")).toBe("locked");
    } finally {
      await handle.close();
    }
  });
});
