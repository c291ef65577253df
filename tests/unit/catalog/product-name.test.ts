import { describe, expect, it } from "vitest";
import { productName } from "@/lib/catalog/product-name";

describe("a product's name by language", () => {
  it.each<[string, { nameNl: string; nameEn: string }, "nl" | "en", string]>([
    ["English when there is one", { nameNl: "Kettingolie", nameEn: "Chain oil" }, "en", "Chain oil"],
    ["Dutch in Dutch", { nameNl: "Kettingolie", nameEn: "Chain oil" }, "nl", "Kettingolie"],
    ["the Dutch one when the English one is empty", { nameNl: "Kettingolie", nameEn: "" }, "en", "Kettingolie"],
    ["the Dutch one when the English one is only spaces", { nameNl: "Kettingolie", nameEn: "  " }, "en", "Kettingolie"],
  ])("%s", (_name, product, locale, expected) => {
    expect(productName(product, locale)).toBe(expected);
  });
});
