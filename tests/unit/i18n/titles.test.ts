import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/titles.en.json";
import nl from "@/lib/i18n/messages/titles.nl.json";

// Browser-tab titles (lib/i18n/page-title.ts, lib/page-titles.ts): every key in both languages, and
// every page of the shop, the sign-in pages and /admin titled from them.

const root = process.cwd();

function leaves(node: unknown, prefix = ""): [string, string][] {
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    value && typeof value === "object" ? leaves(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value as string]],
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const file = `${dir}/${name}`;
    return statSync(path.join(root, file)).isDirectory() ? files(file, pattern) : pattern.test(name) ? [file] : [];
  });
}

const TITLED = ["app/(shop)", "app/login", "app/register", "app/forgot-password", "app/set-password", "app/admin"];
const pages = TITLED.flatMap((dir) => files(dir, /^page\.tsx$/));

describe("titles messages", () => {
  const nlTexts = new Map(leaves(nl.titles));
  const enTexts = new Map(leaves(en.titles));

  it("have the same keys in Dutch and English, none empty, with the same placeholders", () => {
    expect([...nlTexts.keys()].sort()).toEqual([...enTexts.keys()].sort());
    for (const [key, text] of [...nlTexts, ...enTexts]) expect(text.trim(), key).not.toBe("");
    for (const [key, text] of nlTexts) expect(placeholders(enTexts.get(key)!), key).toEqual(placeholders(text));
  });

  it("are one area the request loads (lib/i18n/request.ts), and every message file is", () => {
    const request = readFileSync(path.join(root, "lib/i18n/request.ts"), "utf8");
    const areas = JSON.parse(/const AREAS = (\[[^\]]*\])/.exec(request)![1]!) as string[];
    expect(areas).toContain("titles");
    const onDisk = [...new Set(readdirSync(path.join(root, "lib/i18n/messages")).map((name) => name.replace(/\.(nl|en)\.json$/, "")))];
    expect(onDisk.filter((area) => !areas.includes(area))).toEqual([]);
    // Its namespace is its own: no other area declares "titles".
    for (const area of areas.filter((area) => area !== "titles")) {
      const messages = JSON.parse(readFileSync(path.join(root, `lib/i18n/messages/${area}.nl.json`), "utf8")) as object;
      expect(Object.keys(messages), area).not.toContain("titles");
    }
  });

  it("have templates with the page's place, and the admin's name in them", () => {
    for (const texts of [nlTexts, enTexts]) {
      expect(texts.get("template.shop")).toContain("%s");
      expect(texts.get("template.admin")).toBe(`%s · ${texts.get("adminName")}`);
    }
  });

  it("define every key the pages and the title helpers ask for", () => {
    const sources = [...pages, "app/layout.tsx", "app/admin/layout.tsx", "lib/i18n/page-title.ts", "lib/page-titles.ts"];
    const asked = new Set<string>();
    for (const file of sources) {
      const text = readFileSync(path.join(root, file), "utf8");
      for (const m of text.matchAll(/\b(?:pageTitle|titleText)\(\s*"([\w.]+)"/g)) asked.add(m[1]!);
      // `${area}.product`, `account.${kind}`… : every value the template can take.
      for (const m of text.matchAll(/\btitleText\(\s*`([^`]+)`/g)) {
        const pattern = new RegExp(`^${m[1]!.replace(/\./g, "\\.").replace(/\$\{\w+\}/g, "\\w+")}$`);
        const matches = [...nlTexts.keys()].filter((key) => pattern.test(key));
        expect(matches.length, `${file}: ${m[1]}`).toBeGreaterThan(0);
      }
    }
    expect(asked.size).toBeGreaterThan(60);
    const missing = [...asked].filter((key) => !nlTexts.has(key) || !enTexts.has(key));
    expect(missing).toEqual([]);
  });

  it("title every page: generateMetadata, no fixed (one-language) metadata", () => {
    expect(pages.length).toBeGreaterThan(70);
    const untitled = pages.filter((file) => !/export (const|async function) generateMetadata\b/.test(readFileSync(path.join(root, file), "utf8")));
    const fixed = pages.filter((file) => /export const metadata\b/.test(readFileSync(path.join(root, file), "utf8")));
    expect(untitled).toEqual([]);
    expect(fixed).toEqual([]);
  });
});
