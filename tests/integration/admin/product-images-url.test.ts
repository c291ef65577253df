// Product photos from a URL: POST /admin/api/products/:sku/images with {"url":…}, the lib function and
// the product page's "Add photo from URL" action, against a local image server started here.
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock, runAction } from "../../support/next-request-mocks";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { productImages } from "@/db/schema";
import { createStaffApiKey } from "@/lib/admin/api-keys";
import { addProductImagesFromUrlsAsAdmin, MAX_FILES_PER_UPLOAD } from "@/lib/admin/product-images";
import { MAX_IMAGE_BYTES, productImageKey } from "@/lib/catalog/product-image";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const imagesRoute = await import("@/app/admin/api/products/[sku]/images/route");
const { addProductPhotosFromUrlsAction } = await import("@/app/admin/products/[sku]/photos/actions");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let adminKey: string;
let managerKey: string;
let admin: Awaited<ReturnType<typeof createStaff>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let product: { id: number; sku: string };

// The image server: what it serves, and what it was asked.
let server: Server;
let base: string;
const hits: string[] = [];
let jpeg: Buffer;
let otherJpeg: Buffer;
let png: Buffer;
let endlessClosed: Promise<number>;
let markEndlessClosed: (sent: number) => void;

function serve(path: string, response: ServerResponse) {
  const redirect = path.match(/^\/redirect\/(\d+)$/);
  if (redirect) {
    const left = Number(redirect[1]);
    response.writeHead(left % 2 ? 302 : 301, { location: left > 1 ? `/redirect/${left - 1}` : `${base}/photo.png` }).end();
    return;
  }
  switch (path) {
    case "/photo.jpg":
      return response.writeHead(200, { "content-type": "image/jpeg", "content-length": jpeg.byteLength }).end(jpeg);
    case "/other.jpg":
      // No Content-Type at all: a PIM download link.
      return response.writeHead(200).end(otherJpeg);
    case "/photo.png":
      return response.writeHead(200, { "content-type": "application/octet-stream" }).end(png);
    case "/missing.jpg":
      return response.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
    case "/broken.jpg":
      return response.writeHead(500).end();
    case "/huge-declared.jpg":
      // Declares more than the limit; the body would come after.
      response.writeHead(200, { "content-type": "image/jpeg", "content-length": MAX_IMAGE_BYTES + 1 });
      return response.write(jpeg);
    case "/endless.jpg": {
      // No Content-Length, and no end: only a reader that stops at the limit finishes.
      response.writeHead(200, { "content-type": "image/jpeg" });
      const chunk = Buffer.alloc(256 * 1024, 0xff);
      let sent = 0;
      const pump = () => {
        while (!response.destroyed && sent < 20 * MAX_IMAGE_BYTES) {
          sent += chunk.byteLength;
          if (!response.write(chunk)) return void response.once("drain", pump);
        }
      };
      response.once("close", () => markEndlessClosed(sent));
      return pump();
    }
    case "/slow.jpg":
      // Headers at once, then nothing.
      response.writeHead(200, { "content-type": "image/jpeg" });
      return response.write(jpeg.subarray(0, 100));
    case "/page.html":
      return response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!doctype html><title>Shop</title><p>Product photo</p>");
    case "/page-as-image.jpg":
      return response.writeHead(200, { "content-type": "image/jpeg" }).end("<!doctype html><title>Shop</title>");
    case "/logo.svg":
      return response.writeHead(200, { "content-type": "image/svg+xml" }).end('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"/>');
    case "/to-metadata":
      return response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    case "/to-ftp":
      return response.writeHead(302, { location: "ftp://files.example.com/photo.jpg" }).end();
    case "/to-redis":
      // A public address, but Redis's port: an SSRF hop to another service of a host that trusts the shop.
      return response.writeHead(302, { location: "http://93.184.215.14:6379/photo.jpg" }).end();
    default:
      return response.writeHead(404).end();
  }
}

