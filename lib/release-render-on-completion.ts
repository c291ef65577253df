import "server-only";
import { cacheSignal } from "react";

/**
 * Lets a finished render be collected. When a React Server Components render completes, React aborts
 * the render's cache signal with an Error it keeps on the request. V8 records an Error's stack lazily:
 * until `stack` is read it holds each frame's receiver and function, and the outermost frame's
 * receiver is the Node.js Immediate that ran the render, which still links to the Immediates queued
 * beside it (Node.js does not unlink run Immediates) and through their async-context stores to the
 * renders of other requests, whose abort Errors link on. Under load one live link kept hundreds of
 * finished requests reachable (BENCHMARKS.md, "Fourteenth pass"). Reading `stack` turns the record
 * into a string and drops the links.
 */
export function releaseRenderOnCompletion(): void {
  const signal = cacheSignal();
  if (!signal || signal.aborted) return;
  signal.addEventListener(
    "abort",
    () => {
      const reason: unknown = signal.reason;
      if (reason instanceof Error) void reason.stack;
    },
    { once: true },
  );
}
