"use client";

import { createContext, useContext, useEffect, useMemo, useRef, useState } from "react";
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
 * A form's side of the notice. The refreshed page and the action's result arrive in one commit, so
 * a form that disappears with its success never renders that success: the form `remember`s the
 * text when its action answers (before the commit), and hands it over if it unmounts. A form that
 * stays shows its own message and calls `shownInline`, which drops it.
 */
export function useOutlivingSuccess() {
  const show = useContext(NoticeContext);
  const pathname = usePathname();
  const page = useRef(pathname);
  page.current = pathname;
  const pending = useRef<Notice | null>(null);
  useEffect(
    () => () => {
      if (pending.current) show?.(pending.current);
    },
    [show],
  );
  // Stable, so a form's effects can depend on it without running on every render.
  return useMemo(
    () => ({
      remember: (text: string | null) => {
        pending.current = text ? { text, pathname: page.current } : null;
      },
      shownInline: () => {
        pending.current = null;
      },
    }),
    [],
  );
}
