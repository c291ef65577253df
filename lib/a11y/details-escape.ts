/*
 * Escape closes the native fold-out (<details>) the keyboard is in and puts the focus back on its
 * <summary>, as the header's menu and the Filters button do: without it Escape did nothing and the
 * open fold-out ("Waarom deze prijs", "Offerte aanvragen") could only be closed by finding its
 * summary again. One listener for the whole document (components/details-escape.tsx) instead of one
 * per fold-out. Written against the few DOM members it uses, so it is tested without a browser.
 */

export interface EscapeEvent {
  key: string;
  defaultPrevented: boolean;
  target: EventTarget | null;
  preventDefault(): void;
}

interface DetailsLike {
  open: boolean;
  querySelector(selectors: string): { focus(): void } | null;
}

interface ElementLike {
  closest(selectors: string): DetailsLike | null;
  getAttribute(name: string): string | null;
}

function isElementLike(target: EventTarget | null): target is EventTarget & ElementLike {
  const element = target as Partial<ElementLike> | null;
  return typeof element?.closest === "function" && typeof element.getAttribute === "function";
}

/**
 * Closes the innermost open <details> around the event's target and focuses its summary; true when it
 * did. An Escape something else already answered (a component's own handler called preventDefault: a
 * dialog, the price grid) is left alone, as is an Escape outside any open <details>, and one on a field
 * whose own list is open (aria-expanded: the quick order's article field): that Escape closes the list.
 */
export function closeDetailsOnEscape(event: EscapeEvent): boolean {
  if (event.key !== "Escape" || event.defaultPrevented || !isElementLike(event.target)) return false;
  if (event.target.getAttribute("aria-expanded") === "true") return false;
  const details = event.target.closest("details[open]");
  if (!details) return false;
  details.open = false;
  // Its own summary, not one of a fold-out nested inside it.
  details.querySelector(":scope > summary")?.focus();
  event.preventDefault();
  return true;
}
