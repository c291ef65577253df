/** Anything with a text value: an <input>, or a plain object in a test. */
export interface TextField {
  value: string;
}

/**
 * A group of fields that show one text: what is typed in one is written into the others. The fields
 * stay uncontrolled (React does not own their value), so the server renders them as before, text
 * typed before the page's script has run is not overwritten by it, and a `key` still resets them.
 * Pure: no DOM, no React.
 */
export function mirroredFields<Field extends TextField>() {
  const fields = new Set<Field>();
  return {
    /** Joins the group; the function it returns leaves it (the shape of a React 19 ref callback and its cleanup). */
    join(field: Field | null): (() => void) | undefined {
      if (!field) return undefined;
      fields.add(field);
      return () => {
        fields.delete(field);
      };
    },
    /** The text of the field typed in goes into every other field of the group. */
    typedIn(source: Field): void {
      for (const field of fields) if (field !== source && field.value !== source.value) field.value = source.value;
    },
  };
}
