// A punchout connection's technical user is nobody's account: the customer list does not count it and
// the users tab names it apart (no invitation, no password), by the connection that runs its sessions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCustomers, listCustomerUsers } from "@/lib/data/customers";
import { createCompanyWithBuyer } from "../../support/fixtures";
import { createOciConnection } from "../../support/oci-fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let companyId: number;
let buyerEmail: string;

beforeAll(async () => {
  db = await useFreshDatabase();
  const { company, user } = await createCompanyWithBuyer(db.handle);
  companyId = company.id;
  buyerEmail = user.email;
  await createOciConnection(db.handle, companyId, { username: "tech-users", password: "secret-1", origins: ["https://srm.example"] });
}, 120_000);
afterAll(() => db.dispose());

describe("technical punchout users", () => {
  it("are marked as such among the customer's users", async () => {
    const users = await listCustomerUsers(companyId);
    expect(users.map((user) => [user.email, user.technical])).toEqual(
      expect.arrayContaining([
        [buyerEmail, false],
        ["tech-users@technical.test", true],
      ]),
    );
    expect(users).toHaveLength(2);
  });

  it("are not counted as the customer's users", async () => {
    const { items } = await listCustomers({ managerId: null, offset: 0, limit: 100 });
    expect(items.find((item) => item.id === companyId)?.userCount).toBe(1);
  });
});
