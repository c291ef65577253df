/**
 * Security notices about a user's two-step verification, in their language. Pure. They carry no
 * link: a sign-in with a recovery code is made by whoever holds it, and a link built on that
 * request's host could point anywhere (the reason password-reset links need APP_URL).
 */

/** A message for the mail outbox (lib/data/mail-outbox.ts). */
export interface TwoStepMail {
  toEmail: string;
  toName: string;
  userId: number;
  kind: TwoStepMailKind;
  subject: string;
  bodyText: string;
}

export type TwoStepMailKind = "two_step_enabled" | "two_step_disabled" | "recovery_code_used";

export interface TwoStepMailFacts {
  /** When it happened, already formatted in the user's language. */
  when: string;
  /** Turned off by someone else (staff, the company's admin): their name. */
  byName?: string | null;
  /** recovery_code_used: unused codes left. */
  codesLeft?: number;
}

export function twoStepMail(kind: TwoStepMailKind, to: { id: number; email: string; name: string; locale: "nl" | "en" }, facts: TwoStepMailFacts): TwoStepMail {
  const nl = to.locale === "nl";
  const notYou = nl
    ? "Was u dit niet? Wijzig dan direct uw wachtwoord en neem contact op met uw accountmanager."
    : "If this was not you, change your password at once and contact your account manager.";
  const where = nl ? "U beheert dit in Koppel onder Mijn account → Profiel." : "You manage this in Koppel under My account → Profile.";
  const left = facts.codesLeft ?? 0;
  const content: Record<TwoStepMailKind, { subject: string; lines: string[] }> = nl
    ? {
        two_step_enabled: {
          subject: "Tweestapsverificatie is ingeschakeld",
          lines: [
            `Op ${facts.when} is tweestapsverificatie voor uw Koppel-account ingeschakeld. Bij het inloggen vragen we voortaan naast uw wachtwoord een code uit uw authenticator-app.`,
            "Bewaar uw herstelcodes op een veilige plek: daarmee logt u in als u uw telefoon niet bij de hand hebt.",
          ],
        },
        two_step_disabled: {
          subject: "Tweestapsverificatie is uitgeschakeld",
          lines: [
            facts.byName
              ? `Op ${facts.when} heeft ${facts.byName} tweestapsverificatie voor uw Koppel-account uitgeschakeld. U logt nu in met alleen uw wachtwoord; schakel het opnieuw in met uw (nieuwe) telefoon.`
              : `Op ${facts.when} is tweestapsverificatie voor uw Koppel-account uitgeschakeld. U logt nu in met alleen uw wachtwoord.`,
            "Uw andere sessies zijn beëindigd.",
          ],
        },
        recovery_code_used: {
          subject: "Er is ingelogd met een herstelcode",
          lines: [
            `Op ${facts.when} is op uw Koppel-account ingelogd met een herstelcode. Die code werkt niet meer.`,
            left === 0
              ? "U hebt geen herstelcodes meer over: maak nieuwe aan onder Mijn account → Profiel."
              : `U hebt nog ${left} ${left === 1 ? "herstelcode" : "herstelcodes"} over.${left <= 3 ? " Maak op tijd nieuwe aan." : ""}`,
          ],
        },
      }
    : {
        two_step_enabled: {
          subject: "Two-step verification is on",
          lines: [
            `Two-step verification was turned on for your Koppel account on ${facts.when}. From now on, signing in asks for a code from your authenticator app as well as your password.`,
            "Keep your recovery codes somewhere safe: they sign you in when you do not have your phone.",
          ],
        },
        two_step_disabled: {
          subject: "Two-step verification is off",
          lines: [
            facts.byName
              ? `${facts.byName} turned two-step verification off for your Koppel account on ${facts.when}. You now sign in with your password only; turn it on again with your (new) phone.`
              : `Two-step verification was turned off for your Koppel account on ${facts.when}. You now sign in with your password only.`,
            "Your other sessions have been ended.",
          ],
        },
        recovery_code_used: {
          subject: "A recovery code was used to sign in",
          lines: [
            `Someone signed in to your Koppel account with a recovery code on ${facts.when}. That code no longer works.`,
            left === 0
              ? "You have no recovery codes left: create new ones under My account → Profile."
              : `You have ${left} recovery ${left === 1 ? "code" : "codes"} left.${left <= 3 ? " Create new ones in time." : ""}`,
          ],
        },
      };
  const { subject, lines } = content[kind];
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind,
    subject,
    bodyText: [nl ? `Beste ${to.name},` : `Dear ${to.name},`, "", ...lines, "", where, notYou].join("\n"),
  };
}
