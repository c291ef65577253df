// Every admin API route asks for the scope the API page and README say it needs, and every listed endpoint exists.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ENDPOINTS, API_SCOPES, keyAllows, scopesForRole } from "@/lib/admin/api-scopes";

const ROOT = path.join(__dirname, "../../app/admin/api");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? routeFiles(full) : name === "route.ts" ? [full] : [];
  });
}

/** app/admin/api/products/[sku]/route.ts → /admin/api/products/:sku (the webhooks' [id] is the endpoint's id). */
function apiPath(file: string): string {
  const segments = path.relative(ROOT, path.dirname(file)).split(path.sep);
  return `/admin/api/${segments
    .map((segment, i) => {
      const param = /^\[(?:\.\.\.)?(\w+)\]$/.exec(segment)?.[1];
      if (!param) return segment;
      return segments[i - 1] === "webhooks" ? ":endpointId" : `:${param}`;
    })
    .join("/")}`;
}

describe("admin API scopes", () => {
  it("each route's handlers ask withStaffApi for the scope API_ENDPOINTS names", () => {
    const found = routeFiles(ROOT).flatMap((file) => {
      const source = readFileSync(file, "utf8");
      const methods = [...source.matchAll(/export async function (GET|PUT|POST|PATCH|DELETE)\(/g)].map((m) => m[1]!);
      const scopes = [...source.matchAll(/withStaffApi\(request, "(\w+)"/g)].map((m) => m[1]!);
      expect(scopes.length, file).toBe(methods.length);
      return methods.map((method, i) => ({ scope: scopes[i], method, path: apiPath(file) }));
    });
    const key = (e: { method: string; path: string }) => `${e.method} ${e.path}`;
    expect(found.sort((a, b) => key(a).localeCompare(key(b)))).toEqual([...API_ENDPOINTS].sort((a, b) => key(a).localeCompare(key(b))));
  });

  it("a key holds only its scopes; an older key without scopes keeps its owner's reach; managers cannot grant admin-only scopes", () => {
    expect(keyAllows(["stock"], "stock")).toBe(true);
    expect(keyAllows(["stock"], "orders")).toBe(false);
    expect(keyAllows([], "stock")).toBe(false);
    expect(keyAllows(null, "orders")).toBe(true);
    expect(scopesForRole("admin")).toEqual(API_SCOPES);
    expect(scopesForRole("account_manager")).toEqual(["prices", "orders", "credit", "returns", "customers", "invoices"]);
  });
});
