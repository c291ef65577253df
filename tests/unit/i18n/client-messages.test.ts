import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ACCOUNT_CLIENT_MESSAGES,
  ADMIN_CLIENT_MESSAGES,
  FORGOT_PASSWORD_CLIENT_MESSAGES,
  LOGIN_CLIENT_MESSAGES,
  REGISTER_CLIENT_MESSAGES,
  ROOT_CLIENT_MESSAGES,
  SET_PASSWORD_CLIENT_MESSAGES,
  SHOP_CLIENT_MESSAGES,
  VIEW_AS_CLIENT_MESSAGES,
  pickMessages,
} from "@/lib/i18n/client-messages";

const root = process.cwd();
const AREAS = ["shop", "admin", "punchout", "account", "orders", "invoices", "invoicing", "cost-centers", "account-requests", "two-step", "staff", "vat-checks", "categories"];
const catalogue = (locale: string): Record<string, unknown> =>
  Object.assign({}, ...AREAS.map((area) => JSON.parse(readFileSync(path.join(root, `lib/i18n/messages/${area}.${locale}.json`), "utf8"))));

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(path.join(root, file)).isDirectory() ? sourceFiles(file) : /\.tsx?$/.test(name) ? [file.split(path.sep).join("/")] : [];
  });
}

/**
 * Which providers render each client component (a nested provider replaces its parent's messages,
 * so every provider on the way must carry the texts). A client component that translates and is
 * not listed here fails the test: decide which layout's set it belongs to.
 */
