"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * False in the server's HTML and while React hydrates it, true once React runs the page. Forms that
 * submit through their own handler (to keep what was typed, or to ask first) keep their button disabled
 * until then, so a click on the bare HTML cannot post past the handler.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}
