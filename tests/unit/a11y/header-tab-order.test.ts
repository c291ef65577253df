import { readFileSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

// The header is a server component: its texts are their keys here, the client parts see the home page.
vi.mock("next-intl/server", () => ({ getTranslations: async (namespace: string) => (key: string) => `${namespace}.${key}` }));
vi.mock("next/navigation", () => ({ usePathname: () => "/", useSearchParams: () => new URLSearchParams(), useRouter: () => ({ refresh() {} }) }));

const { SiteHeader } = await import("@/components/layout/site-header");

type Width = "phone" | "desktop";

/**
 * The header's keyboard stops in DOM order (= Tab order: nothing has a positive tabindex) that show at
 * a width: an element is out when it or an ancestor is `hidden` there (Tailwind: `hidden` below 640 px
 * unless `sm:flex`/`sm:block`/`sm:inline` shows it from there, `sm:hidden` from 640 px up). Each stop
 * by what a screen reader names it: aria-label, else its text.
 */
function tabStops(markup: string, width: Width): string[] {
  const hiddenAt = (classes: string[]) =>
    width === "phone" ? classes.includes("hidden") : classes.includes("sm:hidden") || (classes.includes("hidden") && !classes.some((c) => /^sm:(flex|block|inline|inline-flex|grid)$/.test(c)));
  const stack: { tag: string; hidden: boolean; stop: { name: string; text: string } | null }[] = [];
  const stops: { name: string; text: string }[] = [];
  const voidTags = new Set(["input", "br", "img", "meta", "link", "hr", "source"]);
  for (const [token, closing, tag, attributes, selfClosing] of markup.matchAll(/<(\/)?([a-z][\w-]*)([^>]*?)(\/)?>|[^<]+/g)) {
    if (!tag) {
      for (const frame of stack) if (frame.stop && !frame.hidden) frame.stop.text += token;
      continue;
    }
    if (closing) {
      stack.pop();
      continue;
    }
    const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(attributes ?? "")?.[1];
    const hidden = (stack.at(-1)?.hidden ?? false) || hiddenAt((attribute("class") ?? "").split(/\s+/));
    const focusable = (tag === "a" && attribute("href") !== undefined) || tag === "button" || (tag === "input" && attribute("type") !== "hidden");
    const stop = focusable ? { name: attribute("aria-label") ?? "", text: "" } : null;
    expect(attribute("tabindex") ?? "0", `${tag} has no positive tabindex`).not.toMatch(/^[1-9]/);
    if (stop && !hidden) stops.push(stop);
    if (!voidTags.has(tag) && !selfClosing) stack.push({ tag, hidden, stop });
  }
  return stops.map((stop) => stop.name || stop.text.trim());
}

const actions = { setLocaleAction: async () => {}, signOutAction: async () => {} };
const cart = { units: 3, lines: 1, at: 1 };

async function header(user: Parameters<typeof SiteHeader>[0]["user"]) {
  return renderToStaticMarkup(await SiteHeader({ user, cart, locale: "nl", ...actions }));
}

describe("the shop header: Tab follows what the eye sees, at a phone's width and from 640 px up (WCAG 2.4.3)", () => {
  const buyer = { name: "Bea Buyer", companyName: "Demo", isBuyer: true };

  it("a buyer on a phone: logo, catalog, cart, Menu (its links closed), then the search field under them", async () => {
    expect(tabStops(await header(buyer), "phone")).toEqual(["common.skipToContent", "common.appName", "common.catalog", "common.cart", "common.menu", "common.search", "common.search"]);
  });

  it("a buyer from 640 px up: logo, catalog, the search field, the cart, then the links' row", async () => {
    expect(tabStops(await header(buyer), "desktop")).toEqual([
      "common.skipToContent",
      "common.appName",
      "common.catalog",
      "common.search",
      "common.search",
      "common.cart",
      "account.header.quickOrder",
      "account.header.favorites",
      "common.myOrders",
      "account.header.myAccount",
      "common.signOut",
      "NL Nederlands",
      "EN English",
    ]);
  });

  it("signed out, on a phone and from 640 px up", async () => {
    const markup = await header(null);
    expect(tabStops(markup, "phone")).toEqual(["common.skipToContent", "common.appName", "common.catalog", "common.signIn", "NL Nederlands", "EN English", "common.search", "common.search"]);
    expect(tabStops(markup, "desktop")).toEqual(["common.skipToContent", "common.appName", "common.catalog", "common.search", "common.search", "common.signIn", "NL Nederlands", "EN English"]);
  });

  it("one search form and one cart link show at each width (the other copy is display: none)", async () => {
    const markup = await header(buyer);
    expect(markup.match(/role="search"/g)).toHaveLength(2);
    expect(markup.match(/data-testid="cart-link"/g)).toHaveLength(1);
    expect(markup.match(/\sid="cart-count"/g)).toHaveLength(1);
  });

  it("nothing in the header is moved by CSS order, which would split what the eye and the keyboard follow", () => {
    for (const file of ["components/layout/site-header.tsx", "components/layout/header-menu.tsx"]) {
      const text = readFileSync(path.join(process.cwd(), file), "utf8");
      expect(text, file).not.toMatch(/(?<![\w-])(\w+:)?-?order-(\d+|first|last|none)\b/);
    }
  });
});
