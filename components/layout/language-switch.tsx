"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";
import { LANGUAGE_FOCUS_KEY, languageFocusMark, languageToFocus } from "@/lib/a11y/language-focus";

/**
 * Each language by its code as shown and its own name, in its own language (a Dutch screen reader
 * reads "en" as "and"). The name starts with what the button shows, so "klik EN" works for someone
 * who steers by voice (WCAG 2.5.3): "English" alone was a name the eye never sees.
 */
const LANGUAGE_NAMES = { nl: "NL Nederlands", en: "EN English" } as const;

/** sessionStorage, or null where the browser refuses it (a procurement system's frame with storage blocked). */
function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/**
 * NL/EN switch that returns to the page the user is on, with the keyboard focus on the pressed button
 * (lib/a11y/language-focus.ts): the form post renders the page anew and left the focus on <body>. On a
 * phone, where the buttons are behind the header's menu and that menu may have closed, the page's h1
 * takes it instead: the place the keyboard user is back at is the page's start, not the address bar.
 */
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
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const storage = tabStorage();
    let code: string | null = null;
    try {
      code = languageToFocus(storage?.getItem(LANGUAGE_FOCUS_KEY) ?? null, locale, pathname, Date.now());
      if (code) storage?.removeItem(LANGUAGE_FOCUS_KEY);
    } catch {
      return; // storage refused: the focus stays where the browser put it
    }
    if (!code) return;
    const pressed = form.current?.querySelector<HTMLButtonElement>(`button[value="${code}"]`);
    if (pressed && pressed.getClientRects().length > 0) {
      pressed.focus();
      return;
    }
    const heading = document.querySelector<HTMLElement>("main h1");
    if (heading) {
      if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
      heading.focus();
    }
  }, [locale, pathname]);
  const remember = (event: React.FormEvent<HTMLFormElement>) => {
    const pressed = (event.nativeEvent as SubmitEvent).submitter;
    if (!(pressed instanceof HTMLButtonElement) || !pressed.value) return;
    try {
      tabStorage()?.setItem(LANGUAGE_FOCUS_KEY, languageFocusMark(pressed.value, pathname, Date.now()));
    } catch {
      // storage refused or full: the switch works, the focus is not brought back
    }
  };
  return (
    <form ref={form} action={action} onSubmit={remember} className="flex items-center gap-1" aria-label={label}>
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
