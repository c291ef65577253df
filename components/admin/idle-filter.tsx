import Link from "next/link";

/**
 * The access-review filter above a user list: everybody, or only the accounts not signed in for N
 * days (lib/admin/idle-accounts.ts), each with how many there are.
 */
export function IdleFilter({ label, options, testId = "idle-filter" }: { label: string; options: { href: string; label: string; current: boolean }[]; testId?: string }) {
  return (
    <nav aria-label={label} className="mb-3 flex flex-wrap gap-2 text-sm" data-testid={testId}>
      {options.map((option) => (
        <Link
          key={option.href}
          href={option.href}
          aria-current={option.current ? "page" : undefined}
          className={`rounded-full border px-3 py-1 ${option.current ? "border-brand-600 bg-brand-50 font-medium text-brand-800" : "border-slate-300 text-slate-700 hover:bg-slate-50"}`}
        >
          {option.label}
        </Link>
      ))}
    </nav>
  );
}
