import { describe, expect, it } from "vitest";
import { mirroredFields, type TextField } from "@/components/layout/mirrored-fields";

/**
 * The header's two search fields (phone and desktop copy) show one text: typed in one, it is in the
 * other, so widening past the breakpoint does not show an empty field. Fields are plain objects here.
 */
describe("mirrored fields", () => {
  const cases: { what: string; fields: string[]; leave: string[]; typeIn: string; text: string; expected: Record<string, string> }[] = [
    { what: "typed on the phone, the desktop field holds it", fields: ["phone", "desktop"], leave: [], typeIn: "phone", text: "handschoen", expected: { phone: "handschoen", desktop: "handschoen" } },
    { what: "and the other way round", fields: ["phone", "desktop"], leave: [], typeIn: "desktop", text: "boor 8 mm", expected: { phone: "boor 8 mm", desktop: "boor 8 mm" } },
    { what: "emptied in one, empty in the other", fields: ["phone", "desktop"], leave: [], typeIn: "phone", text: "", expected: { phone: "", desktop: "" } },
    { what: "a field that left (unmounted) is no longer written", fields: ["phone", "desktop", "fallback"], leave: ["fallback"], typeIn: "phone", text: "kabel", expected: { phone: "kabel", desktop: "kabel", fallback: "zoek" } },
    { what: "a field alone has nobody to write to", fields: ["phone"], leave: [], typeIn: "phone", text: "tape", expected: { phone: "tape" } },
  ];

  it.each(cases)("$what", ({ fields, leave, typeIn, text, expected }) => {
    const group = mirroredFields<TextField>();
    const byName = new Map(fields.map((name) => [name, { value: "zoek" }]));
    const leaves = new Map(fields.map((name) => [name, group.join(byName.get(name)!)]));
    for (const name of leave) leaves.get(name)!();
    const source = byName.get(typeIn)!;
    source.value = text;
    group.typedIn(source);
    expect(Object.fromEntries([...byName].map(([name, field]) => [name, field.value]))).toEqual(expected);
  });

  it("a ref called with null (no field) joins nothing and has nothing to clean up", () => {
    expect(mirroredFields<TextField>().join(null)).toBeUndefined();
  });
});