const post = async (body: unknown, key: string | null = adminKey, sku = product.sku) => {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await imagesRoute.POST(
    new Request(`http://localhost/admin/api/products/${encodeURIComponent(sku)}/images`, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) }),
    { params: Promise.resolve({ sku: encodeURIComponent(sku) }) },
  );
  return { status: response.status, body: await response.json() };
};
const postBinary = async (bytes: Uint8Array) => {
  const response = await imagesRoute.POST(
    new Request(`http://localhost/admin/api/products/${product.sku}/images?filename=upload.jpg`, { method: "POST", headers: { authorization: `Bearer ${adminKey}`, "content-type": "image/jpeg" }, body: new Uint8Array(bytes) }),
    { params: Promise.resolve({ sku: product.sku }) },
  );
  return { status: response.status, body: await response.json() };
};
const stored = async () => (await handle.db.select({ key: productImages.key }).from(productImages).where(eq(productImages.productId, product.id))).map((row) => row.key);
const clearPhotos = () => handle.db.delete(productImages).where(eq(productImages.productId, product.id));
const allowLocal = () => vi.stubEnv("PRODUCT_IMAGE_FETCH_ALLOW_HOSTS", "127.0.0.1");
const idle = { status: "idle" } as const;
const urlForm = (urls: string[], sku = product.sku) => {
  const data = new FormData();
  data.set("sku", sku);
  data.set("urls", urls.join("\n"));
  return data;
};

beforeAll(async () => {
  [jpeg, otherJpeg, png] = await Promise.all([
    sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 20, g: 120, b: 200 } } }).jpeg().toBuffer(),
    sharp({ create: { width: 300, height: 300, channels: 3, background: { r: 200, g: 20, b: 20 } } }).jpeg().toBuffer(),
    sharp({ create: { width: 400, height: 400, channels: 4, background: { r: 0, g: 160, b: 60, alpha: 0.5 } } }).png().toBuffer(),
  ]);
  endlessClosed = new Promise((resolve) => (markEndlessClosed = resolve));
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    serve(req.url ?? "", res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle, { code: "URL" });
  product = await createProduct(handle, category.id, { sku: "KP-URLFOTO" });
  const now = new Date();
  admin = await createStaff(handle, "admin");
  adminKey = (await createStaffApiKey(admin, "PIM", now)).key;
  manager = await createStaff(handle, "account_manager");
  managerKey = (await createStaffApiKey(manager, "mine", now)).key;
}, 120_000);
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await fresh?.dispose();
});
beforeEach(() => {
  vi.unstubAllEnvs();
  vi.stubEnv("PRODUCT_IMAGE_FETCH_ALLOW_HOSTS", undefined);
  hits.length = 0;
  request.userId = null;
});
afterEach(() => vi.unstubAllEnvs());

