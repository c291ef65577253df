import { dateText } from "@/lib/format";
import type { SkippedStandingOrderLine, StandingOrderPauseReason } from "@/lib/standing-orders/schedule";
import type { MailMessage } from "./send-mail";

/** Plain-text e-mail to the owner of a standing order after each run, in their profile language. Pure. */

interface Person {
  id: number;
  email: string;
  name: string;
  locale: "nl" | "en";
}

export interface StandingOrderRunFacts {
  listName: string;
  /** YYYY-MM-DD, as every date here; the mail writes it the way the app does ("30 nov 2026"). */
  runOn: string;
  outcome: "placed" | "awaiting_approval" | "nothing_orderable" | "paused";
  /** Placed, but beyond the customer's credit limit: held for the supplier's review (lib/orders/credit.ts). */
  creditHold?: boolean;
  orderNumber: string | null;
  /** The order's subtotal excl. VAT, formatted for the recipient. */
  subtotal: ((locale: "nl" | "en") => string) | null;
  skipped: SkippedStandingOrderLine[];
  nextRunOn: string | null;
  pausedReason: StandingOrderPauseReason | null;
  /** The list's page (settings and runs); the order's page when one was placed. */
  listLink: string;
  orderLink: string | null;
}

const SKIP_REASON = {
  nl: { unavailable: "niet meer leverbaar", not_in_assortment: "niet meer in uw contractassortiment", quantity_rule: "aantal past niet meer bij de bestelregels" },
  en: { unavailable: "no longer available", not_in_assortment: "no longer in your contract assortment", quantity_rule: "quantity no longer fits the ordering rules" },
} as const;

const PAUSE_REASON = {
  nl: {
    owner_inactive: "het account waarmee de bestelling is ingesteld is niet meer actief",
    no_ship_to: "het afleveradres bestaat niet meer of is niet meer voor deze gebruiker beschikbaar",
    cost_center: "de kostenplaats bestaat niet meer of er moet een kostenplaats worden gekozen",
    po_number: "uw organisatie vraagt nu bij elke bestelling een inkoopordernummer en deze vaste bestelling heeft er geen",
  },
  en: {
    owner_inactive: "the account that set it up is no longer active",
    no_ship_to: "the delivery address no longer exists or is no longer available to its owner",
    cost_center: "its cost center no longer exists, or one must now be chosen",
    po_number: "your organization now requires a PO number on every order and this standing order has none",
  },
} as const;

/** The lines a run left out and why, after an empty line (none: nothing); the order confirmation of a run repeats them. */
export function skippedLinesText(skipped: SkippedStandingOrderLine[], locale: "nl" | "en"): string[] {
  const nl = locale === "nl";
  return skipped.length
    ? [
        "",
        nl ? "Niet besteld:" : "Not ordered:",
        ...skipped.map(
          (line) =>
            `- ${line.sku} ${line.name} (${line.quantity}): ${SKIP_REASON[locale][line.reason]}` +
            (line.successor ? (nl ? ` – vervangen door ${line.successor.sku} ${line.successor.name}` : ` – replaced by ${line.successor.sku} ${line.successor.name}`) : ""),
        ),
      ]
    : [];
}

/**
 * After each run that did not end in a confirmed order: awaiting approval, held for our credit
 * review, nothing orderable, stopped. A run whose order is placed sends the order confirmation
 * instead (lib/mail/order-confirmation-mail.ts), which carries this mail's news.
 */
