import "server-only";
import type { StaffUser } from "@/lib/auth/guards";
import { isAssortment } from "@/lib/catalog/assortment";
import { customerProductInputs, localizeProduct, productsOutsideAssortment } from "@/lib/catalog/priced-product";
import { toPriceSourceSnapshot } from "@/lib/checkout/place-order";
import { getRecipient } from "@/lib/data/account";
import { listProductsBySkus } from "@/lib/data/catalog";
import { changeWebOrder, type OrderAddition } from "@/lib/data/order-edit";
import { getOrderDetail } from "@/lib/data/purchase-orders";
import { AppError } from "@/lib/errors";
import { money } from "@/lib/format";
import { accountOrderLink, mailBaseUrl, readsMail } from "@/lib/mail/base-url";
import { orderChangedMail } from "@/lib/mail/order-changed-mail";
import { sendMail } from "@/lib/mail/send-mail";
import { describeChange, parseAdditions, type EditOrderInput, type EditProblem } from "@/lib/orders/order-edit";
import { resolvePrice } from "@/lib/pricing/resolve-price";
import { canSeeCustomer } from "./access";

/** A problem of the change as the form reports it: its code under admin.errors, the values, the field. */
function problemError(problem: EditProblem): AppError {
  const code = `order_edit_${problem.kind}`;
  switch (problem.kind) {
    case "unknown_line":
      return new AppError("invalid_input", code, { line: problem.lineNumber });
    case "quote_line":
      return new AppError("invalid_input", code, { line: problem.lineNumber, sku: problem.sku, field: `quantity_${problem.lineNumber}` });
    case "quantity_rule":
      return new AppError("quantity_rule", code, { sku: problem.sku, quantity: problem.quantity, suggested: problem.suggested });
    case "unknown_sku":
      return new AppError("invalid_input", code, { sku: problem.sku, field: "additions" });
    case "invalid_addition":
      return new AppError("invalid_input", code, { line: problem.line, field: "additions" });
    case "already_on_order":
      return new AppError("invalid_input", code, { sku: problem.sku, line: problem.lineNumber, field: "additions" });
    default:
      return new AppError("invalid_input", code);
  }
}

/**
 * Staff change a web order's lines (lib/orders/order-edit.ts): the customer's account manager or an
 * admin, with a reason the orderer is mailed along with what changed and the new total. Added
 * products are priced for the customer now (contract price and tier at the added quantity); for a
 * customer limited to its contract assortment, products outside it only with the form's explicit
 * tick. The first problem is reported (with what the form needs to point at it); nothing changes then.
 */
export async function changeWebOrderForStaff(staff: StaffUser, input: EditOrderInput, now = new Date()): Promise<{ orderNumber: string }> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("invalid_input", "reason_required", { fieldErrors: { reason: ["reason_required"] } });
  const detail = await getOrderDetail(input.orderId);
  if (!detail || detail.order.source !== "web" || !(await canSeeCustomer(staff, detail.order.companyId))) throw new AppError("not_found", "order_not_found");
  const { order } = detail;
  const orderer = order.userId === null ? null : await getRecipient(order.userId);
  const locale = orderer?.locale ?? "nl";

  const { requests, problems: parseProblems } = parseAdditions(input.additions);
  // SKUs as typed, or in capitals as the catalog keeps them.
  const found = await listProductsBySkus(requests.flatMap((request) => [request.sku, request.sku.toUpperCase()]));
  const matched = requests.map((request) => ({ request, product: found.get(request.sku) ?? found.get(request.sku.toUpperCase()) }));
  // One addition per product however its SKU was spelled ("abc-1;2" and "ABC-1;1" add 3).
  const byProduct = new Map<number, { request: { sku: string; quantity: number }; product: NonNullable<(typeof matched)[number]["product"]> }>();
  for (const { request, product } of matched) {
    if (!product?.active) continue;
    const earlier = byProduct.get(product.id);
    byProduct.set(product.id, { request: { sku: request.sku, quantity: (earlier?.request.quantity ?? 0) + request.quantity }, product });
  }
  const usable = [...byProduct.values()];
  // A customer limited to its contract assortment gets nothing else added unless staff say so
  // explicitly (the buyer could not have ordered it; the checkout and intake refuse it too).
  if (!input.allowOutsideAssortment && isAssortment(detail.company.assortment)) {
    const outside = await productsOutsideAssortment(
      { companyId: order.companyId, assortment: detail.company.assortment },
      usable.map(({ product }) => product),
      now,
    );
    const skus = usable.filter(({ product }) => outside.has(product.id)).map(({ product }) => product.sku);
    if (skus.length > 0) throw new AppError("invalid_input", "order_edit_not_in_assortment", { skus: skus.join(", "), field: "additions" });
  }
  const { candidates, articleNumbers } = await customerProductInputs(
    order.companyId,
    usable.map(({ product }) => product.id),
    undefined,
  );
  const additions: OrderAddition[] = usable.map(({ request, product }) => {
    const price = resolvePrice({ product, candidates: candidates.get(product.id) ?? [], quantity: request.quantity, now });
    return {
      productId: product.id,
      sku: product.sku,
      // In the orderer's language, like the lines the checkout wrote.
      name: localizeProduct(product, locale).name,
      unit: product.unit,
      quantity: request.quantity,
      unitPriceMinor: price.unitPriceMinor,
      listPriceMinor: price.listPriceMinor,
      vatRateBasisPoints: product.vatRateBasisPoints,
      rules: { minOrderQuantity: product.minOrderQuantity, orderMultiple: product.orderMultiple },
      priceSource: toPriceSourceSnapshot(price.source),
      customerArticleNumber: articleNumbers.get(product.id) ?? null,
    };
  });

  const outcome = await changeWebOrder({
    orderId: order.id,
    companyId: order.companyId,
    quantities: input.quantities,
    additions,
    unknownSkus: matched.filter(({ product }) => !product?.active).map(({ request }) => request.sku),
    parseProblems,
    staffUserId: staff.id,
    comment: (plan) => [reason, ...describeChange(plan.summary, locale)].join("\n"),
    now,
  });
  if (!outcome.ok) {
    switch (outcome.reason) {
      case "not_found":
        throw new AppError("not_found", "order_not_found");
      case "not_editable":
      case "shipped":
      case "invoiced":
        throw new AppError("conflict", `order_edit_${outcome.reason}`);
      case "problems":
        throw problemError(outcome.problems[0]!);
      case "guard":
        throw new AppError("conflict", `order_edit_${outcome.guards[0]!}`);
    }
  }

  if (orderer && readsMail(orderer.email)) {
    const orderLink = accountOrderLink(await mailBaseUrl(), order.orderNumber);
    await sendMail(
      orderChangedMail(orderer, {
        orderNumber: order.orderNumber,
        poNumber: order.poNumber,
        changedByName: staff.name,
        reason,
        changes: describeChange(outcome.plan.summary, locale),
        total: money(outcome.plan.totals.totalMinor, locale, order.currency),
        orderLink,
      }),
      now,
    ).catch((error: unknown) => console.error(`[koppel] order change mail for ${order.orderNumber} failed`, error));
  }
  return { orderNumber: order.orderNumber };
}
