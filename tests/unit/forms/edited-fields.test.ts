import { describe, expect, it } from "vitest";
import type { ActionState } from "@/lib/actions/safe-action";
import { fieldOfControl, markEdited, NO_EDITS, refusedFields, withoutEditedFields, type EditedFields } from "@/lib/forms/edited-fields";

// A refused field's message and aria-invalid go once the user changes that field; the next result of
// the action starts afresh (components/use-edited-fields.ts applies this in the shared forms).

const refused = (extra: Partial<Extract<ActionState, { status: "error" }>> = {}): ActionState => ({ status: "error", code: "invalid_input", message: "invalid_input", ...extra });
const edits = (result: ActionState, ...names: string[]): EditedFields => names.reduce((tracked, name) => markEdited(tracked, result, name), NO_EDITS);

describe("markEdited", () => {
  it("records each changed field once while a refusal is shown, and hands back the same object otherwise", () => {
    const result = refused({ fieldErrors: { name: ["required"] } });
    const once = markEdited(NO_EDITS, result, "name");
    expect(once).toEqual({ result, names: ["name"] });
    // Every further keystroke in the field: nothing new, so React skips the render.
    expect(markEdited(once, result, "name")).toBe(once);
    expect(markEdited(once, result, "city").names).toEqual(["name", "city"]);
  });

  it.each([
    ["nothing submitted yet", { status: "idle" } as ActionState],
    ["a success", { status: "ok" } as ActionState],
  ])("records nothing after %s", (_label, result) => {
    expect(markEdited(NO_EDITS, result, "name")).toBe(NO_EDITS);
  });

  it("ignores a control without a name", () => {
    expect(markEdited(NO_EDITS, refused(), "")).toBe(NO_EDITS);
  });

  it("starts afresh after a new result, even one that says the same", () => {
    const first = refused({ fieldErrors: { name: ["required"], city: ["required"] } });
    const again = refused({ fieldErrors: { name: ["required"], city: ["required"] } });
    const tracked = edits(first, "name", "city");
    // The edits were made after the first answer: the second shows both refusals again.
    expect(withoutEditedFields(again, tracked)).toBe(again);
    expect(markEdited(tracked, again, "city")).toEqual({ result: again, names: ["city"] });
  });
});

describe("withoutEditedFields", () => {
  it("drops a changed field's refusal and keeps the others", () => {
    const result = refused({ fieldErrors: { name: ["required"], gtin: ["gtin_invalid"] } });
    expect(withoutEditedFields(result, edits(result, "gtin"))).toEqual(refused({ fieldErrors: { name: ["required"] } }));
    // A field that was not refused changes nothing.
    expect(withoutEditedFields(result, edits(result, "note"))).toBe(result);
    expect(withoutEditedFields(result, NO_EDITS)).toBe(result);
  });

  it("leaves nothing to say once every refused field is changed", () => {
    const result = refused({ fieldErrors: { name: ["required"], gtin: ["gtin_invalid"] } });
    expect(withoutEditedFields(result, edits(result, "gtin", "name"))).toEqual({ status: "idle" });
  });

  it("drops a refusal that a check in lib names by its field (details.field) once that field is changed", () => {
    const result = refused({ code: "conflict", message: "sku_taken", details: { field: "sku" } });
    expect(withoutEditedFields(result, edits(result, "name"))).toBe(result);
    expect(withoutEditedFields(result, edits(result, "sku"))).toEqual({ status: "idle" });
  });

  it("keeps a refusal about no field whatever is changed (the cart changed, not allowed…)", () => {
    const result = refused({ code: "conflict", message: "cart_changed" });
    expect(withoutEditedFields(result, edits(result, "poNumber"))).toBe(result);
  });

  it("leaves a success or an idle form alone", () => {
    const ok: ActionState = { status: "ok", message: "saved" };
    expect(withoutEditedFields(ok, edits(refused({ fieldErrors: { name: ["x"] } }), "name"))).toBe(ok);
  });
});

describe("refusedFields", () => {
  it.each([
    ["none when idle", { status: "idle" } as ActionState, []],
    ["the schema's fields", refused({ fieldErrors: { name: ["x"], city: ["y"] } }), ["name", "city"]],
    ["the field a check names", refused({ message: "sku_taken", details: { field: "sku" } }), ["sku"]],
    ["both, each once", refused({ fieldErrors: { sku: ["x"], name: ["y"] }, details: { field: "sku" } }), ["sku", "name"]],
    ["not a details value that is no field name", refused({ details: { field: 3 } }), []],
  ] as const)("%s", (_label, result, expected) => {
    expect(refusedFields(result)).toEqual(expected);
  });
});

describe("fieldOfControl", () => {
  const control = (name: unknown, group: string | null = null) => ({
    name,
    closest: (selector: string) => (selector === "[data-field]" && group !== null ? { getAttribute: (attribute: string) => (attribute === "data-field" ? group : null) } : null),
  });

  it.each([
    ["its own name", control("poNumber"), "poNumber"],
    ["the group it belongs to (inputs refused as one)", control("tier_1_quantity", "tiers"), "tiers"],
    ["nothing without a name", control(""), null],
    ["nothing for a name that is no string (a form's `name` element, say)", control({}), null],
    ["its own name without closest()", { name: "city" }, "city"],
  ] as const)("%s", (_label, target, expected) => {
    expect(fieldOfControl(target)).toBe(expected);
  });
});
