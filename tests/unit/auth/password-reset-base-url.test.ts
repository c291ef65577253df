import { afterEach, describe, expect, it, vi } from "vitest";

// Which host a self-service reset link may name (lib/auth/password-reset.ts): never one taken from
// the request in production, where the requester chooses the Host header.
const settings = vi.hoisted(() => ({ appUrl: undefined as string | undefined }));
vi.mock("@/lib/env", () => ({
  env: {
    get APP_URL() {
      return settings.appUrl;
    },
  },
}));
vi.mock("@/lib/mail/base-url", () => ({ mailBaseUrl: async () => "http://host-from-the-request.example" }));

const { selfServiceResetBaseUrl } = await import("@/lib/auth/password-reset");

afterEach(() => {
  vi.unstubAllEnvs();
  settings.appUrl = undefined;
});

describe("selfServiceResetBaseUrl", () => {
  it.each([
    ["APP_URL in production", "https://shop.example.nl/", "production", "https://shop.example.nl"],
    ["APP_URL in development", "https://shop.example.nl", "development", "https://shop.example.nl"],
    ["no APP_URL in production: self-service reset is off", undefined, "production", null],
    ["no APP_URL in development: the request's host", undefined, "development", "http://host-from-the-request.example"],
  ])("%s", async (_case, appUrl, nodeEnv, expected) => {
    settings.appUrl = appUrl;
    vi.stubEnv("NODE_ENV", nodeEnv);
    expect(await selfServiceResetBaseUrl()).toBe(expected);
  });
});
