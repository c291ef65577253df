import Link from "next/link";

/**
 * The access-review filter above a user list: everybody, or only the accounts not signed in for N
 * days (lib/admin/idle-accounts.ts idleFilterChoices), each with how many there are.
 */
export function IdleFilter({
  label,
  choices,
  labelFor,
}: {
  label: string;
  choices: { href: string; days: number | null; count: number; current: boolean }[];
  labelFor: (days: number | null, count: number) => string;
}) {
  return (
    <nav aria-label={label} className="mb-3 flex flex-wrap gap-2 text-sm" data-testid="idle-filter">
      {choices.map((choice) => (
        <Link
          key={choice.href}
          href={choice.href}
          aria-current={choice.current ? "page" : undefined}
          className={`rounded-full border px-3 py-1 ${choice.current ? "border-brand-600 bg-brand-50 font-medium text-brand-800" : "border-slate-300 text-slate-700 hover:bg-slate-50"}`}
        >
          {labelFor(choice.days, choice.count)}
        </Link>
      ))}
    </nav>
  );
}
