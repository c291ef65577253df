import { readFileSync } from "node:fs";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/admin.en.json";
import nl from "@/lib/i18n/messages/admin.nl.json";

/** Every refusal of "Add photo from URL" (and of the API's {"url":…}) reads as a sentence naming the URL, in both languages. */
const problemsOf = (file: string, type: string) => [...readFileSync(file, "utf8").match(new RegExp(`export type ${type} =([^;]+);`))![1]!.matchAll(/"([a-z_]+)"/g)].map((m) => m[1]!);
const PROBLEMS = [
  ...problemsOf("lib/http/fetch-public-url.ts", "FetchProblem"),
  ...problemsOf("lib/catalog/product-image.ts", "ProductImageProblem"),
  ...[...readFileSync("lib/admin/product-images.ts", "utf8").matchAll(/new AppError\("invalid_input", "(image_url_[a-z_]+|image_too_many_urls)"/g)].map((m) => m[1]!),
];
const url = "https://cdn.example.com/KP-1.jpg";

describe.each([
  ["nl", nl],
  ["en", en],
])("photo URL texts (%s)", (locale, messages) => {
  const t = createTranslator({ locale, messages, namespace: "admin" });

  it("has a text for every problem, naming the URL", () => {
    expect(PROBLEMS).toEqual(expect.arrayContaining(["image_url_invalid", "image_url_not_allowed", "image_fetch_failed", "image_fetch_status", "image_too_large", "image_url_none", "image_too_many_urls"]));
    for (const problem of PROBLEMS) {
      const text = t(`errors.${problem}` as "errors.generic", { file: `“${url}”`, status: 404, reason: "other", max: 8 });
      if (!["image_url_none", "image_too_many_urls"].includes(problem)) expect(text, problem).toContain(url);
    }
  });

  it("says which fetch problem it was", () => {
    const failed = (reason: string) => t("errors.image_fetch_failed" as "errors.generic", { file: url, reason });
    expect(new Set(["timeout", "redirects", "dns", "network"].map(failed)).size).toBe(4);
    expect(t("errors.image_fetch_status" as "errors.generic", { file: url, status: 404 })).toContain("404");
    expect(t("productPhotos.fromUrlFailed", { count: 2 })).toMatch(/2/);
    expect(t("productPhotos.fromUrlHint", { max: 8 })).toMatch(/8/);
  });
});
