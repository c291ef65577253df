// Product photos: the admin API (POST/PATCH/DELETE /admin/api/products/:sku/images), the back office's
// multi-file upload, products.image_key kept on the main photo, and the public image route.
// Imported first: the vi.mock factories below use it while the other imports load.
import { authMock, headersMock } from "../../support/next-request-mocks";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { productImages, products } from "@/db/schema";
import { createStaffApiKey } from "@/lib/admin/api-keys";
import { uploadProductImagesAsAdmin } from "@/lib/admin/product-images";
import { MAX_IMAGE_BYTES, productImageKey } from "@/lib/catalog/product-image";
import { getProductBySku } from "@/lib/data/catalog";
import { MAX_IMAGES_PER_PRODUCT } from "@/lib/data/product-images";
import { createStaff } from "../../support/admin-fixtures";
import { createCategory, createProduct } from "../../support/fixtures";
import { useFreshDatabase } from "../../support/test-database";

const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
vi.mock("@/lib/auth", () => authMock(request));
vi.mock("next/headers", () => headersMock(request));

const imagesRoute = await import("@/app/admin/api/products/[sku]/images/route");
const imageRoute = await import("@/app/admin/api/products/[sku]/images/[key]/route");
const publicRoute = await import("@/app/product-images/[sku]/[file]/route");
const uploadRoute = await import("@/app/admin/products/[sku]/photos/route");

let fresh: Awaited<ReturnType<typeof useFreshDatabase>>;
let handle: DatabaseHandle;
let adminKey: string;
let managerKey: string;
let admin: Awaited<ReturnType<typeof createStaff>>;
let manager: Awaited<ReturnType<typeof createStaff>>;
let product: { id: number; sku: string };

const photo = (width: number, height: number, red = 200) => sharp({ create: { width, height, channels: 3, background: { r: red, g: 80, b: 40 } } }).jpeg().toBuffer();

const post = async (sku: string, body: Uint8Array, key = adminKey, filename = "photo.jpg") => {
  const response = await imagesRoute.POST(
    new Request(`http://localhost/admin/api/products/${encodeURIComponent(sku)}/images?filename=${filename}`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "image/jpeg" }, body: new Uint8Array(body) }),
    { params: Promise.resolve({ sku: encodeURIComponent(sku) }) },
  );
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
};
const list = async (sku = product.sku, key = adminKey) => {
  const response = await imagesRoute.GET(new Request(`http://localhost/admin/api/products/${sku}/images`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({ sku }) });
  return { status: response.status, body: await response.json() };
};
const patch = (key: string, body: unknown) =>
  imageRoute.PATCH(new Request(`http://localhost/admin/api/products/${product.sku}/images/${key}`, { method: "PATCH", headers: { authorization: `Bearer ${adminKey}` }, body: JSON.stringify(body) }), {
    params: Promise.resolve({ sku: product.sku, key }),
  });
const remove = (key: string, apiKey = adminKey) =>
  imageRoute.DELETE(new Request(`http://localhost/admin/api/products/${product.sku}/images/${key}`, { method: "DELETE", headers: { authorization: `Bearer ${apiKey}` } }), {
    params: Promise.resolve({ sku: product.sku, key }),
  });
const fetchPublic = (sku: string, file: string, headers: Record<string, string> = {}) =>
  publicRoute.GET(new Request(`http://localhost/product-images/${sku}/${file}`, { headers }), { params: Promise.resolve({ sku, file }) });
const mainKey = async () => (await getProductBySku(product.sku))!.imageKey;
const storedCount = async () => (await handle.db.select({ id: productImages.id }).from(productImages).where(eq(productImages.productId, product.id))).length;

beforeAll(async () => {
  fresh = await useFreshDatabase();
  handle = fresh.handle;
  const category = await createCategory(handle, { code: "IMG" });
  product = await createProduct(handle, category.id, { sku: "KP-FOTO" });
  const now = new Date();
  admin = await createStaff(handle, "admin");
  adminKey = (await createStaffApiKey(admin, "PIM", now)).key;
  manager = await createStaff(handle, "account_manager");
  managerKey = (await createStaffApiKey(manager, "mine", now)).key;
}, 120_000);
afterAll(() => fresh.dispose());

