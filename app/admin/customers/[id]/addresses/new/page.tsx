import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AddressForm } from "@/components/admin/address-form";
import { Card } from "@/components/admin/tabs";
import { orderShipToForAddress } from "@/lib/admin/order-ship-to";
import { customerForPage, idParam } from "@/lib/admin/route-params";
import { requireStaff } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { adminCustomerTitle } from "@/lib/page-titles";
import { addAddressFromOrderAction } from "../../../actions";

export const generateMetadata = async ({ params }: { params: Promise<{ id: string }> }) => adminCustomerTitle((await params).id);

/**
 * A new ship-to address filled in from an order's ShipTo (`?order=<id>`), reached from an order held
 * for "unknown_ship_to"; saving returns to that order. Only the staff member's own customer's own
 * order: anything else is the 404 page.
 */
export default async function NewAddressFromOrderPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ order?: string | string[] }> }) {
  await connection();
  const [{ id }, { order }] = await Promise.all([params, searchParams]);
  const staff = await requireStaff(`/admin/customers/${id}/addresses/new${typeof order === "string" ? `?order=${encodeURIComponent(order)}` : ""}`);
  const company = await customerForPage(staff, id);
  if (typeof order !== "string") notFound();
  const source = await orderShipToForAddress(staff, company.id, idParam(order)).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const [text, tc] = await Promise.all([getTranslations("purchaseOrders.detail"), getTranslations("admin.customer")]);
  return (
    <Card title={text("addShipToTitle", { orderNumber: source.orderNumber })}>
      <Link href={`/admin/orders/${source.orderId}`} className="text-sm text-brand-700 underline">
        ← {text("addShipToBack", { orderNumber: source.orderNumber })}
      </Link>
      <p className="my-3 text-sm text-slate-600">{text("addShipToIntro")}</p>
      <div data-testid="address-from-order">
        <AddressForm action={addAddressFromOrderAction} companyId={company.id} values={source.values} submitLabel={tc("addAddress")}>
          <input type="hidden" name="orderId" value={source.orderId} />
        </AddressForm>
      </div>
    </Card>
  );
}
