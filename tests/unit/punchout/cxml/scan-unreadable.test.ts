import { describe, expect, it } from "vitest";
import { scanUnreadableCxml } from "@/lib/punchout/cxml/scan-unreadable";
import { sharedFile } from "./helpers";

describe("scanUnreadableCxml (what a broken document still says, for the log)", () => {
  it("reads From identities, payloadID and orderID from a Coupa OrderRequest broken by a typo", () => {
    const broken = sharedFile("samples/officeluv-cxml/purchase_order_request_200.xml").toString("utf8").replace("</OrderRequestHeader>", "</OrderRequestHeadr>");
    expect(scanUnreadableCxml(broken)).toEqual({ fromIdentities: ["dell"], payloadId: "1452186890.009162@ip-10-7-14-126", orderId: "6112" });
  });

  it("takes only the From identities (not To or Sender), each once, and single-quoted attributes", () => {
    const text = `<cXML payloadID='p-1@x' timestamp="t"><Header><From><Credential domain="DUNS"><Identity> buyer-1 </Identity></Credential>
      <Credential domain="NetworkID"><Identity>AN-1</Identity></Credential><Credential domain="x"><Identity>buyer-1</Identity></Credential></From>
      <To><Credential domain="DUNS"><Identity>KOPPEL</Identity></Credential></To><Sender><Credential domain="DUNS"><Identity>hub</Identity>`;
    expect(scanUnreadableCxml(text)).toEqual({ fromIdentities: ["buyer-1", "AN-1"], payloadId: "p-1@x", orderId: null });
  });

  it("finds nothing in what is no cXML at all", () => {
    expect(scanUnreadableCxml("")).toEqual({ fromIdentities: [], payloadId: null, orderId: null });
    expect(scanUnreadableCxml('{"orderId": "PO-1"}')).toEqual({ fromIdentities: [], payloadId: null, orderId: null });
    // A value too long to be an identifier is not taken.
    expect(scanUnreadableCxml(`<cXML payloadID="${"x".repeat(300)}"><Header><From><Identity>${"y".repeat(300)}</Identity></From>`)).toEqual({ fromIdentities: [], payloadId: null, orderId: null });
  });
});
