import type { MouseEvent } from "react";

/**
 * A submit button's props while its form's action runs: aria-disabled, not `disabled`. A button that
 * becomes disabled while it has the focus loses it (Chrome moves it to <body>): a keyboard or
 * screen-reader user who pressed "In winkelwagen" was left nowhere, and Enter again did nothing.
 * Instead the press that would send the form a second time is cancelled: a click, Enter or Space on
 * the button, and Enter in one of the form's fields (the browser clicks the default button for it).
 * app/globals.css gives such a button the faded look a disabled one had.
 */
export function pendingSubmit(pending: boolean): { "aria-disabled": true | undefined; onClick: ((event: MouseEvent) => void) | undefined } {
  return {
    "aria-disabled": pending || undefined,
    onClick: pending ? (event) => event.preventDefault() : undefined,
  };
}
