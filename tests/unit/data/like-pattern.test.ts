import { describe, expect, it } from "vitest";
import { containsPattern, escapeLike } from "@/lib/data/sql";

describe("LIKE patterns from user input", () => {
  it.each([
    ["plain", "plain"],
    ["50%", "50\\%"],
    ["SENDER_1", "SENDER\\_1"],
    ["a\\b", "a\\\\b"],
    ["%_\\", "\\%\\_\\\\"],
    ["", ""],
  ])("escapeLike(%j) = %j", (text, escaped) => {
    expect(escapeLike(text)).toBe(escaped);
  });

  it("containsPattern matches the text anywhere, literally", () => {
    expect(containsPattern("10%")).toBe("%10\\%%");
  });
});
