import { connection } from "next/server";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/account/action-form";
import { AddressFields } from "@/components/account/address-fields";
import { canManageAddresses, listAccountAddresses } from "@/lib/account/addresses";
import { requireBuyer } from "@/lib/auth/guards";
import { addressText } from "@/lib/format-address";
import { saveAddressAction } from "../actions";

export const metadata = { title: "Addresses" };

export default async function AddressesPage() {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/account/addresses");
  const [t, { shipTo, billTo }] = await Promise.all([getTranslations("account.addresses"), listAccountAddresses(buyer)]);
  const manage = canManageAddresses(buyer);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <section className="space-y-3">
        <h2 className="font-semibold">{t("shipTo")}</h2>
        <ul className="space-y-3">
          {shipTo.map((address) => (
            <li key={address.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="ship-to-address">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{address.label}</span>
                {address.isDefault && <span className="rounded bg-slate-100 px-2 text-xs">{t("default")}</span>}
              </div>
              <p className="text-slate-700">{addressText(address)}</p>
              {manage && (
                <details className="mt-2">
                  <summary className="cursor-pointer text-brand-700">{t("edit")}</summary>
                  <ActionForm action={saveAddressAction} submitLabel={t("save")} ariaLabel={t("editTitle", { label: address.label })} className="mt-3 space-y-3">
                    <input type="hidden" name="addressId" value={address.id} />
                    <AddressFields address={address} idPrefix={`address-${address.id}`} />
                  </ActionForm>
                </details>
              )}
            </li>
          ))}
        </ul>
        {manage ? (
          <details className="rounded-lg border border-slate-200 bg-white p-4">
            <summary className="cursor-pointer font-medium text-brand-700">{t("add")}</summary>
            <ActionForm action={saveAddressAction} submitLabel={t("save")} ariaLabel={t("add")} className="mt-3 space-y-3">
              <AddressFields address={null} idPrefix="address-new" />
            </ActionForm>
          </details>
        ) : (
          <p className="text-sm text-slate-600">{t("onlyAdmins")}</p>
        )}
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">{t("billTo")}</h2>
        {billTo.map((address) => (
          <p key={address.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            {addressText(address)}
          </p>
        ))}
        <p className="text-xs text-slate-500">{t("billToNote")}</p>
      </section>
    </div>
  );
}
