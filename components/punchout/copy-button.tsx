"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";

/**
 * Copies a value the account manager passes on (a URL, an identity, the one-time secret) to the
 * clipboard and says so beside the button for a moment. The Clipboard API exists only on secure
 * origins (https, localhost): elsewhere, or when the browser refuses, it says to copy by hand.
 */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const t = useTranslations("punchout.admin.copy");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        aria-label={t("label", { what: label })}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs hover:bg-slate-50"
        data-testid="copy-button"
        onClick={() => {
          if (!navigator.clipboard) return setState("failed");
          navigator.clipboard.writeText(value).then(
            () => setState("copied"),
            () => setState("failed"),
          );
        }}
      >
        {t("button")}
      </button>
      <span role="status" aria-live="polite" className={`text-xs ${state === "failed" ? "text-red-700" : "text-emerald-700"}`}>
        {state === "copied" ? t("copied") : state === "failed" ? t("failed") : ""}
      </span>
    </span>
  );
}
