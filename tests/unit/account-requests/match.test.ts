import { describe, expect, it } from "vitest";
import { matchReasons, organisationDomain } from "@/lib/account-requests/match";

describe("organisationDomain", () => {
  it.each([
    ["ilse@vlinder.test", "vlinder.test"],
    ["Ilse@Vlinder.TEST", "vlinder.test"],
    ["a@b@sub.example.nl", "sub.example.nl"],
    // Public mailbox providers say nothing about the organisation.
    ["someone@gmail.com", null],
    ["someone@ziggo.nl", null],
    ["someone@outlook.com", null],
    // Punchout connections' technical users.
    ["punchout-7@technical.koppel.invalid", null],
    ["no-at-sign", null],
    ["trailing@", null],
  ] as const)("%s → %s", (email, domain) => {
    expect(organisationDomain(email)).toBe(domain);
  });
});

describe("matchReasons", () => {
  const company = { kvkNumber: "68750110", vatId: "NL857426199B01", domains: ["demo.test", "demo-facilities.nl"] };
  it.each([
    [{ kvkNumber: null, vatId: null, email: "lotte@demo.test" }, ["email_domain"]],
    [{ kvkNumber: null, vatId: null, email: "lotte@demo-facilities.nl" }, ["email_domain"]],
    [{ kvkNumber: "68750110", vatId: null, email: "lotte@gmail.com" }, ["kvk"]],
    [{ kvkNumber: null, vatId: "NL857426199B01", email: "lotte@elsewhere.test" }, ["vat"]],
    [{ kvkNumber: "68750110", vatId: "NL857426199B01", email: "lotte@demo.test" }, ["kvk", "vat", "email_domain"]],
    [{ kvkNumber: "12345678", vatId: null, email: "lotte@sub.demo.test" }, []],
    [{ kvkNumber: null, vatId: null, email: "lotte@gmail.com" }, []],
  ] as const)("%o → %o", (request, reasons) => {
    expect(matchReasons(request, company)).toEqual(reasons);
  });

  it("a company without KvK number or VAT id matches on neither when the request has none either", () => {
    expect(matchReasons({ kvkNumber: null, vatId: null, email: "x@other.test" }, { kvkNumber: null, vatId: null, domains: [] })).toEqual([]);
  });
});