describe("product photos through the API", () => {
  let first: string;
  let second: string;

  it("stores a first photo as the main photo and serves both sizes (JPEG, WebP thumbnail) cacheable forever", async () => {
    const bytes = await photo(1600, 1200);
    const { status, body } = await post(product.sku, bytes);
    expect(status).toBe(201);
    first = productImageKey(bytes);
    expect(body).toMatchObject({ key: first, position: 0, width: 1200, height: 900, originalName: "photo.jpg", originalType: "image/jpeg", originalBytes: bytes.byteLength, alreadyPresent: false });
    expect(body.url).toMatch(new RegExp(`/product-images/KP-FOTO/${first}\\.jpg$`));
    expect(body.thumbnailUrl).toMatch(new RegExp(`/product-images/KP-FOTO/${first}-thumb\\.webp$`));
    expect(await mainKey()).toBe(first);

    const large = await fetchPublic(product.sku, `${first}.jpg`);
    expect(large.status).toBe(200);
    expect(large.headers.get("content-type")).toBe("image/jpeg");
    expect(large.headers.get("cache-control")).toContain("immutable");
    expect(await sharp(Buffer.from(await large.arrayBuffer())).metadata()).toMatchObject({ format: "jpeg", width: 1200, height: 900 });
    const thumb = await fetchPublic(product.sku, `${first}-thumb.webp`);
    expect(await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).toMatchObject({ format: "webp", width: 320, height: 240 });
    expect((await fetchPublic(product.sku, `${first}.jpg`, { "if-none-match": large.headers.get("etag")! })).status).toBe(304);
  });

  it("answers the same file again with the stored photo, not a second one", async () => {
    const { status, body } = await post(product.sku, await photo(1600, 1200));
    expect(status).toBe(200);
    expect(body).toMatchObject({ key: first, position: 0, alreadyPresent: true });
    expect(await storedCount()).toBe(1);
  });

  it("adds later photos after the main one, moves one to the front and deletes with the others closing up", async () => {
    const bytes = await photo(400, 300, 30);
    second = productImageKey(bytes);
    expect((await post(product.sku, bytes)).body).toMatchObject({ key: second, position: 1 });
    expect(await mainKey()).toBe(first);

    expect((await patch(second, { position: 0 })).status).toBe(204);
    expect((await list()).body.images.map((image: { key: string; position: number }) => [image.key, image.position])).toEqual([
      [second, 0],
      [first, 1],
    ]);
    expect(await mainKey()).toBe(second);
    expect((await patch(second, { position: -1 })).status).toBe(400);
    expect((await patch("0".repeat(24), { position: 0 })).status).toBe(404);

    expect((await remove(second)).status).toBe(204);
    expect((await list()).body.images.map((image: { key: string; position: number }) => [image.key, image.position])).toEqual([[first, 0]]);
    expect(await mainKey()).toBe(first);
    expect((await fetchPublic(product.sku, `${second}.jpg`)).status).toBe(404);
    expect((await remove(second)).status).toBe(404);

    expect((await remove(first)).status).toBe(204);
    expect(await mainKey()).toBeNull();
    expect(await storedCount()).toBe(0);
  });

  it("refuses what is not a photo, too big a body and unknown products, storing nothing", async () => {
    const refused = await post(product.sku, Buffer.from("<svg xmlns='http://www.w3.org/2000/svg' width='100' height='100'/>"), adminKey, "logo.svg");
    expect(refused).toMatchObject({ status: 400, body: { error: "image_type_not_allowed" } });
    expect((await post(product.sku, Buffer.from("not an image at all"))).body).toMatchObject({ error: "image_unreadable" });
    expect((await post(product.sku, new Uint8Array(MAX_IMAGE_BYTES + 1))).status).toBe(413);
    expect((await post("KP-NOPE", await photo(100, 100))).status).toBe(404);
    expect(await storedCount()).toBe(0);
    expect(await mainKey()).toBeNull();
  });

  it("is the admins': an account manager's key finds nothing", async () => {
    expect((await post(product.sku, await photo(100, 100), managerKey)).status).toBe(404);
    expect((await list(product.sku, managerKey)).status).toBe(404);
    expect(await storedCount()).toBe(0);
  });

  it("stores all files of an upload or none, and at most MAX_IMAGES_PER_PRODUCT per product", async () => {
    const good = await photo(200, 200, 10);
    await expect(
      uploadProductImagesAsAdmin(admin, product.sku, [{ bytes: good, name: "good.jpg" }, { bytes: Buffer.from("broken"), name: "broken.jpg" }], new Date()),
    ).rejects.toMatchObject({ message: "image_unreadable", details: { file: "broken.jpg" } });
    expect(await storedCount()).toBe(0);

    const files = await Promise.all(Array.from({ length: MAX_IMAGES_PER_PRODUCT }, async (_, i) => ({ bytes: await photo(100 + i, 100, 100), name: `p${i}.jpg` })));
    const { images } = await uploadProductImagesAsAdmin(admin, product.sku, files.slice(0, 8), new Date());
    expect(images.map((image) => image.position)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(await mainKey()).toBe(images[0]!.key);
    await uploadProductImagesAsAdmin(admin, product.sku, files.slice(8), new Date());
    expect(await storedCount()).toBe(MAX_IMAGES_PER_PRODUCT);
    const extra = await post(product.sku, await photo(100, 100, 255));
    expect(extra).toMatchObject({ status: 409, body: { error: "image_too_many" } });
    // The same file as a stored one is no extra photo: still answered.
    expect((await post(product.sku, files[3]!.bytes)).status).toBe(200);
    expect(await storedCount()).toBe(MAX_IMAGES_PER_PRODUCT);
  });

  it("serves a photo only under its own product's SKU", async () => {
    const other = await createProduct(handle, (await handle.db.select({ c: products.categoryId }).from(products).where(eq(products.id, product.id)))[0]!.c, { sku: "KP-ANDER" });
    const key = (await mainKey())!;
    expect((await fetchPublic(product.sku, `${key}.jpg`)).status).toBe(200);
    expect((await fetchPublic(other.sku, `${key}.jpg`)).status).toBe(404);
    expect((await fetchPublic(product.sku, `${key}.webp`)).status).toBe(404);
  });

  it("takes the product page's multipart upload from a signed-in admin and redirects back with the outcome", async () => {
    const form = (files: [Uint8Array, string][]) => {
      const data = new FormData();
      for (const [bytes, name] of files) data.append("photos", new File([new Uint8Array(bytes)], name, { type: "image/jpeg" }));
      return data;
    };
    const upload = (data: FormData, headers: Record<string, string> = {}) =>
      uploadRoute.POST(new Request(`http://localhost/admin/products/${product.sku}/photos`, { method: "POST", body: data, headers }), { params: Promise.resolve({ sku: product.sku }) });
    await handle.db.delete(productImages).where(eq(productImages.productId, product.id));

    request.userId = admin.id;
    const added = await upload(form([[await photo(300, 300, 11), "a.jpg"], [await photo(300, 300, 77), "b.jpg"]]));
    expect(added.status).toBe(303);
    expect(added.headers.get("location")).toBe("/admin/products/KP-FOTO?photosAdded=2&photosPresent=0#photos");
    expect(await storedCount()).toBe(2);

    const refused = await upload(form([[await photo(300, 300, 140), "c.jpg"], [Buffer.from("nope"), "kapot.jpg"]]));
    expect(refused.headers.get("location")).toBe("/admin/products/KP-FOTO?photoError=image_unreadable&photoFile=kapot.jpg#photos");
    expect(await storedCount()).toBe(2);

    expect((await upload(form([[await photo(300, 300, 190), "d.jpg"]]), { origin: "https://evil.example" })).status).toBe(403);
    request.userId = manager.id;
    expect((await upload(form([[await photo(300, 300, 250), "e.jpg"]]))).status).toBe(404);
    expect(await storedCount()).toBe(2);
    request.userId = null;
  });
});