const RENDERED_UNDER: [RegExp, { name: string; namespaces: readonly string[] }[]][] = [
  [/^app\/error\.tsx$/, [{ name: "root", namespaces: ROOT_CLIENT_MESSAGES }]],
  // The sign-in form is also the set-password page's, when the automatic sign-in after choosing the password is refused.
  [
    /^app\/login\/login-form\.tsx$/,
    [
      { name: "login", namespaces: LOGIN_CLIENT_MESSAGES },
      { name: "set-password", namespaces: SET_PASSWORD_CLIENT_MESSAGES },
    ],
  ],
  [/^app\/login\//, [{ name: "login", namespaces: LOGIN_CLIENT_MESSAGES }]],
  [/^app\/forgot-password\//, [{ name: "forgot-password", namespaces: FORGOT_PASSWORD_CLIENT_MESSAGES }]],
  [/^app\/set-password\//, [{ name: "set-password", namespaces: SET_PASSWORD_CLIENT_MESSAGES }]],
  [/^(app\/register\/|components\/auth\/account-request-form\.tsx$)/, [{ name: "register", namespaces: REGISTER_CLIENT_MESSAGES }]],
  [/^components\/admin\/view-as-banner\.tsx$/, [{ name: "view-as", namespaces: VIEW_AS_CLIENT_MESSAGES }]],
  [/^(app\/admin|components\/admin|components\/punchout)\//, [{ name: "admin", namespaces: ADMIN_CLIENT_MESSAGES }]],
  // On product cards, product pages, the cart, checkout and in account pages.
  [
    /^components\/(shop\/|account\/save-to-list\.tsx$|account\/action-form\.tsx$)/,
    [
      { name: "shop", namespaces: SHOP_CLIENT_MESSAGES },
      { name: "account", namespaces: ACCOUNT_CLIENT_MESSAGES },
    ],
  ],
  // My account, and the customer's page in /admin.
  [
    /^components\/account\/(article-number-forms|two-step-section|two-step-reset-form)\.tsx$/,
    [
      { name: "account", namespaces: ACCOUNT_CLIENT_MESSAGES },
      { name: "admin", namespaces: ADMIN_CLIENT_MESSAGES },
    ],
  ],
  [/^components\/account\//, [{ name: "account", namespaces: ACCOUNT_CLIENT_MESSAGES }]],
];

/** Every translation a client file asks for: namespace + static key (or the static start of a template key). */
function lookups(text: string): string[] {
  const declarations = [...text.matchAll(/const (\w+) = useTranslations\(\s*(?:"([^"]*)")?\s*\)/g)].map((m) => ({ name: m[1]!, namespace: m[2] ?? "", at: m.index! }));
  const found: string[] = [];
  for (const declaration of declarations) found.push(declaration.namespace);
  for (const call of text.matchAll(/\b(\w+)(?:\.(?:rich|has|markup|raw))?\(\s*(?:"([a-zA-Z0-9_.]+)"|`([a-zA-Z0-9_.]*)\$\{)/g)) {
    const declaration = declarations.filter((d) => d.name === call[1] && d.at < call.index!).at(-1);
    if (!declaration) continue;
    const key = (call[2] ?? call[3] ?? "").replace(/\.$/, "");
    found.push([declaration.namespace, key].filter(Boolean).join("."));
  }
  return [...new Set(found)];
}

const has = (messages: Record<string, unknown>, dotted: string) =>
  dotted.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined), messages) !== undefined;

describe("client messages", () => {
  it("picks whole and nested namespaces in the catalogue's shape, without changing the catalogue", () => {
    const messages = { cart: { add: "Add" }, account: { favorites: { save: "Save" }, errors: { x: "X" }, report: { y: "Y" } }, admin: { a: "A" } };
    const before = JSON.stringify(messages);
    expect(pickMessages(messages, ["cart", "account.favorites", "account.errors", "missing", "admin.nothing"])).toEqual({
      cart: { add: "Add" },
      account: { favorites: { save: "Save" }, errors: { x: "X" } },
    });
    expect(pickMessages(messages, ["account", "account.favorites"])).toEqual({ account: messages.account });
    expect(JSON.stringify(messages)).toBe(before);
  });

  it("leaves the admin texts and the rest of the account texts out of the shop's pages", () => {
    const shop = pickMessages(catalogue("nl"), SHOP_CLIENT_MESSAGES);
    expect(Object.keys(shop).sort()).toEqual(["account", "cart", "checkout"]);
    expect(Object.keys(shop.account as object).sort()).toEqual(["errors", "favorites", "messages"]);
  });

  it("every namespace of every set exists in both languages", () => {
    const sets = [ROOT_CLIENT_MESSAGES, SHOP_CLIENT_MESSAGES, ACCOUNT_CLIENT_MESSAGES, VIEW_AS_CLIENT_MESSAGES, ADMIN_CLIENT_MESSAGES, LOGIN_CLIENT_MESSAGES, FORGOT_PASSWORD_CLIENT_MESSAGES, REGISTER_CLIENT_MESSAGES, SET_PASSWORD_CLIENT_MESSAGES];
    for (const locale of ["nl", "en"]) {
      const messages = catalogue(locale);
      for (const namespace of sets.flat()) expect(has(messages, namespace), `${locale}: ${namespace}`).toBe(true);
    }
  });

  it("hands every client component the texts it looks up, under every provider that renders it", () => {
    const clientFiles = ["app", "components", "lib"]
      .flatMap(sourceFiles)
      .filter((file) => /^["']use client["']/.test(readFileSync(path.join(root, file), "utf8").trimStart()));
    expect(clientFiles.length).toBeGreaterThan(20);
    const problems: string[] = [];
    let checked = 0;
    for (const locale of ["nl", "en"]) {
      const messages = catalogue(locale);
      for (const file of clientFiles) {
        const used = lookups(readFileSync(path.join(root, file), "utf8"));
        if (used.length === 0) continue;
        const providers = RENDERED_UNDER.find(([pattern]) => pattern.test(file))?.[1];
        if (!providers) {
          problems.push(`${file}: translates on the client, but no provider set is assigned to it in this test`);
          continue;
        }
        for (const provider of providers) {
          const picked = pickMessages(messages, provider.namespaces);
          for (const lookup of used) {
            checked++;
            if (!has(picked, lookup)) problems.push(`${locale} ${file}: "${lookup}" is missing from the ${provider.name} provider`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});
