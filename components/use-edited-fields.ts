"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ActionState } from "@/lib/actions/safe-action";
import { fieldOfControl, markEdited, NO_EDITS, refusedFields, withoutEditedFields } from "@/lib/forms/edited-fields";

/**
 * A form action's result as still to be shown: a refused field's message (and its aria-invalid) goes
 * once the user changes that field, not at the next submit (lib/forms/edited-fields.ts). Put
 * `onChange` on the <form>: React's change events bubble from every control in it.
 *
 * With `markInvalid`, the hook also sets aria-invalid on the refused controls of `formRef`'s form, for
 * forms whose fields are the caller's markup (ActionForm's children) and so cannot take it as a prop.
 * It only ever removes the marks it set itself.
 */
export function useEditedFields(state: ActionState, { markInvalid = false }: { markInvalid?: boolean } = {}) {
  const [tracked, setTracked] = useState(NO_EDITS);
  const formRef = useRef<HTMLFormElement>(null);
  // The same object from render to render until something changes: effects may depend on it.
  const shown = useMemo(() => withoutEditedFields(state, tracked), [state, tracked]);
  const onChange = useCallback(
    (event: React.FormEvent<HTMLFormElement>) => {
      const name = fieldOfControl(event.target as HTMLElement & { name?: unknown });
      if (name) setTracked((previous) => markEdited(previous, state, name));
    },
    [state],
  );
  const refused = markInvalid ? refusedFields(shown).join("\n") : "";
  useEffect(() => {
    const form = formRef.current;
    if (!markInvalid || !form) return;
    const names = new Set(refused ? refused.split("\n") : []);
    for (const control of Array.from(form.elements)) {
      if (!(control instanceof HTMLInputElement || control instanceof HTMLSelectElement || control instanceof HTMLTextAreaElement)) continue;
      if (control.type === "hidden") continue;
      const name = fieldOfControl(control);
      if (name && names.has(name)) {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("data-refused", "");
      } else if (control.hasAttribute("data-refused")) {
        control.removeAttribute("aria-invalid");
        control.removeAttribute("data-refused");
      }
    }
  }, [markInvalid, refused]);
  return { shown, onChange, formRef };
}
