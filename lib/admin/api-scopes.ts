/**
 * What an API key may do. A key gets the scopes its integration needs when it is made (least
 * privilege: the ERP's nightly stock feed has "stock" and cannot read customers' orders), on top of
 * its owner's own reach (an account manager's key still sees only their customers). Pure.
 */
export const API_SCOPES = ["catalog", "stock", "prices", "orders", "credit", "returns", "customers", "invoices"] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Scopes whose endpoints only admins may use (an account manager's key would get 404 on all of them). */
const ADMIN_ONLY_SCOPES: readonly ApiScope[] = ["catalog", "stock"];

/** The scopes a staff member of this role can give a key. */
export function scopesForRole(role: "admin" | "account_manager"): readonly ApiScope[] {
  return role === "admin" ? API_SCOPES : API_SCOPES.filter((scope) => !ADMIN_ONLY_SCOPES.includes(scope));
}

export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** `null`: a key made before scopes existed, which keeps its owner's full reach. */
export function keyAllows(granted: readonly string[] | null, required: ApiScope): boolean {
  return granted === null || granted.includes(required);
}

/**
 * Every endpoint of the admin API with the scope it needs — the back office's API page lists them
 * from here, and a unit test holds each route file to it (tests/unit/api-scopes.test.ts).
 */
export const API_ENDPOINTS: readonly { scope: ApiScope; method: "GET" | "PUT" | "POST" | "PATCH" | "DELETE"; path: string }[] = [
  { scope: "catalog", method: "PUT", path: "/admin/api/products" },
  { scope: "catalog", method: "GET", path: "/admin/api/products/:sku" },
  { scope: "catalog", method: "GET", path: "/admin/api/products/:sku/images" },
  { scope: "catalog", method: "POST", path: "/admin/api/products/:sku/images" },
  { scope: "catalog", method: "PATCH", path: "/admin/api/products/:sku/images/:key" },
  { scope: "catalog", method: "DELETE", path: "/admin/api/products/:sku/images/:key" },
  { scope: "catalog", method: "GET", path: "/admin/api/products/:sku/documents" },
  { scope: "catalog", method: "POST", path: "/admin/api/products/:sku/documents" },
  { scope: "catalog", method: "PATCH", path: "/admin/api/products/:sku/documents/:key" },
  { scope: "catalog", method: "DELETE", path: "/admin/api/products/:sku/documents/:key" },
  { scope: "catalog", method: "GET", path: "/admin/api/products/:sku/documents/:key/notices" },
  { scope: "catalog", method: "POST", path: "/admin/api/products/:sku/documents/:key/notices" },
  { scope: "catalog", method: "GET", path: "/admin/api/products/:sku/relations" },
  { scope: "catalog", method: "PUT", path: "/admin/api/products/:sku/relations" },
  { scope: "catalog", method: "GET", path: "/admin/api/categories" },
  { scope: "catalog", method: "PUT", path: "/admin/api/categories" },
  { scope: "catalog", method: "DELETE", path: "/admin/api/categories/:code" },
  { scope: "catalog", method: "GET", path: "/admin/api/attributes" },
  { scope: "catalog", method: "PUT", path: "/admin/api/attributes" },
  { scope: "catalog", method: "DELETE", path: "/admin/api/attributes/:key" },
  { scope: "stock", method: "PUT", path: "/admin/api/stock" },
  { scope: "prices", method: "GET", path: "/admin/api/price-lists/:code/entries" },
  { scope: "prices", method: "PUT", path: "/admin/api/price-lists/:code/entries" },
  { scope: "prices", method: "DELETE", path: "/admin/api/price-lists/:code/entries/:sku" },
  { scope: "orders", method: "GET", path: "/admin/api/webhooks/:endpointId/events" },
  { scope: "orders", method: "POST", path: "/admin/api/webhooks/:endpointId/events/ack" },
  { scope: "orders", method: "GET", path: "/admin/api/orders/:number" },
  { scope: "orders", method: "PUT", path: "/admin/api/orders/:number/erp-reference" },
  { scope: "orders", method: "POST", path: "/admin/api/orders/:number/shipments" },
  { scope: "orders", method: "POST", path: "/admin/api/orders/:number/confirmation" },
  { scope: "orders", method: "POST", path: "/admin/api/orders/:number/cancellation" },
  { scope: "credit", method: "GET", path: "/admin/api/customers/:id/credit" },
  { scope: "credit", method: "PUT", path: "/admin/api/customers/:id/credit" },
  { scope: "credit", method: "PUT", path: "/admin/api/invoices/:number/payment" },
  { scope: "returns", method: "GET", path: "/admin/api/returns" },
  { scope: "returns", method: "GET", path: "/admin/api/returns/:number" },
  { scope: "returns", method: "POST", path: "/admin/api/returns/:number/receipt" },
  { scope: "customers", method: "GET", path: "/admin/api/customers" },
  { scope: "customers", method: "GET", path: "/admin/api/customers/:id" },
  { scope: "customers", method: "PUT", path: "/admin/api/customers/:id/erp-customer-number" },
  // Bookkeeping reads what was issued; reporting payments stays with "credit" (it moves the credit on account).
  { scope: "invoices", method: "GET", path: "/admin/api/invoices" },
  { scope: "invoices", method: "GET", path: "/admin/api/invoices/:number" },
  { scope: "invoices", method: "GET", path: "/admin/api/invoices/:number/ubl" },
  { scope: "invoices", method: "GET", path: "/admin/api/invoices/:number/pdf" },
];
