import "server-only";

const timers = globalThis as unknown as { __koppelPollers?: Map<string, ReturnType<typeof setInterval>> };

/**
 * Runs `round` every `intervalMs` in this process, once per `name` however often it is started
 * (next dev reloads modules, so the timers live on globalThis); rounds never overlap, a failed round
 * is logged and the next one runs as planned; the timer does not keep the process alive.
 */
export function startPollingWorker(name: string, round: () => Promise<unknown>, intervalMs: number): void {
  timers.__koppelPollers ??= new Map();
  if (timers.__koppelPollers.has(name)) return;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    round()
      .catch((failure: unknown) => console.error(`[koppel] ${name} round failed`, failure))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref?.();
  timers.__koppelPollers.set(name, timer);
}
