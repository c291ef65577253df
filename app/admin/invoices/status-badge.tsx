import { getTranslations } from "next-intl/server";
import { Badge } from "@/components/admin/tabs";
import type { InvoiceState } from "@/lib/invoices/invoice-status";

const TONE = { open: "blue", paid: "green", overdue: "red" } as const;

export async function AdminInvoiceStatus({ status }: { status: InvoiceState }) {
  const t = await getTranslations("invoices.status");
  return (
    <Badge tone={TONE[status]}>
      <span data-testid="invoice-status" data-status={status}>
        {t(status)}
      </span>
    </Badge>
  );
}
