"use client";

import { createContext, useCallback, useContext, useState } from "react";

const Announce = createContext<(text: string) => void>(() => {});

/**
 * The cart page's polite live region: what a line's own change did ("Regel verwijderd: Kopieerpapier",
 * "Aantal aangepast naar 40"). The focus moves after a change (to the quantity, or to the next line when
 * one is removed), which tells a screen reader where it is but not what happened. It lives above the
 * lines, not in one: a removed line takes its own region with it before anything is read out.
 */
export function CartAnnouncer({ children, className }: { children: React.ReactNode; className?: string }) {
  const [said, setSaid] = useState<{ text: string; key: number } | null>(null);
  const announce = useCallback((text: string) => setSaid((previous) => ({ text, key: (previous?.key ?? 0) + 1 })), []);
  return (
    <Announce value={announce}>
      <div className={className}>
        {children}
        {/* Keyed per message: the same words again (a second line of the same product) are a new node, read out again. */}
        <p aria-live="polite" className="sr-only" data-testid="cart-announcement">
          {said && <span key={said.key}>{said.text}</span>}
        </p>
      </div>
    </Announce>
  );
}

/** Says a text in the cart page's live region (nothing outside the cart page). */
export function useCartAnnounce(): (text: string) => void {
  return useContext(Announce);
}
