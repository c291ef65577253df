import { connection } from "next/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ActionForm, Field } from "@/components/admin/action-form";
import { inputClass } from "@/components/admin/styles";
import { Card } from "@/components/admin/tabs";
import { getOrderSettingsForStaff } from "@/lib/admin/purchase-orders";
import { requireStaff } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { updateOrderSettingsAction } from "../../actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("admin.orderSettings");

export default async function OrderSettingsPage({ params }: { params: Promise<{ connectionId: string }> }) {
  await connection();
  const { connectionId } = await params;
  const staff = await requireStaff(`/admin/orders/settings/${connectionId}`);
  const id = Number(connectionId);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const settings = await getOrderSettingsForStaff(staff, id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  });
  const text = await getTranslations("purchaseOrders.settings");
  return (
    <div className="space-y-4">
      <div>
        <Link href={`/admin/connections/${settings.connection.id}`} className="text-sm text-brand-700 underline" data-testid="back-to-connection">
          {text("backToConnection", { connection: settings.connection.name })}
        </Link>
        <h1 className="text-2xl font-semibold">
          {text("title")} · {settings.connection.name}
        </h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{text("intro")}</p>
      </div>
      <Card>
        <ActionForm action={updateOrderSettingsAction} submitLabel={text("save")} successMessage={text("saved")} testId="order-settings-form">
          <input type="hidden" name="connectionId" value={settings.connection.id} />
          <Field label={text("orderResponseUrl")} hint={text("orderResponseUrlHint")}>
            <input name="orderResponseUrl" type="url" defaultValue={settings.orderResponseUrl} className={inputClass} />
          </Field>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label={text("outboundDomain")} hint={text("outboundHint")}>
              <input name="outboundDomain" defaultValue={settings.outbound.domain} className={inputClass} />
            </Field>
            <Field label={text("outboundIdentity")}>
              <input name="outboundIdentity" defaultValue={settings.outbound.identity} className={inputClass} />
            </Field>
          </div>
          <Field label={text("outboundSecret")} hint={`${settings.hasOutboundSecret ? text("stored") : text("notStored")} · ${text("outboundSecretHint")}`}>
            <input name="outboundSecret" type="password" autoComplete="off" className={inputClass} />
          </Field>
          <Field label={text("orderSecret")} hint={`${settings.hasOrderSecret ? text("storedHashed") : text("notStored")} · ${text("orderSecretHint")}`}>
            <input name="orderSecret" type="password" autoComplete="off" className={inputClass} />
          </Field>
          <Field label={text("tolerance")} hint={text("toleranceHint")}>
            <input name="priceTolerancePercent" type="number" min={0} max={100} step="0.01" defaultValue={settings.priceTolerancePercent} className={inputClass} />
          </Field>
          <div>
            <label className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="autoConfirm" defaultChecked={settings.autoConfirm} /> {text("autoConfirm")}
            </label>
            <p className="text-xs text-slate-500">{text("autoConfirmHint")}</p>
          </div>
        </ActionForm>
      </Card>
    </div>
  );
}
