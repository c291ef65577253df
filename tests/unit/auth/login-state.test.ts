import { describe, expect, it } from "vitest";
import { initialLoginState, nextLoginState, type LoginState } from "@/lib/auth/login-state";

const codeStep: LoginState = { step: "code", error: null };

describe("the sign-in form's steps", () => {
  it.each([
    ["a wrong password", initialLoginState, "invalid", { step: "password", error: "invalid" }],
    ["a blocked address", initialLoginState, "throttled", { step: "password", error: "throttled" }],
    ["the right password of a user with two-step verification", initialLoginState, "two_step_required", { step: "code", error: null }],
    ["a wrong or reused code", codeStep, "two_step_invalid", { step: "code", error: "code_invalid" }],
    ["an empty code in the code step", codeStep, "two_step_required", { step: "code", error: "code_invalid" }],
    ["too many wrong codes", codeStep, "throttled", { step: "code", error: "throttled" }],
    ["a password changed meanwhile, in the code step", codeStep, "invalid", { step: "password", error: "invalid" }],
  ] as const)("%s", (_label, previous, refusal, expected) => {
    expect(nextLoginState(previous, refusal)).toEqual(expected);
  });
});
