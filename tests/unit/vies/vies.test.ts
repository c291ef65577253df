import { describe, expect, it } from "vitest";
import { askVies, parseViesAnswer, viesRequest } from "@/lib/vies/vies";

describe("VIES request", () => {
  it.each([
    ["DE811907980", "NL862345678B01", { countryCode: "DE", vatNumber: "811907980", requesterMemberStateCode: "NL", requesterNumber: "862345678B01" }],
    ["EL094259216", "NL862345678B01", { countryCode: "EL", vatNumber: "094259216", requesterMemberStateCode: "NL", requesterNumber: "862345678B01" }],
    ["XI123456782", null, { countryCode: "XI", vatNumber: "123456782" }],
    // Without an EU requester there is no consultation number, but the check still runs.
    ["BE0412345614", "CHE123456789", { countryCode: "BE", vatNumber: "0412345614" }],
  ])("%s (requester %s)", (vatId, requester, expected) => {
    expect(viesRequest(vatId, requester)).toEqual(expected);
  });

  it.each(["GB123456789", "CHE123456789", "NO123456789MVA", "GR094259216", "DE"])("%s is not covered by VIES", (vatId) => {
    expect(viesRequest(vatId, "NL862345678B01")).toBeNull();
  });
});

describe("VIES answer", () => {
  const valid = { countryCode: "DE", vatNumber: "811907980", requestDate: "2026-11-30T10:00:00.000Z", valid: true, requestIdentifier: "WAPIAAAAZ3kq1w7N", name: "---", address: "---", userError: "VALID" };
  it.each<[string, number, unknown, object]>([
    ["valid, name not disclosed (DE)", 200, valid, { outcome: "valid", registeredName: null, registeredAddress: null, consultationNumber: "WAPIAAAAZ3kq1w7N", errorCode: null }],
    [
      "valid with name and a multi-line address",
      200,
      { ...valid, name: "Facilitas Antwerpen NV", address: "Mechelsesteenweg 120\n2018 Antwerpen" },
      { outcome: "valid", registeredName: "Facilitas Antwerpen NV", registeredAddress: "Mechelsesteenweg 120, 2018 Antwerpen" },
    ],
    ["invalid", 200, { ...valid, valid: false, name: "---", userError: "INVALID" }, { outcome: "invalid", registeredName: null, consultationNumber: "WAPIAAAAZ3kq1w7N" }],
    ["valid without requester: no consultation number", 200, { ...valid, requestIdentifier: "" }, { outcome: "valid", consultationNumber: null }],
    ["member state unavailable (errorWrappers)", 200, { actionSucceed: false, errorWrappers: [{ error: "MS_UNAVAILABLE", message: "…" }] }, { outcome: "unavailable", errorCode: "MS_UNAVAILABLE" }],
    ["too many requests (errorWrappers, HTTP 500)", 500, { actionSucceed: false, errorWrappers: [{ error: "MS_MAX_CONCURRENT_REQ" }] }, { outcome: "unavailable", errorCode: "MS_MAX_CONCURRENT_REQ" }],
    ["unavailable as userError with valid:false", 200, { ...valid, valid: false, userError: "MS_UNAVAILABLE" }, { outcome: "unavailable", errorCode: "MS_UNAVAILABLE" }],
    ["VIES refuses the number itself", 400, { actionSucceed: false, errorWrappers: [{ error: "INVALID_INPUT" }] }, { outcome: "invalid", errorCode: "INVALID_INPUT" }],
    ["our requester refused: not a verdict", 200, { actionSucceed: false, errorWrappers: [{ error: "INVALID_REQUESTER_INFO" }] }, { outcome: "unavailable", errorCode: "INVALID_REQUESTER_INFO" }],
    ["HTML error page", 503, null, { outcome: "unavailable", errorCode: "http_503" }],
    ["not JSON with 200", 200, null, { outcome: "unavailable", errorCode: "not_json" }],
    ["no verdict in the body", 200, { countryCode: "DE" }, { outcome: "unavailable", errorCode: "no_verdict" }],
    ["a string valid is not a verdict", 200, { ...valid, valid: "true" }, { outcome: "unavailable", errorCode: "no_verdict" }],
    ["valid but HTTP error", 502, valid, { outcome: "unavailable", errorCode: "http_502" }],
  ])("%s", (_name, status, body, expected) => {
    expect(parseViesAnswer(status, body)).toMatchObject(expected);
  });
});

describe("asking VIES", () => {
  const request = { countryCode: "DE", vatNumber: "811907980" };
  it("posts the request as JSON and reads the answer", async () => {
    let sent: { url: string; init: RequestInit } | null = null;
    const answer = await askVies(request, {
      url: "http://vies.test/check-vat-number",
      fetch: (async (url: string, init: RequestInit) => {
        sent = { url, init };
        return new Response(JSON.stringify({ valid: true, requestIdentifier: "X1" }), { status: 200 });
      }) as unknown as typeof fetch,
    });
    expect(answer).toMatchObject({ outcome: "valid", consultationNumber: "X1" });
    expect(sent!.url).toBe("http://vies.test/check-vat-number");
    expect(sent!.init.method).toBe("POST");
    expect(JSON.parse(String(sent!.init.body))).toEqual(request);
  });

  it("a network failure or a timeout is an unavailable answer, not an exception", async () => {
    const failing = (async () => {
      throw new TypeError("fetch failed");
    }) as unknown as typeof fetch;
    expect(await askVies(request, { url: "http://vies.test", fetch: failing })).toMatchObject({ outcome: "unavailable", errorCode: "network" });
    const hanging = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason)))) as unknown as typeof fetch;
    expect(await askVies(request, { url: "http://vies.test", fetch: hanging, timeoutMs: 20 })).toMatchObject({ outcome: "unavailable", errorCode: "timeout" });
  });
});
