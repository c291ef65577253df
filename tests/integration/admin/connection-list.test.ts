// The staff list of punchout connections at a supplier's scale (a connection per customer behind a
// network hub): scoped to a manager's customers in SQL, searched, one page at a time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { protocolMessages, punchoutConnections } from "@/db/schema";
import { connectionLabelsOf, listMessageLogForStaff } from "@/lib/admin/protocol-messages";
import { listConnectionsForStaff, searchConnectionsForStaff } from "@/lib/admin/punchout-connections";
import type { StaffUser } from "@/lib/auth/guards";
import { createStaff } from "../../support/admin-fixtures";
import { createCxmlConnection } from "../../support/cxml-fixtures";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let admin: StaffUser;
let manager: StaffUser;
const mine: number[] = [];
const theirs: number[] = [];
let ociId: number;
const companyOf = new Map<number, number>();

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const hub = [{ domain: "NetworkID", identity: "AN-LIST-HUB" }];
  const companies = [];
  for (let n = 1; n <= 7; n++) {
    const { company } = await createCompanyWithBuyer(handle);
    companies.push(company.id);
    const connection = await createCxmlConnection(handle, company.id, {
      name: n % 2 ? "Ariba Network" : "Coupa",
      from: [{ domain: "NetworkID", identity: `AN-LIST-${n}` }],
      sender: n === 7 ? [{ domain: "NetworkID", identity: "COUPA-SENDER_1" }] : hub,
      secret: "s",
      origins: [],
      withTechnicalUser: false,
    });
    (n <= 4 ? mine : theirs).push(connection.id);
    companyOf.set(connection.id, company.id);
  }
  const [oci] = await handle.db
    .insert(punchoutConnections)
    .values({ companyId: companies[0]!, protocol: "oci", name: "SAP SRM", presetId: "sap-srm", username: "list-oci-user", secretHash: "x" })
    .returning();
  ociId = oci!.id;
  companyOf.set(ociId, companies[0]!);
  mine.push(ociId);
  admin = await createStaff(handle, "admin");
  manager = await createStaff(handle, "account_manager", companies.slice(0, 4));
}, 120_000);
afterAll(() => fresh.dispose());

const ids = (rows: { id: number }[]) => rows.map((row) => row.id).sort((a, b) => a - b);
const sorted = (list: number[]) => [...list].sort((a, b) => a - b);

describe("searchConnectionsForStaff", () => {
  it("shows an account manager only their customers' connections, an admin all", async () => {
    expect(ids(await listConnectionsForStaff(manager))).toEqual(sorted(mine));
    expect(ids(await listConnectionsForStaff(admin))).toEqual(sorted([...mine, ...theirs]));
    const page = await searchConnectionsForStaff(manager, { offset: 0, limit: 50 });
    expect(page.total).toBe(mine.length);
    expect(ids(page.items)).toEqual(sorted(mine));
  });

  it("finds connections by cXML identity, USERNAME, name, preset and customer, case-insensitively, within the scope", async () => {
    const found = async (staff: StaffUser, query: string) => ids((await searchConnectionsForStaff(staff, { query, offset: 0, limit: 50 })).items);
    expect(await found(admin, "an-list-6")).toEqual([theirs[1]]);
    expect(await found(manager, "an-list-6")).toEqual([]); // not this manager's customer
    expect(await found(admin, "AN-LIST-HUB")).toEqual(sorted([...mine.filter((id) => id !== ociId), ...theirs.slice(0, 2)]));
    expect(await found(admin, "LIST-OCI")).toEqual([ociId]);
    expect(await found(admin, "sap-srm")).toEqual([ociId]);
    expect(await found(manager, "coupa")).toEqual([mine[1], mine[3]]);
    // LIKE wildcards in the query are literal: "_1" matches the underscore, not any character.
    expect(await found(admin, "SENDER_1")).toEqual([theirs[2]]);
    expect(await found(admin, "SENDER%")).toEqual([]);
    // "identity" is a key of the stored JSON, not a value: it matches nothing.
    expect(await found(admin, "identity")).toEqual([]);
  });

  it("pages through the list in a stable order, with the total of all pages", async () => {
    const all = [...mine, ...theirs];
    const seen: number[] = [];
    for (let offset = 0; offset < all.length; offset += 3) {
      const page = await searchConnectionsForStaff(admin, { offset, limit: 3 });
      expect(page.total).toBe(all.length);
      seen.push(...page.items.map((row) => row.id));
    }
    expect(sorted(seen)).toEqual(sorted(all));
    expect(new Set(seen).size).toBe(all.length);
  });
});

describe("the message log filtered by a connection search", () => {
  it("shows the messages of the connections the search finds in the staff member's list, with their labels", async () => {
    const log = (connectionId: number): typeof protocolMessages.$inferInsert => ({
      connectionId,
      companyId: companyOf.get(connectionId)!,
      protocol: "cxml",
      direction: "inbound",
      type: "cxml.PunchOutSetupRequest",
      status: "ok",
      payload: "<cXML/>",
    });
    const inserted = await handle.db.insert(protocolMessages).values([log(mine[0]!), log(mine[1]!), log(theirs[1]!), log(ociId)]).returning({ id: protocolMessages.id });
    const found = async (staff: StaffUser, connectionSearch: string) =>
      (await listMessageLogForStaff(staff, { connectionSearch })).flatMap((entry) => (entry.kind === "message" ? [entry.message.connectionId] : [])).sort();
    expect(await found(admin, "AN-LIST-1")).toEqual([mine[0]]);
    expect(await found(admin, "an-list-hub")).toEqual(sorted([mine[0]!, mine[1]!, theirs[1]!]));
    expect(await found(manager, "an-list-hub")).toEqual(sorted([mine[0]!, mine[1]!])); // not the other manager's customer
    expect(await found(manager, "AN-LIST-6")).toEqual([]);
    expect(await found(admin, "list-oci-user")).toEqual([ociId]);
    expect(await found(admin, "nothing like this")).toEqual([]);
    expect((await found(admin, "  ")).length).toBe(inserted.length); // a blank search filters nothing

    const entries = await listMessageLogForStaff(admin, { connectionSearch: "AN-LIST" });
    const labels = await connectionLabelsOf(entries);
    expect(labels.get(theirs[1]!)).toEqual({ name: "Coupa", companyName: expect.stringMatching(/^Klant .* B\.V\.$/) });
    expect([...labels.keys()].sort()).toEqual(sorted([mine[0]!, mine[1]!, theirs[1]!]));
  });
});