describe("photos from a URL: the production default", () => {
  it("refuses the shop's own machine (127.0.0.1, localhost, [::1]) without connecting, through the API and the lib function", async () => {
    for (const url of [`${base}/photo.jpg`, `${base.replace("127.0.0.1", "localhost")}/photo.jpg`, "http://[::1]:9/photo.jpg", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/a.jpg", "http://0.0.0.0/a.jpg"]) {
      expect(await post({ url }), url).toMatchObject({ status: 400, body: { error: "image_url_not_allowed", code: "invalid_input", details: { url } } });
    }
    await expect(addProductImagesFromUrlsAsAdmin(admin, product.sku, [`${base}/photo.jpg`], new Date())).rejects.toMatchObject({ message: "image_url_not_allowed" });
    expect(hits).toEqual([]);
    expect(await stored()).toEqual([]);
  });

  it("refuses a name whose DNS answer is private, or private among public ones", async () => {
    const resolve = async (host: string) =>
      host === "intranet.koppel.test"
        ? [{ address: "10.1.2.3", family: 4 as const }]
        : [
            { address: "93.184.215.14", family: 4 as const },
            { address: "::ffff:127.0.0.1", family: 6 as const },
          ];
    for (const url of ["http://intranet.koppel.test/a.jpg", "http://mixed.koppel.test/a.jpg"]) {
      await expect(addProductImagesFromUrlsAsAdmin(admin, product.sku, [url], new Date(), { resolve })).rejects.toMatchObject({ message: "image_url_not_allowed" });
    }
    expect(await stored()).toEqual([]);
  });

  it("refuses a public host on a port other than the usual web ports (SMTP, Redis, SSH, https on 80), through the API and the lib function", async () => {
    for (const url of ["http://93.184.215.14:25/a.jpg", "http://93.184.215.14:6379/a.jpg", "https://93.184.215.14:22/a.jpg", "https://93.184.215.14:80/a.jpg", "http://[2606:4700::1]:11211/a.jpg"]) {
      expect(await post({ url }), url).toMatchObject({ status: 400, body: { error: "image_url_port_not_allowed", code: "invalid_input", details: { url } } });
    }
    // By name too: the host resolves to a public address, the port decides.
    const resolve = vi.fn(async () => [{ address: "93.184.215.14", family: 4 as const }]);
    for (const url of ["http://mail.koppel.test:25/a.jpg", "http://cdn.koppel.test:443/a.jpg", "https://cdn.koppel.test:8080/a.jpg"]) {
      await expect(addProductImagesFromUrlsAsAdmin(admin, product.sku, [url], new Date(), { resolve, timeoutMs: 2_000 }), url).rejects.toMatchObject({ message: "image_url_port_not_allowed", details: { url } });
    }
    // A private address stays refused as internal, whatever its port.
    expect(await post({ url: "http://10.0.0.1:6379/a.jpg" })).toMatchObject({ status: 400, body: { error: "image_url_not_allowed" } });
    expect(await stored()).toEqual([]);
  });
});

describe("photos from a URL through the API (PRODUCT_IMAGE_FETCH_ALLOW_HOSTS=127.0.0.1, as in the tests)", () => {
  it("stores a fetched photo like an upload: 201, then 200 with the same photo; the same bytes uploaded are that photo too", async () => {
    allowLocal();
    const first = await post({ url: `${base}/photo.jpg` });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ key: productImageKey(jpeg), position: 0, width: 800, height: 600, originalName: "photo.jpg", originalType: "image/jpeg", originalBytes: jpeg.byteLength, alreadyPresent: false });
    expect(first.body.url).toMatch(new RegExp(`/product-images/KP-URLFOTO/${productImageKey(jpeg)}\\.jpg$`));
    expect(first.body.thumbnailUrl).toMatch(/-thumb\.webp$/);
    const again = await post({ url: `${base}/photo.jpg` });
    expect(again).toMatchObject({ status: 200, body: { key: first.body.key, alreadyPresent: true } });
    // The binary upload's answer has the same shape and the same key.
    const upload = await postBinary(jpeg);
    expect(upload.status).toBe(200);
    expect(Object.keys(upload.body).sort()).toEqual(Object.keys(first.body).sort());
    expect(await stored()).toEqual([productImageKey(jpeg)]);
    await clearPhotos();
  });

  it("follows up to three redirects, each checked again; a fourth, a private target or another scheme is refused", async () => {
    allowLocal();
    const followed = await post({ url: `${base}/redirect/3` });
    expect(followed).toMatchObject({ status: 201, body: { key: productImageKey(png), originalName: "3", originalType: "image/png" } });
    expect(hits).toEqual(["/redirect/3", "/redirect/2", "/redirect/1", "/photo.png"]);
    await clearPhotos();
    hits.length = 0;

    expect(await post({ url: `${base}/redirect/4` })).toMatchObject({ status: 400, body: { error: "image_fetch_failed", details: { reason: "redirects" } } });
    expect(hits).toEqual(["/redirect/4", "/redirect/3", "/redirect/2", "/redirect/1"]);
    expect(await post({ url: `${base}/to-metadata` })).toMatchObject({ status: 400, body: { error: "image_url_not_allowed" } });
    expect(await post({ url: `${base}/to-ftp` })).toMatchObject({ status: 400, body: { error: "image_url_invalid" } });
    hits.length = 0;
    // The allowed host's own random port is fine; a redirect's target is held to the web ports again.
    expect(await post({ url: `${base}/to-redis` })).toMatchObject({ status: 400, body: { error: "image_url_port_not_allowed", details: { url: `${base}/to-redis` } } });
    expect(hits).toEqual(["/to-redis"]);
    expect(await stored()).toEqual([]);
  });

  it("names the HTTP status of an answer that is not 2xx", async () => {
    allowLocal();
    expect(await post({ url: `${base}/missing.jpg` })).toMatchObject({ status: 400, body: { error: "image_fetch_status", details: { status: 404, url: `${base}/missing.jpg` } } });
    expect(await post({ url: `${base}/broken.jpg` })).toMatchObject({ status: 400, body: { error: "image_fetch_status", details: { status: 500 } } });
    expect(await stored()).toEqual([]);
  });

  it("stops at 10 MB: by Content-Length, and while reading an answer without one", async () => {
    allowLocal();
    expect(await post({ url: `${base}/huge-declared.jpg` })).toMatchObject({ status: 400, body: { error: "image_too_large" } });
    expect(await post({ url: `${base}/endless.jpg` })).toMatchObject({ status: 400, body: { error: "image_too_large" } });
    // The server saw the connection closed long before it was done (it would send 200 MB).
    expect(await endlessClosed).toBeLessThan(4 * MAX_IMAGE_BYTES);
    expect(await stored()).toEqual([]);
  }, 60_000);

  it("refuses an HTML page, an SVG and HTML that claims to be a JPEG", async () => {
    allowLocal();
    expect(await post({ url: `${base}/page.html` })).toMatchObject({ status: 400, body: { error: "image_type_not_allowed" } });
    expect(await post({ url: `${base}/logo.svg` })).toMatchObject({ status: 400, body: { error: "image_type_not_allowed" } });
    expect(await post({ url: `${base}/page-as-image.jpg` })).toMatchObject({ status: 400, body: { error: "image_unreadable" } });
    expect(await stored()).toEqual([]);
  });

  it("checks the JSON: a URL, nothing else; http(s) without credentials", async () => {
    allowLocal();
    expect(await post({})).toMatchObject({ status: 400, body: { error: "invalid_input" } });
    expect(await post("{not json")).toMatchObject({ status: 400, body: { error: "invalid_input" } });
    expect(await post({ url: `${base}/photo.jpg`, position: 0 })).toMatchObject({ status: 400, body: { error: "invalid_input" } });
    expect(await post({ url: "ftp://files.example.com/a.jpg" })).toMatchObject({ status: 400, body: { error: "image_url_invalid", details: { reason: "scheme" } } });
    expect(await post({ url: `http://user:secret@127.0.0.1:${new URL(base).port}/photo.jpg` })).toMatchObject({ status: 400, body: { error: "image_url_invalid", details: { reason: "credentials" } } });
    expect(hits).toEqual([]);
    expect(await stored()).toEqual([]);
  });

  it("is the admins': an account manager's key or session finds nothing, and nothing is fetched", async () => {
    allowLocal();
    expect(await post({ url: `${base}/photo.jpg` }, managerKey)).toMatchObject({ status: 404 });
    request.userId = manager.id;
    expect(await post({ url: `${base}/photo.jpg` }, null)).toMatchObject({ status: 404 });
    expect(await runAction(() => addProductPhotosFromUrlsAction(idle, urlForm([`${base}/photo.jpg`])))).toEqual({ state: { status: "error", code: "not_found", message: "not_found" } });
    request.userId = null;
    expect(await post({ url: `${base}/photo.jpg` }, null)).toMatchObject({ status: 404 });
    expect(await post({ url: `${base}/photo.jpg` }, adminKey, "KP-NOPE")).toMatchObject({ status: 404 });
    expect(hits).toEqual([]);
    expect(await stored()).toEqual([]);
  });
});

