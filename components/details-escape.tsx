"use client";

import { useEffect } from "react";
import { closeDetailsOnEscape } from "@/lib/a11y/details-escape";

/**
 * Escape closes the open <details> the keyboard is in, focus back on its summary (lib/a11y/details-escape.ts),
 * on every page: mounted once in the root layout. On window, so React's own handlers (on the document)
 * have answered first and an Escape they took (preventDefault) is left to them.
 */
export function DetailsEscape() {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => void closeDetailsOnEscape(event);
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);
  return null;
}
