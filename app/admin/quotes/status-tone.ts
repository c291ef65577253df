import type { QuoteState } from "@/lib/quotes/quote-rules";

/** Badge colour per quote state: amber = waiting for us, blue = waiting for the customer. */
export function quoteTone(state: QuoteState): "slate" | "green" | "amber" | "red" | "blue" {
  if (state === "requested") return "amber";
  if (state === "quoted") return "blue";
  if (state === "accepted" || state === "ordered") return "green";
  if (state === "declined" || state === "rejected") return "red";
  return "slate";
}
