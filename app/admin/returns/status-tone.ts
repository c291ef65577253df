import type { ReturnStatus } from "@/lib/returns/return-rules";

/** Badge colour per return status: amber = waiting for us, blue = waiting for the goods. */
export function returnTone(status: ReturnStatus): "slate" | "green" | "amber" | "red" | "blue" {
  if (status === "requested") return "amber";
  if (status === "approved") return "blue";
  if (status === "completed") return "green";
  if (status === "rejected") return "red";
  return "slate";
}
