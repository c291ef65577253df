import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/admin/tabs";
import type { InvoiceState } from "@/lib/invoices/invoice-status";

const TONE = { open: "blue", paid: "green", overdue: "red" } as const;

/** A credit note's "open" is ours to settle: it reads "Te verrekenen", not an "Open" that sounds like a debt. */
export async function AdminInvoiceStatus({ status, kind = "invoice" }: { status: InvoiceState; kind?: "invoice" | "credit_note" }) {
  const t = await getTranslations(kind === "credit_note" ? "invoices.creditStatus" : "invoices.status");
  return (
    <Badge tone={TONE[status]}>
      <span data-testid="invoice-status" data-status={status}>
        {t(status)}
      </span>
    </Badge>
  );
}
