"use client";

import { useActionState, useEffect, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/safe-action";
import type { FormAction } from "./action-form";
import { pendingSubmit } from "@/components/pending-submit";

/**
 * Shown on every shop page while a staff member views the shop as a customer user: who is
 * viewing as whom, until when, and the exit. It also reports each page view (including client-side
 * navigations, which do not re-render the shop layout) to the view-as audit log.
 */
export function ViewAsBanner({
  customerUser,
  companyName,
  staffName,
  expiresAt,
  exitAction,
  recordPageViewAction,
}: {
  customerUser: string;
  companyName: string;
  staffName: string;
  expiresAt: string;
  exitAction: FormAction;
  recordPageViewAction: FormAction;
}) {
  const t = useTranslations("admin.viewAs");
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const [state, exit, exiting] = useActionState(exitAction, { status: "idle" } as ActionState);
  const [minutesLeft, setMinutesLeft] = useState(() => Math.max(0, Math.ceil((Date.parse(expiresAt) - Date.now()) / 60_000)));

  useEffect(() => {
    const path = search ? `${pathname}?${search}` : pathname;
    const form = new FormData();
    form.set("path", path.slice(0, 500));
    void recordPageViewAction({ status: "idle" }, form);
  }, [pathname, search, recordPageViewAction]);

  useEffect(() => {
    const timer = setInterval(() => {
      const left = Math.ceil((Date.parse(expiresAt) - Date.now()) / 60_000);
      setMinutesLeft(Math.max(0, left));
      // When the time box is over the server no longer resolves the customer: show the real state.
      if (left <= 0) {
        clearInterval(timer);
        router.refresh();
      }
    }, 15_000);
    return () => clearInterval(timer);
  }, [expiresAt, router]);

  const time = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }).format(new Date(expiresAt));
  return (
    <div role="region" aria-label={t("bannerLabel")} data-testid="view-as-banner" className="border-b-4 border-amber-500 bg-amber-100 text-amber-950">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 text-sm">
        <span aria-hidden="true" className="rounded bg-amber-500 px-1.5 py-0.5 text-xs font-bold uppercase text-white">
          {t("badge")}
        </span>
        <p className="flex-1">
          {t.rich("banner", {
            user: customerUser,
            company: companyName,
            staff: staffName,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}{" "}
          <span className="whitespace-nowrap">{t("until", { time, minutes: minutesLeft })}</span>
        </p>
        <form action={exit}>
          <button type="submit" {...pendingSubmit(exiting)} className="rounded-md bg-amber-900 px-3 py-1.5 font-medium text-white hover:bg-amber-950 disabled:opacity-60">
            {t("exit")}
          </button>
        </form>
        {state.status === "error" && <span className="text-red-800">{t("exitFailed")}</span>}
      </div>
    </div>
  );
}
