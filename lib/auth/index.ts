import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { clientAddress } from "./client-address";
import { credentialFingerprint } from "./session-binding";
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
});

/** Too many failed sign-ins for this address or client (lib/auth/shop-sign-in.ts); `code` reaches the login action. */
export class SignInThrottled extends CredentialsSignin {
  code = "throttled";
}

const nextAuth = NextAuth({
  secret: env.AUTH_SECRET,
  // Koppel runs behind the customer's own host name; Auth.js must not insist on AUTH_URL.
  trustHost: true,
  session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await signInShopUser(parsed.data.email, parsed.data.password, { remoteAddress: clientAddress(request.headers), now: new Date() });
        if (!result.ok) {
          if (result.reason === "throttled") throw new SignInThrottled();
          return null;
        }
        const { user } = result;
        return { id: String(user.id), email: user.email, name: user.name, credential: credentialFingerprint(user.passwordHash) };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.credential = user.credential;
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
 * The only session accessor; deduplicated per request. Decodes the session cookie instead of calling
 * Auth.js's `auth()`, which runs its whole session endpoint per call and then throws away the
 * rolled cookie it re-encrypted (pages cannot set cookies; it drops it in actions too): that was
 * ~8 % of a page's server CPU (BENCHMARKS.md). Sessions therefore end 8 h after sign-in, as before.
 */
export const readSession = cache(async (): Promise<SessionClaims | null> => {
  if (!env.AUTH_SECRET) return null;
  const requestHeaders = await headers();
  return decodeSessionCookie({
    cookieHeader: requestHeaders.get("cookie"),
    forwardedProto: requestHeaders.get("x-forwarded-proto"),
    authUrl: process.env.AUTH_URL ?? process.env.NEXTAUTH_URL,
    secret: env.AUTH_SECRET,
  });
});
