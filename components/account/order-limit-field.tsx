/**
 * The order-limit field of the forms that give someone a role (invite, request to join, auto-join):
 * an amount in euros, empty for no limit (lib/account/money-input.ts reads it), with its hint.
 */
export function OrderLimitField({
  id,
  label,
  hint,
  inputClassName,
  placeholder,
  className = "flex flex-col text-sm",
}: {
  id: string;
  label: string;
  hint: string;
  inputClassName: string;
  placeholder?: string;
  className?: string;
}) {
  return (
    <label className={className} htmlFor={id}>
      <span className="font-medium">{label}</span>
      <input id={id} name="orderLimit" inputMode="decimal" placeholder={placeholder} aria-describedby={`${id}-hint`} className={inputClassName} />
      <span id={`${id}-hint`} className="text-xs text-slate-500">
        {hint}
      </span>
    </label>
  );
}
