"use client";

import { useEffect, useRef, useSyncExternalStore } from "react";
import { useRouter } from "next/navigation";
import type { CartBadgeReading } from "@/lib/cart/cart-badge";

/*
 * Cart actions answer with a CartBadgeReading instead of revalidating: revalidating would make the
 * server render the whole page the action was sent from again (a 24-product listing, for one number
 * in the header). The newest reading the browser has heard of lives here, outside React state,
 * because the badge (in the shop layout) and the forms (in pages) share no component between them.
 * Readings from actions also go to the shop's other tabs (BroadcastChannel, same origin only), so
 * their badges follow and a cart page open there asks for its lines again (CartPageSync, which also
 * passes on what the cart page's own actions changed). The layout's readings are never passed on.
 */
let newest: CartBadgeReading | null = null;
const listeners = new Set<() => void>();
let otherTabs: BroadcastChannel | null | undefined;

function take(reading: CartBadgeReading): boolean {
  if (newest && newest.at >= reading.at) return false;
  newest = reading;
  for (const listener of listeners) listener();
  return true;
}

function channel(): BroadcastChannel | null {
  if (otherTabs === undefined) {
    otherTabs = typeof BroadcastChannel === "function" ? new BroadcastChannel("koppel-cart-badge") : null;
    otherTabs?.addEventListener("message", ({ data }: MessageEvent) => {
      if (Number.isSafeInteger(data?.units) && Number.isSafeInteger(data?.lines) && Number.isSafeInteger(data?.at)) take({ units: data.units, lines: data.lines, at: data.at });
    });
  }
  return otherTabs;
}

function subscribe(listener: () => void): () => void {
  channel(); // listen to the other tabs from the first badge on
  listeners.add(listener);
  return () => listeners.delete(listener);
}
const readNewest = () => newest;
const nothingOnTheServer = () => null;

/** Takes a reading an action answered with (and tells the other tabs); an older one than already heard of changes nothing. */
export function announceCartReading(reading: CartBadgeReading): void {
  if (take(reading)) channel()?.postMessage(reading);
}

/** Announces the reading in an action's state once it arrives (useActionState's state). */
export function useAnnounceCartReading(state: { status: string; cart?: CartBadgeReading }): void {
  useEffect(() => {
    if (state.status === "ok" && state.cart) announceCartReading(state.cart);
  }, [state]);
}

/**
 * Announces the outcome of an action that redirected, read by the page it redirected to (checkout to
 * the order): Next keeps the shared layout, and so the badge, as it was across the redirect.
 */
export function AnnounceCartReading({ reading }: { reading: CartBadgeReading }) {
  useEffect(() => announceCartReading(reading), [reading]);
  return null;
}

/** The newest reading of the cart: the server's rendering, unless an action answered later. */
export function useNewestCartReading(rendered: CartBadgeReading): CartBadgeReading {
  const heard = useSyncExternalStore(subscribe, readNewest, nothingOnTheServer);
  return heard && heard.at > rendered.at ? heard : rendered;
}

/** The badge's number: the server's rendering, unless an action answered later. */
export function CartBadgeUnits({ reading }: { reading: CartBadgeReading }) {
  return useNewestCartReading(reading).units;
}

/**
 * On pages that show the cart's lines (cart, checkout), with the reading they were rendered from:
 * - when the browser has heard of a newer reading (back/forward restored the page as it was before a
 *   later add, or another tab changed the cart), the page asks the server again, once per reading;
 * - otherwise, when the page shows units the browser had not heard of (this tab's own update or
 *   removal, whose line may be gone with its form, or a change made elsewhere), it announces them,
 *   to the badge and the other tabs. Equal units and lines are not passed on, so two open cart pages
 *   cannot keep refreshing each other. So on these pages the newest reading the browser knows always
 *   matches the lines shown ("Cancel punchout" below them names how many it discards).
 */
export function CartPageSync({ rendered }: { rendered: CartBadgeReading }) {
  const router = useRouter();
  const heard = useSyncExternalStore(subscribe, readNewest, nothingOnTheServer);
  const refreshedFor = useRef<number | null>(null);
  useEffect(() => {
    if (heard && heard.at > rendered.at) {
      if (refreshedFor.current === heard.at) return;
      refreshedFor.current = heard.at;
      router.refresh();
    } else if (!heard || heard.units !== rendered.units || heard.lines !== rendered.lines) {
      announceCartReading(rendered);
    }
  }, [heard, rendered, router]);
  return null;
}
