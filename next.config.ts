import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/**
 * Clickjacking protection for everything but the punchout entry, cXML and transfer routes (which set
 * frame-ancestors per connection themselves): outside a punchout session only the shop may frame it. During
 * one, the signed frame-policy cookie ("koppel_frame", FRAME_POLICY_COOKIE) is present and proxy.ts answers
 * with the connection's origins instead; the same source, so every page gets exactly one of the two.
 */
const FRAMED_PAGES = "/((?!_next/static|_next/image|favicon.ico|product-images|punchout/(?:oci|transfer|cxml/)).*)";

const nextConfig: NextConfig = {
  // Webpack bundling breaks PGlite's file URLs at runtime (STACK-NOTES P3); keep it external.
  // drizzle-orm too: bundled, every server layer got its own copy of its classes, and the one
  // database object (db/client.ts, shared through globalThis) checked every column of every row
  // against another copy's classes, down drizzle's slow path (BENCHMARKS.md, "Tenth pass").
  serverExternalPackages: ["@electric-sql/pglite", "drizzle-orm"],
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    return [
      {
        source: FRAMED_PAGES,
        missing: [{ type: "cookie", key: "koppel_frame" }],
        headers: [{ key: "Content-Security-Policy", value: "frame-ancestors 'self'" }],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
