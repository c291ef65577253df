import { describe, expect, it, vi } from "vitest";
import { closeDetailsOnEscape, type EscapeEvent } from "@/lib/a11y/details-escape";

/** An open (or closed) <details> with its own summary, and a field inside it: the parts the behaviour touches. */
function foldOut(open = true) {
  const summary = { focus: vi.fn() };
  const details = {
    open,
    querySelector: vi.fn((selectors: string) => (selectors === ":scope > summary" ? summary : null)),
  };
  const field = (attributes: Record<string, string> = {}) => ({
    closest: vi.fn((selectors: string) => (selectors === "details[open]" && details.open ? details : null)),
    getAttribute: (name: string) => attributes[name] ?? null,
  });
  return { summary, details, field };
}

function keydown(target: unknown, key = "Escape", defaultPrevented = false) {
  const preventDefault = vi.fn<() => void>();
  const event: EscapeEvent = { key, defaultPrevented, target: target as EventTarget, preventDefault };
  return Object.assign(event, { preventDefault });
}

describe("Escape closes the open <details> the keyboard is in", () => {
  it("closes it, puts the focus on its own summary and takes the key", () => {
    const { summary, details, field } = foldOut();
    const event = keydown(field());
    expect(closeDetailsOnEscape(event)).toBe(true);
    expect(details.open).toBe(false);
    expect(summary.focus).toHaveBeenCalledOnce();
    expect(event.preventDefault).toHaveBeenCalledOnce();
  });

  it("on its summary too (the focus stays there)", () => {
    const { summary, details } = foldOut();
    const onSummary = { closest: () => details, getAttribute: () => null };
    expect(closeDetailsOnEscape(keydown(onSummary))).toBe(true);
    expect(details.open).toBe(false);
    expect(summary.focus).toHaveBeenCalledOnce();
  });

  it("another key, or an Escape a component already answered, changes nothing", () => {
    for (const event of [keydown(foldOut().field(), "Enter"), keydown(foldOut().field(), "Esc"), keydown(foldOut().field(), "Escape", true)]) {
      const target = event.target as unknown as { closest: ReturnType<typeof vi.fn> };
      expect(closeDetailsOnEscape(event)).toBe(false);
      expect(target.closest).not.toHaveBeenCalled();
      expect(event.preventDefault).not.toHaveBeenCalled();
    }
  });

  it("a field whose own list is open keeps its Escape (it closes the list first)", () => {
    const { details, field } = foldOut();
    const event = keydown(field({ "aria-expanded": "true" }));
    expect(closeDetailsOnEscape(event)).toBe(false);
    expect(details.open).toBe(true);
    expect(event.preventDefault).not.toHaveBeenCalled();
    // With the list closed the next Escape closes the fold-out.
    expect(closeDetailsOnEscape(keydown(field({ "aria-expanded": "false" })))).toBe(true);
    expect(details.open).toBe(false);
  });

  it("outside an open <details>, or on no element (the window), nothing happens", () => {
    const { field } = foldOut(false);
    const event = keydown(field());
    expect(closeDetailsOnEscape(event)).toBe(false);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(closeDetailsOnEscape(keydown(null))).toBe(false);
    expect(closeDetailsOnEscape(keydown({}))).toBe(false);
  });
});
