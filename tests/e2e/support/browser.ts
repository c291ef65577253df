import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";

/** Debian's Chromium (or CHROMIUM_PATH); playwright-core never downloads a browser. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`Chromium not found (tried ${candidates.join(", ")}); apt-get install -y chromium or set CHROMIUM_PATH`);
  return found;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    // The machine has no network beyond loopback: keep Chromium from phoning home.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export const BASE_URL = process.env.BASE_URL ?? "http://localhost:3100";

/** A fresh browser context (own cookies) in the given UI language. */
export async function newContext(browser: Browser, locale: "nl" | "en" = "en"): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: BASE_URL, locale: locale === "en" ? "en-GB" : "nl-NL" });
  await context.addCookies([{ name: "NEXT_LOCALE", value: locale, url: BASE_URL }]);
  context.setDefaultTimeout(15_000);
  return context;
}

/** Waits until the header's cart badge shows exactly `units` (cart actions update it without a page render). */
export async function cartBadgeShows(page: Page, units: number): Promise<void> {
  await page.locator("[data-testid=cart-count]", { hasText: new RegExp(`^${units}$`) }).waitFor();
}

/** Adds `quantity` of a product to the cart from its page (English UI) and waits for the confirmation. */
export async function addToCartOnProductPage(page: Page, sku: string, quantity: number): Promise<void> {
  await page.goto(`/products/${encodeURIComponent(sku)}`);
  const main = page.locator("main");
  await main.getByRole("spinbutton", { name: "Quantity", exact: true }).fill(String(quantity));
  await main.getByRole("button", { name: "Add to cart", exact: true }).click();
  await main.getByText("Added to cart.", { exact: true }).waitFor();
}

/** Signs in through the login form in a fresh English context and waits for `target` (a path). */
export async function signIn(browser: Browser, email: string, password: string, target: string): Promise<Page> {
  const context = await newContext(browser, "en");
  const page = await context.newPage();
  await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === target.split("?")[0]);
  return page;
}

/**
 * Submits a filter form (components/get-form.tsx) with `button` and waits until the filtered page
 * is shown: the address matches `url` and no form is busy navigating any more (the address bar can
 * change before the new page is rendered).
 */
export async function applyFilters(page: Page, button: Locator, url: RegExp | ((url: URL) => boolean)): Promise<void> {
  await button.click();
  await page.waitForURL(url);
  await page.waitForFunction(() => document.querySelector('form[aria-busy="true"]') === null);
}
