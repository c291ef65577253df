import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { getActiveUserById } from "@/lib/data/users";
import { env } from "@/lib/env";
import { clientAddress } from "./client-address";
import { credentialFromRebindTicket, credentialOf, rebindTicket } from "./session-binding";
import { decodeSessionCookie, type SessionClaims } from "./session-token";
import { signInShopUser } from "./shop-sign-in";

declare module "next-auth" {
  interface Session {
    user: { id: string } & DefaultSession["user"];
    /** Fingerprint of the password hash the session was signed in with (lib/auth/session-binding.ts). */
    credential?: string;
  }
  interface User {
    credential?: string;
  }
}

export const signInSchema = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
  /** The second step: a code from the authenticator app or a recovery code (lib/two-step). */
  code: z.string().trim().max(64).optional().transform((value) => value || undefined),
});

/** Too many failed sign-ins for this address or client (lib/auth/shop-sign-in.ts); `code` reaches the login action. */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
}

/** The password was right; the user has two-step verification on and no code came with it. */
export class SignInNeedsSecondStep extends CredentialsSignin {
  code = "two_step_required";
}

/** The password was right; the code was wrong or had been used already (counted as a failure). */
export class SignInSecondStepWrong extends CredentialsSignin {
  code = "two_step_invalid";
}

const nextAuth = NextAuth({
  secret: env.AUTH_SECRET,
  // Koppel runs behind the customer's own host name; Auth.js must not insist on AUTH_URL.
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {}, code: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password, code } = parsed.data;
        const result = await signInShopUser(email, password, { remoteAddress: clientAddress(request.headers), now: new Date(), code });
        if (!result.ok) {
          if (result.reason === "throttled") throw new SignInThrottled();
          if (result.reason === "two_step_required") throw new SignInNeedsSecondStep();
          if (result.reason === "two_step_invalid") throw new SignInSecondStepWrong();
          return null;
        }
        const { user } = result;
        return { id: String(user.id), email: user.email, name: user.name, credential: credentialOf(user) };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user, trigger, session }) {
      if (user?.id) {
        token.sub = user.id;
        token.credential = user.credential;
      }
      // Only our own server actions move a session to a new fingerprint (rebindSession below).
      if (trigger === "update") {
        const credential = credentialFromRebindTicket((session as { rebind?: unknown } | undefined)?.rebind, token.sub, Date.now());
        if (credential) token.credential = credential;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (typeof token.credential === "string") session.credential = token.credential;
      return session;
    },
  },
});

export const { handlers, signIn, signOut } = nextAuth;

/**
 * Keeps the current session after the signed-in user turned their own two-step verification on or
 * off (which ends all their sessions: lib/auth/session-binding.ts): re-signs its cookie with the new
 * fingerprint. Call only from a server action that has just checked the user's password and code.
 */
export async function rebindSession(userId: number): Promise<void> {
  const user = await getActiveUserById(userId);
  if (!user?.passwordHash) return;
  await nextAuth.unstable_update({ rebind: rebindTicket(user.id, credentialOf({ ...user, passwordHash: user.passwordHash }), Date.now()) } as never);
}

/**
 * The only session accessor; deduplicated per request. Decodes the session cookie instead of calling
 * Auth.js's `auth()`, which runs its whole session endpoint per call and then throws away the
 * rolled cookie it re-encrypted (pages cannot set cookies; it drops it in actions too): that was
 * ~8 % of a page's server CPU (BENCHMARKS.md). Sessions therefore end 8 h after sign-in, as before.
 * The cookies come from `cookies()`, not the Cookie header: after a server action that signed the
 * session again (rebindSession, a password change) Next renders the page with the action's new
 * cookies, while `headers()` still has the request's old Cookie header.
 */
export const readSession = cache(async (): Promise<SessionClaims | null> => {
  if (!env.AUTH_SECRET) return null;
  const [requestHeaders, jar] = await Promise.all([headers(), cookies()]);
  const all = jar.getAll();
  return decodeSessionCookie({
    cookieHeader: all.length ? all.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ") : null,
    forwardedProto: requestHeaders.get("x-forwarded-proto"),
    authUrl: process.env.AUTH_URL ?? process.env.NEXTAUTH_URL,
    secret: env.AUTH_SECRET,
  });
});
