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
  kind: TwoStepMailKind | "two_step_required";
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

export interface TwoStepRequiredFacts {
  companyName: string;
  /** Who turned the requirement on (the company's admin or its account manager). */
  byName: string;
  /** When, already formatted in the user's language. */
  when: string;
}

/**
 * To each user of a customer who signs in with a password and has no two-step verification, when
 * the customer starts requiring it: what changes at their next visit and how to set it up. No link,
 * like the other notices (the user signs in as always and lands on the setup).
 */
export function twoStepRequiredMail(to: { id: number; email: string; name: string; locale: "nl" | "en" }, facts: TwoStepRequiredFacts): TwoStepMail {
  const nl = to.locale === "nl";
  const lines = nl
    ? [
        `${facts.companyName} vraagt voortaan tweestapsverificatie van iedereen die met een wachtwoord inlogt in Koppel (ingesteld door ${facts.byName} op ${facts.when}). Voor uw account staat die nog niet aan.`,
        "Bij uw volgende bezoek logt u in zoals altijd en stelt u eerst tweestapsverificatie in: u scant een QR-code met een authenticator-app op uw telefoon (zoals Microsoft Authenticator, Google Authenticator of 1Password) en bevestigt met een code uit die app. Daarna kunt u weer overal in de webshop; tot dan alleen bij uw profiel.",
        "Vragen? Neem contact op met de beheerder van uw organisatie of met uw accountmanager.",
      ]
    : [
        `${facts.companyName} now requires two-step verification of everyone who signs in to Koppel with a password (set by ${facts.byName} on ${facts.when}). It is not on for your account yet.`,
        "At your next visit you sign in as always and first set up two-step verification: you scan a QR code with an authenticator app on your phone (such as Microsoft Authenticator, Google Authenticator or 1Password) and confirm with a code from that app. Then the whole shop is open to you again; until then, only your profile.",
        "Questions? Contact your organization's administrator or your account manager.",
      ];
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: "two_step_required",
    subject: nl ? `Tweestapsverificatie is verplicht bij ${facts.companyName}` : `Two-step verification is required at ${facts.companyName}`,
    bodyText: [nl ? `Beste ${to.name},` : `Dear ${to.name},`, "", ...lines].join("\n"),
  };
}
