import { describe, expect, it } from "vitest";
import { newLineReference } from "@/lib/punchout/line-reference";

describe("newLineReference", () => {
  it("is KL- and 12 base64url characters (72 random bits), within cXML's 60 characters", () => {
    expect(newLineReference()).toMatch(/^KL-[A-Za-z0-9_-]{12}$/);
  });

  it("never repeats, also across refills of its entropy pool", () => {
    const references = Array.from({ length: 2_000 }, newLineReference);
    expect(new Set(references).size).toBe(references.length);
    for (const reference of references) expect(reference).toMatch(/^KL-[A-Za-z0-9_-]{12}$/);
  });
});
