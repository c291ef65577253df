import { getTranslations } from "next-intl/server";

interface AddressValues {
  label: string;
  name: string;
  attention: string | null;
  street: string;
  postalCode: string;
  city: string;
  countryCode: string;
  isDefault: boolean;
}

/** The fields of a delivery address (labels tied to inputs, so screen readers and tests find them). */
export async function AddressFields({ address, idPrefix }: { address: AddressValues | null; idPrefix: string }) {
  const t = await getTranslations("account.addresses");
  const field = (name: keyof AddressValues, label: string, options: { required?: boolean; maxLength: number; className?: string }) => (
    <label className={`flex flex-col text-sm ${options.className ?? ""}`} htmlFor={`${idPrefix}-${name}`}>
      <span className="font-medium">{label}</span>
      <input
        id={`${idPrefix}-${name}`}
        name={name}
        required={options.required}
        maxLength={options.maxLength}
        defaultValue={(address?.[name] as string | null | undefined) ?? (name === "countryCode" ? "NL" : "")}
        className="mt-1 rounded-md border border-slate-300 px-3 py-1.5"
      />
    </label>
  );
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {field("label", t("label"), { required: true, maxLength: 80 })}
      {field("name", t("name"), { required: true, maxLength: 120 })}
      {field("attention", t("attention"), { maxLength: 120 })}
      {field("street", t("street"), { required: true, maxLength: 120 })}
      {field("postalCode", t("postalCode"), { required: true, maxLength: 16 })}
      {field("city", t("city"), { required: true, maxLength: 80 })}
      {field("countryCode", t("country"), { required: true, maxLength: 2 })}
      <label className="flex items-center gap-2 self-end text-sm">
        <input type="checkbox" name="isDefault" defaultChecked={address?.isDefault ?? false} />
        {t("isDefault")}
      </label>
    </div>
  );
}
