import { describe, expect, it } from "vitest";
import { LANGUAGE_FOCUS_FRESH_MS, languageFocusMark, languageToFocus } from "@/lib/a11y/language-focus";

describe("language switch: the pressed button takes the focus again on the page it returns to", () => {
  const pressed = 1_800_000_000_000;

  it("a fresh mark for the page's language and path names that language", () => {
    const mark = languageFocusMark("en", "/products/ABC-1", pressed);
    expect(languageToFocus(mark, "en", "/products/ABC-1", pressed + 800)).toBe("en");
    expect(languageToFocus(mark, "en", "/products/ABC-1", pressed + LANGUAGE_FOCUS_FRESH_MS)).toBe("en");
  });

  it("not when the page speaks the other language (the switch failed) or is another page", () => {
    const mark = languageFocusMark("en", "/account", pressed);
    expect(languageToFocus(mark, "nl", "/account", pressed + 800)).toBeNull();
    expect(languageToFocus(mark, "en", "/account/orders", pressed + 800)).toBeNull();
  });

  it("not once the mark is stale, nor from the future (a clock set back)", () => {
    const mark = languageFocusMark("nl", "/", pressed);
    expect(languageToFocus(mark, "nl", "/", pressed + LANGUAGE_FOCUS_FRESH_MS + 1)).toBeNull();
    expect(languageToFocus(mark, "nl", "/", pressed - 1)).toBeNull();
  });

  it.each([null, "", "nl", "{", "null", "[]", '{"locale":"nl","path":"/"}', '{"locale":1,"path":"/","at":1800000000000}', '{"locale":"nl","at":1800000000000}', '{"locale":"nl","path":"/","at":"1800000000000"}'])(
    "anything else in the key is no mark: %s",
    (mark) => {
      expect(languageToFocus(mark, "nl", "/", pressed)).toBeNull();
    },
  );
});
