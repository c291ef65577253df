import type { OutgoingMail } from "@/lib/data/user-accounts";

/**
 * To the colleague who took over a departed user's favorites lists and standing orders: what they
 * now own, and that those standing orders order in their name. Plain text, in their language. Pure.
 */
export function handOverMail(
  to: { id: number; email: string; name: string; locale: "nl" | "en" },
  facts: { fromName: string; byName: string; lists: number; standingOrders: number; pausedStandingOrders: number; favoritesLink: string },
): OutgoingMail & { userId: number } {
  const nl = to.locale === "nl";
  const lists = nl ? `${facts.lists} ${facts.lists === 1 ? "bestellijst" : "bestellijsten"}` : `${facts.lists} favorites ${facts.lists === 1 ? "list" : "lists"}`;
  const standing = nl
    ? `${facts.standingOrders} ${facts.standingOrders === 1 ? "vaste bestelling" : "vaste bestellingen"}`
    : `${facts.standingOrders} standing ${facts.standingOrders === 1 ? "order" : "orders"}`;
  const lines = nl
    ? [
        `Beste ${to.name},`,
        "",
        `${facts.byName} heeft ${lists}${facts.standingOrders > 0 ? ` en ${standing}` : ""} van ${facts.fromName} aan u overgedragen.`,
        ...(facts.standingOrders > 0
          ? [
              "Vaste bestellingen bestellen voortaan op uw naam: uw bestellimiet en de goedkeuringen van uw bedrijf gelden, en u krijgt de herinneringen.",
              ...(facts.pausedStandingOrders > 0 ? [`${facts.pausedStandingOrders} daarvan ${facts.pausedStandingOrders === 1 ? "staat" : "staan"} gepauzeerd tot u ze hervat.`] : []),
            ]
          : []),
        "",
        `Uw bestellijsten: ${facts.favoritesLink}`,
      ]
    : [
        `Dear ${to.name},`,
        "",
        `${facts.byName} handed ${lists}${facts.standingOrders > 0 ? ` and ${standing}` : ""} of ${facts.fromName} over to you.`,
        ...(facts.standingOrders > 0
          ? [
              "Standing orders now order in your name: your order limit and your company's approvals apply, and the reminders come to you.",
              ...(facts.pausedStandingOrders > 0 ? [`${facts.pausedStandingOrders} of them ${facts.pausedStandingOrders === 1 ? "is" : "are"} paused until you resume ${facts.pausedStandingOrders === 1 ? "it" : "them"}.`] : []),
            ]
          : []),
        "",
        `Your favorites lists: ${facts.favoritesLink}`,
      ];
  return {
    toEmail: to.email,
    toName: to.name,
    userId: to.id,
    kind: "hand_over",
    subject: nl ? `Overgedragen: bestellijsten van ${facts.fromName}` : `Handed over: favorites lists of ${facts.fromName}`,
    bodyText: lines.join("\n"),
  };
}
