/*
 * The language switch posts a form; the page comes back in the other language and the keyboard focus
 * was on <body>: a keyboard or screen-reader user had lost their place. The switch leaves a mark in
 * sessionStorage (this tab only) before it posts, and the page that comes back puts the focus on the
 * pressed button again. The mark counts only on the page the switch returns to, in the language it now
 * speaks, and only for a few seconds, so a switch that failed, or another page opened later, never takes
 * the focus from where it is.
 */

/** sessionStorage key of the mark. */
export const LANGUAGE_FOCUS_KEY = "koppel:language-focus";

/** How long after the press the returned page may still take the focus for it (a slow server included). */
export const LANGUAGE_FOCUS_FRESH_MS = 15_000;

/** The mark for a press of `locale`'s button on the page at `path` (its pathname), at `now` (ms since the epoch). */
export function languageFocusMark(locale: string, path: string, now: number): string {
  return JSON.stringify({ locale, path, at: now });
}

/**
 * The language whose button takes the focus on the page at `path` in `pageLocale` at `now`, or null: a
 * mark for that page and language, not older than LANGUAGE_FOCUS_FRESH_MS (nor from the future: a clock
 * set back).
 * Anything else in the key (another tab's format, a hand edit) is no mark.
 */
export function languageToFocus(mark: string | null, pageLocale: string, path: string, now: number): string | null {
  if (!mark) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(mark);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const { locale, path: markedPath, at } = parsed as { locale?: unknown; path?: unknown; at?: unknown };
  if (typeof locale !== "string" || typeof markedPath !== "string" || typeof at !== "number" || !Number.isFinite(at)) return null;
  if (locale !== pageLocale || markedPath !== path) return null;
  const age = now - at;
  return age >= 0 && age <= LANGUAGE_FOCUS_FRESH_MS ? locale : null;
}
