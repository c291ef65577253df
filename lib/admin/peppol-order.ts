import "server-only";
import type { StaffUser } from "@/lib/auth/guards";
import { listProductsByIds } from "@/lib/data/catalog";
import { getCustomer } from "@/lib/data/customers";
import { getOrderDetail } from "@/lib/data/purchase-orders";
import { getSupplierProfile } from "@/lib/data/supplier-profile";
import { buildPeppolOrderXml } from "@/lib/einvoice/build-peppol-order";
import { hasValidGs1CheckDigit } from "@/lib/einvoice/calculate";
import { AppError } from "@/lib/errors";
import { customerEndpoint, customerLegalId, supplierParty, toDeliveryAddress, toPeppolUnitCode } from "@/lib/invoices/document-from-order";
import { calendarDate } from "@/lib/pricing/calendar-date";
import { canSeeCustomer } from "./access";

/**
 * An order as a Peppol BIS Ordering 3 Order (UBL, T01; ERP-SIDE.md §4) for the supplier's ERP to
 * import: the order as stored (prices and quantities as ordered, excl. VAT), the customer as buyer
 * and our company (the invoicing master data) as seller. Staff who manage the customer only.
 */
export async function peppolOrderForStaff(staff: StaffUser, orderId: number): Promise<{ filename: string; xml: string }> {
  const detail = await getOrderDetail(orderId);
  if (!detail || !(await canSeeCustomer(staff, detail.order.companyId))) throw new AppError("not_found", "order_not_found");
  const productIds = detail.lines.flatMap((line) => (line.productId === null ? [] : [line.productId]));
  const [company, profile, products] = await Promise.all([getCustomer(detail.order.companyId), getSupplierProfile(), listProductsByIds(productIds)]);
  // The GTIN helps the ERP match the item; only a valid one (the schematron checks GS1 check digits).
  const gtins = new Map(products.flatMap((p) => (p.gtin && hasValidGs1CheckDigit(p.gtin) ? [[p.id, p.gtin] as const] : [])));
  if (!profile) throw new AppError("conflict", "supplier_profile_missing");
  if (!company) throw new AppError("not_found", "order_not_found");
  const endpoint = customerEndpoint(company, []);
  if (typeof endpoint === "string") throw new AppError("conflict", "customer_endpoint_missing", { reason: endpoint });
  const { order } = detail;
  const legalId = customerLegalId(company);
  const delivery = toDeliveryAddress(order.shipTo);
  const xml = buildPeppolOrderXml({
    id: order.orderNumber,
    issueDate: calendarDate(order.placedAt),
    currency: order.currency,
    ...(order.poNumber ? { customerReference: order.poNumber } : {}),
    ...(order.costCenter ? { accountingCost: order.costCenter } : {}),
    ...(order.note ? { note: order.note } : {}),
    buyer: { name: company.name, endpoint, ...(legalId ? { legalId } : {}) },
    seller: supplierParty(profile),
    ...(delivery || order.requestedDeliveryDate
      ? { delivery: { ...(delivery ? { address: delivery } : {}), ...(order.requestedDeliveryDate ? { requestedDate: order.requestedDeliveryDate } : {}) } }
      : {}),
    // The delivery charge the checkout added (excl. VAT, as the lines).
    ...(order.deliveryChargeMinor > 0 ? { charges: [{ reason: "Delivery charge", reasonCode: "FC", amountMinor: order.deliveryChargeMinor }] } : {}),
    lines: detail.lines.map((line) => ({
      id: String(line.lineNumber),
      quantity: line.quantity,
      unitCode: toPeppolUnitCode(line.unit),
      priceMinor: line.unitPriceMinor,
      lineExtensionMinor: line.unitPriceMinor * line.quantity,
      name: line.name,
      sku: line.sku,
      ...(line.productId !== null && gtins.has(line.productId) ? { gtin: gtins.get(line.productId)! } : {}),
      ...(line.customerArticleNumber ? { buyerItemId: line.customerArticleNumber } : {}),
    })),
  });
  return { filename: `order-${order.orderNumber}.xml`, xml };
}
