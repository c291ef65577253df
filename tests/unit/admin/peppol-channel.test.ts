import { describe, expect, it } from "vitest";
import { offerPeppolChannel } from "@/lib/admin/peppol-channel";

const OIN = "00000099999999999999";

describe("offerPeppolChannel", () => {
  it("offers Peppol once a valid Peppol id is typed for a customer that had none and Peppol is not ticked", () => {
    expect(offerPeppolChannel({ peppolId: null }, { peppolScheme: "0190", peppolId: OIN }, ["email"])).toBe(true);
    // A pasted full participant id counts as typed.
    expect(offerPeppolChannel({ peppolId: null }, { peppolScheme: "0106", peppolId: " 0106:68750110 " }, [])).toBe(true);
  });

  it("says nothing while the id is incomplete, invalid or its scheme unknown", () => {
    expect(offerPeppolChannel({ peppolId: null }, { peppolScheme: "", peppolId: OIN }, [])).toBe(false);
    expect(offerPeppolChannel({ peppolId: null }, { peppolScheme: "0190", peppolId: "" }, [])).toBe(false);
    expect(offerPeppolChannel({ peppolId: null }, { peppolScheme: "0190", peppolId: "1234" }, [])).toBe(false);
    expect(offerPeppolChannel({ peppolId: null }, { peppolScheme: "9999", peppolId: OIN }, [])).toBe(false);
  });

  it("says nothing once Peppol is ticked, or for a customer that already had a Peppol id (its channels were a choice)", () => {
    expect(offerPeppolChannel({ peppolId: null }, { peppolScheme: "0190", peppolId: OIN }, ["peppol"])).toBe(false);
    expect(offerPeppolChannel({ peppolId: OIN }, { peppolScheme: "0190", peppolId: OIN }, ["email"])).toBe(false);
  });
});
