import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { punchoutConnections } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { updatePunchoutConnection } from "@/lib/data/punchout-connections";
import { handleOciEntry } from "@/lib/punchout/oci-entry";
import { createCategory, createCompanyWithBuyer, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

let db: Awaited<ReturnType<typeof useFreshDatabase>>;
let connectionId: number;
let sku: string;
const USERNAME = "oci-cache-test";
const NOW = new Date("2026-11-28T10:00:00Z");

beforeAll(async () => {
  db = await useFreshDatabase();
  const category = await createCategory(db.handle);
  sku = (await createProduct(db.handle, category.id, { stock: 7 })).sku;
  const customer = await createCompanyWithBuyer(db.handle);
  const [connection] = await db.handle.db
    .insert(punchoutConnections)
    .values({
      companyId: customer.company.id,
      name: "OCI cache test",
      protocol: "oci",
      presetId: "generic-oci",
      username: USERNAME,
      secretHash: await hashPassword("first-password"),
      allowedReturnOrigins: ["https://procurement.example.com"],
    })
    .returning();
  connectionId = connection!.id;
}, 120_000);
afterAll(() => db.dispose());

/** A background QUANTITYCHECK (no session needed): JSON when the credentials are accepted, the 401 page otherwise. */
async function quantityCheck(password: string, minutesLater = 0) {
  const outcome = await handleOciEntry(
    [
      ["USERNAME", USERNAME],
      ["PASSWORD", password],
      ["FUNCTION", "QUANTITYCHECK"],
      ["PRODUCTID", sku],
      ["QUANTITY", "1"],
    ],
    { remoteAddress: null, now: new Date(NOW.getTime() + minutesLater * 60_000), locale: "nl" },
  );
  return outcome.kind === "json" ? outcome.status : outcome.kind === "html" ? outcome.status : 303;
}

describe("OCI entry credentials with the verified-secret cache", () => {
  it("accepts the right password again (from the cache), never a wrong one, and drops the old one at a change", async () => {
    expect(await quantityCheck("first-password")).toBe(200);
    expect(await quantityCheck("first-password")).toBe(200);
    expect(await quantityCheck("first-passwor")).toBe(401);
    expect(await quantityCheck("FIRST-PASSWORD")).toBe(401);
    await updatePunchoutConnection(connectionId, { secretHash: await hashPassword("second-password") });
    expect(await quantityCheck("first-password")).toBe(401);
    expect(await quantityCheck("second-password")).toBe(200);
  });

  it("still throttles a user name whose right password is cached", async () => {
    for (let i = 0; i < 5; i++) await quantityCheck("guess");
    expect(await quantityCheck("second-password")).toBe(429);
    // …and lets it in again once the window has passed.
    expect(await quantityCheck("second-password", 16)).toBe(200);
  });
});