export function standingOrderRunMail(to: Person, run: StandingOrderRunFacts): MailMessage {
  const nl = to.locale === "nl";
  const lang = nl ? "nl" : "en";
  const skipped = skippedLinesText(run.skipped, lang);
  const runOn = dateText(run.runOn, lang);
  const next = run.nextRunOn ? ["", nl ? `Volgende bestelling: ${dateText(run.nextRunOn, lang)}.` : `Next order: ${dateText(run.nextRunOn, lang)}.`] : [];
  const subjects = {
    placed: nl ? `Vaste bestelling "${run.listName}" geplaatst: ${run.orderNumber}` : `Standing order "${run.listName}" placed: ${run.orderNumber}`,
    awaiting_approval: nl
      ? `Vaste bestelling "${run.listName}" wacht op goedkeuring: ${run.orderNumber}`
      : `Standing order "${run.listName}" awaits approval: ${run.orderNumber}`,
    nothing_orderable: nl ? `Vaste bestelling "${run.listName}": niets besteld` : `Standing order "${run.listName}": nothing ordered`,
    paused: nl ? `Vaste bestelling "${run.listName}" is gestopt` : `Standing order "${run.listName}" has stopped`,
  };
  const subtotal = run.subtotal?.(lang) ?? "";
  const lead = {
    placed: nl
      ? `Uw vaste bestelling "${run.listName}" van ${runOn} is geplaatst als order ${run.orderNumber} (${subtotal} excl. btw), tegen de prijzen van vandaag.`
      : `Your standing order "${run.listName}" of ${runOn} was placed as order ${run.orderNumber} (${subtotal} excl. VAT), at today's prices.`,
    awaiting_approval: nl
      ? `Uw vaste bestelling "${run.listName}" van ${runOn} is geplaatst als order ${run.orderNumber} (${subtotal} excl. btw) en wacht op goedkeuring.`
      : `Your standing order "${run.listName}" of ${runOn} was placed as order ${run.orderNumber} (${subtotal} excl. VAT) and awaits approval.`,
    nothing_orderable: nl
      ? `Uit uw vaste bestelling "${run.listName}" van ${runOn} kon niets worden besteld.`
      : `Nothing could be ordered from your standing order "${run.listName}" of ${runOn}.`,
    paused: nl
      ? `Uw vaste bestelling "${run.listName}" is gestopt: ${run.pausedReason ? PAUSE_REASON.nl[run.pausedReason] : ""}. Stel hem opnieuw in om weer te bestellen.`
      : `Your standing order "${run.listName}" has stopped: ${run.pausedReason ? PAUSE_REASON.en[run.pausedReason] : ""}. Set it up again to order again.`,
  };
  const hold =
    run.outcome === "placed" && run.creditHold
      ? [
          "",
          nl
            ? "De order gaat boven de kredietlimiet van uw bedrijf en wordt eerst door ons beoordeeld; we nemen contact op als dat nodig is."
            : "The order goes beyond your company's credit limit and is reviewed by us first; we will contact you if needed.",
        ]
      : [];
  const links = [
    "",
    ...(run.orderLink ? [nl ? `Order bekijken: ${run.orderLink}` : `View the order: ${run.orderLink}`] : []),
    nl ? `Lijst en instellingen: ${run.listLink}` : `List and settings: ${run.listLink}`,
  ];
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: "standing_order_run",
    subject: subjects[run.outcome],
    bodyText: [nl ? `Beste ${to.name},` : `Dear ${to.name},`, "", lead[run.outcome], ...hold, ...skipped, ...next, ...links].join("\n"),
  };
}

/** Two days ahead: what will be ordered and roughly for how much, with the way to skip or change it. */
export function standingOrderReminderMail(
  to: Person,
  run: { listName: string; runOn: string; lineCount: number; subtotal: (locale: "nl" | "en") => string; listLink: string },
): MailMessage {
  const nl = to.locale === "nl";
  const runOn = dateText(run.runOn, to.locale);
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: "standing_order_reminder",
    subject: nl ? `Vaste bestelling "${run.listName}" wordt op ${runOn} geplaatst` : `Standing order "${run.listName}" will be placed on ${runOn}`,
    bodyText: [
      nl ? `Beste ${to.name},` : `Dear ${to.name},`,
      "",
      nl
        ? `Op ${runOn} plaatsen we uw vaste bestelling "${run.listName}": ${run.lineCount} ${run.lineCount === 1 ? "regel" : "regels"}, ongeveer ${run.subtotal("nl")} excl. btw tegen de prijzen van vandaag.`
        : `On ${runOn} we will place your standing order "${run.listName}": ${run.lineCount} ${run.lineCount === 1 ? "line" : "lines"}, about ${run.subtotal("en")} excl. VAT at today's prices.`,
      "",
      nl ? `Iets wijzigen of deze keer overslaan: ${run.listLink}` : `Change something or skip this one: ${run.listLink}`,
    ].join("\n"),
  };
}
