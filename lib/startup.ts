import "server-only";
import { env } from "@/lib/env";
import { prepareDatabase } from "@/lib/data/setup";
import { startInvoiceDeliveryWorker } from "@/lib/invoices/deliver-invoices";
import { startOutboundWorker } from "@/lib/purchase-orders/outbound-worker";
import { startStandingOrderWorker } from "@/lib/standing-orders/standing-orders";
import { startWebhookWorker } from "@/lib/webhooks/deliver-webhooks";
import { startVatCheckWorker } from "@/lib/admin/vat-auto-checks";
import { startMailDelivery } from "@/lib/mail/send-mail";

/** Migrates (and on first start seeds) the database, then prints where to sign in. */
export async function startServer(): Promise<void> {
  const started = Date.now();
  const { seeded } = await prepareDatabase({
    seedDemo: env.SEED_DEMO === "1",
    productCount: env.SEED_PRODUCTS,
    now: new Date(),
  });
  const where = env.DATABASE_URL ? "PostgreSQL" : `PGlite (${env.PGLITE_DIR ?? ".data/pglite"})`;
  startOutboundWorker();
  // Invoices: Peppol / NLCIUS to the access point, cXML into the outbound queue above, e-mail with PDF.
  startInvoiceDeliveryWorker();
  // Orders into the supplier's own systems: signed webhooks (/admin/settings/webhooks).
  startWebhookWorker();
  // Standing orders ("vaste bestelling"): favorites lists ordered on their day.
  startStandingOrderWorker();
  // VAT ids at VIES: checked after a save, re-checked before the evidence for 0 % invoices runs out.
  startVatCheckWorker();
  console.log(`[koppel] database ready on ${where} in ${Date.now() - started} ms${seeded ? " (demo data seeded)" : ""}`);
  // Outgoing e-mail: always the mail_outbox table; delivered over SMTP only when SMTP_URL is set.
  startMailDelivery();
  if (env.SEED_DEMO === "1") {
    console.log(
      [
        // next dev/start take the port from PORT (or -p, which they also put into PORT).
        `[koppel] demo logins (http://localhost:${process.env.PORT || 3000}/login):`,
        "  buyer            buyer@demo.test          / demo-buyer          (Demo Facilities B.V.)",
        "  approver         approver@demo.test       / demo-approver",
        "  company admin    companyadmin@demo.test   / demo-companyadmin",
        "  account manager  manager@demo.test        / demo-manager        (/admin)",
        "  admin            admin@koppel.test        / demo-admin          (/admin)",
        "  contract buyer   inkoop@waterland.test    / demo-inkoop         (Gemeente Waterland: contract assortment only)",
        "[koppel] demo punchout: OCI USERNAME demo-oci / PASSWORD demo-oci-secret at /punchout/oci;",
        "         cXML NetworkID AN-DEMO-BUYER → KOPPEL, SharedSecret demo-cxml-secret at /punchout/cxml/setup",
      ].join("\n"),
    );
  }
}
