import { describe, expect, it } from "vitest";
import { connectionHandover, type HandoverConnection } from "@/lib/admin/connection-handover";

const oci: HandoverConnection = { protocol: "oci", environment: "production", username: "vdmeer-srm", cxmlFrom: [], cxmlTo: null, cxmlSender: [], settings: {} };
const cxml: HandoverConnection = {
  protocol: "cxml",
  environment: "test",
  username: null,
  cxmlFrom: [
    { domain: "NetworkID", identity: "AN-DEMO-BUYER" },
    { domain: "DUNS", identity: "123456789" },
  ],
  cxmlTo: { domain: "NetworkID", identity: "KOPPEL" },
  cxmlSender: [{ domain: "NetworkID", identity: "AN-HUB" }],
  settings: {},
};
const flat = (items: ReturnType<typeof connectionHandover>) => items.map((item) => [item.key, item.value, item.domain ?? null]);

describe("connectionHandover", () => {
  it.each([
    [
      "OCI: the entry URL and USERNAME",
      oci,
      "https://shop.example.nl",
      [
        ["ociEntryUrl", "https://shop.example.nl/punchout/oci", null],
        ["ociUsername", "vdmeer-srm", null],
      ],
    ],
    [
      "OCI with cXML order identities: also the OrderRequest URL and the header it must carry",
      { ...oci, cxmlFrom: [{ domain: "NetworkID", identity: "AN-AFAS" }], cxmlSender: [{ domain: "NetworkID", identity: "AN-AFAS" }] },
      "https://shop.example.nl/",
      [
        ["ociEntryUrl", "https://shop.example.nl/punchout/oci", null],
        ["ociUsername", "vdmeer-srm", null],
        ["cxmlOrderUrl", "https://shop.example.nl/punchout/cxml/order", null],
        ["cxmlFrom", "AN-AFAS", "NetworkID"],
        ["cxmlToAny", "", null],
        ["cxmlSender", "AN-AFAS", "NetworkID"],
        ["deploymentMode", "production", null],
      ],
    ],
    [
      "cXML: setup, order and profile URLs, every From, To, Sender, the deployment mode",
      cxml,
      "http://localhost:3000//",
      [
        ["cxmlSetupUrl", "http://localhost:3000/punchout/cxml/setup", null],
        ["cxmlOrderUrl", "http://localhost:3000/punchout/cxml/order", null],
        ["cxmlProfileUrl", "http://localhost:3000/punchout/cxml/profile", null],
        ["cxmlFrom", "AN-DEMO-BUYER", "NetworkID"],
        ["cxmlFrom", "123456789", "DUNS"],
        ["cxmlTo", "KOPPEL", "NetworkID"],
        ["cxmlSender", "AN-HUB", "NetworkID"],
        ["deploymentMode", "test", null],
      ],
    ],
    [
      "cXML orders only (AFAS): no punchout URL; no To checked",
      { ...cxml, cxmlTo: null, settings: { transactions: ["OrderRequest"] } },
      "https://shop.example.nl",
      [
        ["cxmlOrderUrl", "https://shop.example.nl/punchout/cxml/order", null],
        ["cxmlProfileUrl", "https://shop.example.nl/punchout/cxml/profile", null],
        ["cxmlFrom", "AN-DEMO-BUYER", "NetworkID"],
        ["cxmlFrom", "123456789", "DUNS"],
        ["cxmlToAny", "", null],
        ["cxmlSender", "AN-HUB", "NetworkID"],
        ["deploymentMode", "test", null],
      ],
    ],
    [
      "cXML punchout only: no order URL",
      { ...cxml, settings: { transactions: ["PunchOutSetupRequest"] } },
      "https://shop.example.nl",
      [
        ["cxmlSetupUrl", "https://shop.example.nl/punchout/cxml/setup", null],
        ["cxmlProfileUrl", "https://shop.example.nl/punchout/cxml/profile", null],
        ["cxmlFrom", "AN-DEMO-BUYER", "NetworkID"],
        ["cxmlFrom", "123456789", "DUNS"],
        ["cxmlTo", "KOPPEL", "NetworkID"],
        ["cxmlSender", "AN-HUB", "NetworkID"],
        ["deploymentMode", "test", null],
      ],
    ],
  ] as const)("%s", (_name, connection, baseUrl, expected) => {
    expect(flat(connectionHandover(connection, baseUrl))).toEqual(expected);
  });

  it("treats stored settings that no longer parse as taking both transactions", () => {
    const keys = connectionHandover({ ...cxml, settings: { transactions: ["Nonsense"] } }, "https://shop.example.nl").map((item) => item.key);
    expect(keys.slice(0, 3)).toEqual(["cxmlSetupUrl", "cxmlOrderUrl", "cxmlProfileUrl"]);
  });
});
