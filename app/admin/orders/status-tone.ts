import type { OrderStatus } from "@/db/schema";

export function statusTone(status: OrderStatus): "slate" | "green" | "amber" | "red" | "blue" {
  if (status === "needs_review") return "amber";
  if (status === "accepted" || status === "confirmed") return "green";
  if (status === "shipped") return "blue";
  if (status === "rejected" || status === "cancelled") return "red";
  return "slate";
}
