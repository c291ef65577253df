import type { ActionState } from "@/lib/actions/safe-action";

/**
 * Which fields the user changed since a form action refused them. A refusal is told at its field (and
 * the field is aria-invalid) until the user changes that field: then the message and the mark go
 * together, as people expect, instead of lingering until the next submit. A new result of the action
 * starts afresh, whatever was edited before.
 *
 * Pure, so the forms (components/use-edited-fields.ts) share one rule and it is tested without a DOM.
 */
export interface EditedFields {
  /** The action result the edits were made after; edits of an older result count for nothing. */
  readonly result: ActionState | null;
  readonly names: readonly string[];
}

export const NO_EDITS: EditedFields = { result: null, names: [] };

/** The edits after `result`: none when they were made after another one. */
export function editedSince(tracked: EditedFields, result: ActionState): readonly string[] {
  return tracked.result === result ? tracked.names : [];
}

/**
 * Records that the field `name` changed while `result` is shown. The same object back when nothing
 * changes (no refusal shown, the field already counted), so React skips the render on every further
 * keystroke.
 */
export function markEdited(tracked: EditedFields, result: ActionState, name: string): EditedFields {
  if (result.status !== "error" || name === "") return tracked;
  const names = editedSince(tracked, result);
  if (names.includes(name)) return tracked;
  return { result, names: [...names, name] };
}

/**
 * The result as it is still to be shown: without the refusals of the fields edited since (the
 * schema's `fieldErrors`, or the one field a check in lib names with `details.field`). A refusal that
 * was only about fields, all of them edited, leaves nothing to say: idle.
 */
export function withoutEditedFields(result: ActionState, tracked: EditedFields): ActionState {
  if (result.status !== "error") return result;
  const edited = editedSince(tracked, result);
  if (edited.length === 0) return result;
  const field = result.details?.field;
  if (!result.fieldErrors) return typeof field === "string" && edited.includes(field) ? { status: "idle" } : result;
  const left = Object.entries(result.fieldErrors).filter(([name]) => !edited.includes(name));
  if (left.length === Object.keys(result.fieldErrors).length) return result;
  return left.length === 0 ? { status: "idle" } : { ...result, fieldErrors: Object.fromEntries(left) };
}

/** The fields a result refuses: its `fieldErrors`, and the field a check names (`details.field`). */
export function refusedFields(result: ActionState): string[] {
  if (result.status !== "error") return [];
  const names = Object.keys(result.fieldErrors ?? {});
  const field = result.details?.field;
  return typeof field === "string" && !names.includes(field) ? [...names, field] : names;
}

/**
 * The field a changed control belongs to: the `data-field` of its closest group (a set of inputs
 * refused as one, such as the tiers of a price) or else its own name. Null for controls without.
 */
export function fieldOfControl(control: { name?: unknown; closest?: (selector: string) => { getAttribute(name: string): string | null } | null }): string | null {
  const group = typeof control.closest === "function" ? control.closest("[data-field]")?.getAttribute("data-field") : null;
  if (group) return group;
  return typeof control.name === "string" && control.name !== "" ? control.name : null;
}
