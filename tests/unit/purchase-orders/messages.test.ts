import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/orders.en.json";
import nl from "@/lib/i18n/messages/orders.nl.json";

function keys(node: unknown, prefix = ""): string[] {
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    value && typeof value === "object" ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe("purchase order messages", () => {
  it("has the same non-empty keys in Dutch and English", () => {
    expect(keys(nl).sort()).toEqual(keys(en).sort());
    expect(keys(nl).filter((key) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], nl) === "")).toEqual([]);
  });

  it("defines every static key app/admin/orders asks for", () => {
    const all = keys(nl);
    const missing: string[] = [];
    for (const file of files("app/admin/orders")) {
      const source = readFileSync(file, "utf8");
      const namespace = /getTranslations\("(purchaseOrders[a-zA-Z.]*)"\)/.exec(source)?.[1] ?? "purchaseOrders";
      for (const match of source.matchAll(/\btext\("([a-zA-Z_.]+)"/g)) {
        if (!all.includes(`${namespace}.${match[1]}`)) missing.push(`${file}: ${match[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
