import "server-only";
import { z } from "zod";
import type { BuyerUser } from "@/lib/auth/guards";
import { getProductBySku } from "@/lib/data/catalog";
import { answerStockAlerts, closeStockAlert, hasOpenStockAlert, openStockAlert } from "@/lib/data/stock-alerts";
import { AppError } from "@/lib/errors";
import { backInStockMail } from "@/lib/mail/back-in-stock-mail";
import { mailBaseUrl, readsMail } from "@/lib/mail/base-url";
import { deliverQueuedMail } from "@/lib/mail/send-mail";
import { productName } from "@/lib/catalog/product-name";

/**
 * "Mail me when it is back in stock" on an out-of-stock product page. The ERP's stock report that
 * brings the product back (PUT /admin/api/stock) answers every open wish with one e-mail.
 * Punchout sessions' technical users get no such offer: nobody reads their mail.
 */

export const stockAlertSchema = z.object({ sku: z.string().trim().min(1).max(64), want: z.enum(["1", "0"]).transform((v) => v === "1") });

/** Whether the user may ask (a person, out of stock) and has asked already. */
export async function stockAlertState(user: Pick<BuyerUser, "id" | "email"> | null, product: { id: number; stock: number }): Promise<"none" | "offer" | "open"> {
  if (!user || !readsMail(user.email) || product.stock > 0) return "none";
  return (await hasOpenStockAlert(user.id, product.id)) ? "open" : "offer";
}

export async function setStockAlert(user: Pick<BuyerUser, "id" | "email">, input: z.infer<typeof stockAlertSchema>, now: Date): Promise<"stock_alert_set" | "stock_alert_removed"> {
  const product = await getProductBySku(input.sku);
  if (!product || !product.active) throw new AppError("not_found", "product_not_found", { sku: input.sku });
  if (!input.want) {
    await closeStockAlert(user.id, product.id);
    return "stock_alert_removed";
  }
  if (!readsMail(user.email)) throw new AppError("forbidden", "stock_alert_no_mailbox");
  // In stock meanwhile: nothing to wait for (the page offers it only while out of stock).
  if (product.stock > 0) throw new AppError("conflict", "stock_alert_in_stock");
  await openStockAlert(user.id, product.id, now);
  return "stock_alert_set";
}

/** After a stock report: the products of `skus` that are in stock now answer their open wishes. */
export async function notifyBackInStock(skus: readonly string[], now: Date): Promise<number> {
  if (skus.length === 0) return 0;
  const baseUrl = await mailBaseUrl();
  const queued = await answerStockAlerts(
    skus,
    (alert) =>
      backInStockMail(alert, {
        sku: alert.sku,
        productName: productName(alert, alert.locale),
        link: `${baseUrl}/products/${encodeURIComponent(alert.sku)}`,
      }),
    now,
  );
  if (queued > 0) await deliverQueuedMail();
  return queued;
}
