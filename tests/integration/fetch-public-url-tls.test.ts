// fetchPublicUrl over https against a real TLS server started here, with a self-signed certificate
// made at test time (openssl): fetched when the certificate is trusted, refused ("tls") when it is not
// or names another host; the pinned connect sends the URL's host as SNI and checks the certificate
// against that name, not against the address it connects to.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TLSSocket } from "node:tls";
import { createTranslator } from "next-intl";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fetchPublicUrl, FetchPublicUrlError, type FetchPublicUrlOptions } from "@/lib/http/fetch-public-url";
import en from "@/lib/i18n/messages/admin.en.json";
import nl from "@/lib/i18n/messages/admin.nl.json";

const photo = Buffer.from("not really a JPEG, but bytes the test can recognise");
let directory: string;
let certificate: string;
let otherCertificate: string;
let server: Server;
let port: number;
/** Each request that got through the handshake: its path and the SNI name the client sent (false: none). */
const seen: { path: string; servername: string | false }[] = [];

const pinnedTo127 = async () => [{ address: "127.0.0.1", family: 4 as const }];
const options = (extra: Partial<FetchPublicUrlOptions> = {}): FetchPublicUrlOptions => ({ maxBytes: 1024 * 1024, timeoutMs: 5_000, maxRedirects: 3, allowHosts: ["127.0.0.1"], ...extra });
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FetchPublicUrlError);
  return { problem: (error as FetchPublicUrlError).problem, ...(error as FetchPublicUrlError).details };
};

beforeAll(async () => {
  directory = mkdtempSync(path.join(tmpdir(), "koppel-tls-"));
  // Valid for 127.0.0.1 and photos.koppel.test; signed by itself, so no default root trusts it.
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:photos.koppel.test", "-keyout", "key.pem", "-out", "cert.pem"],
    { cwd: directory, stdio: "ignore" },
  );
  certificate = readFileSync(path.join(directory, "cert.pem"), "utf8");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", "other-key.pem", "-out", "other-cert.pem"],
    { cwd: directory, stdio: "ignore" },
  );
  otherCertificate = readFileSync(path.join(directory, "other-cert.pem"), "utf8");
  server = createServer({ key: readFileSync(path.join(directory, "key.pem")), cert: certificate }, (request, response) => {
    seen.push({ path: request.url ?? "", servername: (request.socket as TLSSocket).servername || false });
    if (request.url === "/photo.jpg") return response.writeHead(200, { "content-type": "image/jpeg" }).end(photo);
    if (request.url === "/to-photo") return response.writeHead(302, { location: "/photo.jpg" }).end();
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
}, 60_000);
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  if (directory) rmSync(directory, { recursive: true, force: true });
});
beforeEach(() => {
  seen.length = 0;
});

describe("fetchPublicUrl over https", () => {
  it("fetches from a server whose certificate it is told to trust, following a redirect on the same server", async () => {
    const fetched = await fetchPublicUrl(new URL(`https://127.0.0.1:${port}/to-photo`), options({ trustedCertificates: [certificate] }));
    expect(Buffer.from(fetched.bytes)).toEqual(photo);
    expect(fetched).toMatchObject({ contentType: "image/jpeg" });
    expect(fetched.url.href).toBe(`https://127.0.0.1:${port}/photo.jpg`);
    // An address literal is checked as an IP (the certificate's IP:127.0.0.1) and sends no SNI.
    expect(seen).toEqual([
      { path: "/to-photo", servername: false },
      { path: "/photo.jpg", servername: false },
    ]);
  });

  it("connects to the pinned address but sends the URL's host as SNI and checks the certificate against it", async () => {
    const fetched = await fetchPublicUrl(new URL(`https://photos.koppel.test:${port}/photo.jpg`), options({ trustedCertificates: [certificate], resolve: pinnedTo127 }));
    expect(Buffer.from(fetched.bytes)).toEqual(photo);
    expect(seen).toEqual([{ path: "/photo.jpg", servername: "photos.koppel.test" }]);
  });

  it("refuses a self-signed certificate by default (\"tls\"), before any request is sent", async () => {
    expect(await refusal(fetchPublicUrl(new URL(`https://127.0.0.1:${port}/photo.jpg`), options()))).toEqual({ problem: "image_fetch_failed", reason: "tls" });
    expect(await refusal(fetchPublicUrl(new URL(`https://photos.koppel.test:${port}/photo.jpg`), options({ resolve: pinnedTo127 })))).toEqual({ problem: "image_fetch_failed", reason: "tls" });
    // Trusting some other certificate instead is no better.
    expect(await refusal(fetchPublicUrl(new URL(`https://127.0.0.1:${port}/photo.jpg`), options({ trustedCertificates: [otherCertificate] })))).toEqual({ problem: "image_fetch_failed", reason: "tls" });
    expect(seen).toEqual([]);
  });

  it("refuses a trusted certificate for another name, although it is valid for the address connected to", async () => {
    // elsewhere.koppel.test resolves to 127.0.0.1, which the certificate names (IP:127.0.0.1): only a
    // check against the address would pass. The host name is what the URL claims, so it must match.
    expect(await refusal(fetchPublicUrl(new URL(`https://elsewhere.koppel.test:${port}/photo.jpg`), options({ trustedCertificates: [certificate], resolve: pinnedTo127 })))).toEqual({
      problem: "image_fetch_failed",
      reason: "tls",
    });
    expect(seen).toEqual([]);
  });

  it("calls a plain http server at an https URL a TLS failure, not an unreachable server", async () => {
    const { createServer: createHttpServer } = await import("node:http");
    const plain = createHttpServer((_request, response) => response.writeHead(200).end(photo));
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
    try {
      const plainPort = (plain.address() as AddressInfo).port;
      expect(await refusal(fetchPublicUrl(new URL(`https://127.0.0.1:${plainPort}/photo.jpg`), options({ trustedCertificates: [certificate] })))).toEqual({ problem: "image_fetch_failed", reason: "tls" });
    } finally {
      plain.closeAllConnections();
      await new Promise((resolve) => plain.close(resolve));
    }
  });
});

describe.each([
  ["nl", nl],
  ["en", en],
])("the admin's text for a TLS refusal (%s)", (locale, messages) => {
  it("says it was the certificate, not an unreachable server", () => {
    const t = createTranslator({ locale, messages, namespace: "admin" });
    const failed = (reason: string) => t("errors.image_fetch_failed" as "errors.generic", { file: "“https://cdn.example.com/a.jpg”", reason });
    expect(failed("tls")).toContain("https://cdn.example.com/a.jpg");
    expect(failed("tls")).not.toBe(failed("network"));
    expect(failed("tls")).not.toBe(failed("other"));
  });
});
