"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { useHydrated } from "@/components/use-hydrated";
import { SubmitButton } from "./action-form";

/** One URL that gave no photo, and why (an admin.errors code with its values). */
export interface PhotoUrlFailureView {
  url: string;
  problem: string;
  status?: number;
  reason?: string;
}

export type ProductPhotoUrlState =
  | { status: "idle" }
  | { status: "ok"; data: { added: number; present: number } }
  | { status: "error"; code: string; message: string; details?: { max: number }; failures?: PhotoUrlFailureView[] };

export type ProductPhotoUrlAction = (state: ProductPhotoUrlState, formData: FormData) => Promise<ProductPhotoUrlState>;

/**
 * "Add photo from URL" on a product's admin page: one URL per line (up to 8), fetched by the shop and
 * stored like an upload, all or none. A refusal lists each URL that failed with its reason and keeps
 * what was typed (so the form submits through its handler, and its button waits until React runs).
 */
export function ProductPhotoUrlForm({ sku, action, max }: { sku: string; action: ProductPhotoUrlAction; max: number }) {
  const t = useTranslations("admin");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const form = useRef<HTMLFormElement>(null);
  const hydrated = useHydrated();
  useEffect(() => {
    if (state.status === "ok") form.current?.reset();
  }, [state]);
  const errorText = (problem: string, values: Record<string, string | number>) =>
    t.has(`errors.${problem}`) ? t(`errors.${problem}`, values).replace(/\s+/g, " ") : t("errors.generic");
  const failures = state.status === "error" ? (state.failures ?? []) : [];
  return (
    <form
      ref={form}
      action={formAction}
      className="space-y-2 border-t border-slate-200 pt-4"
      data-testid="photo-url-form"
      onSubmit={(event) => {
        // Keep the URLs in the box when some are refused (React would reset the form after the action).
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(() => formAction(data));
      }}
    >
      <input type="hidden" name="sku" value={sku} />
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-700">{t("productPhotos.fromUrl")}</span>
        <textarea
          name="urls"
          required
          rows={3}
          spellCheck={false}
          placeholder="https://…"
          className="w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
          data-testid="photo-url-input"
        />
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton disabled={!hydrated} pending={pending}>
          {t("productPhotos.fromUrlButton")}
        </SubmitButton>
        {state.status === "ok" && (
          <span role="status" className="text-sm text-emerald-700" data-testid="photo-url-outcome">
            {t("productPhotos.added", state.data)}
          </span>
        )}
      </div>
      <p className="text-xs text-slate-500">{t("productPhotos.fromUrlHint", { max })}</p>
      {state.status === "error" && (
        <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="photo-url-outcome">
          {failures.length > 0 ? (
            <>
              <p>{t("productPhotos.fromUrlFailed", { count: failures.length })}</p>
              <ul className="mt-1 list-disc space-y-1 pl-5">
                {failures.map((failure) => (
                  <li key={failure.url} className="break-all" data-testid="photo-url-failure">
                    {errorText(failure.problem, { file: `“${failure.url}”`, status: failure.status ?? 0, reason: failure.reason ?? "other" })}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p>{errorText(state.message, { file: "", max: state.details?.max ?? max })}</p>
          )}
        </div>
      )}
    </form>
  );
}
