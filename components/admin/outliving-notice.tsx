"use client";

import { createContext, useContext, useEffect, useRef, useState } from "react";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

interface Notice {
  text: string;
  /** The page the form was on: the notice belongs to it, not to wherever the user goes next. */
  pathname: string;
}

const NoticeContext = createContext<((notice: Notice) => void) | null>(null);

/**
 * Keeps a form's success message when the form itself disappears with its success — "Order
 * bevestigen" is no longer offered once the order is confirmed, a deleted row takes its Delete
 * button along — so the user still reads what happened. Shown at the bottom of the screen, where it
 * is seen however far down the page the form was, until closed or another page is opened.
 */
export function OutlivingNoticeProvider({ children }: { children: React.ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  const pathname = usePathname();
  const t = useTranslations("admin");
  const shown = notice && notice.pathname === pathname ? notice : null;
  return (
    <NoticeContext.Provider value={setNotice}>
      {children}
      {shown && (
        <div
          role="status"
          data-testid="outliving-notice"
          className="fixed bottom-4 left-1/2 z-50 flex max-w-[calc(100vw-2rem)] -translate-x-1/2 items-start gap-3 rounded-md border border-emerald-300 bg-emerald-50 px-4 py-2 text-sm text-emerald-900 shadow-lg"
        >
          <span>{shown.text}</span>
          <button type="button" onClick={() => setNotice(null)} className="text-emerald-800 underline hover:text-emerald-950">
            {t("closeNotice")}
          </button>
        </div>
      )}
    </NoticeContext.Provider>
  );
}

/**
 * Hands `successText` (the form's current success message, null when none) to the provider when
 * the form unmounts; a form that stays on the page shows its own message and hands over nothing.
 */
export function useOutlivingSuccess(successText: string | null) {
  const show = useContext(NoticeContext);
  const pathname = usePathname();
  const latest = useRef<Notice | null>(null);
  latest.current = successText ? { text: successText, pathname } : null;
  useEffect(
    () => () => {
      if (latest.current) show?.(latest.current);
    },
    [show],
  );
}
