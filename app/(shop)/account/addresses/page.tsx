import { connection } from "next/server";
import { getShopContext } from "@/lib/shop-context";
import { getTranslations } from "next-intl/server";
import { ActionForm } from "@/components/account/action-form";
import { AddressFields } from "@/components/account/address-fields";
import { canManageAddresses, listAccountAddresses } from "@/lib/account/addresses";
import { requireBuyer } from "@/lib/auth/guards";
import { addressText } from "@/lib/format-address";
import { limitAddressAction, removeAddressAction, saveAddressAction } from "../actions";
import { pageTitle } from "@/lib/i18n/page-title";

export const generateMetadata = pageTitle("account.addresses");

export default async function AddressesPage({ searchParams }: { searchParams: Promise<{ removed?: string }> }) {
  await connection(); // DB-backed: never prerendered at build time
  const buyer = await requireBuyer("/account/addresses");
  const [t, { shipTo, billTo, people }, { locale }] = await Promise.all([getTranslations("account.addresses"), listAccountAddresses(buyer), getShopContext()]);
  const manage = canManageAddresses(buyer);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      {(await searchParams).removed === "1" && (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          {t("removed")}
        </p>
      )}
      <section className="space-y-3">
        <h2 className="font-semibold">{t("shipTo")}</h2>
        <ul className="space-y-3">
          {shipTo.map((address) => (
            <li key={address.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm" data-testid="ship-to-address">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{address.label}</span>
                {address.isDefault && <span className="rounded bg-slate-100 px-2 text-xs">{t("default")}</span>}
              </div>
              <p className="text-slate-700">{addressText(address, ", ", locale)}</p>
              <p className="mt-1 text-xs text-slate-600" data-testid="address-used-by">
                {address.usedByNames.length === 0 ? t("usedByAll") : t("usedByNames", { names: address.usedByNames.join(", ") })}
              </p>
              {manage && (
                <details className="mt-2">
                  <summary className="cursor-pointer text-brand-700">{t("usedBy")}</summary>
                  <ActionForm
                    action={limitAddressAction}
                    submitLabel={t("saveUsedBy")}
                    ariaLabel={t("usedByTitle", { label: address.label })}
                    className="mt-3 space-y-2"
                  >
                    <input type="hidden" name="addressId" value={address.id} />
                    <fieldset className="space-y-1" data-testid="address-users">
                      <legend className="sr-only">{t("usedBy")}</legend>
                      <label className="flex items-center gap-2">
                        <input type="radio" name="usedBy" value="everybody" defaultChecked={address.userIds.length === 0} />
                        {t("usedByEverybody", { company: buyer.companyName })}
                      </label>
                      <label className="flex items-center gap-2">
                        <input type="radio" name="usedBy" value="some" defaultChecked={address.userIds.length > 0} />
                        {t("usedBySome")}
                      </label>
                      <ul className="max-h-60 space-y-1 overflow-y-auto pl-6">
                        {people.map((person) => (
                          <li key={person.id}>
                            <label className="flex items-start gap-2">
                              <input type="checkbox" name="userIds" value={person.id} defaultChecked={address.userIds.includes(person.id)} className="mt-0.5" />
                              <span>
                                {person.name}
                                {!person.active && <span className="text-slate-500"> ({t("inactive")})</span>}
                                <span className="block text-xs text-slate-500">{person.email}</span>
                              </span>
                            </label>
                          </li>
                        ))}
                      </ul>
                    </fieldset>
                  </ActionForm>
                </details>
              )}
              {manage && (
                <details className="mt-2">
                  <summary className="cursor-pointer text-brand-700">{t("edit")}</summary>
                  <ActionForm action={saveAddressAction} submitLabel={t("save")} ariaLabel={t("editTitle", { label: address.label })} className="mt-3 space-y-3">
                    <input type="hidden" name="addressId" value={address.id} />
                    <AddressFields address={address} idPrefix={`address-${address.id}`} />
                  </ActionForm>
                  {shipTo.length > 1 && (
                    <ActionForm
                      action={removeAddressAction}
                      submitLabel={t("remove")}
                      ariaLabel={t("removeTitle", { label: address.label })}
                      className="mt-4 space-y-2 border-t border-slate-100 pt-3"
                      submitClassName="rounded-md border border-red-700 px-3 py-1.5 text-sm text-red-800 hover:bg-red-50"
                    >
                      <input type="hidden" name="addressId" value={address.id} />
                      <p className="text-xs text-slate-600">{t("removeHint")}</p>
                      {address.externalId && (
                        // cXML OrderRequests name it by this id; one for a removed address waits for the account manager (unknown_ship_to).
                        <p className="text-xs text-amber-800" data-testid="address-remove-procurement">
                          {t("removeProcurement", { id: address.externalId })}
                        </p>
                      )}
                    </ActionForm>
                  )}
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
            {addressText(address, ", ", locale)}
          </p>
        ))}
        <p className="text-xs text-slate-500">{t("billToNote")}</p>
      </section>
    </div>
  );
}
