"use client";

import { useEffect, useRef, useSyncExternalStore } from "react";
import { useRouter } from "next/navigation";
import type { CartBadgeReading } from "@/lib/cart/cart-badge";

/*
 * Cart actions that add lines (add to cart, quick order, list to cart, reorder) answer with a
 * CartBadgeReading instead of revalidating: revalidating would make the server render the whole
 * page the action was sent from again (a 24-product listing, for one number in the header).
 * The newest reading the browser has heard of lives here, outside React state, because the badge
 * (in the shop layout) and the forms (in pages) share no component between them.
 */
let newest: CartBadgeReading | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const readNewest = () => newest;
const nothingOnTheServer = () => null;

/** Takes a reading an action answered with; an older one than already heard of changes nothing. */
export function announceCartReading(reading: CartBadgeReading): void {
  if (newest && newest.at >= reading.at) return;
  newest = reading;
  for (const listener of listeners) listener();
}

/** Announces the reading in an action's state once it arrives (useActionState's state). */
export function useAnnounceCartReading(state: { status: string; cart?: CartBadgeReading }): void {
  useEffect(() => {
    if (state.status === "ok" && state.cart) announceCartReading(state.cart);
  }, [state]);
}

/**
 * Announces a reading a page rendered. For the page an action redirects to after changing the cart
 * (checkout to the order): Next keeps the shared layout, and so the badge, as it was across the redirect.
 */
export function AnnounceCartReading({ reading }: { reading: CartBadgeReading }) {
  useEffect(() => announceCartReading(reading), [reading]);
  return null;
}

/** The badge's number: the server's rendering, unless an action answered later. */
export function CartBadgeUnits({ reading }: { reading: CartBadgeReading }) {
  const heard = useSyncExternalStore(subscribe, readNewest, nothingOnTheServer);
  return heard && heard.at > reading.at ? heard.units : reading.units;
}

/**
 * For pages that show the cart's lines (cart, checkout): browser back and forward restore a page
 * as it was rendered, and no longer revalidated by every add, that can be before the last change.
 * Such a page asks the server again, once per newer reading.
 */
export function RefreshIfCartChanged({ renderedAt }: { renderedAt: number }) {
  const router = useRouter();
  const heard = useSyncExternalStore(subscribe, readNewest, nothingOnTheServer);
  const refreshedFor = useRef<number | null>(null);
  useEffect(() => {
    if (!heard || heard.at <= renderedAt || refreshedFor.current === heard.at) return;
    refreshedFor.current = heard.at;
    router.refresh();
  }, [heard, renderedAt, router]);
  return null;
}
