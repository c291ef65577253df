"use client";

import { usePathname } from "next/navigation";
import { useRef, useState } from "react";

/**
 * The header's links on a phone: behind a "Menu" button, so the shop starts under one row and the
 * search field instead of five lines of links (227 px of a 844 px screen). From 640 px (sm) up the
 * links stand in the header as always and the button is gone. One copy of the links serves both.
 * Navigating closes the menu: it is open only for the page it was opened on; so does Escape, with
 * focus back on the button. From 640 px up the links take a row of their own under the search field
 * (in one row with it, English left the search 240 px wide). The button and the links follow each other
 * in the DOM as on the screen (no CSS `order`), so Tab goes from "Menu" into the opened links.
 */
export function HeaderMenu({ label, navLabel, children }: { label: string; navLabel: string; children: React.ReactNode }) {
  const pathname = usePathname();
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const button = useRef<HTMLButtonElement>(null);
  const closeOnEscape = (event: React.KeyboardEvent) => {
    if (event.key !== "Escape" || !open) return;
    setOpenOn(null);
    button.current?.focus();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="flex items-center gap-1.5 rounded-md border border-slate-300 px-2.5 py-1.5 text-sm font-medium text-slate-700 sm:hidden"
        aria-expanded={open}
        aria-controls="site-menu"
        onClick={() => setOpenOn(open ? null : pathname)}
        onKeyDown={closeOnEscape}
        data-testid="header-menu-button"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
          {open ? (
            <path d="M5.3 4.3a1 1 0 0 1 1.4 0L10 7.6l3.3-3.3a1 1 0 1 1 1.4 1.4L11.4 9l3.3 3.3a1 1 0 0 1-1.4 1.4L10 10.4l-3.3 3.3a1 1 0 0 1-1.4-1.4L8.6 9 5.3 5.7a1 1 0 0 1 0-1.4Z" />
          ) : (
            <path d="M3 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm0 5a1 1 0 0 1 1-1h12a1 1 0 1 1 0 2H4a1 1 0 0 1-1-1Zm1 4a1 1 0 1 0 0 2h12a1 1 0 1 0 0-2H4Z" />
          )}
        </svg>
        {label}
      </button>
      <nav
        id="site-menu"
        aria-label={navLabel}
        onKeyDown={closeOnEscape}
        className={`${open ? "flex" : "hidden"} basis-full flex-col items-start gap-3 border-t border-slate-200 pt-3 text-sm sm:flex sm:flex-row sm:flex-wrap sm:items-center sm:gap-x-4 sm:gap-y-2 sm:border-0 sm:pt-0`}
      >
        {children}
      </nav>
    </>
  );
}
