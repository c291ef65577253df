"use client";

import { useEffect, useRef } from "react";

/**
 * A message the user was sent to the page for ("Bedankt voor uw bestelling" after checkout): it takes
 * the keyboard focus when the page opens, so a screen reader reads it at once and the next Tab goes
 * on from there, instead of the page starting at <body> and the header. Not a live region: a region
 * present when the page arrives is not announced.
 */
export function FocusOnArrival({ className, role, testId, children }: { className?: string; role?: "status"; testId?: string; children: React.ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Not over a field the user has already gone to (a slow hydration); a focus left on the page before
    // (the pressed button, gone or hidden now) counts as none.
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected || active.getClientRects().length === 0) box.current?.focus();
  }, []);
  return (
    <div ref={box} tabIndex={-1} role={role} className={className} data-testid={testId}>
      {children}
    </div>
  );
}
