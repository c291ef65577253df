import { setImmediate as nextTurn } from "node:timers/promises";
import v8 from "node:v8";
import vm from "node:vm";
import { afterEach, describe, expect, it, vi } from "vitest";

// The render's cache signal, as React's `cacheSignal()` hands it to a server component.
let currentSignal: AbortSignal | null = null;
vi.mock("react", () => ({ cacheSignal: () => currentSignal }));
const { releaseRenderOnCompletion } = await import("@/lib/release-render-on-completion");

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

/** An Error created in a method of a fresh object (as React's is, in a frame run by an Immediate), and a WeakRef to that object. */
function errorCreatedIn(): { error: Error; receiver: WeakRef<object> } {
  const receiver = {
    finish() {
      return new Error("This render completed successfully.");
    },
  };
  return { error: receiver.finish(), receiver: new WeakRef(receiver) };
}

async function collected(ref: WeakRef<object>): Promise<boolean> {
  await nextTurn(); // a WeakRef's target is kept until the job that created or read it ends
  gc();
  await nextTurn();
  return ref.deref() === undefined;
}

afterEach(() => {
  currentSignal = null;
});

describe("releaseRenderOnCompletion", () => {
  it("V8 keeps the receivers of an Error's frames until its stack is read (the retention it undoes)", async () => {
    const kept = errorCreatedIn();
    expect(await collected(kept.receiver)).toBe(false);
    void kept.error.stack;
    expect(await collected(kept.receiver)).toBe(true);
  });

  it("reads the stack of the Error the render's signal is aborted with, so the frames' receivers can go", async () => {
    const controller = new AbortController();
    currentSignal = controller.signal;
    releaseRenderOnCompletion();
    const { error, receiver } = errorCreatedIn();
    controller.abort(error);
    expect(await collected(receiver)).toBe(true);
    expect(controller.signal.reason).toBe(error); // the reason itself stays as React left it
  });

  it("does nothing outside a render, for a signal already aborted, or for a reason that is no Error", () => {
    expect(() => releaseRenderOnCompletion()).not.toThrow(); // no render: cacheSignal() is null

    const aborted = new AbortController();
    aborted.abort(new Error("earlier"));
    const listen = vi.spyOn(aborted.signal, "addEventListener");
    currentSignal = aborted.signal;
    releaseRenderOnCompletion();
    expect(listen).not.toHaveBeenCalled();

    const other = new AbortController();
    currentSignal = other.signal;
    releaseRenderOnCompletion();
    const stackRead = vi.fn(() => "");
    other.abort({ get stack() { return stackRead(); } });
    expect(stackRead).not.toHaveBeenCalled();
  });
});
