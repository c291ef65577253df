import { describe, expect, it } from "vitest";
import { decryptSecret, deriveSecretKey, encryptSecret } from "@/lib/crypto/secret-box";
import { backoffMs, classifyDelivery, readStatusCode } from "@/lib/purchase-orders/delivery-outcome";

describe("classifyDelivery", () => {
  it.each([
    ["network error", { networkError: true } as const, "retry"],
    ["HTTP 200 + Status 200", { httpStatus: 200, cxmlCode: 200 }, "sent"],
    ["HTTP 200 + Status 201", { httpStatus: 200, cxmlCode: 201 }, "sent"],
    ["HTTP 200 without Status", { httpStatus: 200, cxmlCode: null }, "sent"],
    ["HTTP 500", { httpStatus: 500, cxmlCode: null }, "retry"],
    ["HTTP 503", { httpStatus: 503, cxmlCode: null }, "retry"],
    ["Status 500", { httpStatus: 200, cxmlCode: 500 }, "retry"],
    ["Status 550", { httpStatus: 200, cxmlCode: 550 }, "retry"],
    ["Status 551", { httpStatus: 200, cxmlCode: 551 }, "retry"],
    ["Status 560", { httpStatus: 200, cxmlCode: 560 }, "retry"],
    ["HTTP 400", { httpStatus: 400, cxmlCode: null }, "failed"],
    ["HTTP 401", { httpStatus: 401, cxmlCode: 401 }, "failed"],
    ["Status 417", { httpStatus: 200, cxmlCode: 417 }, "failed"],
    ["Status 409", { httpStatus: 200, cxmlCode: 409 }, "failed"],
  ])("%s → %s", (_label, input, expected) => {
    expect(classifyDelivery(input)).toBe(expected);
  });

  it("backs off exponentially up to an hour", () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(30)).toBe(3_600_000);
  });

  it("reads the Status code of a cXML Response", () => {
    expect(readStatusCode(`<cXML><Response><Status code="560" text="x"/></Response></cXML>`)).toBe(560);
    expect(readStatusCode("<html>")).toBeNull();
  });
});

describe("secret box (AES-256-GCM)", () => {
  const key = deriveSecretKey("a".repeat(40));
  it("round-trips and uses a fresh IV", () => {
    const a = encryptSecret("s3cret", key);
    expect(a).not.toContain("s3cret");
    expect(encryptSecret("s3cret", key)).not.toBe(a);
    expect(decryptSecret(a, key)).toBe("s3cret");
  });
  it("refuses tampered data and other keys", () => {
    const sealed = encryptSecret("s3cret", key);
    expect(() => decryptSecret(sealed, deriveSecretKey("b".repeat(40)))).toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("x").toString("base64url");
    expect(() => decryptSecret(parts.join("."), key)).toThrow();
  });
});
