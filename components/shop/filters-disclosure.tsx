"use client";

import { useRef, useState } from "react";

/**
 * A listing's filters on a phone: behind a "Filters (2)" button, closed, so the heading and the first
 * products come before nine dropdowns (the first product started at 954 px of an 844 px screen). The
 * button counts the active filters, so a filtered listing says so while closed. From 640 px (sm) up
 * the filters show as always and the button is gone. Applying filters gives a new listing and, keyed
 * on its filters by the caller, a closed disclosure: the buyer sees the results, not the form again.
 * Escape closes it with the focus back on the button, as the header's menu does.
 */
export function FiltersDisclosure({
  label,
  activeCount,
  panelId,
  className,
  children,
}: {
  /** "Filters (2)": the button's text, the count of active filters included. */
  label: string;
  activeCount: number;
  panelId: string;
  className?: string;
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const closeOnEscape = (event: React.KeyboardEvent) => {
    // Only while the button shows (a phone): from 640 px up the filters are always there.
    if (event.key !== "Escape" || !open || !button.current?.offsetParent) return;
    setOpen(false);
    button.current.focus();
  };
  return (
    <div className={className} onKeyDown={closeOnEscape}>
      <button
        ref={button}
        type="button"
        className={`flex w-full items-center justify-center gap-1.5 rounded-md border px-3 py-2 text-sm font-medium sm:hidden ${activeCount > 0 ? "border-brand-600 text-brand-700" : "border-slate-300 text-slate-700"} bg-white`}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        data-testid="filters-button"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          <path d="M3 4a1 1 0 0 1 1-1h12a1 1 0 0 1 .8 1.6L12 11v5a1 1 0 0 1-1.45.9l-2-1A1 1 0 0 1 8 15v-4L3.2 4.6A1 1 0 0 1 3 4Z" />
        </svg>
        {label}
      </button>
      <div id={panelId} className={`${open ? "mt-3 block" : "hidden"} sm:mt-0 sm:block`}>
        {children}
      </div>
    </div>
  );
}
