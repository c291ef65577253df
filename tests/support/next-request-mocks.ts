import { vi } from "vitest";

/**
 * Stand-ins for the request scope of a server action, so action functions can be called directly
 * in tests: who is signed in (what `readSession()` returns) and the cookie jar. Everything after that –
 * getCurrentUser, the staff check, the database – runs for real.
 *
 * Usage (vi.mock calls are hoisted, so they must be in the test file):
 *   const request = vi.hoisted(() => ({ userId: null as number | null, cookies: new Map<string, string>() }));
 *   vi.mock("@/lib/auth", () => authMock(request));
 *   vi.mock("next/headers", () => headersMock(request));
 *   vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
 */
export interface RequestState {
  userId: number | null;
  cookies: Map<string, string>;
}

export function authMock(state: RequestState) {
  return {
    // Like a real sign-in, the session is bound to the user's current password (lib/auth/session-binding.ts).
    readSession: async () => {
      if (state.userId === null) return null;
      const [{ getActiveUserById }, { credentialOf }] = await Promise.all([import("@/lib/data/users"), import("@/lib/auth/session-binding")]);
      const user = await getActiveUserById(state.userId);
      return { userId: String(state.userId), credential: user?.passwordHash ? credentialOf({ ...user, passwordHash: user.passwordHash }) : undefined };
    },
    signIn: vi.fn(),
    signOut: vi.fn(),
    rebindSession: vi.fn(),
    handlers: {},
    signInSchema: { safeParse: () => ({ success: false }) },
  };
}

export function headersMock(state: RequestState) {
  const jar = {
    get: (name: string) => (state.cookies.has(name) ? { name, value: state.cookies.get(name)! } : undefined),
    getAll: () => [...state.cookies].map(([name, value]) => ({ name, value })),
    has: (name: string) => state.cookies.has(name),
    set: (name: string, value: string, options?: { maxAge?: number }) => {
      if (options?.maxAge === 0 || value === "") state.cookies.delete(name);
      else state.cookies.set(name, value);
    },
    delete: (name: string) => state.cookies.delete(name),
  };
  return {
    cookies: async () => jar,
    headers: async () => new Headers({ host: "localhost:3000" }),
  };
}

/** Runs an action that may end in Next's redirect(); returns the redirect target or the state. */
export async function runAction<T>(call: () => Promise<T>): Promise<{ redirect: string } | { state: T }> {
  try {
    return { state: await call() };
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2]! };
    throw error;
  }
}