describe("photos from a URL through the lib function", () => {
  it("gives up after the timeout (an answer that never ends)", async () => {
    const started = Date.now();
    await expect(addProductImagesFromUrlsAsAdmin(admin, product.sku, [`${base}/slow.jpg`], new Date(), { allowHosts: ["127.0.0.1"], timeoutMs: 300 })).rejects.toMatchObject({
      message: "image_fetch_failed",
      details: { reason: "timeout", url: `${base}/slow.jpg` },
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await stored()).toEqual([]);
  });

  it("connects to the address it checked: a name only the checked lookup knows is reached", async () => {
    // photos.koppel.test exists only in this resolver: a connection that asked the system's DNS again would fail.
    const resolve = vi.fn(async () => [{ address: "127.0.0.1", family: 4 as const }]);
    const url = `http://photos.koppel.test:${new URL(base).port}/other.jpg`;
    const { images } = await addProductImagesFromUrlsAsAdmin(admin, product.sku, [url], new Date(), { allowHosts: ["127.0.0.1"], resolve });
    expect(images).toMatchObject([{ key: productImageKey(otherJpeg), originalName: "other.jpg", alreadyPresent: false }]);
    expect(resolve).toHaveBeenCalledTimes(1);
    await clearPhotos();
  });
});

describe("the product page's \"Add photo from URL\"", () => {
  it("stores all URLs or none, naming every URL that failed and why", async () => {
    allowLocal();
    request.userId = admin.id;
    const refused = await runAction(() =>
      addProductPhotosFromUrlsAction(idle, urlForm([`${base}/photo.jpg`, `${base}/missing.jpg`, `${base}/other.jpg`, "ftp://files.example.com/a.jpg", `${base}/page-as-image.jpg`])),
    );
    expect(refused).toEqual({
      state: {
        status: "error",
        code: "invalid_input",
        message: "image_fetch_status",
        failures: [
          { url: `${base}/missing.jpg`, problem: "image_fetch_status", status: 404 },
          { url: "ftp://files.example.com/a.jpg", problem: "image_url_invalid", reason: "scheme" },
          { url: `${base}/page-as-image.jpg`, problem: "image_unreadable" },
        ],
      },
    });
    expect(await stored()).toEqual([]);

    const added = await runAction(() => addProductPhotosFromUrlsAction(idle, urlForm([`${base}/photo.jpg`, "", `${base}/other.jpg`, `${base}/redirect/1`])));
    expect(added).toEqual({ state: { status: "ok", data: { added: 3, present: 0 } } });
    expect(await stored()).toEqual([productImageKey(jpeg), productImageKey(otherJpeg), productImageKey(png)]);
    const again = await runAction(() => addProductPhotosFromUrlsAction(idle, urlForm([`${base}/other.jpg`])));
    expect(again).toEqual({ state: { status: "ok", data: { added: 0, present: 1 } } });

    const tooMany = Array.from({ length: MAX_FILES_PER_UPLOAD + 1 }, (_, i) => `${base}/photo.jpg?n=${i}`);
    hits.length = 0;
    expect(await runAction(() => addProductPhotosFromUrlsAction(idle, urlForm(tooMany)))).toEqual({ state: { status: "error", code: "invalid_input", message: "image_too_many_urls", details: { max: 8 } } });
    expect(await runAction(() => addProductPhotosFromUrlsAction(idle, urlForm([" ", ""])))).toEqual({ state: { status: "error", code: "invalid_input", message: "image_url_none" } });
    expect(hits).toEqual([]);
    expect((await stored()).length).toBe(3);
    await clearPhotos();
  });

  it("refuses 127.0.0.1 by default in the form too, and a public host's Redis port", async () => {
    request.userId = admin.id;
    expect(await runAction(() => addProductPhotosFromUrlsAction(idle, urlForm([`${base}/photo.jpg`, "http://93.184.215.14:6379/a.jpg"])))).toMatchObject({
      state: {
        status: "error",
        message: "image_url_not_allowed",
        failures: [
          { url: `${base}/photo.jpg`, problem: "image_url_not_allowed" },
          { url: "http://93.184.215.14:6379/a.jpg", problem: "image_url_port_not_allowed" },
        ],
      },
    });
    expect(hits).toEqual([]);
    expect(await stored()).toEqual([]);
  });
});
