import { createServer, type Server } from "node:http";

/**
 * A stand-in for the European Commission's VIES REST endpoint (check-vat-number), for tests: it
 * answers like VIES does, by the number asked about, and keeps every request it got.
 * - DE811907980, BE0412345614, DE812345673: valid (DE does not disclose name and address: "---");
 * - DE123456789: not valid;
 * - anything of FR: the member state is unavailable (errorWrappers MS_UNAVAILABLE);
 * - every other number: valid, name "Test Trader".
 * A consultation number only when the requester is given, as VIES does. `answers` overrides the
 * verdict per VAT id (a number VIES found valid last year and now calls invalid; a member state down).
 */
export interface FakeVies {
  url: string;
  requests: Record<string, unknown>[];
  answers: Map<string, "valid" | "invalid" | "unavailable">;
  close: () => Promise<void>;
}

export async function startFakeVies(port = 0): Promise<FakeVies> {
  const requests: Record<string, unknown>[] = [];
  const answers = new Map<string, "valid" | "invalid" | "unavailable">();
  let counter = 0;
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const request = JSON.parse(body || "{}") as { countryCode?: string; vatNumber?: string; requesterNumber?: string };
      requests.push(request);
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      };
      if (req.method !== "POST" || !req.url?.endsWith("/check-vat-number")) return json(404, { message: "not found" });
      const id = `${request.countryCode}${request.vatNumber}`;
      const answer = answers.get(id) ?? (request.countryCode === "FR" ? "unavailable" : id === "DE123456789" ? "invalid" : "valid");
      if (answer === "unavailable") return json(200, { actionSucceed: false, errorWrappers: [{ error: "MS_UNAVAILABLE", message: "Member State service unavailable" }] });
      const valid = answer === "valid";
      const undisclosed = request.countryCode === "DE";
      json(200, {
        countryCode: request.countryCode,
        vatNumber: request.vatNumber,
        requestDate: new Date().toISOString(),
        valid,
        requestIdentifier: request.requesterNumber ? `WAPIFAKE${String(++counter).padStart(8, "0")}` : "",
        name: !valid || undisclosed ? "---" : id === "BE0412345614" ? "Facilitas Antwerpen NV" : "Test Trader",
        address: !valid || undisclosed ? "---" : "Mechelsesteenweg 120\n2018 Antwerpen",
        userError: valid ? "VALID" : "INVALID",
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address();
  const actualPort = typeof address === "object" && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}/check-vat-number`,
    requests,
    answers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
