import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = process.cwd();

function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir);
  if (statSync(full).isFile()) return [dir];
  return readdirSync(full).flatMap((name) => {
    const file = path.join(full, name);
    if (statSync(file).isDirectory()) return sourceFiles(path.join(dir, name));
    return /\.(ts|tsx)$/.test(name) ? [path.join(dir, name)] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(path.join(root, file), "utf8").matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);

/** The dependency rules of ARCHITECTURE.md §3, enforced so they survive refactors. */
describe("architecture", () => {
  const appAndLib = [...sourceFiles("app"), ...sourceFiles("lib"), ...sourceFiles("components")];

  it("only lib/data (and the startup wiring it owns) imports db/", () => {
    const offenders = appAndLib.filter(
      (file) => !file.startsWith(`lib${path.sep}data${path.sep}`) && importsOf(file).some((i) => i === "@/db" || i.startsWith("@/db/client") || i.startsWith("@/db/migrate") || i.startsWith("@/db/seed")),
    );
    expect(offenders).toEqual([]);
  });

  it("app/ and components/ use db/schema only for types", () => {
    const offenders = [...sourceFiles("app"), ...sourceFiles("components"), ...sourceFiles("lib")]
      .filter((file) => !file.startsWith(`lib${path.sep}data${path.sep}`))
      .filter((file) =>
        readFileSync(path.join(root, file), "utf8")
          .split("\n")
          .some((line) => /from\s+["']@\/db\/schema/.test(line) && !/^import type|^import\s*\{\s*type /.test(line.trim()) && !/COMPANY_ROLES|STAFF_ROLES/.test(line)),
      );
    expect(offenders).toEqual([]);
  });

  it.each(["lib/pricing", "lib/punchout/oci", "lib/punchout/cxml", "lib/einvoice", "lib/catalog-export", "lib/quotes/quote-rules.ts", "lib/webhooks/standard-webhooks.ts", "lib/webhooks/order-payload.ts", "lib/standing-orders/schedule.ts", "lib/orders/budget.ts", "lib/orders/approval-rule.ts", "lib/orders/allowed-users.ts", "lib/orders/credit.ts", "lib/orders/tracking-url.ts", "lib/account-requests/match.ts", "lib/account-requests/stage.ts", "lib/returns/return-rules.ts", "lib/mail/return-mails.ts", "lib/orders/cancellation.ts", "lib/mail/order-cancelled-mails.ts", "lib/account/invite-lines.ts", "lib/mail/back-in-stock-mail.ts", "lib/two-step/totp.ts", "lib/two-step/recovery-codes.ts", "lib/auth/login-state.ts", "lib/mail/two-step-mails.ts", "lib/orders/order-edit.ts", "lib/two-step/required.ts", "lib/vies", "lib/mail/vat-check-mails.ts", "lib/admin/idle-accounts.ts", "lib/punchout/settings-fields.ts", "lib/catalog/product-document.ts", "lib/mail/safety-data-sheet-mail.ts", "lib/mail/order-confirmation-mail.ts", "lib/orders/order-story.ts", "lib/orders/history-comment.ts", "lib/orders/shown-status.ts", "lib/mail/credit-hold-mail.ts", "lib/catalog/category-admin.ts", "lib/catalog/attribute-admin.ts", "lib/catalog/category-import.ts", "lib/http/address-class.ts", "lib/catalog/remote-image.ts", "lib/catalog/unit-names.ts", "lib/punchout/buyer-language.ts", "lib/punchout/short-description.ts", "lib/punchout/preset-names.ts", "lib/punchout/transfer-refusal.ts", "lib/catalog/sku-key.ts", "lib/cart/quantity-rules.ts", "lib/cart/line-report-fixes.ts", "lib/cart/line-report-text.ts", "lib/quick-order/parse-lines.ts", "lib/orders/order-lines-csv.ts", "lib/invoices/invoice-status.ts", "lib/admin/order-view.ts", "lib/catalog/product-name.ts"])(
    "%s is pure: no Next, React, auth, database, environment or wall clock",
    (dir) => {
      for (const file of sourceFiles(dir)) {
        const text = readFileSync(path.join(root, file), "utf8");
        const forbidden = importsOf(file).filter((i) => /^(next|react|next-auth|postgres|@electric-sql|drizzle-orm)(\/|$)|^@\/(db|lib\/data|lib\/auth)/.test(i));
        expect(forbidden, file).toEqual([]);
        expect(text, file).not.toMatch(/process\.env|Date\.now\(\)|new Date\(\)/);
      }
    },
  );

  it("components never import the data layer or auth", () => {
    const offenders = sourceFiles("components").filter((file) => importsOf(file).some((i) => /^@\/(lib\/data|lib\/auth|db)/.test(i)));
    expect(offenders).toEqual([]);
  });

  it("every lib/data module is server-only", () => {
    const missing = sourceFiles("lib/data").filter((file) => !readFileSync(path.join(root, file), "utf8").startsWith('import "server-only";'));
    expect(missing).toEqual([]);
  });
});
