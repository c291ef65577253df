"use client";

import Link from "next/link";
import { useActionState, useCallback, useEffect, useId, useRef, useState } from "react";
import { pendingSubmit } from "@/components/pending-submit";
import { useTranslations } from "next-intl";
import type { ActionState } from "@/lib/actions/safe-action";
import { ActionMessage } from "./action-form";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;
export interface ListOption {
  id: number;
  name: string;
  shared: boolean;
}

/**
 * "Save to list": picks one of the buyer's editable favorites lists (or names a new one) and a
 * default quantity. On product cards the lists are loaded when the panel opens.
 */
export function SaveToList({
  sku,
  productName,
  defaultQuantity,
  action,
  lists: initialLists,
  loadLists,
  compact = false,
}: {
  sku: string;
  productName: string;
  defaultQuantity: number;
  action: Action;
  lists?: ListOption[];
  loadLists?: () => Promise<ListOption[]>;
  compact?: boolean;
}) {
  const t = useTranslations("account.favorites");
  const panelId = useId();
  const details = useRef<HTMLDetailsElement>(null);
  const [lists, setLists] = useState<ListOption[] | undefined>(initialLists);
  const [choice, setChoice] = useState<string>(initialLists?.[0] ? String(initialLists[0].id) : "new");
  const [state, formAction, pending] = useActionState(action, { status: "idle" });

  const load = useCallback(() => {
    if (lists !== undefined || !loadLists) return;
    loadLists().then((loaded) => {
      setLists(loaded);
      setChoice(loaded[0] ? String(loaded[0].id) : "new");
    });
  }, [lists, loadLists]);
  // Opened before hydration (a native <details> works without JavaScript): load now.
  useEffect(() => {
    if (details.current?.open) load();
  }, [load]);

  return (
    <details ref={details} className={compact ? "text-xs" : "text-sm"} onToggle={(e) => e.currentTarget.open && load()}>
      <summary className="cursor-pointer text-brand-700 underline hover:text-brand-800" data-testid="save-to-list">
        <span aria-hidden="true">☆</span> {t("saveToList")}
        <span className="sr-only">: {productName}</span>
      </summary>
      <div id={panelId} className="mt-2 rounded-md border border-slate-200 bg-slate-50 p-3">
        {lists === undefined ? (
          <p>{t("loading")}</p>
        ) : (
          <form action={formAction} className="space-y-2">
            <input type="hidden" name="sku" value={sku} />
            <label htmlFor={`${panelId}-list`} className="block font-medium">
              {t("chooseList")}
            </label>
            <select
              id={`${panelId}-list`}
              name="listId"
              value={choice}
              onChange={(e) => setChoice(e.target.value)}
              className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1"
            >
              {lists.map((list) => (
                <option key={list.id} value={list.id}>
                  {list.name}
                  {list.shared ? ` (${t("shared")})` : ""}
                </option>
              ))}
              <option value="new">{t("newListOption")}</option>
            </select>
            {choice === "new" && (
              <>
                <label htmlFor={`${panelId}-name`} className="block font-medium">
                  {t("newListName")}
                </label>
                <input id={`${panelId}-name`} name="newListName" required maxLength={80} defaultValue={lists.length === 0 ? t("defaultListName") : ""} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1" />
              </>
            )}
            <label htmlFor={`${panelId}-quantity`} className="block font-medium">
              {t("quantity")}
            </label>
            <input id={`${panelId}-quantity`} name="quantity" type="number" min={1} defaultValue={defaultQuantity} className="mt-1 w-24 rounded-md border border-slate-300 px-2 py-1" />
            <button type="submit" {...pendingSubmit(pending)} className="rounded-md bg-brand-600 px-3 py-1 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
              {t("saveToListSubmit")}
            </button>
            <div aria-live="polite">
              <ActionMessage state={state} />
              {state.status === "ok" && state.data?.listId !== undefined && (
                <Link href={`/favorites/${state.data.listId}`} className="text-brand-700 underline">
                  {t("openList")}
                </Link>
              )}
            </div>
          </form>
        )}
      </div>
    </details>
  );
}
