import "server-only";
import { z } from "zod";

const DEV_AUTH_SECRET = "koppel-development-secret-do-not-use-in-production";

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** postgres://… → PostgreSQL; absent → embedded PGlite in PGLITE_DIR (default .data/pglite). */
  DATABASE_URL: z.url().optional(),
  PGLITE_DIR: z.string().optional(),
  AUTH_SECRET: z.string().min(32).optional(),
  /** Public base URL for absolute links in protocol documents (cXML StartPage…). */
  APP_URL: z.url().optional(),
  /**
   * Seed demo data into an empty database on start. Default on, except in production on PostgreSQL:
   * the demo's staff and customer accounts have passwords printed in the README (see `env` below).
   */
  SEED_DEMO: z.enum(["0", "1"]).optional(),
  SEED_PRODUCTS: z.coerce.number().int().min(100).max(1_000_000).default(5000),
  /** smtp://user:pass@host:587 or smtps://…: deliver the mail outbox over SMTP. Absent → outbox only. */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** Sender of outgoing e-mail. */
  MAIL_FROM: z.string().min(3).default("Koppel <no-reply@koppel.invalid>"),
  /** Key material for credentials we must send (our cXML SharedSecrets per buyer); absent → derived from AUTH_SECRET via HKDF. */
  CREDENTIALS_KEY: z.string().min(32).optional(),
  /** Folder the default Peppol access-point sender writes outgoing UBL files and envelopes to. */
  PEPPOL_OUTBOX_DIR: z.string().min(1).default(".data/peppol-outbox"),
  /** A real Peppol access point: UBL documents are POSTed here instead of written to the outbox folder. */
  PEPPOL_AP_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Bearer token for PEPPOL_AP_URL. */
  PEPPOL_AP_TOKEN: z.string().min(8).optional(),
  /** VIES check-vat-number endpoint (REST); default the European Commission's. */
  VIES_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** "off": no automatic VIES checks (after saves) and no periodic re-checks; staff still check by hand. */
  VIES_AUTO_CHECKS: z.enum(["on", "off"]).default("on"),
  /** Reverse proxies in front of the app that append to X-Forwarded-For (client address for throttling). */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
});

const parsed = envSchema.safeParse({
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL || undefined,
  AUTH_SECRET: process.env.AUTH_SECRET || undefined,
  APP_URL: process.env.APP_URL || undefined,
  SMTP_URL: process.env.SMTP_URL || undefined,
  MAIL_FROM: process.env.MAIL_FROM || undefined,
  CREDENTIALS_KEY: process.env.CREDENTIALS_KEY || undefined,
  PEPPOL_OUTBOX_DIR: process.env.PEPPOL_OUTBOX_DIR || undefined,
  PEPPOL_AP_URL: process.env.PEPPOL_AP_URL || undefined,
  PEPPOL_AP_TOKEN: process.env.PEPPOL_AP_TOKEN || undefined,
  TRUSTED_PROXY_HOPS: process.env.TRUSTED_PROXY_HOPS || undefined,
  VIES_URL: process.env.VIES_URL || undefined,
  VIES_AUTO_CHECKS: process.env.VIES_AUTO_CHECKS || undefined,
});
if (!parsed.success) {
  throw new Error(`Invalid environment: ${z.prettifyError(parsed.error)}`);
}

/** The validated environment; nothing else in lib/ or app/ reads process.env. */
export const env = {
  ...parsed.data,
  AUTH_SECRET:
    parsed.data.AUTH_SECRET ??
    (parsed.data.NODE_ENV === "production" && parsed.data.DATABASE_URL ? undefined : DEV_AUTH_SECRET),
  // A real deployment (production on PostgreSQL) gets no demo accounts with published passwords
  // (admin@koppel.test / demo-admin …) and no demo punchout secret unless it asks for them.
  SEED_DEMO: parsed.data.SEED_DEMO ?? (parsed.data.NODE_ENV === "production" && parsed.data.DATABASE_URL ? "0" : "1"),
};
