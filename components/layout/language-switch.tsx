"use client";

import { usePathname, useSearchParams } from "next/navigation";

/**
 * Each language by its code as shown and its own name, in its own language (a Dutch screen reader
 * reads "en" as "and"). The name starts with what the button shows, so "klik EN" works for someone
 * who steers by voice (WCAG 2.5.3): "English" alone was a name the eye never sees.
 */
const LANGUAGE_NAMES = { nl: "NL Nederlands", en: "EN English" } as const;

/** NL/EN switch that returns to the page the user is on. */
export function LanguageSwitch({
  locale,
  label,
  action,
}: {
  locale: string;
  label: string;
  action: (formData: FormData) => Promise<void>;
}) {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  return (
    <form action={action} className="flex items-center gap-1" aria-label={label}>
      <input type="hidden" name="returnTo" value={search ? `${pathname}?${search}` : pathname} />
      {(["nl", "en"] as const).map((code) => (
        <button
          key={code}
          type="submit"
          name="locale"
          value={code}
          aria-pressed={code === locale}
          aria-label={LANGUAGE_NAMES[code]}
          lang={code}
          className={`rounded px-1.5 py-0.5 text-xs uppercase ${code === locale ? "bg-slate-800 text-white" : "text-slate-600 hover:bg-slate-100"}`}
        >
          {code}
        </button>
      ))}
    </form>
  );
}
