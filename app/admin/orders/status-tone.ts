import type { ShownOrderStatus } from "@/lib/orders/shown-status";

export function statusTone(status: ShownOrderStatus): "slate" | "green" | "amber" | "red" | "blue" {
  if (status === "needs_review") return "amber";
  if (status === "accepted" || status === "confirmed") return "green";
  if (status === "shipped" || status === "partly_shipped") return "blue";
  if (status === "rejected" || status === "cancelled") return "red";
  return "slate";
}
